"""Altair chart builders: labelled axes, tooltips, and colours that always come with words.

Every colour that carries meaning (green / amber / red) appears in a legend with its label,
so the chart reads the same in greyscale or for a colour-blind reader. Values are never
clamped: a key result far outside its baseline-to-target range is drawn where it really is.

One module per chart: :mod:`.key_result` (a key result's value and confidence over the
weeks), :mod:`.heatmap` (confidence by team and week), :mod:`.objective_progress`, :mod:`.retro`
(the retrospective's score bands, scores by type, calibration);
:mod:`.colours` holds the status colours and legend, :mod:`.vega` the spec and drawing.
"""

from __future__ import annotations

# Altair looks numpy and pandas up in sys.modules to check the type of each value. While
# another session's thread is still importing one of them, it is there half made, and a
# chart built meanwhile fails ("partially initialized module 'numpy'"): seen when several
# people opened the check-in page on a fresh server. Importing both here, in the package
# every chart module belongs to, so before any chart can be built, means they are whole
# whenever Altair looks.
import numpy  # noqa: F401
import pandas  # noqa: F401
