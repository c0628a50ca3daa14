"""Ticker blocks, prose listings, defined terms and the issuer's short names."""

from __future__ import annotations

import re

from oregraph.ingest import rx
from oregraph.ingest.lexicon import fold, lexicon, normalise_exchange
from oregraph.ingest.mentions.context import DocContext, Listing
from oregraph.ingest.mentions.words import (
    _COMMON_CAPS,
    _CONNECTORS,
    _GENERIC_TERMS,
    _is_cap,
    _strip_common_start,
    _TITLE_STOP,
    _tokens,
)
from oregraph.ingest.records import Sentence


_TICKER_ITEM = re.compile(
    r"(?P<ex>[A-Za-z][A-Za-z .\-]{0,28}?)\s*[:\-–]\s*(?P<sym>[A-Z0-9][A-Za-z0-9.\-]{0,9})(?=$|[\s;,|&)\]])"
)

_PROSE_LISTING = re.compile(
    r"\b(?:listed|trade[sd]?|trading|quoted) on (?:the )?(?P<ex>[A-Z][\w .\-]{1,40}?)"
    r"(?: Exchange)?,? (?:as|under the (?:symbols?|tickers?|trading symbols?)(?: symbols?)?) "
    r"[\"“']?(?P<sym>[A-Z0-9][A-Z0-9.\-]{0,9})"
)

_PROSE_MORE = re.compile(
    r"^[\"”']?,? and on (?:the )?(?P<ex>[A-Z][\w .\-]{1,40}?)(?: Exchange)?,? "
    r"(?:as|under the (?:symbols?|tickers?|trading symbols?)(?: symbols?)?) [\"“']?(?P<sym>[A-Z0-9][A-Z0-9.\-]{0,9})"
)

_BLOCK = re.compile(r"\(([^()]{1,200})\)")

_ISSUER_TERM_INSIDE = re.compile(r"[\"“«]\s*(?:the\s+)?(?:Company|Corporation|Issuer|Group)\s*[\"”»]", re.I)

_TICKER_REVERSED = re.compile(r"(?P<sym>[A-Z0-9][A-Z0-9.\-]{0,9})\s*:\s*(?P<ex>[A-Za-z][A-Za-z .\-]{1,30})")



def ticker_items(inner: str) -> list[tuple[str, str]]:
    """(exchange code, symbol) pairs of a ticker block, in either order.

    >>> ticker_items("TSX: BCU; NYSE American: BORC")
    [('TSX', 'BCU'), ('NYSEAMERICAN', 'BORC')]
    >>> ticker_items("RR: CSE")
    [('CSE', 'RR')]
    """
    out = []
    for item in rx.split(r"[;,|&]|\band\b|\)\s*\(", inner):
        item = item.strip()
        tm = _TICKER_ITEM.fullmatch(item)
        exch = normalise_exchange(tm.group("ex")) if tm else None
        if tm and exch:
            out.append((exch, tm.group("sym")))
            continue
        rm = _TICKER_REVERSED.fullmatch(item)
        exch = normalise_exchange(rm.group("ex")) if rm else None
        if rm and exch and not normalise_exchange(rm.group("sym")):
            out.append((exch, rm.group("sym")))
    return out



def _is_ticker_block(inner: str) -> bool:
    return bool(ticker_items(inner))



# the shape of a ticker block whatever the exchange's name or language:
# "(Bourse de croissance TSX : RTG)", "(TSXV: ABC; OTCQB: ABCD)"
_TICKER_SHAPE = re.compile(
    r"\s*(?:[A-ZÀ-Ý][\w'’.\-]*\s+)?(?:[\w'’.\-]+\s+){0,5}[\w'’.\-]+\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,9}\s*"
    r"(?:[;,|]\s*(?:[\w'’.\-]+\s+){0,6}[\w'’.\-]+\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,9}\s*)*")



def _looks_like_ticker_block(inner: str) -> bool:
    """A ticker block, also one naming an exchange the lexicon does not know (for masking only)."""
    return _is_ticker_block(inner) or bool(_TICKER_SHAPE.fullmatch(inner)
                                           and rx.search(r"[A-Z]{2}|Bourse", inner.split(":")[0]))



def _name_before(sent: Sentence, pos: int, ctx: DocContext,
                 places: bool = False) -> tuple[int, int, str] | None:
    """The capitalised name that ends just before ``pos`` ("Foo Metals (TSXV: FOO)"); a place's
    name only with ``places`` ("listed in London and New York (LSE: ...)")."""
    # only the words just before: a name is short, and tokenising the whole sentence before every
    # ticker block of a long table would be quadratic
    base = max(0, pos - 300)
    while 0 < base < pos and not sent.text[base - 1].isspace():
        base += 1
    head = sent.text[base:pos].rstrip()
    toks = _tokens(head)
    if not toks or toks[-1].end() != len(head):
        return None
    j = len(toks) - 1
    start_tok = None
    while j >= 0:
        t = toks[j].group(0)
        if j < len(toks) - 1:
            gap = head[toks[j].end():toks[j + 1].start()]
            if gap.strip() not in ("", "&", "-"):
                break
        tl = t.lower()
        if tl in _TITLE_STOP or t.endswith(("'s", "’s")):
            break
        if _is_cap(t):
            start_tok = j
        elif tl in _CONNECTORS and tl != "and" and j > 0 and _is_cap(toks[j - 1].group(0)):
            pass
        else:
            break
        j -= 1
    if start_tok is None:
        return None
    words = [toks[k].group(0) for k in range(start_tok, len(toks))]
    kept = _strip_common_start(words, ctx.lower_words)
    if not kept or kept[0].lower() in _CONNECTORS or (len(kept) == 1 and kept[0].lower() in _COMMON_CAPS):
        return None
    start_tok += len(words) - len(kept)
    start, end = toks[start_tok].start(), toks[-1].end()
    name = head[start:end]
    if fold(name) in _GENERIC_TERMS or fold(name) in lexicon().places and not places or len(name) < 2:
        return None
    return base + start, base + end, name



def _market_or_place(sent: Sentence, start: int, name: str) -> bool:
    """The name before a ticker block is a market or a place, not the listed company."""
    lex = lexicon()
    if normalise_exchange(name) or rx.search(r"\b(?:Stock|Securities) Exchange$|\bBourse\b", name):
        return True
    # "New York": the gazetteer knows the place with the word before it
    wider = rx.search(r"(\w+)\s+$", sent.text[:start])
    return fold(name) in lex.places or bool(wider and fold(f"{wider.group(1)} {name}") in lex.places)



def _market_listings(ctx: DocContext, sent: Sentence, previous: Sentence | None) -> None:
    """A ticker block after a market or a place belongs to the sentence's company:
    "Rio Tinto is listed in London and New York (LSE: RIO; NYSE: RIO)", "Its shares trade on
    the New York Stock Exchange (NYSE: BHP)" (its: the company the sentence before is about)."""
    for m in _BLOCK.finditer(sent.text):
        items = ticker_items(m.group(1))
        if not items:
            continue
        found = _name_before(sent, m.start(), ctx, places=True)
        if not found or not _market_or_place(sent, found[0], found[2]):
            continue
        # the company nearest before the listing verb ("Rio Tinto paid ..., and Arcadium, whose
        # shares traded on the New York Stock Exchange (NYSE: ALTM)": Arcadium)
        verbs = list(rx.finditer(r"\b(?:listed|trades?|traded|trading|quoted)\b", sent.text[:m.start()]))
        if not verbs:
            continue
        orgs = [k for _, e, k in ctx.find(sent.text[:verbs[-1].start()]) if ctx.entities[k].kind == "org"]
        owner = orgs[-1] if orgs else None
        if owner is None and previous is not None and rx.match(r"\s*(?:Its|Their)\b", sent.text):
            before = [k for _, _, k in ctx.find(previous.text) if ctx.entities[k].kind == "org"]
            owner = before[0] if before else None
        if owner is None and rx.match(r"\s*(?:The Company|The Corporation|It)\b", sent.text):
            owner = ctx.issuer
        if owner:
            for exch, sym in items:
                _add_listing(ctx, owner, exch, sym, sent)



_PAREN = re.compile(r"\s*\(([^()]{0,300})\)")



def _defined_terms_of(ctx: DocContext, sent: Sentence) -> None:
    """The defined terms and ticker blocks in the parentheses after the names of one sentence."""
    for s, e, key in ctx.find(sent.text):
        pos = e
        # the last period of a dotted legal form: "Sierra Vieja S.C.M. ("SV")"
        if sent.text[pos:pos + 1] == "." and rx.search(r"\b(?:[A-Z]\.)+[A-Z]$", sent.text[s:e]):
            pos += 1
        # closing Reuters markup
        if sent.text[pos:pos + 1] == ">":
            pos += 1
        while True:
            m = _PAREN.match(sent.text, pos)
            if not m:
                break
            _read_parenthesis(ctx, key, m.group(1), sent)
            pos = m.end()



def _defined_terms_and_listings(ctx: DocContext) -> None:
    """Defined terms and ticker blocks in the parentheses after a name."""
    for sent in ctx.sentences:
        _defined_terms_of(ctx, sent)
        for m in _PROSE_LISTING.finditer(sent.text):
            subject = _subject_of(ctx, sent, m.start())
            if subject:
                _add_listing(ctx, subject, m.group("ex"), m.group("sym"), sent)
                rest = sent.text[m.end():]
                while (more := _PROSE_MORE.match(rest)):
                    _add_listing(ctx, subject, more.group("ex"), more.group("sym"), sent)
                    rest = rest[more.end():]
    if ctx.issuer is None:
        orgs = [k for s in ctx.sentences[:2] for _, _, k in ctx.find(s.text)
                if ctx.entities[k].kind == "org"]
        listed = {listing.org for listing in ctx.listings}
        ctx.issuer = next((k for k in orgs if k in listed), orgs[0] if orgs else None)



def _read_parenthesis(ctx: DocContext, key: str, inner: str, sent: Sentence) -> None:
    ent = ctx.entities[key]
    if ent.kind == "org":
        for exch, sym in ticker_items(inner):
            _add_listing(ctx, key, exch, sym, sent)
    if "collectively" in inner or "together" in inner:
        return
    for term in rx.findall(r"[\"“«]\s*([^\"”»)]+?)\s*[\"”»]|[\"“«]\s*([^\"”»)]+)$", inner):
        name = (term[0] or term[1]).strip().strip(",")
        if not name or fold(name) in _GENERIC_TERMS or not _is_cap(name):
            continue
        if rx.fullmatch(r"(?:the |la |le |l')?(?:Company|Corporation|Société)", name, re.I):
            if ctx.issuer is None and ent.kind == "org":
                ctx.issuer = key
            continue
        ctx.alias(key, name)
    if rx.search(r"(?:the|la|le)\s+[\"“«]\s*(?:Company|Corporation|Société)\s*[\"”»]", inner, re.I) \
            and ctx.issuer is None and ent.kind == "org":
        ctx.issuer = key



def _add_listing(ctx: DocContext, org: str, exchange: str, ticker: str, sent: Sentence) -> None:
    code = normalise_exchange(exchange)
    ticker = ticker.strip(".").upper()
    if not code or not ticker:
        return
    if any(x.org == org and x.exchange == code and x.ticker == ticker for x in ctx.listings):
        return
    ctx.listings.append(Listing(org, code, ticker, sent))
    ctx.alias(org, ticker)



def _subject_of(ctx: DocContext, sent: Sentence, before: int) -> str | None:
    orgs = [k for s, e, k in ctx.find(sent.text[:before]) if ctx.entities[k].kind == "org"]
    if orgs:
        return orgs[0]
    if rx.match(r"\s*(?:The Company|It|The Corporation|The company)\b", sent.text):
        return ctx.issuer
    return None
