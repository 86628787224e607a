"""Markdown out: the one-pager of every team's OKRs, with user text escaped to show as typed."""

from __future__ import annotations

import re

from okrcore.formats.statement import render_statement
from okrcore.model.numbers import display_number
from okrcore.model.records import KeyResult, WorkshopDoc

# One pass of a compiled pattern: the weekly digest escapes thousands of texts per rerun.
_SPECIAL = re.compile(r"[\\`*_\[\]<>|~$&#]")


def md_text(text: str) -> str:
    """Escape user text so a Markdown viewer shows it literally.

    Characters that start inline formatting are escaped, and so are ``&`` (an entity such
    as ``&copy;`` would render as ©) and ``#`` (a trailing `` #`` closes a heading and is
    dropped). Every use below puts a prefix ("- ", "## ", "> ") first, so line-start
    markers cannot take effect. CommonMark, GitHub, Notion and Confluence all read a
    backslash before punctuation as that character.
    """
    return _SPECIAL.sub(r"\\\g<0>", " ".join(text.split()))


def kr_details(kr: KeyResult) -> str:
    """One line of a key result's structured fields."""
    parts = []
    if kr.baseline is not None or kr.target is not None:
        unit = f" {kr.unit}" if kr.unit else ""
        parts.append(f"{display_number(kr.baseline, '?')} → {display_number(kr.target, '?')}{unit}")
    if kr.deadline:
        parts.append(f"by {kr.deadline.isoformat()}")
    if kr.owner:
        parts.append(f"owner {kr.owner}")
    return " · ".join(parts)


def export_markdown(doc: WorkshopDoc) -> str:
    """A one-pager: every team's OKRs as Doerr's sentence, with key-result details."""
    workshop = doc.workshop
    lines = [
        f"# {md_text(workshop.name)}: OKRs for {md_text(workshop.cycle_label)}",
        "",
        f"{md_text(workshop.organisation)} · {workshop.start} to {workshop.end} · "
        f"phase: {workshop.phase.value}".lstrip(" ·"),
        "",
    ]
    krs_by_objective: dict[str, list[KeyResult]] = {}
    for kr in doc.key_results:
        krs_by_objective.setdefault(kr.objective_id, []).append(kr)
    for team in sorted(doc.teams, key=lambda t: (not t.is_company, t.order)):
        objectives = sorted(
            (o for o in doc.objectives if o.team_id == team.id), key=lambda o: o.order
        )
        if not objectives:
            continue
        lines += [f"## {md_text(team.name)}", ""]
        for objective in objectives:
            krs = sorted(krs_by_objective.get(objective.id, []), key=lambda k: k.order)
            kind = f" ({objective.type.value})" if objective.type else ""
            sentence = render_statement(objective.text, [k.text for k in krs])
            lines += [f"### {md_text(objective.text)}{kind}", "", f"> {md_text(sentence)}", ""]
            for kr in krs:
                details = kr_details(kr)
                lines.append(
                    f"- {md_text(kr.text)}" + (f" — {md_text(details)}" if details else "")
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
