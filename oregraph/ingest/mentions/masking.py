"""Masking: every mention of a sentence becomes a numbered token, every percentage a value token."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oregraph.ingest import rx
from oregraph.ingest.lexicon import lexicon
from oregraph.ingest.mentions.context import DocContext
from oregraph.ingest.mentions.gazetteer import Spans, _lexicon_spans
from oregraph.ingest.mentions.listings import _looks_like_ticker_block, _PAREN
from oregraph.ingest.percent import PERCENT, percent_value
from oregraph.ingest.records import Mention, Sentence


@dataclass
class Masked:
    sentence: Sentence
    text: str  # the sentence with ⟦n⟧ for mentions and ⟦%v⟧ for percentages
    mentions: list[Mention]
    #: pieces of the masked text: (masked start, masked end, sentence start, sentence end, is a token)
    pieces: list[tuple[int, int, int, int, bool]] = field(default_factory=list)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Absolute offsets in the announcement of the masked-text span ``start:end``.

        A token maps to the whole mention it stands for. Without a piece map
        (a Masked built by hand) the whole sentence is returned.
        """
        if not self.pieces:
            return self.sentence.start, self.sentence.end

        def at(x: int, is_end: bool) -> int:
            for ms, me, os_, oe, token in self.pieces:
                if ms <= x < me or (is_end and ms < x == me):
                    if token:
                        return oe if is_end else os_
                    return os_ + (x - ms)
            return len(self.sentence.text) if is_end else 0

        s, e = at(start, False), at(end, True)
        # trim the trailing blank or punctuation the pattern may have eaten
        while e > s and self.sentence.text[e - 1] in " ,;":
            e -= 1
        return self.sentence.start + s, self.sentence.start + e



_LEGAL_AFTER = re.compile(r",? (?:Limited|Ltd\.?|Inc\.?|Corp\.?|plc|PLC|S\.A\.|SA|AG|ASA|LLC|N\.V\.)(?![\w])")

# "the Company" as a defined term; "The company" opening a sentence (newswire style) is the issuer too
_ISSUER_TERMS = re.compile(r"\b(?:[Tt]he (?:Company|Corporation)|[Ll]a [Ss]ociété)\b|^The company\b")



def mask(ctx: DocContext, sent: Sentence, issuer: str | None = None) -> Masked:
    """The sentence with mentions and percentages replaced by tokens; "the Company" stands for
    ``issuer`` (the company of the About section the sentence is in) or else the document's issuer."""
    lex = lexicon()
    issuer = issuer or ctx.issuer
    text = sent.text
    spans: list[tuple[int, int, str]] = []
    for s, e, key in ctx.find(text):
        spans.append((s, e, key))
    # places and commodities from the lexicon
    names = Spans((s2, e2) for s2, e2, _ in spans)
    for s, e, key in _lexicon_spans(ctx, text, lex, [(s2, e2) for s2, e2, _ in spans]):
        if not names.overlaps(s, e):
            spans.append((s, e, key))
    if issuer:
        taken = Spans((s2, e2) for s2, e2, _ in spans)
        for m in _ISSUER_TERMS.finditer(text):
            if not taken.overlaps(m.start(), m.end()):
                spans.append((m.start(), m.end(), issuer))
    spans.sort()
    out: list[str] = []
    pieces: list[tuple[int, int, int, int, bool]] = []
    mentions: list[Mention] = []
    cursor = 0
    length = 0

    def plain(a: int, b: int) -> None:
        """Copy text[a:b], with every percentage replaced by its token."""
        pos = a
        for pm in PERCENT.finditer(text, a, b):
            if pm.end() > b:
                break
            piece(text[pos:pm.start()], pos, pm.start(), False)
            piece(f"⟦%{percent_value(pm.group(0))}⟧", pm.start(), pm.end(), True)
            pos = pm.end()
        piece(text[pos:b], pos, b, False)

    def piece(chunk: str, a: int, b: int, token: bool) -> None:
        nonlocal length
        if not chunk:
            return
        out.append(chunk)
        pieces.append((length, length + len(chunk), a, b, token))
        length += len(chunk)

    for s, e, key in spans:
        if s < cursor:
            continue
        if ctx.entities[key].kind == "org":
            # a known name written with its legal form: "the Industrial Development Corporation of
            # South Africa Limited ("IDC")" is one mention, and the defined term after it is dropped
            legal = _LEGAL_AFTER.match(text, e)
            if legal and not any(e <= s2 < legal.end() for s2, _, _ in spans if s2 != s):
                e = legal.end()
            # a dotted legal form keeps its last period inside a sentence: "Sierra Vieja S.C.M. ("SV")"
            if text[e:e + 1] == "." and e + 1 < len(text.rstrip()) and rx.search(r"\b(?:[A-Z]\.)+[A-Z]$", text[s:e]):
                e += 1
        stop = s - 1 if text[s - 1:s] == "<" and s > cursor else s
        plain(cursor, stop)
        piece(f"⟦{len(mentions)}⟧", s, e, True)
        mentions.append(Mention(s, e, key, text[s:e]))
        cursor = e
        # drop ticker blocks and defined-term parentheses right after a name, quoted or not ("(BHP)")
        while True:
            m = _PAREN.match(text, cursor)
            if not m or not (rx.search(r"[\"“«]", m.group(1)) or _looks_like_ticker_block(m.group(1))
                             or m.group(1) in ctx.entities[key].aliases):
                break
            cursor = m.end()
        if text[cursor:cursor + 1] == ">" and text[s - 1:s] == "<":
            cursor += 1
        # a Reuters code after a name ("Consolidated Goldfields Plc's <CGLD.L>") says nothing more
        code = rx.match(r"(['’]s)?\s*<[A-Z0-9.\-]{1,10}>", text[cursor:])
        if code:  # also after a possessive: "Consolidated Goldfields Plc's <CGLD.L> purchase of"
            if code.group(1):
                plain(cursor, cursor + 2)
            cursor += code.end()
    plain(cursor, len(text))
    return Masked(sent, "".join(out), mentions, pieces)



_ABOUT = re.compile(r"\s*(?:ABOUT|About|À propos de|A propos de)\s+(?:the\s+|la\s+|le\s+)?(?P<name>.+?)\s*$")



def about_companies(ctx: DocContext, sentences: list[Sentence]) -> list[str | None]:
    """For each sentence, the company whose "About X" section it is in (None outside one): in a
    partner's About section, "The Company" is the partner, not the issuer."""
    out: list[str | None] = []
    current: str | None = None
    for sent in sentences:
        if sent.section != "about":
            current = None
        else:
            heading = _ABOUT.match(sent.text)
            if heading and len(sent.text.split()) <= 10:
                current = next((k for _, _, k in ctx.find(heading.group("name"))
                                if ctx.entities[k].kind == "org"), None)  # "About Us": the issuer again
        out.append(current)
    return out
