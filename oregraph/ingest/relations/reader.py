"""The sentence reader's base: helpers every rule family uses."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from oregraph.ingest import rx
from oregraph.ingest.lexicon import fold, lexicon
from oregraph.ingest.mentions import _is_demonym, _place_key, DocContext, Masked
from oregraph.ingest.records import Fact, Mention
from oregraph.ingest.relations.patterns import (
    _GATE_ACQUISITION,
    _GATE_STAKE,
    _GATE_SUBSIDIARY,
    _TITLE_HEAD,
    E,
    P,
    share_in_range,
)


class _ReaderBase:
    """What every rule family shares: the sentence, its mentions and their kinds, the subject,
    pronouns, emitting facts with their words, and running the families."""

    #: appended to every rule name this reader gives (".fr" for the French reader)
    RULE_SUFFIX = ""

    def __init__(self, ctx: DocContext, masked: Masked, prev_subject: str | None,
                 quote_org: str | None):
        self.ctx = ctx
        self.m = masked
        self.t = masked.text
        self.prev_subject = prev_subject
        self.quote_org = quote_org
        self.facts: list[Fact] = []
        self.last_held: str | None = None  # what the sentence before held a stake in
        self.shares_of: str | None = None  # the company whose shares the sentences before spoke of
        self.recent_assets: list[str] = []  # the plants, mines and projects of the sentences just before
        self._at: tuple[int, int] | None = None  # masked span of the match being read

    def _iter(self, pattern: str | re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """``re.finditer`` that remembers the match, so each fact knows the words that made it."""
        for m in rx.compiled(pattern).finditer(text):
            self._at = m.span()
            yield m

    # -- helpers -----------------------------------------------------------
    def key(self, n: int | str) -> str:
        return self.m.mentions[int(n)].key

    def kind(self, n: int | str) -> str:
        return self.ctx.entities[self.key(n)].kind

    def is_org(self, n: int | str) -> bool:
        return self.kind(n) == "org"

    def is_asset(self, n: int | str) -> bool:
        return self.kind(n) in ("facility", "project")

    def subject(self) -> str | None:
        """The organization the sentence is about: its first org mention, else the last one's."""
        for i, mention in enumerate(self.m.mentions):
            if self.ctx.entities[mention.key].kind == "org":
                return mention.key
        return self.prev_subject

    def actor(self, m: re.Match[str], group: int = 1) -> str | None:
        """The organization a match opens with: its mention in ``group`` when that is an organization,
        else the owner of its pronoun (the group named ``pron``), else None."""
        n = m.group(group)
        if n is not None:
            return self.key(n) if self.is_org(n) else None
        pron = m.groupdict().get("pron")
        return self.owner_of_pronoun(pron, m.start()) if pron else None

    def owner_of_pronoun(self, pronoun: str, at: int) -> str | None:
        p = pronoun.lower()
        if p in ("our", "we", "notre", "nos"):
            return self.quote_org or self.ctx.issuer
        if p.startswith("the company"):  # "the company's Fox Complex": the company the text is about
            return self.quote_org or self.ctx.issuer or self.subject()
        before = [int(x) for x in rx.findall(E, self.t[:at])]
        orgs = [n for n in before if self.is_org(n)]
        joined = rx.search(rf"{E},? (?:and|together with|through|via|with) $", self.t[:at])
        if joined and self.is_org(joined.group(1)):
            return self.key(joined.group(1))  # "American West Metals and its wholly-owned subsidiary, Tornado"
        clause = self.t[:at].rsplit(";", 1)
        if len(clause) == 2:  # "A drilled at X; B reported intercepts at its Y project": the clause's own subject
            in_clause = [n for n in rx.findall(E, clause[1]) if self.is_org(n)]
            if in_clause:
                return self.key(in_clause[0])
        if rx.search(r"\b(?:excluding|including|except|other than|apart from|but not|besides)\s+$", self.t[:at]):
            # "for BHP's gold interests, excluding its stake in Y": its owner is the owner of what it qualifies
            owners = [n for n in rx.findall(rf"{E}['’]s? ", self.t[:at]) if self.is_org(n)]
            if owners:
                return self.key(owners[-1])
        if orgs and p == "their" and rx.search(r"\b(?:[Ww]e|us|[Oo]ur)\b", self.t[:at]):
            # a speaker's "we ... partnering with NeoRe to develop their project": theirs is not ours
            speaker = self.quote_org or self.ctx.issuer
            others = [n for n in orgs if self.key(n) != speaker]
            return self.key(others[-1]) if others else None
        if orgs:
            # "Comalco's Commonwealth Aluminium unit ... its smelter": the unit is the subject
            unit = rx.search(rf"⟦{orgs[0]}⟧['’]s? {E} (?:unit|subsidiary|division)\b", self.t[:at])
            if unit and self.is_org(unit.group(1)):
                return self.key(unit.group(1))
            return self.key(orgs[0])
        return self.prev_subject or self.ctx.issuer

    def emit(self, predicate: str, s: str | None, o: str | None, rule: str, **kw) -> None:
        rule += self.RULE_SUFFIX
        if not s or not o or s == o:
            return
        if not share_in_range(kw.get("share")):
            return  # "holds 101% of": a misprint or a trap, not a holding
        if "span" not in kw and self._at is not None:
            kw["span"] = self.m.source_span(*self._at)
        self.facts.append(Fact(predicate, s, o, self.m.sentence, rule, **kw))

    # -- rules ------------------------------------------------------------
    def rules(self) -> Iterable[tuple[Callable[[], None], object]]:
        """Each rule family with a quick test of the words all its patterns need (falsy: skip it)."""
        kinds = {self.ctx.entities[mm.key].kind for mm in self.m.mentions}
        t = self.t
        return (
            (self.subsidiaries, bool(kinds) and _GATE_SUBSIDIARY.search(t)),
            (self.stakes, bool(kinds) and ("⟦%" in t or _GATE_STAKE.search(t))),
            (self.acquisitions, bool(kinds) and _GATE_ACQUISITION.search(t)),
            (self.agreements, bool(kinds)),
            (self.operates, bool(kinds & {"facility", "project"}) or "org" in kinds and "operat" in t),
            (self.commodities, bool(kinds & {"commodity", "facility", "project"})),
            (self.sites, "facility" in kinds),
            (self.locations, "place" in kinds or "-based" in t),
            (self.officers, _TITLE_HEAD.search(t)),
        )

    def run(self) -> list[Fact]:
        for rule, wanted in self.rules():
            if not wanted:
                continue
            self._at = None  # a fact outside a match cites its whole sentence
            rule()
        return self.facts

    def _mention_of(self, key: str) -> str:
        """The mention index of an entity in this sentence, added (without words) when absent."""
        idx = next((str(i) for i, mm in enumerate(self.m.mentions) if mm.key == key), None)
        if idx is None:
            self.m.mentions.append(Mention(0, 0, key, ""))
            idx = str(len(self.m.mentions) - 1)
        return idx

    def _stake(self, holder: str | None, held_n: str, share: float | None, rule: str,
               conf: float = 0.85, runs: bool = False) -> None:
        if holder is None:
            return
        held = self.key(held_n)
        if self.is_org(held_n) and share is not None and share > 50:
            # control: the held company is a subsidiary (emit also writes the holder's og:ownsStakeIn)
            self.emit("subsidiaryOf", held, holder, rule + ".controlling", share=share, confidence=conf)
        elif self.is_org(held_n) or self.is_asset(held_n):
            self.emit("ownsStakeIn", holder, held, rule, share=share, confidence=conf)
            if runs and self.is_asset(held_n) and share is not None and share >= 50 \
                    and self.ctx.entities[holder].kind == "org":
                # a majority-held mine or project is the holder's to run ("its project")
                self.emit("operates", holder, held, "operates.majority_stake", confidence=0.6)

    def _portfolio(self, future: bool) -> Iterator[tuple[str, str, float]]:
        """(holder key, item mention, share) of a list of stakes in a portfolio: "X's portfolio
        includes 30% of A, 100% of B and C" (future=False) or "... will include ..." (future=True)."""
        verb = r"will (?:include|comprise|consist of|be made up of)" if future else \
            r"(?:now )?(?:includes|comprises|consists of|is made up of)"
        for m in self._iter(rf"{E}['’]s? (?:[\w-]+ )?portfolio {verb} (?:[^⟦.;]|⟦\d+⟧){{0,60}}?(?={P} of )", self.t):
            if not self.is_org(m.group(1)):
                continue
            holder = self.key(m.group(1))
            # the list's shared description: "several Australian gold mines -- 30% of A, ..."
            shared = rx.search(rf"(?:several |two |three |four |five |six |its |the following )?"
                               rf"(?:(?P<demonym>[A-Z][a-z]+) )?(?:{E} )?(?:mines|projects|properties|deposits|operations)"
                               rf"\s*(?:--|—|–|:|,)?\s*$", m.group(0))
            country = self._country_of(shared.group("demonym")) if shared and shared.group("demonym") else None
            commodity = shared.group(2) if shared and shared.group(2) and \
                self.kind(shared.group(2)) == "commodity" else None
            rest = self.t[m.end():]
            pos = 0
            share = None
            while True:
                item = rx.match(rf"(?:,? and |, )?(?:{P} of )?(?:the )?(?:new |existing )?{E}", rest[pos:])
                if not item or (item.group(1) is None and share is None):
                    break
                share = float(item.group(1)) if item.group(1) else share
                if self.is_org(item.group(2)) or self.is_asset(item.group(2)):
                    self._at = (m.end() + pos, m.end() + pos + item.end())
                    if country:
                        self.emit("locatedIn", self.key(item.group(2)), country,
                                  "located.list_description", confidence=0.65)
                    if commodity:
                        self.emit("commodity", self.key(item.group(2)), self.key(commodity),
                                  "commodity.list_description", confidence=0.65)
                    yield holder, item.group(2), share
                pos += item.end()
                # a descriptor after the name: "20 pct of the new Boddington development"
                tail = rx.match(r" (?:development|venture|deposit|operations?)\b", rest[pos:])
                if tail:
                    pos += tail.end()

    def _country_of(self, demonym: str) -> str | None:
        """The country a nationality word names ("Australian", "Brazilian", "Chilean"), added to
        the document's places; None for a word that names no country of the lexicon."""
        if not _is_demonym(demonym):
            return None
        word = demonym.lower()
        stems = [word[:-1], word[:-3], word[:-3] + "a", word[:-2], word[:-2] + "o", word[:-4]]
        lex = lexicon()
        for stem in stems:
            entry = lex.places.get(fold(stem))
            if entry is not None and entry.kind == "country" and len(stem) > 3:
                return _place_key(self.ctx, entry, entry.label)
        return None

    def _background(self) -> bool:
        """A sentence about a deal years before the announcement ("On March 30, 2012, X acquired Y")."""
        dated = rx.match(r"\W*(?:On|In|During|Back in|As of) (?:[A-Z][a-z]+\.? (?:\d{1,2},? )?)?((?:19|20)\d\d)\b", self.t) or \
            rx.search(r"\b(?:acquired|bought|purchased)\b[^.;]{0,80}?\bin ((?:19|20)\d\d)\b", self.t)
        # older than the year before the announcement's own (unknown date: nothing is background)
        return bool(dated and self.ctx.year and int(dated.group(1)) < self.ctx.year - 1)
