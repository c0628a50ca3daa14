"""From an announcement to entities and facts: the extraction pipeline in one call.

``extract(announcement)`` runs the stages in order — cleanup, sentences,
mentions, relations — and returns an :class:`Extraction`. It is a pure
function: no store, no network, no global state beyond the read-only lexicon.
"""

from __future__ import annotations

import re

from oregraph.ingest import french
from oregraph.ingest.cleanup import clean
from oregraph.ingest.mentions import about_companies, discover, mask
from oregraph.ingest.records import Announcement, Extraction, Fact, Sentence
from oregraph.ingest.relations import read_relations, share_in_range
from oregraph.ingest.sentences import sentences_of

__all__ = ["extract", "explain_lines"]


def _ticker_span(sentence: Sentence, ticker: str) -> tuple[int, int] | None:
    """Offsets of the ticker block (or the prose phrase) that names a listing."""
    sym = re.escape(ticker)
    found = re.search(rf"\([^()]*(?<![\w.]){sym}(?![\w])[^()]*\)", sentence.text, re.I) or \
        re.search(rf"(?<![\w.]){sym}(?![\w])", sentence.text, re.I)
    if not found:
        return None
    return sentence.start + found.start(), sentence.start + found.end()


def _year_of(date: object, text: str) -> int | None:
    """The announcement's year: from its date (a date or its ISO text), else the first year its opening
    lines name (a dateline); None when neither says."""
    year = getattr(date, "year", None)
    if isinstance(year, int):
        return year
    found = re.match(r"\s*((?:19|20)\d\d)\b", str(date or "")) or re.search(r"\b((?:19|20)\d\d)\b", text[:400])
    return int(found.group(1)) if found else None


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per (predicate, subject, object): the most informative, most confident one."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        key = fact.key()
        if fact.predicate == "partnerOf":
            key = ("partnerOf", *sorted((fact.subject, fact.object)))
        old = best.get(key)
        if old is None or _score(fact) > _score(old):
            best[key] = fact
    return list(best.values())


def _score(fact: Fact) -> tuple:
    return (fact.share is not None, fact.title is not None, fact.confidence)


def extract(announcement: Announcement) -> Extraction:
    """Read the entities and facts of one announcement.

    >>> from oregraph.ingest.records import Announcement
    >>> text = "Albecour Inc. is a wholly-owned subsidiary of Investissement Québec."
    >>> ex = extract(Announcement(text=text, source="urn:example"))
    >>> [(f.predicate, ex.entities[f.subject].label, ex.entities[f.object].label, f.share)
    ...  for f in ex.facts]
    [('subsidiaryOf', 'Albecour Inc.', 'Investissement Québec', 100.0)]
    """
    text = announcement.text
    cleaned = clean(text)
    sentences = sentences_of(text, cleaned)
    ctx = discover(text, sentences)
    ctx.year = _year_of(announcement.date or cleaned.date, text)
    in_french = french.is_french(text)
    if in_french:
        french.add_mentions(ctx, text, sentences)
    masked = [mask(ctx, s, issuer=about) for s, about in zip(sentences, about_companies(ctx, sentences))]
    facts = list(french.read_relations_fr(ctx, masked) if in_french else read_relations(ctx, masked))
    for listing in ctx.listings:
        facts.append(Fact("listedAs", listing.org, f"{listing.exchange}:{listing.ticker}",
                          listing.sentence, "listing.ticker_block", confidence=0.95,
                          span=_ticker_span(listing.sentence, listing.ticker)))
    # a share outside 0-100 ("holds 101% of") is no holding, whichever rule set read it
    facts = _dedupe([f for f in facts if share_in_range(f.share)])
    used = {f.subject for f in facts} | {f.object for f in facts if f.predicate != "listedAs"}
    # keep the entities facts rest on, and every organization named (search finds them)
    entities = {k: e for k, e in ctx.entities.items() if k in used or e.kind == "org"}
    # and the places up the chain of every place kept
    for key in list(entities):
        parent = entities[key].parent
        while parent and parent not in entities:
            entities[parent] = ctx.entities[parent]
            parent = ctx.entities[parent].parent
    return Extraction(
        announcement=announcement,
        entities=entities,
        facts=facts,
        sentences=sentences,
        title=announcement.title or cleaned.title,
        date=announcement.date or cleaned.date,
        publisher=announcement.publisher or cleaned.publisher,
    )


def explain_lines(ex: Extraction) -> list[str]:
    """Each fact in words: the fact, its qualifiers, its rule and confidence, and the
    words that made it with their character offsets in the announcement text.

    >>> from oregraph.ingest.records import Announcement
    >>> ex = extract(Announcement(text="Albecour Inc. is a wholly-owned subsidiary of Investissement Québec.",
    ...                           source="urn:example"))
    >>> print("\\n".join(explain_lines(ex)))  # doctest: +NORMALIZE_WHITESPACE
    Albecour Inc. --subsidiaryOf--> Investissement Québec [share=100.0]
        rule subsidiary.appositive, confidence 0.9
        words 0-67: "Albecour Inc. is a wholly-owned subsidiary of Investissement Québec"
        sentence 0-68: "Albecour Inc. is a wholly-owned subsidiary of Investissement Québec."
    """
    lines: list[str] = []
    text = ex.announcement.text
    for f in ex.facts:
        s = ex.entities[f.subject].label
        o = f.object if f.predicate == "listedAs" else ex.entities[f.object].label
        quals = ", ".join(f"{k}={v}" for k, v in (
            ("share", f.share), ("agreement", f.agreement), ("status", f.status),
            ("binding", f.binding), ("title", f.title)) if v is not None)
        lines.append(f"{s} --{f.predicate}--> {o}" + (f" [{quals}]" if quals else ""))
        lines.append(f"    rule {f.rule}, confidence {f.confidence}")
        start, end = f.span or (f.sentence.start, f.sentence.end)
        words = " ".join(text[start:end].split())
        lines.append(f"    words {start}-{end}: \"{words}\"")
        lines.append(f"    sentence {f.sentence.start}-{f.sentence.end}: \"{f.sentence.text}\"")
    return lines
