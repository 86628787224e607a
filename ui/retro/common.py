"""What the retrospective's sections share: who may write, and a score shown as a badge."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Phase
from okrcore.rules.scoring import Band, band, round_score
from ui.context import PageContext

BAND_BADGE = {Band.GREEN: "green", Band.YELLOW: "orange", Band.RED: "red"}
BAND_ICON = {
    Band.GREEN: ":material/check_circle:",
    Band.YELLOW: ":material/change_history:",
    Band.RED: ":material/error:",
}


def can_write(ctx: PageContext) -> bool:
    """Everyone with the workshop link writes during the retrospective; nobody before or
    after, and never through a read-only link."""
    return ctx.doc.workshop.phase == Phase.RETROSPECTIVE and not ctx.read_only


def score_badge(score: float | None, where=st) -> None:
    """A score with its band in colour and in words."""
    if score is None:
        where.badge("Not scored", color="gray", icon=":material/remove:")
        return
    value = round_score(score)
    kind = band(score)
    where.badge(f"{value:.1f} · {kind.label}", color=BAND_BADGE[kind], icon=BAND_ICON[kind])
