"""Showing critique findings: severity as colour, icon and word; user text kept literal."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui.safe import md_escape

_BOXES = {
    "error": (st.error, ":material/error:", "Fix"),
    "warning": (st.warning, ":material/warning:", "Consider"),
    "info": (st.info, ":material/info:", "Note"),
}


def show_findings(findings: Sequence[object], *, empty: str | None = None) -> None:
    """One box per finding: the message, why it matters, and a suggested rewrite."""
    if not findings and empty:
        st.success(empty, icon=":material/check_circle:")
    for finding in findings:
        box, icon, word = _BOXES.get(finding.severity, _BOXES["info"])
        lines = [f"**{word}:** {md_escape(finding.message)}"]
        why = getattr(finding, "why", None)
        if why:
            lines.append(f"*Why it matters:* {md_escape(why)}")
        if finding.suggestion:
            lines.append(f"*Try:* {md_escape(finding.suggestion)}")
        box("  \n".join(lines), icon=icon)


def has_rule(findings: Sequence[object], rule: str) -> bool:
    return any(f.rule == rule for f in findings)
