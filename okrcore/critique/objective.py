"""The critique of one objective: qualitative, one short sentence, a direction not a task."""

from __future__ import annotations

import re

from okrcore.critique.findings import (
    OBJ_EMPTY,
    OBJ_HAS_NUMBER,
    OBJ_TASK,
    OBJ_TOO_LONG,
    SEVERITY,
    Finding,
)
from okrcore.critique.quantities import find_quantities
from okrcore.critique.text import normalise, tokenise
from okrcore.reading.words import QUALITY_CUE, words_of

# An objective is one short sentence; past this many words it stops being memorable.
OBJECTIVE_MAX_WORDS = 20
# Verbs that make an objective a one-off deliverable rather than a direction.
_TASK_OBJECTIVE_VERBS = words_of(
    "launch ship release complete finish implement migrate deploy install upgrade fix hire "
    "publish document deliver build create set"
)
# Aspirational words turn "build ..." from a deliverable into a direction.
_ASPIRATION = re.compile(
    r"\b(?:best|great|world[- ]class|delight\w*|loved|leading|amazing|excellent|remarkable"
    r"|trusted|go-to|thriving|healthy|happy|first[- ]class|obvious)\b"
)


def _objective_finding(rule: str, message: str, why: str, suggestion: str | None) -> Finding:
    return Finding(rule, SEVERITY[rule], message, why, suggestion)


def critique_objective(text: str) -> list[Finding]:
    """Critique an objective: no numbers, one short sentence, a direction and not a task."""
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    if not text.strip():
        return [
            _objective_finding(
                OBJ_EMPTY,
                "This objective is empty.",
                "The objective is where the team wants to go; everything else hangs off it.",
                "Write one short, inspiring sentence about where you want to be.",
            )
        ]
    findings: list[Finding] = []
    words, ends = tokenise(normalise(text).lower())
    quantities = find_quantities(words, ends)
    if quantities:
        findings.append(
            _objective_finding(
                OBJ_HAS_NUMBER,
                f"This objective contains a number ('{words[quantities[0].index]}').",
                "A number in an objective is a key result in disguise.",
                "Move the number into a key result and keep the objective qualitative: "
                "say where you want to be and why it matters.",
            )
        )
    if len(words) > OBJECTIVE_MAX_WORDS:
        findings.append(
            _objective_finding(
                OBJ_TOO_LONG,
                f"This objective is long ({len(words)} words).",
                "An objective is one short sentence that people remember and repeat.",
                f"Cut it to {OBJECTIVE_MAX_WORDS} words or fewer; move details into the key "
                "results.",
            )
        )
    lead = next((word for word in words if word not in ("we", "will", "to")), "")
    aspirational = QUALITY_CUE.search(text.lower()) or _ASPIRATION.search(text.lower())
    if lead in _TASK_OBJECTIVE_VERBS and not aspirational:
        findings.append(
            _objective_finding(
                OBJ_TASK,
                "This objective reads like a task or a deliverable.",
                "An objective says where you want to go; a task is only one way to get there.",
                "Ask why the work matters and write that as the objective; keep the work as "
                "an initiative under a key result.",
            )
        )
    return findings
