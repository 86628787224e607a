"""Where a page is: the repository, the workshop and role from the URL, and the person."""

from __future__ import annotations

import os
from dataclasses import dataclass

import streamlit as st

from okrcore.model.records import Team, WorkshopDoc
from okrcore.services.common import Actor
from okrcore.storage import open_repository
from okrcore.storage.repository import WorkshopRepository

NAME_KEY = "participant_name"


@st.cache_resource(show_spinner=False)
def _repository(location: str) -> WorkshopRepository:
    return open_repository(location)


def repository_location() -> str:
    """Where workshops are kept: ``OKR_DATABASE_URL`` (a ``postgresql://`` URL, for several
    servers sharing one database) when set, else the folder ``OKR_DATA_DIR`` (``./data``)."""
    return os.environ.get("OKR_DATABASE_URL") or os.environ.get("OKR_DATA_DIR", "data")


def repository() -> WorkshopRepository:
    """The repository for :func:`repository_location`, one per location and process (its
    pool of database connections, or its cache of validated files, is shared by sessions)."""
    return _repository(repository_location())


def workshop_listing() -> str:
    """Which workshops Home lists (``OKR_LIST_WORKSHOPS``): "all" on a private server that
    chooses it, "none" when switched off, otherwise only those this browser has opened
    ("opened"), so that nobody finds a participant link they were not given."""
    setting = os.environ.get("OKR_LIST_WORKSHOPS", "").strip().lower()
    if setting == "all":
        return "all"
    if setting in {"0", "false", "no", "none", "off"}:
        return "none"
    return "opened"


def param(name: str) -> str | None:
    value = st.query_params.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


@dataclass
class PageContext:
    """What every page needs to know, read once by the frame at the top of the script."""

    repo: WorkshopRepository
    doc: WorkshopDoc
    actor: Actor
    is_facilitator: bool
    read_only: bool = False
    page: str = ""  # the page's title, set by the frame

    @property
    def workshop_id(self) -> str:
        return self.doc.workshop.id

    def reload(self) -> WorkshopDoc:
        """Fresh data after a change (cheap: the repository caches by file stamp)."""
        self.doc = self.repo.load(self.workshop_id)
        return self.doc

    def link_params(self, **extra: str) -> dict[str, str]:
        """Query parameters that keep this workshop on the next page. The facilitator's key
        stays on this device (``ui.device``), never in a link."""
        if self.read_only:
            params = {"v": self.doc.workshop.viewer_token}
        else:
            params = {"w": self.workshop_id}
        if team := param("team"):
            params["team"] = team
        params.update({k: v for k, v in extra.items() if v})
        return params

    def team_from_url(self, teams: list[Team]) -> Team | None:
        wanted = param("team")
        return next((t for t in teams if t.id == wanted), None)
