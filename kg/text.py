"""Text normalisation for search and for names people type: Persian/Arabic letter variants,
diacritics, ZWNJ, Persian and Arabic-Indic digits, case.

This function applies them to the user's words, to the full-text index, and at build time to
every searchable text of the graph (``kgo:searchText``, which ``queries/search.rq`` matches with
CONTAINS alone, so every store finds the same nodes).

Example:
    >>> normalise("بحران‌هاي قره‌باغ") == normalise("بحرانهای قرهباغ")
    True
    >>> normalise("  Minsk   GROUP ")
    'minsk group'
    >>> normalise("۱۹۹۴") == normalise("١٩٩٤") == "1994"
    True
"""

from __future__ import annotations

import re

_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0629": "\u0647",
                          "\u06c0": "\u0647", "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",
                          "\u0624": "\u0648"})
_DIGITS = str.maketrans({**{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)}})
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200c]")


def normalise(text: str) -> str:
    """Fold letter variants and digits, drop diacritics/tatweel/ZWNJ, collapse spaces, lower-case."""
    return re.sub(r"\s+", " ", _DROP.sub("", text.translate(_LETTERS).translate(_DIGITS))).strip().lower()
