"""The critique engine: what is wrong with a key result, an objective or a whole OKR set.

    findings = critique_key_result("Publish 10 blog posts")
    is_good(findings)  # False: it counts an output

Each finding carries a rule id, a severity, a plain-words message, one line on why it
matters, and a suggestion built from the person's own text. One module per rule family,
each holding its detection and the words of its findings:

* ``task``: a key result that is a one-off task or deliverable;
* ``output``: a count of the team's own work (posts, events, hires);
* ``kpi``: a health metric kept steady rather than changed;
* ``measurable``: number, target, baseline and date;
* ``wording``: vague words, two results in one, vanity and ambiguous metrics;
* ``objective``: one objective; ``okr_set``: the limits on a whole set.

The text is read by ``text`` (words, opening verb), ``words`` (the shared word classes) and
``quantities`` (the numbers that can serve as a target); ``analysis`` puts a key result's
reading together and ``key_result`` turns it into findings. Rule ids and severities are in
``findings``; drafts with their structured fields are reviewed in ``review``, and
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
from okrcore.critique.key_result import critique_key_result
from okrcore.critique.objective import critique_objective
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
