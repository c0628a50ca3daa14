"""Regular expressions compiled once: ``re``'s functions over a least-recently-used cache of compiled patterns.

The rules run several hundred patterns per sentence, and a document adds patterns of its own (its
names and their short forms). ``re`` keeps 512 compiled patterns and, on Python 3.11, forgets the
oldest first, so a document's own patterns pushed the rules' patterns out and each was compiled
again and again. This cache is larger and forgets the least recently used, so the rules' patterns,
used on every sentence, stay compiled. Same signatures as the ``re`` functions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["compiled", "search", "match", "fullmatch", "findall", "finditer", "sub", "split"]


@functools.lru_cache(maxsize=4096)
def compiled(pattern: str | re.Pattern[str], flags: int = 0) -> re.Pattern[str]:
    """``re.compile``, cached."""
    return pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)


def search(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> re.Match[str] | None:
    return compiled(pattern, flags).search(string)


def match(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> re.Match[str] | None:
    return compiled(pattern, flags).match(string)


def fullmatch(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> re.Match[str] | None:
    return compiled(pattern, flags).fullmatch(string)


def findall(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> list[Any]:
    return compiled(pattern, flags).findall(string)


def finditer(pattern: str | re.Pattern[str], string: str, flags: int = 0) -> Iterator[re.Match[str]]:
    return compiled(pattern, flags).finditer(string)


def sub(pattern: str | re.Pattern[str], repl: str | Callable[[re.Match[str]], str], string: str,
        count: int = 0, flags: int = 0) -> str:
    return compiled(pattern, flags).sub(repl, string, count)


def split(pattern: str | re.Pattern[str], string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return compiled(pattern, flags).split(string, maxsplit)
