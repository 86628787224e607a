"""Optional sign-in for organisations through Streamlit's OIDC (``st.login``).

When ``[auth]`` is configured in ``.streamlit/secrets.toml``, people sign in and the name of
the signed-in user becomes the author of every change they make; the free-text name is not
offered, so nobody can write under someone else's name. Without ``[auth]`` the app asks for
a display name instead.
"""

from __future__ import annotations

import streamlit as st

from okrcore.model.identity import signed_in_id
from ui.safe import label


def sign_in_configured() -> bool:
    """Whether ``[auth]`` is set in the secrets (no secrets file at all means no)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - a missing or unreadable secrets file means no sign-in
        return False


def signed_in_name() -> str | None:
    """The signed-in user's name (or e-mail), or None when nobody is signed in."""
    if not st.user.get("is_logged_in"):
        return None
    return str(st.user.get("name") or st.user.get("email") or "signed-in user")[:80]


def signed_in_user_id() -> str | None:
    """The signed-in user's id (see :mod:`okrcore.model.identity`): from the provider's
    subject, which never changes, or the e-mail where there is none; None when signed out."""
    if not st.user.get("is_logged_in"):
        return None
    subject = st.user.get("sub") or st.user.get("email")
    return signed_in_id(str(subject)) if subject else None


def sign_in_box() -> str:
    """The sign-in state, drawn where the caller is (the sidebar's place for the person);
    returns the author name to use ("" when signed out)."""
    name = signed_in_name()
    if name is None:
        st.caption("Sign in so your changes carry your name.")
        st.button("Sign in", icon=":material/login:", on_click=st.login)
        return ""
    st.caption(f"Signed in as {label(name)}")
    st.button("Sign out", icon=":material/logout:", on_click=st.logout)
    return name
