"""The frame every page starts with: page config, workshop from the URL, sidebar, role.

Each page calls :func:`workshop_page` (or :func:`start_page` on Home) as its first line, so a
deep link runs correctly on a freshly started server without ``app.py`` having run first.
"""

from __future__ import annotations

import streamlit as st

from okrcore.errors import OkrError
from okrcore.services.common import Actor
from okrcore.store import check_workshop_id
from ui.context import NAME_KEY, PageContext, param, repository
from ui.nav import HOME, draw_sidebar

APP_TITLE = "OKR Workshop"


def _configure(title: str, icon: str) -> None:
    st.set_page_config(
        page_title=f"{title} · {APP_TITLE}",
        page_icon=icon,
        layout="wide",
        initial_sidebar_state="expanded",
    )


def _name_input() -> str:
    """The person's display name, kept for the whole session across pages."""
    with st.sidebar:
        name = st.text_input(
            "Your name",
            key=NAME_KEY,
            max_chars=80,
            placeholder="e.g. Priya",
            help="Shown on your notes and used to count your votes.",
            persist_state="session",
        )
    return (name or "").strip()


def open_workshop() -> PageContext | None:
    """The workshop named by ``?w=`` with the role given by ``?k=``, or None if there is none.

    Shows a clear message for a bad, unknown or damaged workshop instead of failing.
    """
    workshop_id = param("w")
    if workshop_id is None:
        return None
    repo = repository()
    try:
        doc = repo.load(check_workshop_id(workshop_id))
    except OkrError as error:
        st.error(str(error), icon=":material/error:")
        return None
    actor = Actor(name=st.session_state.get(NAME_KEY, "") or "", key=param("k"))
    return PageContext(repo=repo, doc=doc, actor=actor, is_facilitator=actor.is_facilitator(doc))


def start_page(title: str, icon: str) -> PageContext | None:
    """Frame for Home: a workshop is optional."""
    _configure(title, icon)
    ctx = open_workshop()
    draw_sidebar(ctx)
    name = _name_input()
    if ctx is not None:
        ctx.actor = Actor(name=name, key=ctx.actor.key)
    return ctx


def workshop_page(title: str, icon: str) -> PageContext:
    """Frame for a workshop page: stops with a way back Home when no workshop is open."""
    _configure(title, icon)
    ctx = open_workshop()
    draw_sidebar(ctx)
    if ctx is None:
        if param("w") is None:
            st.info(
                "No workshop is open. Create one or open one from Home.", icon=":material/info:"
            )
        st.page_link(HOME.path, label="Go to Home", icon=HOME.icon)
        st.stop()
    ctx.actor = Actor(name=_name_input(), key=ctx.actor.key)
    return ctx
