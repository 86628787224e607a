"""Opening a workshop: by its link or id, from a JSON export, or from this server's list."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from okrcore.model.errors import NotFound
from okrcore.services.transfer import import_workshop
from okrcore.storage.repository import check_workshop_id
from ui.context import repository, workshop_listing
from ui.device import seen_workshops
from ui.home.create_workshop import open_created
from ui.safe import label
from ui.widgets import attempt


def open_form() -> None:
    """Open a workshop by pasting its link or id, or from the list on this server."""
    with st.form("open_workshop", border=True):
        st.subheader("Open a workshop", anchor=False)
        text = st.text_input("Workshop link or id", placeholder="Paste the link you were sent")
        submitted = st.form_submit_button("Open")
    if submitted:
        params = _params_from_link(text)
        if "v" in params:  # a read-only link opens as itself, read-only
            st.query_params.from_dict({"v": params["v"]})
            st.rerun()
        try:
            repository().load(check_workshop_id(params.get("w", "")))
        except (NotFound, ValueError) as error:
            st.error(str(error) or "That is not a workshop link.", icon=":material/error:")
        else:
            st.query_params.from_dict(params)
            st.rerun()
    import_form()
    listing = workshop_listing()
    if listing != "none":
        workshop_list(everyone=listing == "all")


def import_form() -> None:
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
                open_created(created)


def _params_from_link(text: str) -> dict[str, str]:
    """Accept a full link, a query string, or a bare id."""
    text = text.strip()
    query = urlsplit(text).query if "?" in text else ""
    if not query:
        return {"w": text}
    pairs = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
    return {k: v for k, v in pairs.items() if k in {"w", "k", "team", "v"}}


def workshop_list(*, everyone: bool) -> None:
    """This browser's workshops, latest opened first; with ``everyone``, the server's."""
    workshops = repository().list_workshops()
    if everyone:
        st.caption("Workshops on this server")
    else:
        order = {workshop_id: rank for rank, workshop_id in enumerate(seen_workshops())}
        workshops = sorted((w for w in workshops if w.id in order), key=lambda w: order[w.id])
        st.caption("Workshops you opened in this browser")
    if not workshops:
        st.caption("None yet.")
    for workshop in workshops[:50]:
        st.page_link(
            "app.py",
            label=label(f"{workshop.name} · {workshop.cycle_label} · {workshop.phase.value}"),
            icon=":material/folder_open:",
            query_params={"w": workshop.id},
        )
