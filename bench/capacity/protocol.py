"""One person's Streamlit session without a browser: Streamlit's websocket and protobufs.

A browser talks to ``/_stcore/stream`` in ``BackMsg`` and ``ForwardMsg`` protobufs. To ask
for a run it sends a ``rerun_script`` ``ClientState``: the query string, the page (its
script hash and URL name), the fragment to rerun if any, and the state of *every* widget it
holds (a widget left out keeps the value the server last had, which is not what a browser
does). The server answers with deltas (elements and blocks at paths) and ends each run with
``script_finished``. This class does the same, and keeps from each run what a person would
read (the text on the page) and what they would click (widgets by their user key: a widget
made with ``key=k`` has an element id ending in ``-k``).

Nothing here renders: the time measured is the server's, from sending the request to the
run's ``script_finished``, plus localhost transport.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import quote

import gevent
import gevent.queue
import websocket
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

INTERNAL_PREFIX = "$$STREAMLIT_INTERNAL_KEY"  # streamlit.runtime.state.session_state
WIDGET_KINDS = {
    "text_input", "text_area", "selectbox", "button_group", "slider", "checkbox",
    "button", "bidi_component", "multiselect", "radio", "number_input", "date_input",
}  # fmt: skip
TEXT_KINDS = ("text", "markdown", "heading", "alert", "metric", "toast")
FINISHED_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
# A run that takes longer than this is a hung server for the driver: the person gives up.
RUN_TIMEOUT_S = 120.0


class ProtocolError(RuntimeError):
    """The server closed the socket, sent something unexpected or did not finish a run."""


@dataclass
class Widget:
    """A widget as drawn: its id, element kind, form and the element itself."""

    id: str
    kind: str
    form_id: str
    path: tuple[int, ...]
    element: Any


@dataclass
class Run:
    """What one run drew: text by delta path, widgets by user key, and how long it took."""

    seconds: float = 0.0
    sent_at: float = 0.0  # time.perf_counter() when its request left
    texts: dict[tuple[int, ...], str] = field(default_factory=dict)
    widgets: dict[str, Widget] = field(default_factory=dict)
    fragment_ids: dict[str, str] = field(default_factory=dict)  # user key -> fragment id
    errors: list[str] = field(default_factory=list)
    status: int = -1
    memo: dict[str, Any] = field(default_factory=dict)  # readings of the finished run

    @cached_property
    def text(self) -> str:
        """Everything the page says, in drawing order, as one string (read once the run
        has finished: every other session looks for every change in it)."""
        return "\n".join(self.texts[path] for path in sorted(self.texts))

    def component_data(self, key: str) -> dict[str, Any]:
        """The JSON data a custom component (``st.components.v2``) was given."""
        widget = self.widgets.get(key)
        if widget is None or not widget.element.json:
            return {}
        return json.loads(widget.element.json)


def user_key(element_id: str) -> str:
    """The ``key=`` a widget was made with, or its full id when it has none."""
    head, _, rest = element_id.partition("-")
    if head == "$$ID" and "-" in rest:
        return rest.split("-", 1)[1]
    return element_id


def trigger_aggregator_id(component_id: str) -> str:
    """The widget a custom component's triggers travel in (``bidi_component.main``)."""
    return f"{INTERNAL_PREFIX}_{component_id}__events"


class Session:
    """One browser tab's session: connect, run a page, press buttons, close.

    ``values`` holds every widget value this person has set, by widget id, and goes with
    each request as the browser's widget manager sends its state; triggers (buttons,
    component events) go with one request only.
    """

    def __init__(self, base_url: str, cookies: dict[str, str] | None = None) -> None:
        self.stream_url = base_url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.cookies = cookies or {}
        self.socket: websocket.WebSocket | None = None
        self.pages: dict[str, str] = {}  # URL name ("Why", "" for Home) -> page script hash
        self.page_name = ""
        self.query_string = ""
        self.values: dict[str, WidgetState] = {}
        self.last: Run = Run()

    def connect(self) -> None:
        """Open the socket and keep reading it, as a browser does: the server pings every
        socket and closes one whose pings go unanswered, and websocket-client answers a
        ping only while it reads. A person idle on a page that is not live (a check-in
        between saves) would otherwise be disconnected."""
        header = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.socket = websocket.create_connection(
            self.stream_url, subprotocols=["streamlit"], timeout=None, cookie=header or None,
        )  # fmt: skip
        self.inbox = gevent.queue.Queue()
        self.reader = gevent.spawn(self._pump, self.socket, self.inbox)

    @staticmethod
    def _pump(socket: websocket.WebSocket, inbox: gevent.queue.Queue) -> None:
        """Every frame into ``inbox``; the error that ends the socket last."""
        while True:
            try:
                inbox.put(socket.recv())
            except (websocket.WebSocketException, OSError) as error:
                inbox.put(ProtocolError(f"socket: {error!r}"))
                return

    def close(self) -> None:
        if self.socket is not None:
            self.reader.kill(block=False)
            self.socket.close()
            self.socket = None

    def open(self, page_name: str, query_string: str) -> Run:
        """Open a page as a typed address or a page link does: a full run of that page."""
        self.page_name, self.query_string = page_name, query_string
        return self.rerun()

    def set_value(self, key: str, kind: str, value: Any) -> None:
        """Type or choose a widget's value, as a person would; sent with the next run."""
        widget = self.last.widgets[key]
        state = WidgetState(id=widget.id)
        if kind.endswith("array_value"):
            getattr(state, kind).data.extend(value)
        else:
            setattr(state, kind, value)
        self.values[widget.id] = state

    def press(self, key: str) -> Run:
        """Click a button (a form's submit button sends the form's values with it)."""
        widget = self.last.widgets[key]
        run = self.rerun(extra=[WidgetState(id=widget.id, trigger_value=True)])
        if widget.form_id:  # a submitted form starts again from what the server draws
            drawn = {w.id for w in self.last.widgets.values() if w.form_id == widget.form_id}
            self.values = {i: s for i, s in self.values.items() if i not in drawn}
        return run

    def trigger(self, component_key: str, event: str, fragment: bool = False) -> Run:
        """A custom component's ``setTriggerValue(event, now)``; ``fragment`` reruns only
        the fragment the component sits in, as Streamlit's frontend does."""
        widget = self.last.widgets[component_key]
        payload = json.dumps([{"event": event, "value": int(time.time() * 1000)}])
        state = WidgetState(id=trigger_aggregator_id(widget.id), json_trigger_value=payload)
        fragment_id = self.last.fragment_ids.get(component_key, "") if fragment else ""
        return self.rerun(extra=[state], fragment_id=fragment_id)

    def rerun(self, extra: list[WidgetState] | None = None, fragment_id: str = "") -> Run:
        """Send one ``rerun_script`` and read until its run has finished."""
        if self.socket is None:
            self.connect()
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query_string
        client.page_name = self.page_name
        client.page_script_hash = self.pages.get(self.page_name, "")
        client.fragment_id = fragment_id
        sent = {state.id: state for state in [*self.values.values(), *(extra or [])]}
        client.widget_states.widgets.extend(sent.values())
        began = time.perf_counter()
        try:
            self.socket.send_binary(message.SerializeToString())
        except (websocket.WebSocketException, OSError) as error:
            self.close()
            raise ProtocolError(f"socket: {error!r}") from error
        run = self._read_run(Run() if not fragment_id else _fragment_base(self.last))
        run.sent_at, run.seconds = began, time.perf_counter() - began
        self.last = run
        self._keep_cookies(run)
        return run

    def _keep_cookies(self, run: Run) -> None:
        """What the app's cookie component asks the browser to keep (ui/device.py), sent
        again when this person reconnects, as a reloaded tab sends its cookies."""
        written = run.component_data("okr_cookie_writer").get("cookies") or {}
        for name, value in written.items():
            if value is None:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = quote(str(value), safe="")

    def _read_run(self, run: Run) -> Run:
        """Read forward messages until a run finishes (a run cut short by ``st.rerun`` is
        followed by the run that replaces it, which is the one the person sees)."""
        while True:
            try:
                data = self.inbox.get(timeout=RUN_TIMEOUT_S)
            except gevent.queue.Empty as error:
                raise ProtocolError(f"no end of the run in {RUN_TIMEOUT_S:.0f} s") from error
            if isinstance(data, ProtocolError):
                self.close()
                raise data
            if not isinstance(data, bytes):
                raise ProtocolError("a text frame on Streamlit's binary socket")
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                _apply_delta(run, msg)
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "script_finished":
                if msg.script_finished == FINISHED_EARLY:
                    run = Run()
                    continue
                run.status = msg.script_finished
                return run


def _fragment_base(last: Run) -> Run:
    """A fragment run redraws only its own elements; the rest of the page stays as drawn."""
    return Run(texts=dict(last.texts), widgets=dict(last.widgets),
               fragment_ids=dict(last.fragment_ids))  # fmt: skip


def _apply_delta(run: Run, msg: ForwardMsg) -> None:
    """Keep what a delta shows: text, a widget, or an error the page displays."""
    delta = msg.delta
    if delta.WhichOneof("type") != "new_element":
        return
    path = tuple(msg.metadata.delta_path)
    element = delta.new_element
    kind = element.WhichOneof("type")
    inner = getattr(element, kind)
    if kind == "exception":
        run.errors.append(f"exception: {inner.type}: {inner.message}")
    elif kind in TEXT_KINDS:
        body = getattr(inner, "body", "")
        run.texts[path] = body
        if kind == "alert" and inner.format == Alert.ERROR:  # st.error: what failed, said
            run.errors.append(f"error shown: {body}")
    if kind in WIDGET_KINDS and getattr(inner, "id", ""):
        key = user_key(inner.id)
        run.widgets[key] = Widget(inner.id, kind, getattr(inner, "form_id", ""), path, inner)
        if delta.fragment_id:
            run.fragment_ids[key] = delta.fragment_id
