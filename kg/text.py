"""Text normalisation for search: Persian/Arabic letter variants, diacritics, ZWNJ, case.

The same rules are written in SPARQL in ``queries/search.rq`` (so any store applies them to
the graph's text); this function applies them to the user's search words.

Example:
    >>> normalise("بحران‌هاي قره‌باغ") == normalise("بحرانهای قرهباغ")
    True
    >>> normalise("  Minsk   GROUP ")
    'minsk group'
"""

from __future__ import annotations

import re

_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0629": "\u0647",
                          "\u06c0": "\u0647", "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",
                          "\u0624": "\u0648"})
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200c]")


def normalise(text: str) -> str:
    """Fold letter variants, drop diacritics/tatweel/ZWNJ, collapse spaces, lower-case."""
    return re.sub(r"\s+", " ", _DROP.sub("", text.translate(_LETTERS))).strip().lower()
