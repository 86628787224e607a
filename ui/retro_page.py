"""The Retrospective page: the company picture, each team's scores and reflections, the
calibration across cycles, and the facilitator's carry-over into the next cycle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from okrcore.formats.json_export import export_json
from okrcore.formats.retro_report import retro_markdown
from okrcore.model.cycles import next_quarter
from okrcore.model.errors import OkrError
from okrcore.model.records import (
    NOTE_MAX,
    Decision,
    KeyResultRetro,
    ObjectiveRetro,
    ObjectiveStatus,
    Phase,
    RootCause,
    Team,
    TeamRetro,
    WorkshopDoc,
)
from okrcore.rules.carry_over import CARRIED_DECISIONS
from okrcore.rules.retro import (
    DECISION_HELP,
    DECISION_LABELS,
    ROOT_CAUSE_HELP,
    ROOT_CAUSE_LABELS,
    ObjectiveScore,
    ReadingKind,
    RetroSummary,
    TeamSummary,
    calibration,
    retro_summary,
)
from okrcore.rules.scoring import GREEN_FROM, Band, KeyResultScore, band, round_score
from okrcore.services.retro import (
    LESSON_PREFIX,
    CycleAlreadyStarted,
    add_lesson,
    add_win,
    earlier_cycles,
    existing_next_cycle,
    record_key_result_retro,
    record_objective_retro,
    remove_lesson,
    remove_win,
    start_next_cycle,
)
from okrcore.services.workshops import set_phase
from ui.charts import show
from ui.context import PageContext
from ui.home import workshop_link
from ui.nav import HOME, RETRO
from ui.retro_charts import BAND_RANGES, band_chart, calibration_chart, type_chart
from ui.safe import label, md_escape
from ui.team_picker import team_picker
from ui.widgets import act, callback, show_error, step_intro

BAND_BADGE = {Band.GREEN: "green", Band.YELLOW: "orange", Band.RED: "red"}
BAND_ICON = {
    Band.GREEN: ":material/check_circle:",
    Band.YELLOW: ":material/change_history:",
    Band.RED: ":material/error:",
}
GOOD_READINGS = {ReadingKind.COMMITMENT_KEPT, ReadingKind.SWEET_SPOT, ReadingKind.ABOVE_SWEET_SPOT}
WARNING_READINGS = {
    ReadingKind.POST_MORTEM,
    ReadingKind.MAYBE_TOO_SAFE,
    ReadingKind.TEAM_TOO_SAFE,
}
CREATED_NEXT_KEY = "retro_next_cycle"
ALREADY_STARTED_KEY = "retro_next_cycle_exists"
CONFIRM_CLOSE_KEY = "retro_confirm_close"
CALIBRATION_HEIGHT = 300


def render(ctx: PageContext) -> None:
    """The whole page, in the order a retro meeting runs."""
    step_intro(
        RETRO,
        "Hold the retrospective away from day-to-day work, and keep it blameless. Score every "
        "key result from 0.0 to 1.0, then look at what the score means for its type: a "
        "commitment short of 1.0 gets a post-mortem, a stretch goal is healthy around 0.7. "
        "Name a root cause for every key result under 0.7, write down what you learned, "
        "decide for each objective whether to keep, change or retire it, and celebrate the "
        "wins.",
        "“Activation ended at 52% (0.6). Root cause: dependency, the SSO work landed in week "
        "11. We learned that dependencies must be confirmed in week 1.”",
        "“We missed it because people did not try hard enough.” (blame, no cause to act on)",
    )
    phase = ctx.doc.workshop.phase
    if phase in (Phase.DRAFTING, Phase.TRACKING):
        not_open_yet(ctx)
        return
    if phase == Phase.CLOSED:
        st.info(
            "This cycle is closed and read-only for everyone. The scores, lessons and decisions "
            "below are the record of how it went.",
            icon=":material/lock:",
        )
    summary = retro_summary(ctx.doc)
    company_summary(summary)
    st.divider()
    team = team_picker(ctx)
    team_summary = next(t for t in summary.teams if t.team.id == team.id)
    team_section(ctx, team_summary)
    calibration_section(ctx)
    if ctx.is_facilitator:
        carry_over_section(ctx)
        close_section(ctx)
    exports(ctx.doc, with_json=not ctx.read_only)


def can_write(ctx: PageContext) -> bool:
    """Everyone with the workshop link writes during the retrospective; nobody before or
    after, and never through a read-only link."""
    return ctx.doc.workshop.phase == Phase.RETROSPECTIVE and not ctx.read_only


# -- before the retrospective ------------------------------------------------------------------
def not_open_yet(ctx: PageContext) -> None:
    workshop = ctx.doc.workshop
    when = (
        f"The retrospective opens at the end of the cycle, on {workshop.end:%d %B %Y}, when the "
        "facilitator moves the workshop to the retrospective phase."
    )
    if workshop.phase == Phase.DRAFTING:
        now = (
            "Now: finish drafting your objectives and key results; the facilitator publishes "
            "them on Review & publish. Every key result needs a baseline and a target, or it "
            "cannot be scored fairly at the end."
        )
    else:
        now = (
            "Now: check in every week. Each key result is scored from the last value checked "
            "in, and one that is never checked in is scored from its baseline."
        )
    st.info(f"{when}\n\n{now}", icon=":material/event:")
    st.page_link(HOME.path, label="Go to Home", icon=HOME.icon, query_params=ctx.link_params())
    if ctx.is_facilitator and workshop.phase == Phase.TRACKING:
        early = date.today() < workshop.end
        st.caption(
            "Facilitator: open the retrospective when the cycle is over."
            + (f" The cycle still runs until {workshop.end}; opening now scores today's values."
               if early else "")
        )  # fmt: skip
        if st.button("Open the retrospective", icon=":material/history_edu:", type="primary"):
            act(
                lambda: set_phase(ctx.repo, ctx.workshop_id, ctx.actor, Phase.RETROSPECTIVE),
                "The retrospective is open.",
            )


# -- the company picture -----------------------------------------------------------------------
def score_badge(score: float | None, where=st) -> None:
    """A score with its band in colour and in words."""
    if score is None:
        where.badge("Not scored", color="gray", icon=":material/remove:")
        return
    value = round_score(score)
    kind = band(score)
    where.badge(f"{value:.1f} · {kind.label}", color=BAND_BADGE[kind], icon=BAND_ICON[kind])


def _mean_text(score: float | None) -> str:
    return "–" if score is None else f"{round_score(score):.1f}"


def company_summary(summary: RetroSummary) -> None:
    company = summary.company
    st.subheader("The company picture", anchor=False)
    cols = st.columns(5)
    cols[0].metric(
        "Mean objective score",
        _mean_text(company.mean),
        help="The mean of every scored objective, the company level's included.",
    )
    if company.mean is not None:
        kind = band(company.mean)
        cols[0].badge(kind.label, color=BAND_BADGE[kind], icon=BAND_ICON[kind])
    for col, kind in zip(cols[1:4], (Band.GREEN, Band.YELLOW, Band.RED), strict=True):
        col.metric(
            kind.label, company.band_counts[kind], help=f"Objectives scoring {BAND_RANGES[kind]}."
        )
        col.badge(kind.value.capitalize(), color=BAND_BADGE[kind], icon=BAND_ICON[kind])
    with cols[4]:
        st.metric(
            "Committed / aspirational",
            f"{_mean_text(company.committed_mean)} / {_mean_text(company.aspirational_mean)}",
            help="Committed objectives are expected to reach 1.0; aspirational ones are "
            "healthy around 0.6 to 0.7.",
        )
    charts = [band_chart(summary), type_chart(summary)]
    if not any(charts):
        st.caption("Nothing to chart yet: no objective has an active key result.")
        return
    left, right = st.columns(2, gap="large")
    for column, chart in zip((left, right), charts, strict=True):
        if chart is not None:
            show(chart, column)


# -- one team ----------------------------------------------------------------------------------
def team_section(ctx: PageContext, team: TeamSummary) -> None:
    st.subheader(f"{label(team.team.name)}: scores and reflections", anchor=False)
    if team.reading is not None:
        st.warning(team.reading.message, icon=":material/sports_score:")
    if not team.objectives:
        st.info("This team has no objectives to score in this cycle.", icon=":material/info:")
    missing = sum(
        1
        for o in team.objectives
        for k in o.key_results
        if k.effective < GREEN_FROM and getattr(_kr_retro(ctx.doc, k), "root_cause", None) is None
    )
    if missing and can_write(ctx):
        st.caption(f":material/help: {missing} key result(s) under 0.7 still need a root cause.")
    show_error("retro")
    for scored in team.objectives:
        objective_block(ctx, scored)
    reflections(ctx, team.team)


def _kr_retro(doc: WorkshopDoc, scored: KeyResultScore) -> KeyResultRetro | None:
    return next((r for r in doc.kr_retros if r.key_result_id == scored.key_result.id), None)


def _objective_retro(doc: WorkshopDoc, scored: ObjectiveScore) -> ObjectiveRetro | None:
    return next((r for r in doc.objective_retros if r.objective_id == scored.objective.id), None)


def _reading(scored: ObjectiveScore) -> None:
    kind = scored.reading.kind
    if kind in GOOD_READINGS:
        st.success(scored.reading.message, icon=":material/thumb_up:")
    elif kind in WARNING_READINGS:
        st.warning(scored.reading.message, icon=":material/psychology_alt:")
    else:
        st.info(scored.reading.message, icon=":material/lightbulb:")


def objective_block(ctx: PageContext, scored: ObjectiveScore) -> None:
    objective = scored.objective
    with st.container(border=True, key=f"objective_{objective.id}"):
        st.markdown(f"#### {label(objective.text, 300)}")
        badges = st.container(horizontal=True, gap="small")
        kind = objective.type.value if objective.type else "no type"
        badges.badge(kind.capitalize(), color="blue", icon=":material/category:")
        score_badge(scored.score, badges)
        _reading(scored)
        for kr in scored.key_results:
            key_result_row(ctx, kr)
        objective_form(ctx, scored)


def _number(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def key_result_row(ctx: PageContext, scored: KeyResultScore) -> None:
    kr = scored.key_result
    retro = _kr_retro(ctx.doc, scored)
    under = scored.effective < GREEN_FROM
    with st.container(border=True, key=f"kr_{kr.id}"):
        text_col, score_col = st.columns([3, 2], vertical_alignment="center")
        text_col.text(kr.text)
        unit = f" {md_escape(kr.unit)}" if kr.unit else ""
        if scored.no_data:
            text_col.caption(
                f"Never checked in: scored from the baseline ({_number(kr.baseline)}{unit}); "
                f"target {_number(kr.target)}{unit}."
            )
        else:
            text_col.caption(
                f"{_number(kr.baseline)} → {_number(scored.final_value)}{unit} "
                f"(target {_number(kr.target)}{unit})"
            )
        badges = score_col.container(horizontal=True, gap="small")
        score_badge(scored.effective, badges)
        if scored.adjusted is not None:
            badges.badge(f"adjusted from {scored.computed:.1f}", color="gray",
                         icon=":material/tune:")  # fmt: skip
        if scored.no_data:
            badges.badge(
                "No data", color="gray", icon=":material/hide_source:",
                help="No value was ever checked in, so the score comes from the baseline.",
            )  # fmt: skip
        if can_write(ctx):
            _kr_form(ctx, scored, retro, under)
        else:
            _kr_record(retro)


def _kr_record(retro: KeyResultRetro | None) -> None:
    if retro is None:
        return
    if retro.root_cause is not None:
        st.caption(f"Root cause: {ROOT_CAUSE_LABELS[retro.root_cause]}")
    if retro.adjusted_score is not None:
        st.caption(f"Adjusted to {retro.adjusted_score:.1f} because:")
        st.text(retro.adjust_reason)
    if retro.note:
        st.caption("Note:")
        st.text(retro.note)


_CAUSE_HELP = "\n".join(
    f"- **{ROOT_CAUSE_LABELS[c]}**: {ROOT_CAUSE_HELP[c]}" for c in RootCause
)  # fmt: skip


def _kr_form(
    ctx: PageContext, scored: KeyResultScore, retro: KeyResultRetro | None, under: bool
) -> None:
    kr_id = scored.key_result.id
    keys = {name: f"{name}_{kr_id}" for name in ("cause", "adj", "reason", "krnote")}

    def save() -> None:
        state = st.session_state
        record_key_result_retro(
            ctx.repo, ctx.workshop_id, ctx.actor, kr_id,
            adjusted_score=state[keys["adj"]],
            adjust_reason=state[keys["reason"]],
            root_cause=state[keys["cause"]],
            note=state[keys["krnote"]],
        )  # fmt: skip

    options: list[RootCause | None] = [None, *RootCause]
    with st.form(f"krretro_{kr_id}", border=False):
        cause_col, adj_col, reason_col = st.columns([2, 1, 3])
        cause_col.selectbox(
            "Root cause (needed: under 0.7)" if under else "Root cause (optional)",
            options,
            index=options.index(retro.root_cause if retro else None),
            format_func=lambda c: "— choose a cause —" if c is None else ROOT_CAUSE_LABELS[c],
            key=keys["cause"],
            help=_CAUSE_HELP,
        )
        adj_col.number_input(
            "Adjusted score",
            min_value=0.0,
            max_value=1.0,
            step=0.1,
            format="%.1f",
            value=retro.adjusted_score if retro else None,
            key=keys["adj"],
            placeholder="keep",
            help="Only when the measured score misleads, e.g. the metric changed definition. "
            "Leave empty to keep the measured score.",
        )
        reason_col.text_input(
            "Reason for the adjustment",
            value=retro.adjust_reason if retro else "",
            key=keys["reason"],
            max_chars=NOTE_MAX,
            placeholder="e.g. tracking broke in week 9; the true figure is about 0.7",
        )
        st.text_input(
            "Note",
            value=retro.note if retro else "",
            key=keys["krnote"],
            max_chars=NOTE_MAX,
            placeholder="What happened, in a sentence",
        )
        st.form_submit_button(
            "Save key result",
            icon=":material/save:",
            on_click=callback(save, slot=f"kr_{kr_id}", success="Saved."),
        )
    show_error(f"kr_{kr_id}")


def objective_form(ctx: PageContext, scored: ObjectiveScore) -> None:
    objective_id = scored.objective.id
    retro = _objective_retro(ctx.doc, scored)
    if not can_write(ctx):
        decision = retro.decision if retro else None
        st.markdown(f"**Decision:** {DECISION_LABELS[decision] if decision else 'not taken'}")
        for title, text in (("Hits", retro.hits if retro else ""),
                            ("Misses", retro.misses if retro else "")):  # fmt: skip
            if text:
                st.caption(title)
                st.text(text)
        return
    keys = {name: f"{name}_{objective_id}" for name in ("decision", "hits", "misses")}

    def save() -> None:
        state = st.session_state
        record_objective_retro(
            ctx.repo, ctx.workshop_id, ctx.actor, objective_id,
            decision=state[keys["decision"]], hits=state[keys["hits"]],
            misses=state[keys["misses"]],
        )  # fmt: skip

    decisions = list(Decision)
    with st.form(f"objretro_{objective_id}", border=False):
        hits_col, misses_col = st.columns(2)
        hits_col.text_area(
            "Hits: what went well",
            value=retro.hits if retro else "",
            key=keys["hits"],
            max_chars=NOTE_MAX,
            height=90,
            placeholder="e.g. the onboarding emails lifted activation in six weeks",
        )
        misses_col.text_area(
            "Misses: what did not",
            value=retro.misses if retro else "",
            key=keys["misses"],
            max_chars=NOTE_MAX,
            height=90,
            placeholder="e.g. the in-app tour never shipped; we underestimated the design work",
        )
        st.radio(
            "Decision for the next cycle",
            decisions,
            index=decisions.index(retro.decision) if retro and retro.decision else None,
            format_func=lambda d: DECISION_LABELS[d],
            captions=[DECISION_HELP[d] for d in decisions],
            horizontal=True,
            key=keys["decision"],
        )
        st.form_submit_button(
            "Save objective",
            type="primary",
            icon=":material/save:",
            on_click=callback(save, slot=f"obj_{objective_id}", success="Saved."),
        )
    show_error(f"obj_{objective_id}")


# -- lessons and wins --------------------------------------------------------------------------
def reflections(ctx: PageContext, team: Team) -> None:
    retro = next((r for r in ctx.doc.team_retros if r.team_id == team.id), None)
    lessons_col, wins_col = st.columns(2, gap="large")
    with lessons_col:
        _lessons(ctx, team, retro)
    with wins_col:
        _wins(ctx, team, retro)


def _item_list(
    ctx: PageContext, team: Team, items: list[str], kind: str, remove, empty: str
) -> None:
    if not items:
        st.caption(empty)
    for index, item in enumerate(items):
        if not can_write(ctx):
            st.text(f"• {item}")
            continue
        row = st.columns([5, 2], vertical_alignment="center")
        row[0].text(f"• {item}")
        row[1].button(
            "Remove",
            key=f"rm_{kind}_{team.id}_{index}",
            icon=":material/close:",
            type="tertiary",
            on_click=callback(
                lambda i=item: remove(ctx.repo, ctx.workshop_id, ctx.actor, team.id, i),
                slot=f"{kind}_{team.id}",
            ),
        )


def _lessons(ctx: PageContext, team: Team, retro: TeamRetro | None) -> None:
    st.markdown("##### :material/school: Lessons")
    if can_write(ctx):
        st.caption("One lesson at a time, as a sentence the next cycle can act on.")
    _item_list(ctx, team, list(retro.lessons) if retro else [], "lesson", remove_lesson,
               "No lessons yet.")  # fmt: skip
    if can_write(ctx):
        _add_item_form(
            ctx, team, "lesson", f"{LESSON_PREFIX} ...", add_lesson, "Lesson added.",
            "e.g. confirming dependencies in week 1 saves a month",
        )  # fmt: skip
    show_error(f"lesson_{team.id}")


def _wins(ctx: PageContext, team: Team, retro: TeamRetro | None) -> None:
    st.markdown("##### :material/celebration: Wins to celebrate")
    if can_write(ctx):
        st.caption("Whatever went well deserves a moment, whatever the score.")
    _item_list(ctx, team, list(retro.wins) if retro else [], "win", remove_win, "No wins yet.")
    if can_write(ctx):
        _add_item_form(
            ctx, team, "win", "A win", add_win, "Win added.",
            "e.g. Support closed the backlog for the first time in a year",
        )  # fmt: skip
    show_error(f"win_{team.id}")


def _add_item_form(
    ctx: PageContext, team: Team, kind: str, prompt: str, add: Callable[..., object],
    success: str,
    placeholder: str,
) -> None:  # fmt: skip
    """The one-line form that adds a lesson or a win to the team's retrospective."""
    key = f"{kind}_{team.id}"
    with st.form(f"add_{kind}_{team.id}", border=False):
        st.text_input(prompt, key=key, max_chars=NOTE_MAX, placeholder=placeholder)
        st.form_submit_button(
            f"Add {kind}",
            icon=":material/add:",
            on_click=callback(
                lambda: add(ctx.repo, ctx.workshop_id, ctx.actor, team.id, st.session_state[key]),
                slot=key,
                success=success,
                clear=(key,),
            ),
        )


# -- calibration across cycles -----------------------------------------------------------------
def calibration_section(ctx: PageContext) -> None:
    earlier = earlier_cycles(ctx.repo, ctx.doc)
    if not earlier:
        return
    st.divider()
    st.subheader("Calibration across cycles", anchor=False)
    st.caption(
        f"This cycle and {len(earlier)} earlier one(s). Stretch goals should land around "
        "0.6 to 0.7 (the shaded band); a team that scores 0.9 or more cycle after cycle is "
        "probably setting safe targets (sandbagging)."
    )
    teams = calibration([ctx.doc, *earlier])
    for team in teams:
        if team.sandbagging:
            st.warning(
                f"{label(team.name)} scored 0.9 or more in every cycle: are its targets too "
                "safe? Aim higher next time.",
                icon=":material/trending_flat:",
            )
    charts = [(team, calibration_chart(team)) for team in teams]
    charts = [(team, chart) for team, chart in charts if chart is not None]
    for start in range(0, len(charts), 2):
        columns = st.columns(2, gap="large")
        for column, (_, chart) in zip(columns, charts[start : start + 2], strict=False):
            column.altair_chart(chart, width="stretch", height=CALIBRATION_HEIGHT)


# -- carry-over and closing (facilitator) ------------------------------------------------------
def _carry_counts(doc: WorkshopDoc) -> tuple[int, int]:
    decisions = {r.objective_id: r.decision for r in doc.objective_retros}
    live = [o for o in doc.objectives if o.status != ObjectiveStatus.RETIRED]
    carried = sum(1 for o in live if decisions.get(o.id) in CARRIED_DECISIONS)
    undecided = sum(1 for o in live if decisions.get(o.id) is None)
    return carried, undecided


def _show_next_cycle(workshop_id: str, cycle_label: str, already: str | None) -> None:
    """Where the next cycle is; ``already`` is the message for a start that came too late."""
    created = st.session_state.get(CREATED_NEXT_KEY)
    key = created[1] if created and created[0] == workshop_id else None
    name = f" ({label(cycle_label)})" if cycle_label else ""
    if already:
        st.warning(already, icon=":material/info:")
    else:
        st.success(f"The next cycle{name} has been started.", icon=":material/event_repeat:")
    st.caption("Participant link: send it to every team.")
    st.code(workshop_link(workshop_id), language=None)
    if key:
        st.caption(
            "Facilitator link of the new workshop: copy it now, it is shown only once. "
            "It is a new key; the old one does not open the new workshop's controls."
        )
        st.code(workshop_link(workshop_id, key), language=None)
    else:
        st.caption("Use the facilitator link you copied when the next cycle was started.")
    params = {"w": workshop_id} | ({"k": key} if key else {})
    st.page_link(
        HOME.path,
        label="Open the existing next cycle" if already else "Open the next cycle",
        icon=":material/arrow_forward:",
        query_params=params,
    )


def carry_over_section(ctx: PageContext) -> None:
    st.divider()
    st.subheader("Start the next cycle", anchor=False)
    existing = existing_next_cycle(ctx.repo, ctx.doc)
    if existing is not None:
        already = st.session_state.pop(ALREADY_STARTED_KEY, None)
        _show_next_cycle(existing.id, existing.cycle_label, already)
        return
    carried, undecided = _carry_counts(ctx.doc)
    st.markdown(
        f"Objectives decided **keep** or **change** come back as drafts in a new workshop, "
        f"measured from where they ended. {carried} objective(s) will carry over"
        + (f"; {undecided} have no decision yet and will stay behind." if undecided else ".")
    )
    start, end, cycle = next_quarter(ctx.doc.workshop.end)
    with st.form("next_cycle", border=True):
        label_col, start_col, end_col = st.columns([2, 1, 1])
        label_col.text_input("Cycle", value=cycle, max_chars=80, key="next_label")
        start_col.date_input("Starts", value=start, format="YYYY-MM-DD", key="next_start")
        end_col.date_input("Ends", value=end, format="YYYY-MM-DD", key="next_end")
        st.form_submit_button(
            "Start the next cycle",
            type="primary",
            icon=":material/event_repeat:",
            on_click=_start_callback(ctx),
        )
    show_error("next_cycle")


def _start_callback(ctx: PageContext):
    """Start the next cycle before the script runs, so the rerun shows where it is; a start
    that another facilitator beat says so and links to the cycle that exists."""

    def run() -> None:
        state = st.session_state
        try:
            created = start_next_cycle(
                ctx.repo, ctx.workshop_id, ctx.actor,
                start=state["next_start"], end=state["next_end"], label=state["next_label"],
            )  # fmt: skip
        except CycleAlreadyStarted as error:
            state[ALREADY_STARTED_KEY] = str(error)
            return
        except OkrError as error:
            state["error:next_cycle"] = str(error)
            return
        state[CREATED_NEXT_KEY] = (created.workshop_id, created.facilitator_key)
        st.toast("The next cycle has started.", icon=":material/check:")

    return run


def close_section(ctx: PageContext) -> None:
    if ctx.doc.workshop.phase != Phase.RETROSPECTIVE:
        return
    st.divider()
    st.subheader("Close this cycle", anchor=False)
    st.caption(
        "Closing makes this workshop read-only for everyone, for good: scores, causes, "
        "lessons and decisions stay as they are. You can start the next cycle before or after."
    )
    if not st.session_state.get(CONFIRM_CLOSE_KEY):
        if st.button("Close the workshop", icon=":material/lock:", key="close_workshop"):
            st.session_state[CONFIRM_CLOSE_KEY] = True
            st.rerun()
        return
    st.warning(
        "Close the workshop? Nobody, the facilitator included, can change it afterwards.",
        icon=":material/warning:",
    )
    yes, no = st.columns(2)
    if yes.button("Yes, close it", type="primary", key="close_yes"):
        st.session_state.pop(CONFIRM_CLOSE_KEY, None)
        act(
            lambda: set_phase(ctx.repo, ctx.workshop_id, ctx.actor, Phase.CLOSED),
            "The workshop is closed.",
        )
    if no.button("Cancel", key="close_no"):
        st.session_state.pop(CONFIRM_CLOSE_KEY, None)
        st.rerun()


# -- exports -----------------------------------------------------------------------------------
def exports(doc: WorkshopDoc, *, with_json: bool = True) -> None:
    """The Markdown report, and the lossless JSON (not for read-only links: it holds ids)."""
    st.divider()
    st.subheader("Share the retrospective", anchor=False)
    st.caption(
        "Publish a short summary after every retro: the Markdown report reads well in a wiki "
        "or an email."
        + (" The JSON export holds the whole workshop, retro included, and can be imported "
           "again." if with_json else "")
    )  # fmt: skip
    stem = f"retro-{doc.workshop.cycle_label}".replace(" ", "-")
    stem = "".join(ch for ch in stem if ch.isalnum() or ch in "-_") or "retro"
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
