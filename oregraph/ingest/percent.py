"""Percentages in every spelling announcements use, as numbers 0-100.

>>> [percent_value(m.group(0)) for m in PERCENT.finditer(
...     "6.67%, 29 pct, 50 per cent, 50-per-cent, fifty percent, 6,67 %, 100%-owned, 50 pour cent, "
...     "12,5 pour-cent")]
[6.67, 29.0, 50.0, 50.0, 50.0, 6.67, 100.0, 50.0, 12.5]
"""

from __future__ import annotations

import re

__all__ = ["PERCENT", "percent_value"]

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "twenty-five": 25, "thirty": 30, "forty": 40, "forty-nine": 49, "fifty": 50, "fifty-one": 51,
    "sixty": 60, "seventy": 70, "seventy-five": 75, "eighty": 80, "ninety": 90,
    "one hundred": 100, "hundred": 100,
}
_NUMBER = r"(?:\d{1,3}(?:[.,]\d{1,4})?|" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + ")"
PERCENT = re.compile(
    rf"(?<![\w.])(?P<num>{_NUMBER})\s?-?\s?(?:%|pct\b|per[- ]?cent\b|percent\b|pour[- ]cent\b|p\.c\.)",
    re.I,
)


def percent_value(text: str) -> float:
    m = PERCENT.search(text)
    if not m:
        raise ValueError(f"no percentage in {text!r}")
    num = m.group("num").lower()
    if num in _WORDS:
        return float(_WORDS[num])
    return float(num.replace(",", "."))
