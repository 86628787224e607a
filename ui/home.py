"""The parts of the Home page: creating and opening workshops, links, status, admin."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode, urlsplit

import streamlit as st

from okrcore.model.cycles import next_quarter
from okrcore.model.errors import NotFound
from okrcore.model.records import Phase
from okrcore.services.history import restorable, restore_deleted
from okrcore.services.transfer import import_workshop
from okrcore.services.workshops import (
    add_team,
    allowed_phase_moves,
    create_workshop,
    parse_team_names,
    remove_team,
    rename_team,
    restore_backup,
    set_phase,
    team_impact,
    update_canvas,
)
from okrcore.storage.repository import check_workshop_id
from ui.context import PageContext, list_workshops_enabled, repository
from ui.nav import PAGES, PHASE_HINTS, WHY, PageEntry
from ui.safe import label, shorten
from ui.widgets import act, attempt

CREATED_KEY = "created_workshop"


def base_url() -> str:
    """This server's address as the browser sees it, without path or query."""
    url = st.context.url or "http://localhost:8501"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "http://localhost:8501"


def workshop_link(workshop_id: str, key: str | None = None) -> str:
    params = {"w": workshop_id} | ({"k": key} if key else {})
    return f"{base_url()}/?{urlencode(params)}"


def create_form() -> None:
    """The form that creates a workshop; its dates default to the next calendar quarter."""
    start, end, cycle = next_quarter(date.today())
    with st.form("create_workshop", border=True):
        st.subheader("Create a workshop", anchor=False)
        name = st.text_input("Workshop name", max_chars=80, placeholder="e.g. Q1 planning day")
        organisation = st.text_input("Organisation", max_chars=80, placeholder="e.g. Acme Ltd")
        cycle_label = st.text_input("Cycle", value=cycle, max_chars=80)
        cols = st.columns(2)
        start = cols[0].date_input("Starts", value=start, format="YYYY-MM-DD")
        end = cols[1].date_input("Ends", value=end, format="YYYY-MM-DD")
        teams = st.text_area(
            "Teams",
            placeholder="One per line, e.g.\nPlatform\nGrowth\nSupport",
            help="A company level is added for you; you can add teams later.",
        )
        submitted = st.form_submit_button("Create workshop", type="primary")
    if submitted:
        created = attempt(
            lambda: create_workshop(
                repository(),
                name=name,
                organisation=organisation,
                cycle_label=cycle_label,
                start=start,
                end=end,
                team_names=parse_team_names(teams),
            )
        )
        if created:
            st.session_state[CREATED_KEY] = (created.workshop_id, created.facilitator_key)
            st.query_params.from_dict({"w": created.workshop_id, "k": created.facilitator_key})
            st.rerun()


def open_form() -> None:
    """Open a workshop by pasting its link or id, or from the list on this server."""
    with st.form("open_workshop", border=True):
        st.subheader("Open a workshop", anchor=False)
        text = st.text_input("Workshop link or id", placeholder="Paste the link you were sent")
        submitted = st.form_submit_button("Open")
    if submitted:
        params = _params_from_link(text)
        try:
            repository().load(check_workshop_id(params.get("w", "")))
        except (NotFound, ValueError) as error:
            st.error(str(error) or "That is not a workshop link.", icon=":material/error:")
        else:
            st.query_params.from_dict(params)
            st.rerun()
    _import_form()
    if list_workshops_enabled():
        _workshop_list()


def _import_form() -> None:
    """Import a JSON export as a new workshop; you become its facilitator."""
    with st.expander("Import a workshop from its JSON export", icon=":material/upload_file:"):
        upload = st.file_uploader(
            "JSON export",
            type=["json"],
            key="import_json",
            help="The 'Whole workshop (JSON)' download, at most 5 MB.",
        )
        if upload is not None and st.button("Import as a new workshop", key="import_go"):
            created = attempt(lambda: import_workshop(repository(), upload.getvalue()))
            if created:
                st.session_state[CREATED_KEY] = (created.workshop_id, created.facilitator_key)
                st.query_params.from_dict({"w": created.workshop_id, "k": created.facilitator_key})
                st.rerun()


def _params_from_link(text: str) -> dict[str, str]:
    """Accept a full link, a query string, or a bare id."""
    text = text.strip()
    query = urlsplit(text).query if "?" in text else ""
    if not query:
        return {"w": text}
    pairs = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
    return {k: v for k, v in pairs.items() if k in {"w", "k", "team"}}


def _workshop_list() -> None:
    workshops = repository().list_workshops()
    st.caption("Workshops on this server")
    if not workshops:
        st.caption("None yet.")
    for workshop in workshops[:50]:
        st.page_link(
            "app.py",
            label=label(f"{workshop.name} · {workshop.cycle_label} · {workshop.phase.value}"),
            icon=":material/folder_open:",
            query_params={"w": workshop.id},
        )


def show_links(ctx: PageContext) -> None:
    """The links to share; the facilitator link carries the key and is shown to facilitators."""
    st.subheader("Links", anchor=False)
    st.caption("Participant link: send it to everyone who drafts or checks in.")
    st.code(workshop_link(ctx.workshop_id), language=None)
    if ctx.is_facilitator:
        st.caption(
            "Facilitator link: keep it to yourself. It lets its holder change phases, teams "
            "and anyone's notes. Project the participant link, not this one."
        )
        st.code(workshop_link(ctx.workshop_id, ctx.actor.key), language=None)
        st.caption(
            "Read-only link: lets anyone see the published OKRs, the dashboard and the "
            "retrospective, and change nothing."
        )
        st.code(f"{base_url()}/?v={ctx.doc.workshop.viewer_token}", language=None)


def show_status(ctx: PageContext) -> None:
    """Where the workshop stands and what to do next."""
    doc = ctx.doc
    workshop = doc.workshop
    st.title(label(workshop.name, 120), anchor=False)
    facts = [workshop.organisation, workshop.cycle_label, f"{workshop.start} → {workshop.end}"]
    st.text(" · ".join(f for f in facts if f))
    st.info(PHASE_HINTS[workshop.phase], icon=":material/flag:")
    teams = [t for t in doc.teams if not t.is_company]
    cols = st.columns(4)
    cols[0].metric("Teams", len(teams))
    cols[1].metric("Why notes", len(doc.notes))
    cols[2].metric("Votes", sum(len(n.votes) for n in doc.notes))
    cols[3].metric("Objectives", len(doc.objectives))
    if ctx.read_only:
        st.markdown("**You can read:**")
        for entry in (p for p in PAGES if p.readers and p.path != "app.py"):
            st.page_link(
                entry.path, label=entry.label, icon=entry.icon, query_params=ctx.link_params()
            )
        return
    entry, sentence = next_step(ctx)
    st.markdown(f"**Next step:** {sentence}")
    st.page_link(
        entry.path, label=f"Go to {entry.label}", icon=entry.icon, query_params=ctx.link_params()
    )


# After drafting, the next step depends only on the phase.
PHASE_STEPS = {
    Phase.TRACKING: ("pages/6_Check-in.py", "check in each week: values, confidence, blockers."),
    Phase.RETROSPECTIVE: ("pages/8_Retrospective.py", "score the key results and reflect."),
    Phase.CLOSED: ("pages/8_Retrospective.py", "read the retrospective; this cycle is closed."),
}


def next_step(ctx: PageContext) -> tuple[PageEntry, str]:
    """Where to go now: the first unfinished drafting step, or the phase's own page."""
    phase_step = PHASE_STEPS.get(ctx.doc.workshop.phase)
    if phase_step:
        entry = next((p for p in PAGES if p.path == phase_step[0]), None)
        if entry:
            return entry, f"{entry.label}: {phase_step[1]}"
    for entry in PAGES:
        if entry.done is not None and not entry.done(ctx.doc):
            return entry, f"{entry.label}: this step is not finished yet."
    return WHY, "Every drafting step is done. The facilitator can publish on Review."


def facilitator_panel(ctx: PageContext) -> None:
    """Teams, phase and canvas settings; only drawn for the facilitator."""
    st.subheader("Facilitator", anchor=False)
    teams_tab, phase_tab, canvas_tab, history_tab, backup_tab = st.tabs(
        ["Teams", "Phase", "Voting", "History", "Backups"]
    )
    with teams_tab:
        _team_admin(ctx)
    with phase_tab:
        _phase_admin(ctx)
    with history_tab:
        _history(ctx)
    with backup_tab:
        _backup_admin(ctx)
    with canvas_tab:
        votes = st.number_input("Votes per person", 1, 20, ctx.doc.workshop.canvas.votes_per_person)
        if st.button("Save voting settings"):
            act(
                lambda: update_canvas(
                    ctx.repo, ctx.workshop_id, ctx.actor, votes_per_person=int(votes)
                ),
                "Saved.",
            )


def _history(ctx: PageContext) -> None:
    """Who changed what and when; deleted items can be brought back."""
    entries = list(reversed(ctx.doc.history))[:200]
    if not entries:
        st.caption("No changes yet.")
        return
    st.dataframe(
        [
            {"When": e.created_at.strftime("%Y-%m-%d %H:%M"), "Who": e.who or "anonymous",
             "What": e.action, "Details": e.summary}
            for e in entries
        ],
        hide_index=True, width="stretch", height=260,
    )  # fmt: skip
    deleted = restorable(ctx.doc)
    if not deleted:
        return
    st.caption("Deleted items that can be restored")
    for entry in deleted[:30]:
        cols = st.columns([5, 1], vertical_alignment="center")
        cols[0].text(f"{entry.action}: {shorten(entry.summary, 90)}")
        if cols[1].button("Restore", key=f"undo_{entry.id}"):
            act(
                lambda e=entry: restore_deleted(ctx.repo, ctx.workshop_id, ctx.actor, e.id),
                "Restored.",
            )


def _backup_admin(ctx: PageContext) -> None:
    """Daily copies kept before the first change of each day; restore any of them."""
    backups = ctx.repo.backups(ctx.workshop_id)
    st.caption(
        "A copy is kept before the first change of each day (the last 14 days). Restoring "
        "one puts the workshop back as it was then; the current version is set aside."
    )
    if not backups:
        st.caption("No backups yet: the first one is made before the first change of a day.")
        return
    days = [b.day for b in backups]
    day = st.selectbox("Backup", days, format_func=lambda d: d.isoformat(), key="backup_day")
    if st.button("Restore this backup", key="restore_backup"):
        act(
            lambda: restore_backup(ctx.repo, ctx.workshop_id, ctx.actor, day),
            f"Restored the backup from {day}.",
        )


def _team_admin(ctx: PageContext) -> None:
    with st.form("add_team", clear_on_submit=True, border=False):
        name = st.text_input("New team", max_chars=80)
        if st.form_submit_button("Add team"):
            act(lambda: add_team(ctx.repo, ctx.workshop_id, ctx.actor, name), "Team added.")
    for team in ctx.doc.teams:
        if team.is_company:
            continue
        cols = st.columns([3, 1, 1], vertical_alignment="bottom")
        new_name = cols[0].text_input(
            "Team name",
            team.name,
            key=f"team_{team.id}",
            max_chars=80,
            label_visibility="collapsed",
        )
        if cols[1].button("Rename", key=f"rename_{team.id}", disabled=new_name == team.name):
            act(
                lambda t=team, n=new_name: rename_team(
                    ctx.repo, ctx.workshop_id, ctx.actor, t.id, n
                ),
                "Renamed.",
            )
        if cols[2].button("Remove", key=f"remove_{team.id}"):
            st.session_state["confirm_remove_team"] = team.id
        if st.session_state.get("confirm_remove_team") == team.id:
            _confirm_team_removal(ctx, team.id, team.name)


def _confirm_team_removal(ctx: PageContext, team_id: str, name: str) -> None:
    impact = team_impact(ctx.doc, team_id)
    lost = (
        "It has nothing drafted yet."
        if impact.is_empty
        else f"This also removes {impact.objectives} objectives, {impact.key_results} key "
        f"results and {impact.dependencies} dependencies."
    )
    st.warning(f"Remove the team {label(name)}? {lost}", icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button("Yes, remove", key=f"yes_remove_{team_id}", type="primary"):
        st.session_state.pop("confirm_remove_team", None)
        act(lambda: remove_team(ctx.repo, ctx.workshop_id, ctx.actor, team_id), "Team removed.")
    if no.button("Cancel", key=f"no_remove_{team_id}"):
        st.session_state.pop("confirm_remove_team", None)
        st.rerun()


def _phase_admin(ctx: PageContext) -> None:
    phase = ctx.doc.workshop.phase
    st.markdown(f"The workshop is in the **{phase.value}** phase. {PHASE_HINTS[phase]}")
    moves = allowed_phase_moves(phase)
    if not moves:
        st.caption("A closed workshop cannot change phase.")
        return
    target = st.radio("Move to", moves, format_func=lambda p: Phase(p).value, horizontal=True)
    if st.button("Change phase", type="primary"):
        act(
            lambda: set_phase(ctx.repo, ctx.workshop_id, ctx.actor, target),
            f"The workshop is now in the {Phase(target).value} phase.",
        )
