"""The Dependencies step: what we need, what others need from us, the map, a note to a team.

One module per tab: :mod:`.we_need`, :mod:`.others_need`, :mod:`.map` (map, warnings and
alignment tree) and :mod:`.message`; :mod:`.common` holds who may do what and the shared
pieces.

User text reaches the screen only through ``st.text``, ``st.dataframe`` (shown as text),
``st.code``, select-box options (plain text, so only shortened, never escaped: escaping
would show the backslashes) and Graphviz (escaped by :mod:`okrcore.rules.dependencies`). No user
text goes into Markdown here: even escaped, Streamlit's Markdown turns "->" into an arrow.
"""

from __future__ import annotations

import streamlit as st

from okrcore.model.records import Team
from ui.context import PageContext
from ui.dependencies.map import map_and_warnings
from ui.dependencies.message import message_to_team
from ui.dependencies.others_need import others_need
from ui.dependencies.we_need import we_need

TABS = ("We need from others", "Others need from us", "Map and warnings", "Message to a team")


def dependency_tabs(ctx: PageContext, team: Team) -> None:
    need_tab, asked_tab, map_tab, message_tab = st.tabs(list(TABS), key="dependency_tabs")
    with need_tab:
        we_need(ctx, team)
    with asked_tab:
        others_need(ctx, team)
    with map_tab:
        map_and_warnings(ctx, team)
    with message_tab:
        message_to_team(ctx, team)
