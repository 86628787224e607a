"""Reading key-result text: the domain's one reader of quantities, directions and deadlines.

``read_key_result(text, cycle_start=..., cycle_end=...)`` gives a frozen ``Reading``;
``find_quantities`` gives the quantities alone (value, unit, span, governing word) for other
readers such as the critique; ``find_dates`` / ``find_deadline`` read dates against a cycle.
"""

from okrcore.model.records import Direction
from okrcore.reading.dates import DateMention, find_dates, find_deadline
from okrcore.reading.formatting import format_number, format_value
from okrcore.reading.numbers_in_text import Quantity, Token, find_quantities, tokenize
from okrcore.reading.reader import Reading, read_key_result

__all__ = [
    "DateMention",
    "Direction",
    "Quantity",
    "Reading",
    "Token",
    "find_dates",
    "find_deadline",
    "find_quantities",
    "format_number",
    "format_value",
    "read_key_result",
    "tokenize",
]
