"""A whole document's relations: the reader of each sentence, what carries from one sentence to the
next (subject, holdings, quotations, 'the new company'), and sites the text says were closed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from oregraph.ingest import rx
from oregraph.ingest.groups import GroupReader
from oregraph.ingest.mentions import DocContext, Masked
from oregraph.ingest.records import Fact, Mention
from oregraph.ingest.relations.agreements import AgreementRules
from oregraph.ingest.relations.holdings import HoldingRules
from oregraph.ingest.relations.patterns import E, PNAME
from oregraph.ingest.relations.places import PlaceAndOfficerRules
from oregraph.ingest.relations.reader import _ReaderBase
from oregraph.ingest.relations.sites import SiteRules


class _Reader(HoldingRules, AgreementRules, SiteRules, PlaceAndOfficerRules, _ReaderBase):
    """Applies every rule to one masked sentence, resolving 'its' and 'our'."""


def read_relations(ctx: DocContext, masked: list[Masked]) -> Iterator[Fact]:
    """Every fact of the document; a site the text says was closed is held, not run."""
    facts = list(_read_sentences(ctx, masked))
    closed = _closed_sites(ctx, masked)
    for f in facts:
        if f.predicate == "operates" and f.object in closed and not f.rule.endswith(".closed"):
            # "Phoenix was forced to close the Clayton mill": its mill, but no longer run
            yield Fact("ownsStakeIn", f.subject, f.object, f.sentence, f.rule + ".closed",
                       confidence=f.confidence, span=f.span)
        else:
            yield f



_CLOSED = re.compile(rf"\b(?:(?:has |had |have )?(?:closed|shut down|shut|idled|mothballed)|(?:was |were )?(?:forced|decided) to "
                     rf"(?:close|shut(?: down)?)|(?:the )?closure of) (?:the |its |their )?{E}"
                     rf"(?! (?:acquisition|purchase|sale|deal|transaction|financing|offering))|"
                     rf"{E} (?:was|has been|had been|were|remains) (?:permanently |temporarily )?"
                     rf"(?:closed|shut(?: down)?|idled|mothballed)\b")


def _closed_sites(ctx: DocContext, masked: list[Masked]) -> set[str]:
    """The plants, mines and projects the text says are closed, shut or idled."""
    closed = set()
    for m in masked:
        for found in _CLOSED.finditer(m.text):
            n = found.group(1) or found.group(2)
            key = m.mentions[int(n)].key
            if ctx.entities[key].kind in ("facility", "project") and not rx.search(
                    r"\b(?:[Rr]eopen|[Rr]estart|[Rr]e-start|[Rr]esum|plans? to|intends? to|expects? to|will|would|could|"
                    r"may(?! \d))\w*", m.text):
                closed.add(key)
    return closed


def _read_sentences(ctx: DocContext, masked: list[Masked]) -> Iterator[Fact]:
    """Every fact of the document, sentence by sentence."""
    prev_subject = ctx.issuer
    last_held: str | None = None
    shares_of: str | None = None
    groups = GroupReader(ctx)
    quote_org = None
    # the organization each quotation is attributed to, for "our" and "we" inside it
    attributions: dict[int, str] = {}
    for i, m in enumerate(masked):
        found = rx.search(rf"(?:said|says|stated|commented|added)\s+(?:the\s+)?{E}", m.text) or \
            rx.search(rf"{PNAME},\s+(?:the\s+)?{E}(?:['’]s)?\s", m.text) or \
            rx.search(rf"(?:said|says|stated)\s+{PNAME},\s+[^⟦]{{0,60}}?(?:of|at)\s+{E}", m.text) or \
            rx.search(rf"(?:said|says|stated)\s+{PNAME},\s+{E}", m.text)
        if found:
            n = found.groups()[-1]
            key = m.mentions[int(n)].key
            if ctx.entities[key].kind == "org":
                # the attribution covers this sentence and the quote sentences before it
                j = i
                while j >= 0 and (j == i or "“" in masked[j].text or '"' in masked[j].text
                                  or masked[j].sentence.index == masked[j + 1].sentence.index - 1
                                  and not rx.search(r"[”\"]\s*$", masked[j].text)):
                    attributions.setdefault(j, key)
                    if j < i and rx.match(r"\s*[“\"]", masked[j].text):
                        break
                    j -= 1
    for i, m in enumerate(masked):
        quote_org = attributions.get(i)
        m, located = _resolve_based_reference(ctx, masked, i)
        m = _resolve_new_reference(ctx, masked, m, i)
        reader = _Reader(ctx, m, prev_subject, quote_org)
        reader.last_held = last_held
        reader.shares_of = shares_of
        reader.recent_assets = [k for recent in masked[max(0, i - 4):i + 1] for k in
                                (mm.key for mm in recent.mentions)
                                if ctx.entities[k].kind in ("facility", "project")]
        facts = reader.run()
        yield from facts
        yield from located
        yield from groups.read(i, m, reader.subject(), facts)
        held = [f.object if f.predicate == "ownsStakeIn" else f.subject for f in facts
                if f.predicate == "ownsStakeIn" or (f.predicate == "subsidiaryOf" and f.share is not None)]
        # else the site the sentence says is owned and run ("X owns and operates the Y mine.")
        if not held:
            site = rx.search(rf"\bowns and operates (?:the )?{E}", m.text)
            if site and ctx.entities[m.mentions[int(site.group(1))].key].kind in ("facility", "project"):
                held = [m.mentions[int(site.group(1))].key]
        # else what a stake without its holder was in ("A and B, which together held 45% of Y.")
        if not held:
            held = [m.mentions[int(n)].key for n in rx.findall(rf"⟦%[\d.]+⟧ (?:[\w-]+ )?(?:interest |stake )?(?:in|of) (?:the )?{E}", m.text)
                    if ctx.entities[m.mentions[int(n)].key].kind in ("org", "facility", "project")]
        last_held = held[-1] if held else None
        for a, b in rx.findall(rf"{E}(?:['’]s?)? (?:common |ordinary )?shares\b|shares (?:of|in) (?:the )?{E}",
                               m.text, re.I):
            key = m.mentions[int(a or b)].key
            if ctx.entities[key].kind == "org":
                shares_of = key
        subject = next((mm.key for mm in m.mentions if ctx.entities[mm.key].kind == "org"), None)
        if subject:
            prev_subject = subject



# "the Ohio-based company": a named organization of the sentences just before, described by its seat
_BASED_REFERENCE = re.compile(rf"\b(?<!⟧ )the {E}-based (?:company|firm|concern|group|producer|miner)\b")


def _resolve_based_reference(ctx: DocContext, masked: list[Masked], i: int) -> tuple[Masked, list[Fact]]:
    """Replace "the P-based company" by the organization it refers to, with its location.

    The referent is the last organization named in the two sentences before that the sentence
    itself does not name; without one (or with a company that is not named before) nothing changes.

    >>> from oregraph.ingest.records import Sentence
    >>> ctx = DocContext(text="", sentences=[])
    >>> _ = ctx.add("org", "Alder Corp", "Company"), ctx.add("org", "Birch Inc", "Company")
    >>> _ = ctx.add("place", "Ohio", "Place", key="place-us-oh")
    >>> one = Masked(Sentence(0, 20, "Alder Corp saw Birch Inc.", "body", 0), "⟦0⟧ saw ⟦1⟧.",
    ...              [Mention(0, 10, "org-alder", "Alder Corp"), Mention(15, 24, "org-birch", "Birch Inc")])
    >>> two = Masked(Sentence(26, 60, "Alder will buy the Ohio-based company.", "body", 1),
    ...              "⟦0⟧ will buy the ⟦1⟧-based company.",
    ...              [Mention(0, 5, "org-alder", "Alder"), Mention(19, 23, "place-us-oh", "Ohio")])
    >>> m, located = _resolve_based_reference(ctx, [one, two], 1)
    >>> m.text, m.mentions[2].key, [(f.subject, f.object) for f in located]
    ('⟦0⟧ will buy ⟦2⟧.', 'org-birch', [('org-birch', 'place-us-oh')])
    """
    m = masked[i]
    found = _BASED_REFERENCE.search(m.text)
    if not found or ctx.entities[m.mentions[int(found.group(1))].key].kind != "place":
        return m, []
    here = {mm.key for mm in m.mentions}
    referent = None
    for before in (masked[j] for j in range(i - 1, max(i - 3, -1), -1)):
        orgs = [mm.key for mm in before.mentions if ctx.entities[mm.key].kind == "org" and mm.key not in here]
        if orgs:
            referent = orgs[-1]
            break
    if referent is None:
        return m, []
    place = m.mentions[int(found.group(1))].key
    start, end = m.source_span(*found.span())
    resolved = _substitute(m, found.span(), referent)
    fact = Fact("locatedIn", referent, place, m.sentence, "located.based_reference", confidence=0.7,
                span=(start, end))
    return resolved, [fact]


def _substitute(m: Masked, span: tuple[int, int], referent: str) -> Masked:
    """``m`` with the words at ``span`` of its masked text standing for the organization ``referent``."""
    start, end = m.source_span(*span)
    rel_s, rel_e = start - m.sentence.start, end - m.sentence.start
    token = f"⟦{len(m.mentions)}⟧"
    ms, me = span
    pieces = []
    for a, b, os_, oe, is_token in m.pieces:
        if b <= ms:
            pieces.append((a, b, os_, oe, is_token))
        elif a >= me:
            shift = len(token) - (me - ms)
            pieces.append((a + shift, b + shift, os_, oe, is_token))
        elif not is_token:  # a plain piece cut by the phrase: keep what lies outside it
            if a < ms:
                pieces.append((a, ms, os_, os_ + (ms - a), False))
            if b > me:
                shift = len(token) - (me - ms)
                pieces.append((me + shift, b + shift, os_ + (me - a), oe, False))
    pieces.append((ms, ms + len(token), rel_s, rel_e, True))
    pieces.sort()
    mention = Mention(rel_s, rel_e, referent, m.sentence.text[rel_s:rel_e])
    return Masked(m.sentence, m.text[:ms] + token + m.text[me:], [*m.mentions, mention], pieces)



# "float a new company, BHP Gold Mines Ltd ... the new company will be ...": the company introduced
_NEW_REFERENCE = re.compile(r"\b(?<!⟧ )the new (?:company|firm|entity)\b(?! ⟦)")

_NEW_INTRODUCED = re.compile(rf"\b(?:an?|the) new(?:ly[- ](?:formed|created|listed))? (?:company|firm|entity),? "
                             rf"(?:called |named |to be (?:called|named) )?{E}")


def _resolve_new_reference(ctx: DocContext, masked: list[Masked], m: Masked, i: int) -> Masked:
    """Replace "the new company" by the organization an earlier sentence introduced as "a new
    company, X"; with none, or with two different ones introduced, nothing changes."""
    found = _NEW_REFERENCE.search(m.text)
    if not found:
        return m
    introduced = {masked[j].mentions[int(n)].key for j in range(i) for n in _NEW_INTRODUCED.findall(masked[j].text)
                  if ctx.entities[masked[j].mentions[int(n)].key].kind == "org"}
    if len(introduced) != 1:
        return m
    return _substitute(m, found.span(), introduced.pop())
