"""Page 2: a team's objectives, written as "I will ...", typed, linked and critiqued."""

from __future__ import annotations

import streamlit as st

from okrcore.critique import critique_objective
from okrcore.model.records import OBJECTIVE_MAX, Objective, ObjectiveType, Team, WorkshopDoc
from okrcore.reading.sentence_case import mid_sentence
from okrcore.rules.why_themes import ranked_themes
from okrcore.services.drafting import (
    add_objective,
    add_statement,
    move_objective,
    remove_objective,
    update_objective,
)
from ui.context import PageContext
from ui.critique_view import show_findings
from ui.safe import label, md_escape, shorten
from ui.widgets import (
    ask_first,
    callback,
    close_after,
    confirm,
    mark_button,
    move_buttons,
    show_error,
)

TYPE_HELP = {
    ObjectiveType.COMMITTED: "We will get this done; anything short of 1.0 gets a blameless "
    "look at why.",
    ObjectiveType.ASPIRATIONAL: "A stretch goal; landing around 0.7 counts as a success.",
    ObjectiveType.LEARNING: "New ground to explore; success is what we learn, often a first "
    "baseline.",
}
NO_TYPE = "not chosen"


def can_draft(ctx: PageContext) -> bool:
    return ctx.doc.workshop.phase == "drafting"


def read_only_notice(ctx: PageContext) -> None:
    st.info(
        "The OKRs are published and read-only. The facilitator can reopen drafting on Home.",
        icon=":material/lock:",
    )


def team_objectives(doc: WorkshopDoc, team: Team) -> list[Objective]:
    return sorted((o for o in doc.objectives if o.team_id == team.id), key=lambda o: o.order)


def count_guidance(count: int) -> None:
    """1 to 3 objectives is the sweet spot; more than 5 is a warning sign."""
    if count == 0:
        st.caption("No objectives yet. Start with the one that matters most this quarter.")
    elif count <= 3:
        st.caption(f"{count} objective{'s' * (count > 1)}: within the 1 to 3 sweet spot.")
    elif count <= 5:
        st.info(f"{count} objectives: 1 to 3 keeps a team focused. Could one wait?")
    else:
        st.warning(
            f"{count} objectives is more than a team can focus on in a quarter. "
            "Keep the 3 that matter most.",
            icon=":material/warning:",
        )


def _theme_options(doc: WorkshopDoc) -> tuple[list[str], dict[str, str]]:
    """Note ids, top-voted themes first, with short labels."""
    ranked = ranked_themes(doc.notes)
    rest = [n for n in doc.notes if not n.votes]
    notes = ranked + rest
    labels = {n.id: shorten(f"{n.text} ({len(n.votes)} votes)", 70) for n in notes}
    return [n.id for n in notes], labels


def _company_options(doc: WorkshopDoc, team: Team) -> tuple[list[str | None], dict[str, str]]:
    if team.is_company:
        return [None], {}
    company = {t.id for t in doc.teams if t.is_company}
    parents = [o for o in doc.objectives if o.team_id in company]
    return [None, *[o.id for o in parents]], {o.id: shorten(o.text, 70) for o in parents}


def _objective_fields(doc: WorkshopDoc, team: Team, prefix: str, objective: Objective | None):
    """The inputs shared by the add and edit forms; values are read back by key."""
    st.text_input(
        "I will …", value=objective.text if objective else "", key=f"{prefix}_text",
        max_chars=OBJECTIVE_MAX, placeholder="e.g. make onboarding effortless for new customers",
        help=f"Qualitative and inspiring, no numbers. Up to {OBJECTIVE_MAX} characters.",
    )  # fmt: skip
    types = [NO_TYPE, *ObjectiveType]
    current = objective.type if objective and objective.type else NO_TYPE
    st.radio(
        "Type", types, index=types.index(current), key=f"{prefix}_type", horizontal=True,
        format_func=lambda t: str(t) if t == NO_TYPE else ObjectiveType(t).value,
    )  # fmt: skip
    st.caption(" · ".join(f"**{t.value}**: {TYPE_HELP[t]}" for t in ObjectiveType))
    theme_ids, theme_labels = _theme_options(doc)
    st.multiselect(
        "Why themes it answers", theme_ids,
        default=[i for i in (objective.why_note_ids if objective else []) if i in theme_labels],
        format_func=lambda i: theme_labels.get(i, "(removed)"), key=f"{prefix}_themes",
        placeholder="Pick the top themes this objective serves",
    )  # fmt: skip
    parent_ids, parent_labels = _company_options(doc, team)
    if len(parent_ids) > 1:
        current_parent = objective.parent_id if objective else None
        st.selectbox(
            "Supports the company objective", parent_ids,
            index=parent_ids.index(current_parent) if current_parent in parent_ids else 0,
            format_func=lambda i: "none (a local objective)" if i is None else parent_labels[i],
            key=f"{prefix}_parent",
        )  # fmt: skip
    st.text_input(
        "Owner", value=objective.owner if objective else "", key=f"{prefix}_owner", max_chars=80
    )


def _fields_from_state(prefix: str) -> dict[str, object]:
    state = st.session_state
    chosen_type = state.get(f"{prefix}_type", NO_TYPE)
    return {
        "text": state.get(f"{prefix}_text", ""),
        "type": None if chosen_type == NO_TYPE else chosen_type,
        "why_note_ids": list(state.get(f"{prefix}_themes", [])),
        "parent_id": state.get(f"{prefix}_parent"),
        "owner": state.get(f"{prefix}_owner", ""),
    }


def add_forms(ctx: PageContext, team: Team) -> None:
    """Write one objective, or paste a whole Doerr sentence to split."""
    write, paste = st.tabs(["Write an objective", "Paste a whole sentence"])
    with write, st.form("add_objective", clear_on_submit=False):
        _objective_fields(ctx.doc, team, "new_objective", None)
        st.form_submit_button(
            "Add objective", type="primary", icon=":material/add:",
            on_click=callback(
                lambda: add_objective(ctx.repo, ctx.workshop_id, ctx.actor, team.id,
                                      **_fields_from_state("new_objective")),
                slot="objectives", success="Objective added.", clear=("new_objective_text",),
            ),
        )  # fmt: skip
    with paste, st.form("add_sentence"):
        st.text_area(
            "Whole sentence", key="sentence", height=100,
            placeholder="I will make onboarding effortless as measured by time to first "
            "deploy from 5 days to 1, activation from 40% to 60% and support tickets per "
            "new customer from 6 to 2.",
        )  # fmt: skip
        st.form_submit_button(
            "Split into objective and key results", icon=":material/call_split:",
            on_click=callback(lambda: _add_sentence(ctx, team), slot="objectives",
                              clear=("sentence",)),
        )  # fmt: skip
    show_error("objectives")


def _add_sentence(ctx: PageContext, team: Team) -> None:
    _, key_results, hints = add_statement(
        ctx.repo, ctx.workshop_id, ctx.actor, team.id, st.session_state.get("sentence", "")
    )
    st.toast(f"Added the objective with {len(key_results)} key results.", icon=":material/check:")
    if hints:
        st.session_state["sentence_hint"] = " ".join(hints)


def objective_card(ctx: PageContext, team: Team, objective: Objective, editable: bool) -> None:
    with st.container(border=True):
        st.markdown(f"**I will {md_escape(mid_sentence(objective.text))}**")
        facts = [objective.type.value if objective.type else "type not chosen"]
        if objective.owner:
            facts.append(f"owner: {objective.owner}")
        st.text(" · ".join(facts))
        notes = {n.id: n.text for n in ctx.doc.notes}
        for note_id in objective.why_note_ids:
            if note_id in notes:
                st.text(f"Why: {shorten(notes[note_id], 120)}")
        parent = next((o for o in ctx.doc.objectives if o.id == objective.parent_id), None)
        if parent:
            st.text(f"Supports the company objective: {parent.text}")
        show_findings(critique_objective(objective.text))
        if editable:
            _card_actions(ctx, team, objective)


def _card_actions(ctx: PageContext, team: Team, objective: Objective) -> None:
    buttons = st.container(horizontal=True, gap="small")
    siblings = [o.id for o in ctx.doc.objectives if o.team_id == objective.team_id]
    move_buttons(
        buttons, f"move_{objective.id}",
        lambda step: move_objective(ctx.repo, ctx.workshop_id, ctx.actor, objective.id, step),
        slot="objectives", index=siblings.index(objective.id), count=len(siblings),
    )  # fmt: skip
    mark_button(
        buttons,
        "Edit",
        ":material/edit:",
        "editing_objective",
        objective.id,
        key=f"edit_{objective.id}",
    )
    ask_first(buttons, "confirm_delete", objective.id, key=f"delete_{objective.id}")
    confirm(
        "confirm_delete", objective.id, _delete_question(ctx, objective),
        lambda: remove_objective(ctx.repo, ctx.workshop_id, ctx.actor, objective.id),
        slot="objectives", success="Objective deleted.",
        keys=(f"yes_delete_{objective.id}", f"no_delete_{objective.id}"),
    )  # fmt: skip
    if st.session_state.get("editing_objective") != objective.id:
        return
    prefix = f"edit_{objective.id}"
    with st.form(f"form_{prefix}"):
        _objective_fields(ctx.doc, team, prefix, objective)
        st.form_submit_button(
            "Save objective",
            on_click=callback(
                close_after("editing_objective", lambda: update_objective(
                    ctx.repo, ctx.workshop_id, ctx.actor, objective.id,
                    **_fields_from_state(prefix))),
                slot="objectives", success="Objective saved.",
            ),
        )  # fmt: skip


def _delete_question(ctx: PageContext, objective: Objective) -> str:
    kr_ids = {k.id for k in ctx.doc.key_results if k.objective_id == objective.id}
    relying = sum(1 for d in ctx.doc.dependencies if d.key_result_id in kr_ids)
    impact = f"its {len(kr_ids)} key results"
    if relying:
        impact += f", and {relying} dependencies will lose the key result they serve"
    return f"Delete this objective with {impact}?"


def objectives_section(ctx: PageContext, team: Team) -> None:
    objectives = team_objectives(ctx.doc, team)
    st.subheader(f"Objectives of {label(team.name, 60)}", anchor=False)
    count_guidance(len(objectives))
    hint = st.session_state.pop("sentence_hint", None)
    if hint:
        st.info(hint, icon=":material/lightbulb:")
    editable = can_draft(ctx)
    if not editable:
        read_only_notice(ctx)
    for objective in objectives:
        objective_card(ctx, team, objective, editable)
    if editable:
        add_forms(ctx, team)
