"""Rule family: a key result that keeps a health metric steady (a KPI), not a change.

"Maintain 99.9% uptime", "Keep p95 under 2s", "No data-loss incidents": the method keeps
these as health metrics beside the OKRs. Detection is :func:`keeps_steady`; the finding the
person reads is :func:`finding`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from okrcore.critique.findings import (
    CHANGE_PLACEHOLDER,
    KR_KPI,
    Finding,
    consequences,
    make_finding,
)
from okrcore.critique.text import as_phrase, lead_role
from okrcore.reading.words import CHANGE

if TYPE_CHECKING:
    from okrcore.critique.analysis import KrAnalysis

# A guard-rail at zero: "no data-loss incidents", "ensure no ...", "prevent regressions".
# What it protects is a count (of incidents, regressions), so it can be checked.
ZERO_GUARD = re.compile(
    r"^(?:no|zero|0)\s|\bensure[sd]?\s+(?:that\s+)?(?:there\s+(?:is|are)\s+)?no\b"
    r"|\bnot\s+a\s+single\b|\bprevent(?:s|ing)?\b|\bwithout\s+(?:any\s+|new\s+)?regressions?\b"
)
# A level that must not move: "complaints do not rise", "does not slow page loads". Only a
# quantity rises or falls, so it can be checked.
NO_CHANGE = re.compile(
    r"\b(?:do|does|did|don't|doesn't|didn't)(?:\s+not)?\s+(?:\w+ly\s+)?(?:increase|grow|rise"
    r"|regress|exceed|drop|decrease|degrade|fall|go up|get worse|impact|affect|hurt|break|slow)\b"
)
# Guard-rail or steady-state wording: the key result protects a health metric.
KPI_CUE = re.compile(
    r"\b(?:(?:maintain|maintains|maintained|maintaining|keep|keeps|kept|keeping|retain|retains"
    r"|retaining|sustain|sustains|sustaining|preserve|preserves|preserving)\b"
    r"|holds?\s+the\s+line\b|at\s+all\s+times\b|continues?\s+to\b|(?:don't|do\s+not|never)\s+let\b"
    r"|(?:remains?|stays?|staying|remaining)\s+(?:under|below|above|within|at|less|over|"
    r"stable|steady|green|the same|unchanged|constant|flat)\b"
    rf"|{NO_CHANGE.pattern}"
    r"|(?:no|never)\s+more\s+than\b|not\s+(?:to\s+)?exceed\b"
    rf"|{ZERO_GUARD.pattern}"
    r"|(?:is|are|was|were)(?:n't|\s+not|\s+never)\s+(?:\w+ly\s+)?(?:blocked|affected|"
    r"impacted|degraded|broken|delayed)\b)"
)

WHY = (
    "OKRs drive a change; a number you only protect is a health metric, watched beside "
    "the OKRs every week."
)


# A cue that is not the key result's own verb: in a relative clause, people act ("5 users
# who retain for 3 weeks"); after an adjective, it describes a thing ("easy to maintain").
_NOT_OWN_VERB = re.compile(
    r"\b(?:who|that|which)\s+(?:\w+ly\s+)?$"
    r"|\b(?:easy|easier|simple|simpler|hard|harder|cheap|cheaper|possible|able)\s+to\s+$"
)
# Opening verbs that set a limit: "Limit dead-letter queue usage", "cap spend at ...".
LIMIT_LEAD = frozenset(("limit", "cap", "contain", "bound"))


def keeps_steady(main: str, lead: str | None) -> str | None:
    """The words that protect a level rather than move it ("maintain", "no more than"),
    unless it opens with a change verb: "reduce incidents, keeping ..." is still a change."""
    if lead_role(lead) == CHANGE:
        return None
    opening = main.split(maxsplit=1)[:1]
    if opening and opening[0] in LIMIT_LEAD:
        return opening[0]
    for match in KPI_CUE.finditer(main):
        if not _NOT_OWN_VERB.search(main, 0, match.start()):
            return match[0].strip()
    return None


def finding(text: str, analysis: KrAnalysis, covers: tuple[str, ...] = ()) -> Finding:
    metric = analysis.metric_text or "<metric>"
    cue = f"'{analysis.kind_cue}' keeps" if analysis.kind_cue else "This keeps"
    return make_finding(
        KR_KPI,
        f"{cue} a health metric steady rather than changing something"
        f"{consequences(covers)} for a change.",
        WHY,
        f"Keep '{as_phrase(text)}' as a health metric beside your OKRs and watch it weekly. "
        f"If it must move this cycle, write the change: 'Improve {metric} "
        f"{CHANGE_PLACEHOLDER}'.",
        covers,
    )
