"""Sharing the retrospective: the Markdown report, the printable HTML report (with the
dashboard) and the lossless JSON."""

from __future__ import annotations

import streamlit as st

from okrcore.formats.json_export import export_json
from okrcore.formats.retro_report import retro_markdown
from okrcore.model.records import WorkshopDoc
from ui.report import file_stem, report_button


def exports(doc: WorkshopDoc, *, with_json: bool = True) -> None:
    """The Markdown report, and the lossless JSON (not for read-only links: it holds ids)."""
    st.divider()
    st.subheader("Share the retrospective", anchor=False)
    st.caption(
        "Publish a short summary after every retro: the Markdown report reads well in a wiki "
        "or an email; the HTML report adds the dashboard and the charts, and prints to PDF."
        + (" The JSON export holds the whole workshop, retro included, and can be imported "
           "again." if with_json else "")
    )  # fmt: skip
    stem = file_stem(f"retro-{doc.workshop.cycle_label}")
    buttons = st.container(horizontal=True, gap="small")
    buttons.download_button(
        "Download the report (Markdown)",
        data=lambda: retro_markdown(doc),
        file_name=f"{stem}.md",
        mime="text/markdown",
        icon=":material/description:",
        on_click="ignore",
        key="download_retro_md",
    )
    report_button(doc, key="download_report_retro", where=buttons)
    if not with_json:
        return
    buttons.download_button(
        "Download everything (JSON)",
        data=lambda: export_json(doc),
        file_name=f"{stem}.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click="ignore",
        key="download_retro_json",
    )
