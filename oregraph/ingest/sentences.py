"""Sentence splitting with character offsets into the original text.

Rule-based: a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by a
closing quote or bracket) before whitespace and a capital, a digit or an
opening quote, unless the period closes an abbreviation ("Inc.", "Mr.",
"U.S.", an initial). A legal suffix ends a sentence only when a usual
sentence opener follows ("... Albecour Inc. The parties ...").
"""

from __future__ import annotations

import re

from oregraph.ingest import rx
from oregraph.ingest.cleanup import Cleaned
from oregraph.ingest.records import Sentence

__all__ = ["split_sentences", "sentences_of"]

_BOUNDARY = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9À-Ý«])")
_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "jr", "sr", "vs", "approx", "e.g", "i.e",
    "u.s", "u.k", "u.s.a", "s.a", "mt", "ft", "gov", "prof", "messrs", "p.geo", "p.eng",
    "ph.d", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "fig", "est", "ste", "cie", "op", "ont", "que", "b.c", "n.s", "n.b",
    "alta", "sask", "man", "nfld", "n.w.t", "calif", "ariz", "nev", "colo", "wash", "w.a",
    "n.s.w", "dept", "corp", "inc", "ltd", "co", "bhd", "pty", "plc", "s.a.b", "l.p", "s.e",
}
_WORD_AFTER = re.compile(r"[\w.]+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_TOKEN_AFTER = re.compile(r"\S+")
_LEGAL = {"inc", "corp", "ltd", "co", "plc", "pty", "bhd", "s.a", "l.p", "s.e"}
_NEVER_OPENS = {"sa", "inc", "ltd", "llc", "plc", "corp", "nv", "bv", "ag", "sab", "sac", "spa", "pty", "gmbh"}
# capitalised words that go on a name or introduce its officer after "Corp." / "Inc." / "Ltd."
_NAME_GOES_ON = {
    "Chairman", "Chairwoman", "Chair", "Chief", "President", "Vice", "Executive", "Director", "Directors",
    "Managing", "Senior", "Founder", "Limited", "Holdings", "Group", "International", "Canada", "Australia",
    "America", "Subsidiary", "Unit", "Division", "Shares", "Stock", "Common", "Board", "Ltda", "Ltee", "Pty",
    "Plc", "Inc", "Corp", "Co", "Ltd", "Llc", "Sa", "Ag", "Nv", "Bv", "Gmbh", "Spa",
}
_OPENERS = {
    "The", "This", "These", "That", "It", "Its", "In", "Under", "As", "On", "For", "With",
    "He", "She", "They", "We", "Our", "A", "An", "According", "Both", "Each", "All", "Upon",
    "Following", "Further", "Furthermore", "Additionally", "Also", "Shares", "If", "When",
}


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets of the sentences of ``text[start:end]``.

    >>> t = "Albecour Inc. is a unit of Investissement Québec. It sells aluminum."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Albecour Inc. is a unit of Investissement Québec.', 'It sells aluminum.']
    >>> t = "Mr. J. Smith joined Alcoa Inc. The deal closed."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Mr. J. Smith joined Alcoa Inc.', 'The deal closed.']
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        # only a short window around each candidate end is read (never the rest of the paragraph, so
        # a long paragraph full of abbreviations stays linear)
        nxt = _WORD_AFTER.match(text, m.end(), end)
        if nxt and nxt.group(0).lower().replace(".", "") in _NEVER_OPENS:
            continue  # "Anglo Sur. S.A. runs": a legal suffix never opens a sentence
        if text[m.start()] == ".":
            word = _WORD_BEFORE.search(text, max(cursor, m.start() - 64), m.start())
            token = word.group(1).lower() if word else ""
            if token in _ABBREV or rx.fullmatch(r"[a-z]", token) or rx.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
                nxt = _TOKEN_AFTER.match(text, m.end(), end)
                word = nxt.group(0).strip("\"“,.;:") if nxt else ""
                # after "Corp." a sentence ends unless a title or more of the name follows
                # ("... with Kestrel Mining Corp. Lumsden Holdings is ..." / "Alpha Corp. Chairman Jane Roe")
                ends = token in _LEGAL and nxt and (word in _OPENERS or rx.fullmatch(r"[A-Z][a-z]+", word)
                                                    and word not in _NAME_GOES_ON)
                if not ends:
                    continue
        stop = m.end()
        while stop > m.start() and text[stop - 1].isspace():
            stop -= 1
        if text[cursor:stop].strip():
            out.append((cursor, stop))
        cursor = m.end()
    if text[cursor:end].strip():
        stop = end
        while stop > cursor and text[stop - 1].isspace():
            stop -= 1
        out.append((cursor, stop))
    return out


def sentences_of(text: str, cleaned: Cleaned) -> list[Sentence]:
    """Every sentence of the paragraphs not marked ``skip`` or ``header``.

    Line breaks inside a sentence become spaces in ``Sentence.text`` so that
    patterns see one line; offsets are unchanged since the lengths match.
    """
    sentences: list[Sentence] = []
    for para in cleaned.paragraphs:
        if para.section in ("skip", "header"):
            continue
        for s, e in split_sentences(text, para.start, para.end):
            # the mask's brackets never come from the source: "⟦0⟧" in a text is no mention (same length)
            flat = rx.sub(r"\s", " ", text[s:e]).replace("⟦", "[").replace("⟧", "]")
            sentences.append(Sentence(s, e, flat, para.section, len(sentences)))
    return sentences
