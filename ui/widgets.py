"""Small pieces shared by pages: running an action safely, step guidance, the countdown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from okrcore.model.errors import OkrError
from okrcore.model.records import utc_now
from okrcore.services.workshops import start_timebox, stop_timebox
from ui.context import PageContext
from ui.errors import report, unexpected_message
from ui.nav import PageEntry

T = TypeVar("T")
OWN_CHANGE = "own_change"


def attempt(action: Callable[[], T], success: str | None = None) -> T | None:
    """Run a service call; show its message if it refuses, a toast if it succeeds."""
    try:
        result = action()
    except OkrError as error:
        st.error(str(error), icon=":material/error:")
        return None
    if success:
        st.toast(success, icon=":material/check:")
    return result


def act(action: Callable[[], object], success: str | None = None) -> None:
    """Run a service call from a button; on success rerun so every part shows the change."""
    try:
        action()
    except OkrError as error:
        st.error(str(error), icon=":material/error:")
        return
    st.session_state[OWN_CHANGE] = True
    if success:
        st.toast(success, icon=":material/check:")
    st.rerun()


def callback(
    action: Callable[[], object],
    *,
    slot: str,
    success: str | None = None,
    clear: tuple[str, ...] = (),
) -> Callable[[], None]:
    """An ``on_click`` callback: runs before the script, so the rerun already shows the change.

    Inputs must be read from ``st.session_state`` inside ``action`` (a callback runs before
    the widgets are drawn). On success the ``clear`` widget keys are emptied; on failure
    they keep what the person typed and the message waits in ``slot`` for :func:`show_error`.
    """

    def run() -> None:
        try:
            action()
        except OkrError as error:
            st.session_state[f"error:{slot}"] = str(error)
            return
        except Exception as error:  # noqa: BLE001 - shown as an error id, never a traceback
            st.session_state[f"error:{slot}"] = unexpected_message(report(error, slot))
            return
        for key in clear:
            st.session_state[key] = ""
        st.session_state[OWN_CHANGE] = True
        if success:
            st.toast(success, icon=":material/check:")

    return run


def show_error(slot: str) -> None:
    """Show (once) the message a callback left in ``slot``."""
    message = st.session_state.pop(f"error:{slot}", None)
    if message:
        st.error(message, icon=":material/error:")


def move_buttons(
    where: DeltaGenerator,
    key: str,
    move: Callable[[int], object],
    *,
    slot: str,
    index: int,
    count: int,
) -> None:
    """Up and Down buttons that call ``move(-1)`` or ``move(+1)``; the record at ``index``
    of ``count`` cannot go up from the top or down from the bottom, so those are disabled."""
    for text, step in (("Up", -1), ("Down", 1)):
        where.button(
            text, key=f"{key}_{step}",
            icon=":material/arrow_upward:" if step < 0 else ":material/arrow_downward:",
            disabled=not 0 <= index + step < count,
            on_click=callback(lambda s=step: move(s), slot=slot),
        )  # fmt: skip


def mark_button(
    where: DeltaGenerator, label: str, icon: str, flag: str, record_id: str, key: str
) -> None:
    """A button that marks ``record_id`` in ``flag`` (pressed again, it clears the mark).

    Used to open one record's editor or confirmation at a time, so a page with many
    records builds one form rather than one per record.
    """

    def toggle() -> None:
        if st.session_state.get(flag) == record_id:
            st.session_state.pop(flag, None)
        else:
            st.session_state[flag] = record_id

    where.button(label, key=key, icon=icon, on_click=toggle)


def ask_first(where: DeltaGenerator, flag: str, record_id: str, key: str) -> None:
    """A Delete button that only marks ``record_id`` as awaiting confirmation in ``flag``."""
    mark_button(where, "Delete", ":material/delete:", flag, record_id, key)


def close_after(flag: str, action: Callable[[], object]) -> Callable[[], None]:
    """Run ``action``; only when it succeeds, clear ``flag`` (closing an editor)."""

    def run() -> None:
        action()
        st.session_state.pop(flag, None)

    return run


def confirm(
    flag: str,
    record_id: str,
    question: str,
    action: Callable[[], object],
    *,
    slot: str,
    success: str,
    keys: tuple[str, str],
) -> None:
    """When ``record_id`` awaits confirmation, ask ``question`` with Yes and Cancel buttons."""
    if st.session_state.get(flag) != record_id:
        return

    def done() -> None:
        action()
        st.session_state.pop(flag, None)

    st.warning(question, icon=":material/warning:")
    yes, no = st.columns(2)
    yes.button(
        "Yes, delete",
        key=keys[0],
        type="primary",
        on_click=callback(done, slot=slot, success=success),
    )
    no.button("Cancel", key=keys[1], on_click=lambda: st.session_state.pop(flag, None))


def notice_changes(scope: str, signature: object) -> None:
    """Say so when data changed between two views and this person did not change it.

    Two people editing one team both keep their inserts (the store serialises saves); the
    later save of a field wins, and this notice tells the other person their view moved.
    """
    key = f"seen:{scope}"
    if st.session_state.pop(OWN_CHANGE, False):
        # The person's own change moves what every scope shows (an answer to Platform is
        # also Growth's request): start each scope afresh rather than blame someone else.
        for stale in [k for k in st.session_state if str(k).startswith("seen:")]:
            del st.session_state[stale]
    seen = st.session_state.get(key)
    if seen is not None and seen != signature:
        st.info(
            "Someone else changed this since your last view; you are seeing the latest.",
            icon=":material/sync:",
        )
    st.session_state[key] = signature


def step_intro(entry: PageEntry, what: str, good: str, bad: str) -> None:
    """Two or three sentences on the step, a good and a bad example, and its timebox."""
    st.title(f"{entry.label.split('·')[-1].strip()}", anchor=False)
    st.markdown(what)
    cols = st.columns(2)
    cols[0].success(f"**Good:** {good}", icon=":material/thumb_up:")
    cols[1].warning(f"**Weak:** {bad}", icon=":material/thumb_down:")
    if entry.timebox_minutes:
        st.caption(f":material/schedule: Suggested timebox: {entry.timebox_minutes} minutes.")


def _format_remaining(remaining: timedelta) -> str:
    seconds = max(0, int(remaining.total_seconds()))
    return f"{seconds // 60}:{seconds % 60:02d}"


def countdown(ctx: PageContext, entry: PageEntry) -> bool:
    """The facilitator's timer for this step, seen by everyone; True while it is running,
    so the page keeps itself live (``ui.live.keep_live``) and the time left moves on."""
    if ctx.is_facilitator:
        _timer_controls(ctx, entry)
    canvas = ctx.doc.workshop.canvas
    if canvas.timebox_step != entry.label or canvas.timebox_ends_at is None:
        return False
    remaining = canvas.timebox_ends_at - utc_now()
    if remaining.total_seconds() <= 0:
        st.warning("Time is up for this step.", icon=":material/timer_off:")
        return False
    st.info(
        f"Timebox: **{_format_remaining(remaining)}** left for this step.",
        icon=":material/timer:",
    )
    return True


def _timer_controls(ctx: PageContext, entry: PageEntry) -> None:
    with st.sidebar.expander("Timer for this step", icon=":material/timer:"):
        minutes = st.number_input(
            "Minutes", min_value=1, max_value=240, value=entry.timebox_minutes or 15, step=5
        )
        start, stop = st.columns(2)
        if start.button("Start", key="timer_start", use_container_width=True):
            act(
                lambda: start_timebox(ctx.repo, ctx.workshop_id, ctx.actor, entry.label, minutes),
                "Timer started.",
            )
        if stop.button("Stop", key="timer_stop", use_container_width=True):
            act(lambda: stop_timebox(ctx.repo, ctx.workshop_id, ctx.actor), "Timer stopped.")
