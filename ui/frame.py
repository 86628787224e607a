"""The frame every page starts with: page config, workshop from the URL, sidebar, role.

Each page calls :func:`workshop_page` (or :func:`start_page` on Home) as its first line, so a
deep link runs correctly on a freshly started server without ``app.py`` having run first.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import unquote

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from okrcore.model.errors import CorruptWorkshop, NewerWorkshop, OkrError
from okrcore.model.records import WorkshopDoc
from okrcore.services.common import Actor
from okrcore.services.workshops import restore_backup
from okrcore.storage.repository import ReadOnlyRepository, WorkshopRepository, check_workshop_id
from ui.auth import sign_in_box, sign_in_configured, signed_in_user_id
from ui.context import NAME_KEY, PageContext, param, repository
from ui.device import (
    cookie,
    keep_key,
    person_id,
    remember_workshop,
    set_cookie,
    stored_key,
    write_cookies,
)
from ui.nav import HOME, draw_sidebar

APP_TITLE = "OKR Workshop"
NAME_COOKIE = "okr_name"  # the display name, a label only (never who the person is)
READERS_NOTE = (
    "This read-only link shows the published OKRs (Review), the dashboard and the "
    "retrospective. Ask the team for the participant link to take part."
)


def _configure(title: str, icon: str) -> None:
    st.set_page_config(
        page_title=f"{title} · {APP_TITLE}",
        page_icon=icon,
        layout="wide",
        initial_sidebar_state="expanded",
    )


def _name_input(where: DeltaGenerator) -> str:
    """The person's display name, a label only: the signed-in user's where sign-in is
    configured, otherwise typed once and kept for the whole session across pages. Drawn
    ``where`` the sidebar keeps for the person, at its top."""
    if sign_in_configured():
        with where:
            return sign_in_box()
    if NAME_KEY not in st.session_state and (kept := cookie(NAME_COOKIE)):
        st.session_state[NAME_KEY] = unquote(kept)[:80]  # typed on an earlier visit here
    with where:
        name = st.text_input(
            "Your name",
            key=NAME_KEY,
            on_change=_keep_name,
            max_chars=80,
            placeholder="e.g. Priya",
            help="Shown beside your notes and votes. Only a label: this browser is what makes "
            "them yours, so nobody can take them by typing your name.",
            persist_state="session",
        )
    return (name or "").strip()


def _keep_name() -> None:
    """The browser keeps the label too, so next week's visit needs no typing."""
    set_cookie(NAME_COOKIE, (st.session_state.get(NAME_KEY) or "").strip() or None)


def _person_id() -> str:
    """Who is acting: the signed-in user where sign-in is configured (nobody until they sign
    in), otherwise this browser's participant id. Never the typed name."""
    if sign_in_configured():
        return signed_in_user_id() or ""
    return person_id()


def facilitator_key(doc: WorkshopDoc) -> str | None:
    """The facilitator key: from a facilitator link once (then kept on this device and taken
    out of the address bar, so it is not projected, bookmarked or screenshotted), afterwards
    from this device."""
    workshop_id = doc.workshop.id
    from_link = param("k")
    if from_link is not None:
        del st.query_params["k"]
        if Actor(key=from_link).is_facilitator(doc):
            keep_key(workshop_id, from_link)
            return from_link
        st.warning(
            "The key in this link does not open this workshop's facilitator controls.",
            icon=":material/key_off:",
        )
    return stored_key(workshop_id)


def _actor(doc: WorkshopDoc) -> Actor:
    return Actor(
        name=st.session_state.get(NAME_KEY, "") or "", key=facilitator_key(doc), id=_person_id()
    )


def open_read_only(token: str) -> PageContext | None:
    """The workshop behind a read-only link (``?v=``): seen, never changed."""
    repo = repository()
    try:
        doc = repo.load(repo.find_by_viewer_token(token))
    except OkrError as error:
        st.error(str(error), icon=":material/error:")
        return None
    return PageContext(
        repo=ReadOnlyRepository(repo), doc=doc, actor=Actor(), is_facilitator=False,
        read_only=True,
    )  # fmt: skip


def open_workshop() -> PageContext | None:
    """The workshop named by ``?w=`` with the role given by its facilitator key (from ``?k=``
    once, then from this device; see :func:`facilitator_key`), or None if there is none.

    Shows a clear message for a bad, unknown or damaged workshop instead of failing.
    """
    token = param("v")
    if token is not None:
        return open_read_only(token)
    workshop_id = param("w")
    if workshop_id is None:
        return None
    repo = repository()
    try:
        doc = repo.load(check_workshop_id(workshop_id))
    except NewerWorkshop as error:  # not damage: a restore over it would lose its news
        st.error(str(error), icon=":material/error:")
        return None
    except CorruptWorkshop as error:
        st.error(str(error), icon=":material/error:")
        offer_backup(repo, workshop_id)
        return None
    except OkrError as error:
        st.error(str(error), icon=":material/error:")
        return None
    remember_workshop(doc.workshop.id)
    actor = _actor(doc)
    return PageContext(repo=repo, doc=doc, actor=actor, is_facilitator=actor.is_facilitator(doc))


def offer_backup(repo: WorkshopRepository, workshop_id: str) -> None:
    """A damaged workshop offers its latest good backup instead of a dead end."""
    backups = repo.backups(workshop_id)
    if not backups:
        st.info("There is no backup of this workshop yet.", icon=":material/info:")
        return
    latest = backups[0].day
    actor = Actor(key=param("k") or stored_key(workshop_id), id=_person_id())
    st.info(f"The latest good backup is from {latest}.", icon=":material/settings_backup_restore:")
    if not actor.key:
        st.caption("The facilitator can restore it by opening the facilitator link.")
        return
    if st.button(f"Restore the backup from {latest}", type="primary"):
        try:
            restore_backup(repo, workshop_id, actor, latest)
        except OkrError as error:
            st.error(str(error), icon=":material/error:")
        else:
            st.toast("Backup restored.", icon=":material/check:")
            st.rerun()


def start_page(title: str, icon: str) -> PageContext | None:
    """Frame for Home: a workshop is optional."""
    _configure(title, icon)
    ctx = open_workshop()
    write_cookies()
    person = draw_sidebar(ctx)
    if ctx is not None and not ctx.read_only:
        ctx.actor = replace(ctx.actor, name=_name_input(person))
    return ctx


def workshop_page(title: str, icon: str, *, readers: bool = False) -> PageContext:
    """Frame for a workshop page: stops with a way back Home when no workshop is open.

    ``readers`` says whether a read-only link may see this page.
    """
    _configure(title, icon)
    ctx = open_workshop()
    write_cookies()
    person = draw_sidebar(ctx)
    if ctx is None:
        if param("w") is None and param("v") is None:
            st.info(
                "No workshop is open. Create one or open one from Home.", icon=":material/info:"
            )
        st.page_link(HOME.path, label="Go to Home", icon=HOME.icon)
        st.stop()
    ctx.page = title
    if ctx.read_only:
        if not readers:
            st.info(READERS_NOTE, icon=":material/visibility:")
            st.stop()
        return ctx
    ctx.actor = replace(ctx.actor, name=_name_input(person))
    return ctx
