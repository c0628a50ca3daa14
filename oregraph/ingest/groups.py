"""Items of a deal described first as a group and named later.

Newswires and releases often describe what is bought before naming it:
"agreed to acquire interests in three gold mining companies in Brazil", then
one sentence per company; "announced the purchase of two gold concessions",
then "The concessions, known as McKellar and Enable, ...". The description
carries the commodity and the place of every item; the items carry the names.

:class:`GroupReader` follows one document sentence by sentence: it notices a
group description (a count, the commodity and kind of the items, their place,
and the buyer), then gives each item named in the next few sentences what the
description said of it, up to the count. Each fact cites the sentence that
names the item, with the rule ``group.*``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from oregraph.ingest import rx
from oregraph.ingest.mentions import DocContext, Masked
from oregraph.ingest.mentions.sites import KNOWN_AS_LEAD
from oregraph.ingest.records import Fact

__all__ = ["GroupReader"]

_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "several": 8}

# "acquire interests in three gold mining companies in Brazil", "the purchase of two gold concessions"
_DESCRIPTION = re.compile(
    r"\b(?:acquir\w*|purchas\w*|buy|buys|bought)\b[^.;⟦]{0,60}?\b(?P<count>two|three|four|five|six|seven|eight|several)"
    r" (?P<desc>(?:(?:⟦\d+⟧|[a-z-]+) ){0,3}?)(?P<head>mining companies|companies|concessions|properties|projects|"
    r"mines|claims|deposits|prospects)\b(?: in (?:the )?⟦(?P<place>\d+)⟧)?")
_ITEM_KIND = {"companies": "org", "mining companies": "org"}
# "The concessions, known as McKellar and Enable,"
_KNOWN_AS = re.compile(KNOWN_AS_LEAD + r"(?P<names>(?:⟦\d+⟧(?:,? and |, ))*⟦\d+⟧)")
_LOCATED = re.compile(r",? (?:are|were) (?:both |all )?(?:located|situated) (?:[^⟦.;]|⟦\d+⟧){0,80}?\bin (?:the )?⟦\d+⟧")
_WINDOW = 6  # sentences after the description in which its items are looked for


@dataclass
class _Group:
    buyer: str
    count: int
    kind: str  # "org" or "asset"
    at: int  # index of the describing sentence
    commodities: list[str] = field(default_factory=list)
    place: str | None = None
    seen: set[str] = field(default_factory=set)


class GroupReader:
    """The facts a group description gives the items named after it, sentence by sentence."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.group: _Group | None = None

    def _kind(self, m: Masked, n: str) -> str:
        return self.ctx.entities[m.mentions[int(n)].key].kind

    def read(self, i: int, m: Masked, buyer: str | None, facts: list[Fact]) -> Iterator[Fact]:
        """Facts for sentence ``i`` (``facts``: what the other rules read in it; ``buyer``: its subject)."""
        group = self.group
        if group is not None and i - group.at <= _WINDOW:
            yield from self._items(i, m, group, facts)
        found = _DESCRIPTION.search(m.text)
        if found and buyer and self.ctx.entities[buyer].kind == "org":
            commodities = [m.mentions[int(n)].key for n in rx.findall(r"⟦(\d+)⟧", found.group("desc"))
                           if self._kind(m, n) == "commodity"]
            place = found.group("place")
            place_key = m.mentions[int(place)].key if place and self._kind(m, place) == "place" else None
            if commodities or place_key:
                self.group = _Group(buyer, _COUNTS[found.group("count")], _ITEM_KIND.get(found.group("head"), "asset"),
                                    i, commodities, place_key)
                # items named in the describing sentence itself come after it: nothing to add here

    def _items(self, i: int, m: Masked, group: _Group, facts: list[Fact]) -> Iterator[Fact]:
        named: list[str] = []
        # items bought one by one in the sentences after the description
        for f in facts:
            if f.predicate == "acquires" and f.subject == group.buyer:
                kind = self.ctx.entities[f.object].kind
                if (kind == "org") == (group.kind == "org"):
                    named.append(f.object)
        # "The concessions, known as A and B": the items by name, bought by the describing buyer
        known = _KNOWN_AS.search(m.text) if group.kind == "asset" else None
        if known:
            # "..., are located in Marathon and Terrace Bay, in Ontario": where the named items lie
            where = _LOCATED.match(m.text, known.end())
            place = next((m.mentions[int(n)].key for n in rx.findall(r"⟦(\d+)⟧", where.group(0))
                          if self._kind(m, n) == "place"), None) if where else None
            listed = rx.findall(r"⟦(\d+)⟧", known.group("names"))
            if len(listed) > group.count:
                listed = []  # more names than the description counted: which are the items is not said
            for n in listed:
                key = m.mentions[int(n)].key
                if self.ctx.entities[key].kind in ("facility", "project"):
                    named.append(key)
                    yield self._fact(m, "acquires", group.buyer, key, "group.known_as", status="signed")
                    if place:
                        yield self._fact(m, "locatedIn", key, place, "group.known_as_located")
        for key in dict.fromkeys(named):
            if key in group.seen or len(group.seen) >= group.count:
                continue
            group.seen.add(key)
            for commodity in group.commodities:
                yield self._fact(m, "commodity", key, commodity, "group.commodity")
            if group.place and not any(f.predicate == "locatedIn" and f.subject == key for f in facts):
                yield self._fact(m, "locatedIn", key, group.place, "group.place")

    @staticmethod
    def _fact(m: Masked, predicate: str, s: str, o: str, rule: str, **kw) -> Fact:
        return Fact(predicate, s, o, m.sentence, rule, confidence=0.6, **kw)
