"""Page 5: the whole OKR set with its critique summary, publishing, and exports."""

from __future__ import annotations

import streamlit as st

from okrcore.critique.review import (
    key_results_by_objective,
    objectives_of,
    review_workshop,
    set_findings,
)
from okrcore.formats.csv_table import export_csv
from okrcore.formats.json_export import export_json
from okrcore.formats.markdown import export_markdown
from okrcore.formats.statement import render_statement
from okrcore.model.records import Phase, WorkshopDoc
from okrcore.rules.dependencies import unconfirmed_requests
from okrcore.services.drafting import publish
from ui.context import PageContext
from ui.critique_view import show_findings
from ui.live import keep_live
from ui.safe import label
from ui.widgets import callback, show_error

REFRESH_SECONDS = 10


def summary(doc: WorkshopDoc) -> int:
    """The per-team critique table; returns the number of open errors."""
    reviews = review_workshop(doc)
    rows = [
        {
            "Team": r.team.name,
            "Objectives": r.objectives,
            "Key results": r.key_results,
            "Good key results": r.good_key_results,
            "With errors": r.errors,
            "With warnings": r.warnings,
        }
        for r in reviews
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    st.caption(
        "“With errors” and “With warnings” count the objectives and key results that have "
        "at least one; the key results page shows each finding."
    )
    return sum(r.errors for r in reviews)


def dependency_summary(doc: WorkshopDoc) -> None:
    if not doc.dependencies:
        return
    waiting = unconfirmed_requests(doc)
    st.markdown(
        f"**Dependencies:** {len(doc.dependencies)} recorded, "
        f"{sum(1 for d in doc.dependencies if d.status == 'proposed')} not yet confirmed."
    )
    for warning in waiting:
        st.warning(
            f"{label(warning.message, 300)} {label(warning.action, 200)}",
            icon=":material/hourglass_empty:",
        )


def sentences(doc: WorkshopDoc) -> None:
    """Every team's OKRs in Doerr's sentence form."""
    grouped = key_results_by_objective(doc)
    for team in sorted(doc.teams, key=lambda t: (not t.is_company, t.order)):
        objectives = objectives_of(doc, team.id)
        if not objectives:
            continue
        st.markdown(f"**{label(team.name, 80)}**")
        for objective in objectives:
            krs = [k.text for k in grouped.get(objective.id, [])]
            kind = f" [{objective.type.value}]" if objective.type else ""
            st.text(render_statement(objective.text, krs) + kind)


def review(ctx: PageContext) -> None:
    """The critique summary and every team's OKRs as sentences."""
    doc = ctx.doc
    st.subheader("Critique summary", anchor=False)
    errors = summary(doc)
    st.session_state["open_errors"] = errors
    dependency_summary(doc)
    findings = set_findings(doc)
    if findings:
        st.subheader("Across the whole set", anchor=False)
        show_findings(findings)
    st.subheader("The OKRs", anchor=False)
    if not doc.objectives:
        st.info("No objectives yet. Teams write them on the Objectives page.")
    sentences(doc)


def keep_review_live(ctx: PageContext, ticking: bool) -> None:
    """While teams still draft, the review follows their changes, so it can be projected."""
    if ctx.doc.workshop.phase == Phase.DRAFTING:
        keep_live(ctx, REFRESH_SECONDS, ticking=ticking)


def publish_section(ctx: PageContext) -> None:
    """The facilitator publishes; open errors are listed and ask "publish anyway?"."""
    if ctx.doc.workshop.phase != Phase.DRAFTING:
        st.success("Published: teams now check in weekly.", icon=":material/campaign:")
        return
    if not ctx.is_facilitator:
        st.caption("The facilitator publishes the OKRs when the teams are ready.")
        return
    st.subheader("Publish", anchor=False)
    if not st.session_state.get("confirm_publish"):
        st.button(
            "Publish the OKRs",
            type="primary",
            icon=":material/campaign:",
            on_click=lambda: st.session_state.update(confirm_publish=True),
        )
        return
    open_errors = [e for r in review_workshop(ctx.doc) for e in r.open_errors]
    if open_errors:
        st.warning(
            f"{len(open_errors)} errors are still open. Warnings never block; errors are "
            "worth a last look. Publish anyway?",
            icon=":material/warning:",
        )
        for error in open_errors[:20]:
            st.text(f"• {error}")
    else:
        st.info("No open errors. Publishing makes the OKRs read-only and opens check-ins.")
    yes, no = st.columns(2)
    yes.button(
        "Publish anyway" if open_errors else "Yes, publish", type="primary",
        on_click=callback(
            lambda: (publish(ctx.repo, ctx.workshop_id, ctx.actor),
                     st.session_state.pop("confirm_publish", None)),
            slot="publish", success="Published. Check-ins are open.",
        ),
    )  # fmt: skip
    no.button("Not yet", on_click=lambda: st.session_state.pop("confirm_publish", None))
    show_error("publish")


def exports(ctx: PageContext) -> None:
    """Downloads for everyone, built when clicked from the latest saved data."""
    st.subheader("Export", anchor=False)
    name = ctx.doc.workshop.cycle_label.replace(" ", "_")[:40] or "okrs"

    def load() -> WorkshopDoc:
        return ctx.repo.load(ctx.workshop_id)

    cols = st.columns(4)
    cols[0].download_button(
        "One-pager (Markdown)", lambda: export_markdown(load()), file_name=f"okrs-{name}.md",
        mime="text/markdown", icon=":material/description:", on_click="ignore",
    )  # fmt: skip
    cols[1].download_button(
        "Key results (CSV)", lambda: export_csv(load()), file_name=f"key-results-{name}.csv",
        mime="text/csv", icon=":material/table:", on_click="ignore",
        help="For Google Sheets, LibreOffice and other tools that read UTF-8.",
    )  # fmt: skip
    cols[2].download_button(
        "Key results for Excel (CSV)", lambda: export_csv(load(), bom=True),
        file_name=f"key-results-{name}-excel.csv", mime="text/csv", icon=":material/table:",
        on_click="ignore", help="Marked as UTF-8, so Excel on Windows shows “Zürich” right.",
    )  # fmt: skip
    if ctx.read_only:  # the JSON holds the workshop's ids: not for read-only links
        return
    cols[3].download_button(
        "Whole workshop (JSON)", lambda: export_json(load()),
        file_name=f"workshop-{name}.json", mime="application/json",
        icon=":material/data_object:", on_click="ignore",
    )  # fmt: skip
    st.caption(
        "The JSON file holds everything but the workshop's secrets and can be imported back "
        "as a new workshop."
    )
    if ctx.is_facilitator:
        st.download_button(
            "Facilitator backup (JSON, with the workshop's secrets)",
            lambda: export_json(load(), with_secrets=True),
            file_name=f"workshop-{name}-backup.json", mime="application/json",
            icon=":material/lock:", on_click="ignore",
            help="Keeps the facilitator key's hash, the read-only link and the digest's "
            "webhook: store it safely.",
        )  # fmt: skip
