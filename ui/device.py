"""What this browser keeps between visits: who the person is, the facilitator keys it holds
and the workshops it has opened.

All three live in cookies for this app (``Path=/``, ``SameSite=Lax``, a year long, ``Secure``
over HTTPS), so that nothing secret needs to sit in the address bar, and nothing that
identifies a person can be taken by typing a name:

- ``okr_pid``: a random secret made on the server the first time the browser comes; notes,
  votes, check-ins and dependency answers belong to a hash of it
  (:mod:`okrcore.model.identity`);
- ``okr_k_<workshop id>``: the facilitator key of that workshop, kept after its facilitator
  link was opened, so the key can leave the address bar;
- ``okr_seen``: the workshops this browser has opened, which Home lists.

Streamlit reads cookies only from the request that opened the session
(``st.context.cookies``), and a page cannot set one from Python, so the app writes them
with a tiny browser component and keeps every value it wrote in the session: the session
knows its own values at once, and the next visit reads them from the browser.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from okrcore.model.identity import is_browser_secret, new_browser_secret, participant_id

PID_COOKIE = "okr_pid"
SEEN_COOKIE = "okr_seen"
KEY_COOKIE_PREFIX = "okr_k_"
MAX_SEEN = 40  # workshops remembered; ids of 32 characters keep the cookie under 1.5 kB
_MAX_AGE_S = 365 * 24 * 3600
_WRITES = "okr_cookie_writes"  # session state: every cookie written in this session

# Sets (a string) or removes (null) each cookie named in data.cookies. Every run draws it
# with all of the session's writes; each value is written once per page, so a session does
# not keep overwriting what another tab of the same browser wrote since.
_COOKIE_JS = """
export default function ({ data }) {
  const written = (window.__okrCookiesWritten ??= {});
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  const common = '; Path=/; SameSite=Lax' + secure;
  for (const [name, value] of Object.entries(data.cookies)) {
    if (name in written && written[name] === value) continue;
    written[name] = value;
    document.cookie = value === null
      ? name + '=' + common + '; Max-Age=0'
      : name + '=' + encodeURIComponent(value) + common + '; Max-Age=' + data.maxAge;
  }
}
"""
_writer = st.components.v2.component("okr_cookies", js=_COOKIE_JS)
_HIDE = "<style>.st-key-okr_cookies { display: none; }</style>"


def browser_cookies() -> Mapping[str, str]:
    """The cookies the browser sent when this session began. Tests replace this function:
    ``AppTest`` has no browser to send any."""
    try:
        sent = st.context.cookies
        return {str(name): value for name, value in sent.items() if isinstance(value, str)}
    except Exception:  # noqa: BLE001 - no browser (a bare script run) means no cookies
        return {}


def cookie(name: str) -> str | None:
    """The cookie's value now: this session's own writes first, then what the browser sent."""
    writes: dict[str, str | None] = st.session_state.get(_WRITES, {})
    if name in writes:
        return writes[name]
    return browser_cookies().get(name)


def set_cookie(name: str, value: str | None) -> None:
    """Set (or, with None, remove) a cookie; the browser gets it with this run's page."""
    st.session_state.setdefault(_WRITES, {})[name] = value


def write_cookies() -> None:
    """Send this session's cookie writes to the browser. The frame calls it on every page, so
    a write lands whichever page the person is on when the run reaches the browser."""
    writes = st.session_state.get(_WRITES)
    if not writes:
        return
    st.html(_HIDE)
    with st.container(key="okr_cookies"):
        _writer(key="okr_cookie_writer", data={"cookies": dict(writes), "maxAge": _MAX_AGE_S})


def person_id() -> str:
    """This browser's participant id; the first visit makes its secret and keeps it."""
    secret = cookie(PID_COOKIE)
    if not is_browser_secret(secret):
        secret = new_browser_secret()
        set_cookie(PID_COOKIE, secret)
    return participant_id(secret or "")


def key_cookie(workshop_id: str) -> str:
    return f"{KEY_COOKIE_PREFIX}{workshop_id}"


def stored_key(workshop_id: str) -> str | None:
    """The facilitator key this browser keeps for the workshop, if any."""
    return cookie(key_cookie(workshop_id)) or None


def keep_key(workshop_id: str, key: str) -> None:
    set_cookie(key_cookie(workshop_id), key)


def forget_key(workshop_id: str) -> None:
    """ "Forget this device": the browser no longer opens the facilitator's controls."""
    set_cookie(key_cookie(workshop_id), None)


def seen_workshops() -> list[str]:
    """The workshops this browser has opened, latest first, including every one it holds a
    facilitator key for."""
    seen = [w for w in (cookie(SEEN_COOKIE) or "").split(".") if w]
    writes: dict[str, str | None] = st.session_state.get(_WRITES, {})
    names = {**browser_cookies(), **writes}
    keyed = [
        n.removeprefix(KEY_COOKIE_PREFIX)
        for n, v in names.items()
        if n.startswith(KEY_COOKIE_PREFIX) and v
    ]
    return list(dict.fromkeys([*seen, *keyed]))


def remember_workshop(workshop_id: str) -> None:
    """Put the workshop first in this browser's list (written only when that changes)."""
    seen = [w for w in (cookie(SEEN_COOKIE) or "").split(".") if w]
    if seen[:1] == [workshop_id]:
        return
    kept = [workshop_id, *(w for w in seen if w != workshop_id)][:MAX_SEEN]
    set_cookie(SEEN_COOKIE, ".".join(kept))
