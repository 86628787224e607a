"""The critique engine: what is wrong with a key result, an objective or a whole OKR set.

    findings = critique_key_result("Publish 10 blog posts")
    is_good(findings)  # False: it counts an output

Each finding carries a rule id, a severity, a plain-words message, one line on why it
matters, and a suggestion built from the person's own text. Rule ids and severities are
listed in :mod:`okrcore.critique.findings`; key results are read by
:mod:`okrcore.critique.signals`, whole sets are checked in :mod:`okrcore.critique.okr_set`,
drafts with their structured fields in :mod:`okrcore.critique.review`, and
``python -m okrcore.critique.evaluate`` measures the engine against labelled files.
The engine never raises on any text and needs no network or model: it is rules over word
classes, number and date patterns, so every finding can be explained.
"""

from okrcore.critique.findings import (
    KIND_RULES,
    VERDICT_RULES,
    Finding,
    by_severity,
    has_errors,
    is_good,
)
from okrcore.critique.key_result import critique_key_result, critique_objective
from okrcore.critique.okr_set import KeyResultSpec, ObjectiveSpec, critique_okr_set

__all__ = [
    "KIND_RULES",
    "VERDICT_RULES",
    "Finding",
    "KeyResultSpec",
    "ObjectiveSpec",
    "by_severity",
    "critique_key_result",
    "critique_objective",
    "critique_okr_set",
    "has_errors",
    "is_good",
]
