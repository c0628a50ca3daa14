"""Places and commodities found by the lexicon, longest entry first."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from oregraph.ingest import rx
from oregraph.ingest.lexicon import fold, lexicon
from oregraph.ingest.mentions.context import DocContext, _place_key
from oregraph.ingest.mentions.words import _is_cap


# words for the lexicon scan: a hyphen separates words ("copper-gold-silver" names three commodities)
_WORDISH = re.compile(r"[A-Za-zÀ-ÿ][\w'’.]*")



class Spans:
    """Sorted, non-overlapping spans of a text, asked about in logarithmic time (a long table of names
    must not make every word compare itself with every name)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a span."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def starts_between(self, start: int, end: int) -> bool:
        """Whether a span starts in ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end


def _lexicon_spans(ctx: DocContext, text: str, lex,
                   taken: list[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """Places and commodities: the longest lexicon entry starting at each word.

    Words inside ``taken`` (the spans of names already found) are skipped before any entity
    is made: "Katanga" inside "Katanga Mining Limited" adds no place Katanga, which would
    then take the short name "Katanga" from the company.
    """
    names = Spans(taken)
    words = [w for w in _WORDISH.finditer(text) if not names.covers(w.start())]
    # a multi-word entry never runs over a name: each word knows where its run of free words ends
    run_end = [0] * len(words)
    for k in range(len(words) - 1, -1, -1):
        nxt = k + 1
        free = nxt < len(words) and not names.starts_between(words[k].end(), words[nxt].start())
        run_end[k] = run_end[nxt] if free else k + 1
    # a possessive is not part of the name: "Papua New Guinea's" is Papua New Guinea
    ends = [w.end() - 2 if w.group(0).endswith(("'s", "’s")) else w.end() for w in words]
    folds = [fold(text[w.start():end]) for w, end in zip(words, ends)]
    starts = _lexicon_starts()
    out = []
    i = 0
    while i < len(words):
        hit = None
        first = folds[i].split(" ", 1)[0]
        longest = starts.get(first, 0) if first else 0
        for n in range(min(6, run_end[i] - i, longest), 0, -1):
            if n > 1 and any(c in text[words[k].end():words[k + 1].start()] for k in range(i, i + n - 1) for c in ",;()"):
                continue  # "neodymium, praseodymium" is a list of two, not the name "neodymium praseodymium"
            s, e = words[i].start(), ends[i + n - 1]
            folded = " ".join(f for f in folds[i:i + n] if f)
            if not folded or (folded not in lex.places and folded not in lex.commodities):
                continue
            piece = text[s:e].rstrip(".")
            e = s + len(piece)
            place = lex.places.get(folded)
            if place and (_is_cap(piece) or piece.isupper() or (n > 1 and _is_cap(text[words[i + n - 1].start():e]))):
                hit = (s, e, _place_key(ctx, place, piece), n)
                break
            comm = lex.commodities.get(folded)
            if comm:
                if folded in {"lead", "tin", "iron"} and not _metal_context(text, s, e):
                    continue
                key = ctx.add("commodity", comm[1], "Commodity", key=f"commodity-{comm[0]}")
                hit = (s, e, key, n)
                break
        if hit:
            out.append(hit[:3])
            i += hit[3]
        else:
            i += 1
    return out



@lru_cache(maxsize=1)
def _lexicon_starts() -> dict[str, int]:
    """First word of every place and commodity form -> the most words such a form has."""
    lex = lexicon()
    starts: dict[str, int] = {}
    for form in (*lex.places, *lex.commodities):
        tokens = form.split()
        if tokens:
            starts[tokens[0]] = max(starts.get(tokens[0], 0), len(tokens))
    return starts



def _metal_context(text: str, s: int, e: int) -> bool:
    window = text[max(0, s - 40):e + 40].lower()
    return bool(rx.search(r"zinc|copper|silver|metal|smelt|refin|mine|ore|tonnes|tons|stocks|"
                          r"production|concentrate|price|output|inventor", window))
