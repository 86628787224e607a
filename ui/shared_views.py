"""Views of a workshop worked out once per version and shared by every session on this server.

A live page reruns in every open session after a change. On the dashboard of a 30-team
workshop about half of each rerun is the same arithmetic in every session (progress, the
heatmap, the digest) and turning charts into Vega-Lite. The repositories hand out the same
document object until the workshop changes, so that object is the version: a view is kept
beside the document it was computed from and served again only for that very object.

A view must depend on nothing but the document and its key (never on who is looking), and
it is shared, so it must not be changed: the dashboard's are frozen dataclasses, strings and
chart specs that :func:`ui.charts.vega.show` copies before drawing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from okrcore.model.records import WorkshopDoc

T = TypeVar("T")

# Views kept at once (each with the document it came from): a few per open workshop and
# filter; the oldest is dropped first.
SIZE = 256

_views: OrderedDict[tuple[str, Hashable], tuple[WorkshopDoc, object]] = OrderedDict()
_lock = threading.Lock()


def shared_view(doc: WorkshopDoc, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s result for this document and key, computed once per version.

    Two sessions asking at the same moment may both compute it; the result is the same.
    """
    slot = (doc.workshop.id, key)
    with _lock:
        held = _views.get(slot)
        if held is not None and held[0] is doc:
            _views.move_to_end(slot)
            return cast(T, held[1])
    value = compute()
    with _lock:
        _views[slot] = (doc, value)
        _views.move_to_end(slot)
        while len(_views) > SIZE:
            _views.popitem(last=False)
    return value
