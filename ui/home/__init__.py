"""The parts of the Home page, one module per section: :mod:`.create_workshop`,
:mod:`.open_workshop` (by link, from a JSON export, from the list), :mod:`.status` (where the
workshop stands and the next step), :mod:`.links`, and the facilitator's panel
(:mod:`.facilitator`) with its tabs :mod:`.teams`, :mod:`.phase`, :mod:`.history` and
:mod:`.backups`. ``app.py`` lays them out.
"""

from __future__ import annotations
