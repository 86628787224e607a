"""The Why canvas: the note form, the live board with dot-voting, top themes, own notes."""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import NOTE_MAX, Phase, WhyCategory, WhyNote, WorkshopDoc
from okrcore.rules.why_themes import (
    CATEGORY_LABELS,
    CATEGORY_PROMPTS,
    has_voted,
    ranked_themes,
    votes_used,
)
from okrcore.services.why import add_note, edit_note, remove_note, toggle_vote
from okrcore.services.workshops import update_canvas
from ui.context import PageContext
from ui.safe import shorten
from ui.widgets import act, callback, show_error

REFRESH_SECONDS = 3
TOP_THEMES = 5


def votes_label(count: int) -> str:
    return f"{count} vote" if count == 1 else f"{count} votes"


def can_write(ctx: PageContext) -> bool:
    phase = ctx.doc.workshop.phase
    return phase == Phase.DRAFTING or (ctx.is_facilitator and phase != Phase.CLOSED)


def headline(ctx: PageContext) -> None:
    """The canvas headline: the facilitator's framing of the session, shown to everyone."""
    text = ctx.doc.workshop.canvas.headline
    if text:
        with st.container(border=True):
            st.caption("THE QUESTION FOR THIS SESSION")
            st.text(text)
    if ctx.is_facilitator and ctx.doc.workshop.phase != Phase.CLOSED:
        with st.expander("Edit the headline", icon=":material/edit:"):
            new = st.text_area(
                "Headline",
                text,
                max_chars=NOTE_MAX,
                placeholder="e.g. What must be true for customers to love us by March?",
            )
            if st.button("Save headline"):
                act(
                    lambda: update_canvas(ctx.repo, ctx.workshop_id, ctx.actor, headline=new),
                    "Headline saved.",
                )


def note_form(ctx: PageContext) -> None:
    if not can_write(ctx):
        st.info("Notes are closed: the workshop is past drafting.", icon=":material/lock:")
        return

    def save() -> None:
        add_note(
            ctx.repo,
            ctx.workshop_id,
            ctx.actor,
            st.session_state["note_category"],
            st.session_state["note_text"],
        )

    with st.form("add_note"):
        cols = st.columns([1, 3], vertical_alignment="bottom")
        cols[0].selectbox(
            "Category",
            list(WhyCategory),
            key="note_category",
            format_func=lambda c: CATEGORY_LABELS[c],
        )
        cols[1].text_area(
            "Your note",
            key="note_text",
            height=80,
            placeholder="One idea per note, e.g. 'Enterprise buyers now ask for SSO first'.",
            help=f"Up to {NOTE_MAX:,} characters.",
        )
        st.form_submit_button(
            "Add note",
            type="primary",
            icon=":material/add:",
            on_click=callback(save, slot="note", success="Note added.", clear=("note_text",)),
        )
    show_error("note")


def board(ctx: PageContext) -> None:
    """The board; the page keeps it live (``ui.live.keep_live``) so everyone sees new notes
    and votes within a few seconds."""
    doc = ctx.doc
    show_error("board")
    _votes_left(ctx, doc)
    _top_themes(doc)
    columns = st.columns(len(WhyCategory), gap="small")
    for column, category in zip(columns, WhyCategory, strict=True):
        with column:
            _category(ctx, doc, category)


def _votes_left(ctx: PageContext, doc: WorkshopDoc) -> None:
    allowed = doc.workshop.canvas.votes_per_person
    if not ctx.actor.name:
        st.caption(f"Enter your name in the sidebar to vote. Everyone has {allowed} votes.")
        return
    left = allowed - votes_used(doc.notes, ctx.actor.id)
    st.caption(f"You have {max(left, 0)} of {allowed} votes left.")


def _top_themes(doc: WorkshopDoc) -> None:
    themes = ranked_themes(doc.notes, TOP_THEMES)
    with st.container(border=True):
        st.markdown("**Top themes**")
        if not themes:
            st.caption("No votes yet. Vote for the notes that matter most.")
        for rank, note in enumerate(themes, start=1):
            st.text(f"{rank}. {note.text}  ({votes_label(len(note.votes))})")


def _category(ctx: PageContext, doc: WorkshopDoc, category: WhyCategory) -> None:
    """One column of the board: its notes, then one chip per note to vote with.

    One text element per category and one chip group per category keep a board of 200
    notes quick to redraw every few seconds (a button per note was ten times slower).
    """
    st.markdown(f"**{CATEGORY_LABELS[category]}**", help=CATEGORY_PROMPTS[category])
    notes = [n for n in doc.notes if n.category == category]
    if not notes:
        st.caption("No notes yet.")
        return
    with st.container(border=True):
        st.text(
            "\n\n".join(
                f"{number}. {note.text}\n— {_by(ctx, note)} · {votes_label(len(note.votes))}"
                for number, note in enumerate(notes, start=1)
            )
        )
    if can_write(ctx):
        _vote_chips(ctx, category, notes)


def _by(ctx: PageContext, note: WhyNote) -> str:
    """Who wrote a note, as its label; "(you)" marks this browser's own, since two people
    may type the same name."""
    name = note.author or "anonymous"
    return f"{name} (you)" if ctx.actor.owns(note.author_id) else name


def _vote_chips(ctx: PageContext, category: WhyCategory, notes: list[WhyNote]) -> None:
    """Dot-voting: the selected chips are this person's votes in this category."""
    key = f"votes_{category.value}"
    voter = ctx.actor.id
    st.session_state[key] = [n.id for n in notes if has_voted(n, voter)]
    numbers = {n.id: str(i) for i, n in enumerate(notes, start=1)}

    def changed() -> None:
        wanted = set(st.session_state.get(key) or [])
        stored = ctx.repo.load(ctx.workshop_id).notes
        mine = {n.id for n in stored if n.category == category and has_voted(n, voter)}
        for note_id in sorted(mine ^ wanted):
            callback(
                lambda i=note_id: toggle_vote(ctx.repo, ctx.workshop_id, ctx.actor, i), slot="board"
            )()

    st.pills(
        "Your votes", list(numbers), selection_mode="multi", format_func=numbers.get, key=key,
        on_change=changed, wrap=True,
        help="Select the numbers of the notes you vote for; select again to take a vote back.",
    )  # fmt: skip


def own_notes(ctx: PageContext) -> None:
    """Edit the notes you wrote in this browser (facilitators: any note); outside the live
    board so typing is never interrupted by a refresh. The name on a note is only a label."""
    if not can_write(ctx):
        return
    editable = [n for n in ctx.doc.notes if ctx.is_facilitator or ctx.actor.owns(n.author_id)]
    if not editable:
        return
    with st.expander("Edit notes", icon=":material/edit_note:"):
        note = st.selectbox("Note", editable, format_func=lambda n: shorten(n.text, 60))
        text = st.text_area("Text", note.text, max_chars=NOTE_MAX, key=f"edit_text_{note.id}")
        category = st.selectbox(
            "Category",
            list(WhyCategory),
            index=list(WhyCategory).index(note.category),
            format_func=lambda c: CATEGORY_LABELS[c],
            key=f"edit_cat_{note.id}",
        )
        save, remove = st.columns(2)
        if save.button("Save note"):
            act(
                lambda: edit_note(
                    ctx.repo, ctx.workshop_id, ctx.actor, note.id, text=text, category=category
                ),
                "Note saved.",
            )
        if remove.button("Remove note", icon=":material/delete:"):
            act(lambda: remove_note(ctx.repo, ctx.workshop_id, ctx.actor, note.id), "Note removed.")
