"""Relation rules over masked sentences.

Each rule is a regular expression over the text produced by
:func:`oregraph.ingest.mentions.mask`, where ``⟦n⟧`` stands for the n-th
mention and ``⟦%v⟧`` for a percentage. A rule names itself (``og:rule`` in
the graph) so every fact can be traced to the words and the rule that made it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator

from oregraph.ingest.groups import GroupReader
from oregraph.ingest.lexicon import fold, lexicon
from oregraph.ingest.mentions import DocContext, Masked, _is_demonym, _place_key
from oregraph.ingest.records import Fact, Mention

__all__ = ["read_relations", "AGREEMENT_WORDS", "share_in_range"]

E = r"⟦(\d+)⟧"
P = r"⟦%([\d.]+)⟧"
_WHOLLY = r"(?:wholly[- ](?:owned|controlled)|100\s*%[- ](?:owned|controlled)|⟦%100\.0⟧[- ]?(?:owned|controlled))"

# agreement words, most specific first: (regex, agreement type)
AGREEMENT_WORDS: list[tuple[str, str]] = [
    (r"memorandum of understanding|\bMOU\b|\bMoU\b|protocole d'entente|protocole d’entente", "MOU"),
    (r"letter of intent|\bLOI\b|letter agreement|lettre d'intention|lettre d’intention", "LOI"),
    (r"joint[- ]venture|\bJV\b|coentreprise|co-entreprise", "JointVenture"),
    (r"offtake|off-take|take-or-pay|purchase agreement for (?:all|the) (?:output|production)", "Offtake"),
    (r"supply agreement|feedstock|tolling|toll[- ]milling|ore purchase", "Supply"),
    (r"option agreement|earn-in|earn in|farm-in|option to (?:earn|acquire)", "Option"),
    (r"strategic investment|equity investment|subscription agreement|private placement|"
     r"investment agreement", "StrategicInvestment"),
    (r"collaboration|cooperation agreement|co-operation agreement|framework agreement|"
     r"strategic (?:partnership|alliance|relationship)|partnership agreement|consortium", "Collaboration"),
    (r"royalty agreement|credit (?:agreement|facility)|loan agreement|marketing (?:agreement|contract)|"
     r"sales? (?:agreement|contract)|licen[cs]e agreement|(?:long-term )?contract with (?:⟦\d+⟧['’]s )?⟦\d+⟧ to (?:market|sell)", "Other"),
]
_AGREEMENT_RE = [(re.compile(p, re.I), t) for p, t in AGREEMENT_WORDS]
_SIGNED = re.compile(r"\b(?:signed|sign|entered into|enter into|executed|concluded|agreed|formed|"
                     r"form|announce[sd]? (?:a|an|the)|ha(?:s|ve) (?:a|an)|signing|conclu|signé|"
                     r"partnering|partnered|teamed|execution of|entering into|closed|completed)\b", re.I)
_CONTEMPLATED = re.compile(r"\b(?:negotiat(?!ed\b)\w*|(?<!ha[sd] )(?<!have )negotiated|discuss\w*|talks|considering|consider|(?-i:may)(?!\s+\d)|might|"
                           r"could|potential(?:ly)?|explor(?:e|ing) (?:a|the) possib\w*|"
                           r"no agreement|rumou?r\w*|reported(?:ly)?|proposed|seek(?:s|ing)? to|"
                           r"in (?:early|preliminary) (?:stage|discussion)s?|"
                           r"would (?:sign|enter|form|acquire)|hopes? to|aims? to)\b", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|deny|no (?:plans?|intention)|not (?:in|currently in) "
                     r"(?:talks|negotiations|discussions)|has not (?:signed|entered|agreed)|"
                     r"did not (?:sign|enter|agree)|rejected|declined|opposed?)\b", re.I)


def share_in_range(share: float | None) -> bool:
    """A share is a percentage of the whole: from 0 to 100 (None: no share stated).

    >>> share_in_range(40.0), share_in_range(101.0), share_in_range(None)
    (True, False, True)
    """
    return share is None or 0.0 <= share <= 100.0


def only_contemplated(text: str) -> bool:
    """True when the deal is only talked about or denied, not signed.

    A hedge after the signing ("signed an MOU ... could lead to") does not
    undo it; a contemplating word before any signing verb ("negotiating to
    form", "in talks to sign") or a denial does.

    >>> only_contemplated("A and B are negotiating to form a joint venture.")
    True
    >>> only_contemplated("A signed an MOU with B that could lead to a joint venture.")
    False
    """
    if _DENIED.search(text):
        return True
    hedge = _CONTEMPLATED.search(text)
    if hedge is None:
        return False
    signed = _SIGNED.search(text)
    return signed is None or hedge.start() < signed.start()
_TERMINATED = re.compile(r"\b(?:terminat\w*|withdr[ae]w\w*|cancel\w*|will not (?:participate|proceed)|"
                         r"no longer|rescind\w*|résili\w*)\b", re.I)
_NON_BINDING = re.compile(r"\bnon[- ]binding\b", re.I)
_BINDING = re.compile(r"(?<!non-)(?<!non )\bbinding\b", re.I)
_COMPLETED = re.compile(r"\b(?:completed|completes|closed|closes|closing of)\b", re.I)

_TITLE_WORD = (
    r"(?:[Ii]nterim|[Aa]cting|[Ee]xecutive|Senior|Deputy|[Cc]hief|[Vv]ice[- ][Pp]resident|Vice[- ]Chair(?:man)?|"
    r"[Pp]resident|[Cc]hair(?:man|woman|person)?|CEO|CFO|COO|CTO|[Dd]irector|[Mm]anaging|General|Manager|"
    r"[Oo]fficer|Operations|Financial|Operating|Technical|Technology|Founder|Co-Founder|Secretary|"
    r"Treasurer|Head|VP|SVP|EVP|Exploration|Corporate|Development|Business|Sustainability|"
    r"Commercial|Legal|Counsel|Non-Executive|Independent|Country|Regional|Global|Strategy|"
    r"Investor Relations|Relations|Marketing|Projects?|Engineering|Executive Officer|"
    r"Board|the Board|of the Board|of Directors|Lead|Principal|Metallurgy|Production|"
    r"président|présidente|chef de la direction|directeur|directrice|général|générale|"
    r"vice-président|vice-présidente|et|designate|elect)"
)
_TITLE_HEAD = re.compile(r"CEO|CFO|COO|CTO|Chief Executive|President|Chair|Director|Manager|Officer|Founder|"
                         r"Secretary|Treasurer|Head|VP|Counsel|président|directeur|directrice|chef",
                         re.I)
TITLE = rf"(?P<title>{_TITLE_WORD}(?:(?:\s+|\s*[,&/]\s*|\s+and\s+|\s+of\s+|\s*-\s*){_TITLE_WORD}){{0,8}})"
# a name word: "Gough", "Jean-Marc", "O’Connor", "D'Souza", "McArthur", "MacLeod"
_NAME_WORD = r"(?:[OD]['’](?=[A-Z])|Ma?c(?=[A-Z]))?[A-ZÀ-Ý][a-zà-ÿ'’\-]+"
PNAME = (rf"(?P<name>(?:Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+|Dr\.?\s+)?(?:[A-Z]\.\s+)?{_NAME_WORD}(?:\s+[A-Z]\.)?"
         rf"(?:\s+(?:de|van|von|da|del|du|la|le|St\.)?\s*{_NAME_WORD}){{1,2}})")

# Words without which a rule family cannot match: a cheap test before its patterns run.
_GATE_SUBSIDIARY = re.compile(r"subsidiar|\bunit\b|division|member|part of|controlled|owned|whose|"
                              r"affiliate|\barm\b|filiale|⟧['’]s ⟦", re.I)
_GATE_STAKE = re.compile(r"owned|respectively|interest|stake|joint venture|shareholder|owner", re.I)
_GATE_ACQUISITION = re.compile(r"acqui|purchas|\bbuy|bought|\bsel|\bsold|sale|takeover|buyout|portfolio|issue|place|earn|secure|obtain|"
                               r"transfer|\bvend|"
                               r"(?:will|would|to|shall) (?:also )?(?:hold|own|take|assume|receive)\b", re.I)


# words after "X's Y" that make Y something other than X's company: "X's Anglo agreement", "X's Y shares"
_NOT_A_UNIT = (r"agreements?|deals?|offers?|bids?|transactions?|merger|acquisition|purchase|takeover|shares?|stock|"
               r"stakes?|interests?|holdings?|board|management|shareholders?|partners?|partnership|"
               r"joint venture|JV|alliance|contracts?|loans?|facility|financing|investment|option|"
               r"royalty|stream|\(|,? (?:and|or) ⟦")

# a holding counted in shares, with its percentage of the company's shares or capital
_SHARES_HELD = re.compile(
    r"⟦(?P<holder>\d+)⟧(?: and (?:its|their) (?:affiliates|associates|joint actors|subsidiaries))?"
    r"(?:,[^⟦;]{0,80}?,)? (?:[^.;⟦]{0,60}?\s)?"
    r"(?P<verb>(?:beneficially |now |currently |will |would |then |also )*(?:owns?|owned|holds?|held|controls?|"
    r"controlled|owned or controlled|(?:has |have )?acquired|purchased|bought|subscribe[sd]? for|"
    r"(?:will )?(?:own|hold|control)))\b"
    r"(?:[^.;%⟦]|⟦\d+⟧){0,160}?\bshares\b(?:[^.;%⟦]|⟦\d+⟧){0,100}?"
    r"(?:,? or |\(?representing |equal to |which represents? |being |amounting to )(?:approximately |about |roughly |"
    r"nearly |some |an aggregate of )?⟦%(?P<pct>[\d.]+)⟧ of (?:the |its |their |all )?"
    r"(?:(?:issued|outstanding|issued and outstanding|total|then|currently) )*(?:⟦\d+⟧ )?"
    r"(?:common |ordinary |voting |class [A-Z] )?(?:shares|capital|share capital|stock|equity)", re.I)
# a holding only on conditions or after a conversion not made: "assuming the exercise of the warrants"
_ONLY_IF = re.compile(r"\b(?:assuming|would (?:hold|own|control|have)|if (?:all|the)|if converted|convertible|"
                      r"upon (?:the )?(?:exercise|conversion)|on (?:the )?(?:exercise|conversion)|"
                      r"on a (?:partially |fully )diluted basis)\b|^\W*If\b", re.I)

# after an organization's mention: "'s 45 pct stake in the Y" (the stake the organization holds in Y)
_POSSESSIVE_STAKE = re.compile(r"['’]s? (?:⟦%(?P<pct>[\d.]+)⟧ )?"
                               r"(?:(?:direct|indirect|remaining|entire|existing|"
                               r"undivided|equity|ownership|working|joint venture) ){0,2}"
                               r"(?:stake|interest|shareholding|holding)s? in (?:the )?⟦(?P<held>\d+)⟧")

# the head nouns of a site's description ("the smelter near Maputo", "the operator of the mine")
_SITE_HEADS = r"(?:mine|smelter|refinery|mill|plant|project|deposit|property|complex|concentrator|operation)"

# an asset's name used as a modifier of a map's words: "the X concession boundaries", "X project outline"
_OUTLINE = re.compile(r"\s+(?:boundar(?:y|ies)|outlines?|limits|maps?|footprints?)\b")


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str | re.Pattern[str]) -> re.Pattern[str]:
    """The rules' patterns, compiled once: there are more of them than ``re``'s own cache holds."""
    return re.compile(pattern)


class _Reader:
    """Applies every rule to one masked sentence, resolving 'its' and 'our'."""

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
        for m in _compiled(pattern).finditer(text):
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

    def owner_of_pronoun(self, pronoun: str, at: int) -> str | None:
        p = pronoun.lower()
        if p in ("our", "we", "notre", "nos"):
            return self.quote_org or self.ctx.issuer
        if p.startswith("the company"):  # "the company's Fox Complex": the company the text is about
            return self.quote_org or self.ctx.issuer or self.subject()
        before = [int(x) for x in re.findall(E, self.t[:at])]
        orgs = [n for n in before if self.is_org(n)]
        joined = re.search(rf"{E},? (?:and|together with|through|via|with) $", self.t[:at])
        if joined and self.is_org(joined.group(1)):
            return self.key(joined.group(1))  # "American West Metals and its wholly-owned subsidiary, Tornado"
        clause = self.t[:at].rsplit(";", 1)
        if len(clause) == 2:  # "A drilled at X; B reported intercepts at its Y project": the clause's own subject
            in_clause = [n for n in re.findall(E, clause[1]) if self.is_org(n)]
            if in_clause:
                return self.key(in_clause[0])
        if re.search(r"\b(?:excluding|including|except|other than|apart from|but not|besides)\s+$", self.t[:at]):
            # "for BHP's gold interests, excluding its stake in Y": its owner is the owner of what it qualifies
            owners = [n for n in re.findall(rf"{E}['’]s? ", self.t[:at]) if self.is_org(n)]
            if owners:
                return self.key(owners[-1])
        if orgs and p == "their" and re.search(r"\b(?:[Ww]e|us|[Oo]ur)\b", self.t[:at]):
            # a speaker's "we ... partnering with NeoRe to develop their project": theirs is not ours
            speaker = self.quote_org or self.ctx.issuer
            others = [n for n in orgs if self.key(n) != speaker]
            return self.key(others[-1]) if others else None
        if orgs:
            # "Comalco's Commonwealth Aluminium unit ... its smelter": the unit is the subject
            unit = re.search(rf"⟦{orgs[0]}⟧['’]s? {E} (?:unit|subsidiary|division)\b", self.t[:at])
            if unit and self.is_org(unit.group(1)):
                return self.key(unit.group(1))
            return self.key(orgs[0])
        return self.prev_subject or self.ctx.issuer

    #: appended to every rule name this reader gives (".fr" for the French reader)
    RULE_SUFFIX = ""

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

    def subsidiaries(self) -> None:
        t = self.t
        pat = re.compile(
            rf"{E},? (?:is |was |became |has been )?(?:now )?(?:an? |the )?(?:indirect,? |direct,? )?"
            rf"(?:(?P<wholly>{_WHOLLY})|⟦%(?P<pct>[\d.]+)⟧[- ]?owned|(?P<major>majority[- ]owned))?,?\s*"
            rf"(?:operating |principal |Canadian |U\.S\. |Australian |holding )?"
            rf"(?:subsidiary|filiale(?: en propriété exclusive)?) (?:of|de) {E}")
        for m in self._iter(pat, t):
            a, b = m.group(1), m.group(m.lastindex or 0)
            share = 100.0 if m.group("wholly") else float(m.group("pct")) if m.group("pct") else None
            if self.is_org(a) and self.is_org(b):
                self.emit("subsidiaryOf", self.key(a), self.key(b), "subsidiary.appositive",
                          share=share, confidence=0.9)
        # "A owns C, a joint subsidiary with B" / "C, a joint subsidiary of A and B": C belongs to both,
        # and its owners are joint-venture partners
        for m in self._iter(rf"(?:{E} (?:owns|holds|controls|formed|created|established) )?(?:the |a )?{E},? "
                            rf"(?:is |was )?(?:a |an |the )?joint(?:ly[- ]owned)?[- ]?(?:subsidiary|company|venture company) "
                            rf"(?:with|of) {E}(?:,? and {E})?", t):
            owners = [g for g in (m.group(1), m.group(3), m.group(4)) if g]
            child = m.group(2)
            if len(owners) < 2 or not self.is_org(child) or not all(self.is_org(n) for n in owners):
                continue
            if re.search(r"\b(?:may|could|would|plans?|proposed|intends?)\b", t[:m.start()]):
                continue
            keys = list(dict.fromkeys(self.key(n) for n in owners))
            for k in keys:
                self.emit("subsidiaryOf", self.key(child), k, "subsidiary.joint", confidence=0.75)
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    self.emit("partnerOf", a, b, "agreement.joint_subsidiary", agreement="JointVenture",
                              status="signed", confidence=0.7)
        # "As a (wholly-owned) subsidiary of A and B, C ...": C belongs to each
        for m in self._iter(rf"\b[Aa]s (?:an? )?(?:(?:{_WHOLLY}|majority[- ]owned|joint) )?(?:subsidiary|unit) of {E}"
                            rf"(?:,? and {E})?, {E}", t):
            owners = [g for g in (m.group(1), m.group(2)) if g]
            child = m.group(3)
            if self.is_org(child) and all(self.is_org(n) for n in owners):
                for n in owners:
                    self.emit("subsidiaryOf", self.key(child), self.key(n), "subsidiary.as_a",
                              confidence=0.75)
        # "X, (since December) a unit of Y"
        for m in self._iter(rf"{E},? (?:[\w ]{{0,25}} )?(?:is |was |became )?(?:now )?(?:an? |the )?"
                             rf"(?:unit|division|member|part) of (?:the )?{E}", t):
            if re.search(r"\band\b|\bor\b", m.group(0)):
                continue  # "A and part of B" coordinates, it does not describe A
            if self.is_org(m.group(1)) and self.is_org(m.group(2)):
                self.emit("subsidiaryOf", self.key(m.group(1)), self.key(m.group(2)),
                          "subsidiary.unit_of", confidence=0.75)
        # "its wholly-owned subsidiary, X" / "Y's wholly owned subsidiary X"
        for m in self._iter(rf"(?:(?P<pron>\b[Ii]ts|\b[Oo]ur)|{E}['’]s?) (?:(?:two|three|four|five|six|several|main|principal|"
                             rf"new|newly[- ]formed|key) )?(?:(?P<wholly>{_WHOLLY})|{P}[- ]?owned)?,?\s*"
                             rf"(?:indirect,? )?(?:⟦\d+⟧\.? |U\.S\. |[A-Z][a-z]+ )?(?:operating )?[Ss]ubsidiar(?:y|ies),? (?:the )?{E}"
                             rf"((?:(?:,\s*and\s+|,\s*|\s+and\s+)⟦\d+⟧)*)", t):
            parent = self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") \
                else self.key(m.group(2))
            share = 100.0 if m.group("wholly") else float(m.group(4)) if m.group(4) else None
            subs = [m.group(5), *re.findall(E, m.group(6))] if "iaries" in m.group(0) else [m.group(5)]
            for sub in subs:
                if self.is_org(sub):
                    self.emit("subsidiaryOf", self.key(sub), parent, "subsidiary.possessive",
                              share=share, confidence=0.85)
        # "its Globe Metallurgical Inc unit", "Cons Gold said its ARC America Corp unit"
        for m in self._iter(rf"(?:(?P<pron>\b[Ii]ts|\b[Oo]ur)|{E}['’]s?) (?:(?:wholly[- ]owned|[\w-]+) ){{0,2}}?{E},? "
                            rf"(?:unit|subsidiary|affiliate|division|arm)\b", t):
            parent = self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") \
                else self.key(m.group(2)) if self.is_org(m.group(2)) else None
            sub = m.group(m.lastindex or 0)
            if parent and self.is_org(sub):
                share = 100.0 if re.search(r"wholly", m.group(0)) else None
                self.emit("subsidiaryOf", self.key(sub), parent, "subsidiary.its_unit", share=share,
                          confidence=0.75)
        # "X said a newly-formed subsidiary, the Y group, ..."
        for m in self._iter(rf"{E} said (?:that )?(?:a|an|its) (?:newly[- ]formed |new |wholly[- ]owned )*"
                            rf"(?:subsidiary|unit),? (?:the |called |named )?{E}", t):
            if self.is_org(m.group(1)) and self.is_org(m.group(2)):
                self.emit("subsidiaryOf", self.key(m.group(2)), self.key(m.group(1)), "subsidiary.said_a_subsidiary",
                          confidence=0.75)
        # "X, a crown corporation whose sole shareholder is Y"
        for m in self._iter(rf"{E}(?:,? [^⟦;]{{0,60}}?)? whose (?P<how>sole|only|majority|controlling|principal|largest) "
                             rf"(?:shareholder|owner) is (?:the )?{E}", t):
            sub, parent, how = m.group(1), m.group(3), m.group("how")
            if self.is_org(sub) and self.is_org(parent):
                if how in ("sole", "only"):
                    self.emit("subsidiaryOf", self.key(sub), self.key(parent), "subsidiary.sole_shareholder",
                              share=100.0, confidence=0.85)
                elif how in ("majority", "controlling"):
                    self.emit("subsidiaryOf", self.key(sub), self.key(parent), "subsidiary.majority_shareholder",
                              confidence=0.8)
                else:
                    self.emit("ownsStakeIn", self.key(parent), self.key(sub), "stake.largest_shareholder",
                              confidence=0.7)
        # "interests held by BHP's Utah International": one company's company is its subsidiary
        for m in self._iter(rf"(?<!⟧ )(?<!\bof )(?<!\band ){E}['’]s {E}(?!['’]|\s*(?:{_NOT_A_UNIT}))", t):
            parent, sub = m.group(1), m.group(2)
            if self.is_org(parent) and self.is_org(sub) and self.key(parent) != self.key(sub):
                self.emit("subsidiaryOf", self.key(sub), self.key(parent), "subsidiary.possessive_name",
                          confidence=0.6)
        # "X is controlled by Y" / "X, controlled by Y"
        for m in self._iter(rf"{E},? (?:is |which is )?(?:controlled|majority[- ]owned) by {E}", t):
            if self.is_org(m.group(1)) and self.is_org(m.group(2)):
                self.emit("subsidiaryOf", self.key(m.group(1)), self.key(m.group(2)),
                          "subsidiary.controlled_by", confidence=0.75)

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
            shared = re.search(rf"(?:several |two |three |four |five |six |its |the following )?"
                               rf"(?:(?P<demonym>[A-Z][a-z]+) )?(?:{E} )?(?:mines|projects|properties|deposits|operations)"
                               rf"\s*(?:--|—|–|:|,)?\s*$", m.group(0))
            country = self._country_of(shared.group("demonym")) if shared and shared.group("demonym") else None
            commodity = shared.group(2) if shared and shared.group(2) and \
                self.kind(shared.group(2)) == "commodity" else None
            rest = self.t[m.end():]
            pos = 0
            share = None
            while True:
                item = re.match(rf"(?:,? and |, )?(?:{P} of )?(?:the )?(?:new |existing )?{E}", rest[pos:])
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
                tail = re.match(r" (?:development|venture|deposit|operations?)\b", rest[pos:])
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

    def stakes(self) -> None:
        for holder, item, share in self._portfolio(future=False):
            self._stake(holder, item, share, "stake.portfolio", conf=0.7)
        t = self.t
        mentions_royalty = bool(re.search(r"\broyalt|\bNSR\b|\bstream", t, re.I))
        # "X, a 6.67% owner of Y", "X is the 100% owner of the Y property", "X is also an equity
        # shareholder of Y"
        for m in self._iter(rf"{E}(?: [^⟦.;]{{0,40}}? and)?,? (?:is |was |remains |becomes |became )?(?:also |now )?(?:an?|the) (?:(?P<sole>sole )|{P} )?"
                            rf"(?:equity |major |largest |significant |controlling )?(?:owner|shareholder|partner|holder) "
                            rf"(?:of|in) (?:the )?{E}", t):
            if not self.is_org(m.group(1)) or re.search(r"\broyalt|\bstream", m.group(0), re.I):
                continue
            share = 100.0 if m.group("sole") else float(m.group(3)) if m.group(3) else None
            if share is None and not re.search(r"\b(?:equity|major|largest|significant|controlling) (?:owner|shareholder)",
                                               m.group(0)):
                continue  # "X, a partner in Y": no holding said
            self._stake(self.key(m.group(1)), m.group(m.lastindex or 0), share, "stake.pct_owner_of", runs=True)
        if mentions_royalty:  # a royalty or stream percentage is never a stake
            return
        # "X holds/owns a 40% interest in Y"
        verbs = (r"(?:holds?|owns?|has|had|held|retains?|controls?|will (?:hold|own|have)|"
                 r"currently (?:holds?|owns?)|détient|possède)")
        for m in self._iter(
                rf"(?:{E}|(?P<pron>\b[Ii]t|\b[Ww]e|\b[Tt]he company))(?:,? [^⟦.;]{{0,60}},)? (?:also |currently |now |indirectly |directly )?{verbs} "
                rf"(?:an? |une |the remaining |approximately |about |nearly |a direct |an indirect )*(?:participation de )?{P} "
                rf"(?:equity |undivided |participating |ownership |economic |working |beneficial )?"
                rf"(?:interest|stake|share|shareholding|ownership|equity)?(?: interest)? ?(?:in|of|dans) (?:the )?{E}", t):
            holder = self.key(m.group(1)) if m.group(1) else self.owner_of_pronoun("its", m.start())
            if m.group(1) and not self.is_org(m.group(1)):
                continue
            self._stake(holder, m.group(m.lastindex or 0), float(m.group(3)), "stake.holds_pct", runs=True)
            # a list of holdings: "...; a 100% interest in Y; and a 50% interest in Z"
            end = m.end()
            for part in re.finditer(r"[^;,]+", t[end:]):
                item = re.match(rf"\s*(?:and\s+)?(?:an? |the remaining |its )?{P} (?:[\w-]+ )?"
                                rf"(?:interest|stake) in (?:the )?{E}", part.group(0))
                if item:
                    self._at = (end + part.start(), end + part.start() + item.end())
                    self._stake(holder, item.group(2), float(item.group(1)), "stake.holds_pct_list", runs=True)
        # "acquire all the shares of Y from X, which currently holds an 85% interest": X's stake is in Y
        for m in self._iter(
                rf"\b(?:of|in) (?:the )?{E}[^⟦.;]{{0,20}}? from {E},? which (?:currently |now )?(?:holds|owns) "
                rf"(?:an? )?{P} (?:equity |ownership |beneficial )?(?:interest|stake)\b(?! in)", t):
            if self.is_org(m.group(2)) and self.key(m.group(1)) != self.key(m.group(2)):
                self._stake(self.key(m.group(2)), m.group(1), float(m.group(3)), "stake.seller_holds")
        # "X owns 100% of Y" handled above ('of'); "Y is 40% owned by X" / "Y, 40%-owned by X"
        for m in self._iter(rf"{E},? (?:is |which is )?(?:an? )?{P}[- ]?owned by {E}", t):
            if self.is_org(m.group(3)):
                self._stake(self.key(m.group(3)), m.group(1), float(m.group(2)), "stake.pct_owned_by")
        # "Nestor Enterprises Ltd, wholly owned by Nestor SA"
        for m in self._iter(rf"{E},? (?:is |which is |itself )?(?:wholly|fully|entirely)[- ]owned by {E}", t):
            if self.is_org(m.group(2)) and self.key(m.group(1)) != self.key(m.group(2)):
                self._stake(self.key(m.group(2)), m.group(1), 100.0, "stake.wholly_owned_by")
        # "X's 50%-owned Y" / "its 100%-owned Y"
        for m in self._iter(rf"(?:{E}['’]s?|(?P<pron>\b[Ii]ts|\b[Oo]ur)) (?:(?P<wholly>{_WHOLLY})|{P}[- ]?(?:owned|controlled)),? "
                            rf"(?:\w+ ){{0,3}}?{E}", t):
            holder = self.key(m.group(1)) if m.group(1) else self.owner_of_pronoun(m.group("pron"), m.start())
            held = m.group(m.lastindex or 0)
            share = 100.0 if m.group("wholly") else float(m.group(4))
            if not self.is_org(held) or share <= 50:
                self._stake(holder, held, share, "stake.possessive_pct", runs=True)
        # "the adjacent wholly-owned X property" with the sentence subject as holder
        for m in self._iter(rf"\b(?:adjacent |nearby )?(?P<wholly>{_WHOLLY}) {E}", t):
            if self.is_asset(m.group(2)) and not re.search(rf"(?:{E}['’]s?|\b[Ii]ts|\b[Oo]ur) $", t[:m.start()]):
                self._stake(self.subject(), m.group(2), 100.0, "stake.wholly_owned_asset", conf=0.7)
        # "A, B and C own 50%, 30% and 20%, respectively"
        # (the last holder may be described: "and Japanese shareholders grouped under C")
        for m in self._iter(rf"((?:{E},? )+and (?:[a-zA-Z][\w-]*(?: [a-z][\w-]*){{0,4}} )?{E})[^⟦]{{0,60}}?"
                            rf"((?:{P},? )+and {P})(?: (?:of|in) (?:the )?{E})?,? respectively", t):
            holders = re.findall(E, m.group(1))
            shares = re.findall(P, m.group(0))
            held = re.findall(E, t[m.end():m.end() + 80])
            target = re.search(rf"(?:of|in) (?:the )?{E}", t[m.start():m.end()])
            held_n = target.group(1) if target else (held[0] if held else None)
            if held_n and len(holders) == len(shares):
                for h, s in zip(holders, shares):
                    if self.is_org(h) and h != held_n:
                        self._stake(self.key(h), held_n, float(s), "stake.respectively")
        # "owned 60% by A and 40% by B"
        for m in self._iter(rf"{E}[^⟦]{{0,40}}?owned {P} by {E}(?:,? and {P} by {E})?", t):
            self._stake(self.key(m.group(3)) if self.is_org(m.group(3)) else None, m.group(1),
                        float(m.group(2)), "stake.owned_by_split")
            if m.group(5) and self.is_org(m.group(5)):
                self._stake(self.key(m.group(5)), m.group(1), float(m.group(4)), "stake.owned_by_split")
        # "Y is owned by A (40%), B (20%) and C, through D (6.67%)"
        for m in self._iter(rf"(?:{E}|(?P<pron>\b[Ii]t))(?: is| are|,)? (?:currently |jointly )?owned by ((?:[^.;]{{0,40}}?{E}\s*\({P}\),?(?: and)?\s*)+)", t):
            held = m.group(1)
            if held is None:
                held_key = self.ctx.issuer
                held = next((str(i) for i, mm in enumerate(self.m.mentions) if mm.key == held_key), None)
            if held is None:
                continue
            for item in self._iter(rf"{E}\s*\({P}\)", m.group(3)):
                if self.is_org(item.group(1)):
                    self._stake(self.key(item.group(1)), held, float(item.group(2)), "stake.owned_by_list",
                                conf=0.8)
        # list items: "- X holds 20% through its subsidiary;" about the document's subject
        for m in self._iter(rf"(?:^|;\s*(?:and\s+)?|,?\s+and\s+)[\s\-•*]*{E}(?: [^⟦;]{{0,20}})? (?:holds?|owns?) (?:the remaining |an? )?{P}"
                             rf"(?: (?:interest|stake|of the shares))?(?=\s*(?:;|,|\.|$| through| via| and\b))", t):
            if re.match(r",?\s+and\s", m.group(0)) and not re.search(r"⟦%[\d.]+⟧$", t[:m.start()]):
                continue  # "X holds 40% and Y holds 5%": an "and" joins two holdings only
            # held: what the sentence before held a stake in ("Cameco holds 54% of Cigar Lake.
            # Orano holds 40%."), else the document's subject
            issuer = self.last_held or self.ctx.issuer
            if issuer and self.is_org(m.group(1)) and self.key(m.group(1)) != issuer:
                idx = next((str(i) for i, mm in enumerate(self.m.mentions) if mm.key == issuer), None)
                if idx is None:
                    self.m.mentions.append(type(self.m.mentions[0])(0, 0, issuer, ""))
                    idx = str(len(self.m.mentions) - 1)
                self._stake(self.key(m.group(1)), idx, float(m.group(2)), "stake.holds_pct_of_subject",
                            conf=0.6)
        # "Cameco operates the Cigar Lake mine and holds a 54% interest in it": the asset named before
        for m in self._iter(rf"{E}[^.;]{{0,80}}?\b(?:holds?|owns?) (?:an? )?{P} (?:interest|stake) in it\b", t):
            before = [n for n in re.findall(E, t[m.end(1) + 1:m.end()]) if self.is_asset(n) or self.is_org(n)]
            if self.is_org(m.group(1)) and before and m.group(0).count("⟦%") == 1:
                self._stake(self.key(m.group(1)), before[-1], float(m.group(2)), "stake.in_it", conf=0.75,
                            runs=True)
        # "CMP, a gold miner in which TVX already holds a 15 pct interest"; "the X mill, which A
        # operates and in which it holds 77.5%": "it" is the organization of the clause before
        for m in self._iter(rf"\b(?:in|of) which (?:{E}|(?P<pron>it|we)) (?:already |currently |now |also )?"
                            rf"(?:holds?|owns?|has|had|held) (?:an? )?{P}", t):
            if m.group(1) is not None:
                holder = self.key(m.group(1)) if self.is_org(m.group(1)) else None
            else:
                clause = re.search(rf"\b(?:which|that) {E} [a-z]+(?: and)?,? $", t[:m.start()])
                holder = self.key(clause.group(1)) if clause and self.is_org(clause.group(1)) else \
                    self.owner_of_pronoun(m.group("pron"), m.start())
                if re.match(r"\W*(?:It|We)\b", t) and not clause:
                    # "It also markets the sands produced by Y, of which it holds 17.5 pct": the subject's
                    holder = self.owner_of_pronoun(m.group("pron"), 0)
            before = [n for n in re.findall(E, t[:m.start()])
                      if (self.is_org(n) or self.is_asset(n)) and self.key(n) != holder]
            if before and holder:
                self._stake(holder, before[-1], float(m.group(m.lastindex)), "stake.in_which_holds")
        # "The remaining 34% of X is held by Y"; "The other 60% belongs to Y" (of what the sentence
        # before held a stake in)
        for m in self._iter(rf"\b[Tt]he (?P<rest>(?:remaining|other|balance of(?: the)?|rest of(?: the)?) )?{P}"
                            rf"(?: (?:equity )?(?:interest|stake|shareholding))?(?: (?:in|of) (?:the )?{E})?,? "
                            rf"(?:is |are |was |were )?(?:currently |now )?(?:held|owned|controlled|belongs?|belonged) "
                            rf"(?:by|to) (?:the |(?:P|O)?JSC |P?AO )?{E}", t):
            holder_n = m.group(m.lastindex)
            if not self.is_org(holder_n):
                continue
            held_n = m.group(3) if m.group(3) is not None else \
                self._mention_of(self.last_held) if m.group("rest") and self.last_held else None
            if held_n is not None and self.key(held_n) != self.key(holder_n):
                self._stake(self.key(holder_n), held_n, float(m.group(2)), "stake.remaining_held_by", conf=0.7)
        # "..., with B holding the other 22.5%": the holding the sentence read just before
        for m in self._iter(rf",? with {E} holding (?:the (?:other |remaining |balance of (?:the )?)?|an? )?{P}"
                            rf"(?! (?:interest |stake )?(?:in|of)\b)", t):
            held = [f.object if f.predicate == "ownsStakeIn" else f.subject for f in self.facts
                    if f.predicate == "ownsStakeIn" or f.predicate == "subsidiaryOf" and f.share is not None]
            if held and self.is_org(m.group(1)) and self.key(m.group(1)) != held[-1]:
                self._stake(self.key(m.group(1)), self._mention_of(held[-1]), float(m.group(2)),
                            "stake.with_holding", conf=0.7)
        # "..., increasing its ownership to 51 pct": the holding after the deal
        for m in self._iter(rf"(?:increas|rais|bring|tak)\w* (?:the |its |their |our )?(?:{E}['’]s? )?"
                            rf"(?:ownership|stake|interest|holding|equity interest)(?: in (?:the )?{E})? to "
                            rf"(?:a total of |approximately |about )?{P}", t):
            holder = self.key(m.group(1)) if m.group(1) and self.is_org(m.group(1)) else None
            held = m.group(2)
            if held is None:  # the last thing named before the phrase
                before = [n for n in re.findall(E, t[:m.start()]) if self.is_org(n) or self.is_asset(n)]
                held = before[-1] if before else None
            holder = holder or self.subject()
            if held is not None and holder and self.key(held) != holder:
                self._stake(holder, held, float(m.group(3)), "stake.increased_to")
        # "excluding its stake in Y", "BHP's 45 pct stake in Y": a holding, with or without a number
        for m in self._iter(rf"(?:\b(?P<pron>[Ii]ts|[Oo]ur)|{E}['’]s?) (?:{P} )?(?:[\w-]+ )?(?:stake|interest|shareholding|holding) "
                            rf"in (?:the )?(?:⟦\d+⟧['’]s )?{E}", t):
            if re.search(r"\b(?:sell|sold|sale|divest\w*|dispos\w*|transfer\w*|spin\w*|will (?:own|hold|acquire)|"
                         r"earn|acquir\w*|purchas\w*|bought|former|formerly|previous|previously)\b",
                         t[max(0, m.start() - 40):m.start()]):
                continue  # "the sale of its interest in Y", "which will own the Company's interest in Y"
            if re.match(r",? (?:which )?(?:was|were|has been|had been|is being|will be) (?:sold|transferred|divested|"
                        r"disposed of|spun out)\b", t[m.end():]):
                continue  # "K's 40% interest in Y was sold to H": no longer K's
            holder = self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") else \
                self.key(m.group(2)) if self.is_org(m.group(2)) else None
            share = float(m.group(3)) if m.group(3) else None
            self._stake(holder, m.group(m.lastindex or 0), share, "stake.its_stake_in", conf=0.6)
        # "X and its affiliates owned 107,578,740 BMR shares (representing approximately 59.4% of the
        # outstanding BMR shares)"; "X will subscribe for the remaining 540 mln shares, or 56 pct of
        # issued capital": a holding counted in shares, with its percentage of the company
        for m in self._iter(_SHARES_HELD, t):
            holder = m.group("holder")
            if not self.is_org(holder) or _ONLY_IF.search(m.group(0)) or _ONLY_IF.match(t):
                continue
            if re.search(r"\b(?:previously|formerly|once|originally)\s+$", t[:m.start("verb")]):
                continue  # "L previously owned 12,500,000 shares": not a holding today
            named = re.findall(rf"{E}(?:['’]s?)? (?:common |ordinary |voting |class [A-Z] )?shares\b|"
                               rf"shares (?:of|in) (?:the )?{E}", m.group(0), re.I)
            candidates = [a or b for a, b in named if self.is_org(a or b) and self.key(a or b) != self.key(holder)]
            company = self.key(candidates[-1]) if candidates else None
            if company is None and re.search(r"\b(?:the )?Company['’]s\b|\bof the Company\b|"
                                             r"\b(?:the )?Corporation['’]s\b", m.group(0)):
                company = self.ctx.issuer
            company = company or self.shares_of
            if company is None or company == self.key(holder):
                continue
            share = float(m.group("pct"))
            if re.search(r"\b(?:acquired|purchased|bought|subscribed)\b", m.group("verb")):
                self.emit("acquires", self.key(holder), company, "acquisition.shares_representing",
                          share=share, status="completed", confidence=0.7)
                continue
            self._stake(self.key(holder), self._mention_of(company), share, "stake.shares_representing",
                        conf=0.75)
        # "A and B ... their jointly owned X mine", "X, jointly owned by A and B": each holds a part,
        # and the two are partners in it
        for m in self._iter(rf"{E},? and {E}[^⟦.;]{{0,80}}?\btheir (?:jointly[- ]owned|joint venture) {E}|"
                            rf"{E},? (?:which is |is )?jointly[- ]owned by {E},? and {E}", t):
            if m.group(1):
                owners, held = (m.group(1), m.group(2)), m.group(3)
            else:
                owners, held = (m.group(5), m.group(6)), m.group(4)
            if not all(self.is_org(n) for n in owners) or not (self.is_asset(held) or self.is_org(held)):
                continue
            a, b = (self.key(n) for n in owners)
            if a == b or self.key(held) in (a, b):
                continue
            for owner in (a, b):
                self.emit("ownsStakeIn", owner, self.key(held), "stake.jointly_owned", confidence=0.7)
            self.emit("partnerOf", a, b, "agreement.jointly_owned", agreement="JointVenture", status="signed",
                      confidence=0.65)
        # "..., securing a 100% undivided interest in the Yuty Project": the holding the deal gave
        for m in self._iter(rf"\b(?:securing|giving it|giving the company|leaving it with|resulting in|which gave it) "
                            rf"(?:an? |the )?{P} (?:undivided |direct |indirect |equity |ownership |beneficial )*"
                            rf"(?:interest|stake|ownership) (?:in|of) (?:the )?{E}", t):
            if re.search(r"\b(?:close to|towards?|would|could|may|might|aims? (?:at|to)|in the process of|seeks?|"
                         r"hopes?|plans?|intends?|expects?)\s+(?:\w+\s+)?$", t[:m.start()]):
                continue  # "K is close to securing a 60% interest": not yet held
            before = [n for n in re.findall(E, t[:m.start()]) if self.is_org(n)]
            # ", securing ...": the clause's subject; "K ... securing": the one named before
            holder = self.subject() if re.search(r",\s*$", t[:m.start()]) or not before else self.key(before[-1])
            if holder and self.key(m.group(2)) != holder:
                self._stake(holder, m.group(2), float(m.group(1)), "stake.securing", conf=0.7, runs=True)
        # "A and B each hold 50%"
        for m in self._iter(rf"{E} and {E} each (?:hold|own|have) (?:an? )?{P}(?: interest| stake)? in (?:the )?{E}", t):
            for h in (m.group(1), m.group(2)):
                if self.is_org(h):
                    self._stake(self.key(h), m.group(4), float(m.group(3)), "stake.each_hold")

    def _background(self) -> bool:
        """A sentence about a deal years before the announcement ("On March 30, 2012, X acquired Y")."""
        dated = re.match(r"\W*(?:On|In|During|Back in|As of) (?:[A-Z][a-z]+\.? (?:\d{1,2},? )?)?((?:19|20)\d\d)\b", self.t) or \
            re.search(r"\b(?:acquired|bought|purchased)\b[^.;]{0,80}?\bin ((?:19|20)\d\d)\b", self.t)
        if not dated:
            return False
        latest = getattr(self.ctx, "_latest_year", None)
        if latest is None:
            years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", self.ctx.text)]
            latest = max(years, default=0)
            self.ctx._latest_year = latest
        return int(dated.group(1)) < latest - 1

    def acquisitions(self) -> None:
        t = self.t
        if _DENIED.search(t) or (only_contemplated(t) and not re.search(r"\bagreed\b|\bdefinitive\b", t)):
            return
        if self._background():
            return  # a deal completed long before the announcement is background, not its news
        for m in self._iter(
                rf"(?:{E}(?: unit| subsidiary)?|(?P<pron>\b[Ii]t|\b[Ww]e))(?: also| today| now)?(?: said(?: it)?| announced(?: it)?| has| have| will| had)?"
                rf"(?: also| now)?"
                rf"(?: (?:entered into|signed|executed|finalized|finalised) an? (?:[\w-]+ ){{0,3}}?(?:agreement|term sheet|"
                rf"[Mm]emorandum of [Uu]nderstanding|MOU|MoU|[Ll]etter of [Ii]ntent|LOI))?"
                rf"(?: (?:agreed|plans|intends|proposes|offered|expects))?(?: to)? "
                rf"(?:acquire[sd]?|purchase[sd]?|bought|buy|buys|(?:complete[sd]?|closed?|closes)(?: on)? (?:the|its|their|our) (?:acquisition|purchase) of|"
                rf"exercised (?:its|the|an?) option to acquire(?: full ownership of)?|"
                rf"acquiring|acquérir) "
                rf"(?:an? |the )?(?:additional |further |remaining |approximately |about |nearly |all of )?"
                rf"(?:(?:all )?(?:of )?(?:the )?(?:(?:issued|outstanding|issued and outstanding) )?(?:common )?(?:securities|shares|share capital) of )?"
                rf"(?:(?:{P})(?: (?:interest|stake|equity interest|of the (?:issued and )?outstanding shares))? "
                rf"(?:in|of) )?(?:the )?{E}", t):
            if m.group(1) and not self.is_org(m.group(1)):
                continue
            buyer = self.key(m.group(1)) if m.group(1) else self.owner_of_pronoun(m.group("pron"), m.start())
            if m.group(1) and re.search(r"\b(?:with|from|by) $", t[:m.start()]):
                # "finalized an agreement with X to acquire Y": the one who agreed with X buys
                buyer = self.subject() if self.subject() != self.key(m.group(1)) else None
                if buyer is None or self.kind(self._mention_of(buyer)) != "org":
                    continue
            target = m.group(m.lastindex or 0)
            if not (self.is_org(target) or self.is_asset(target)):
                continue
            share = float(m.group(3)) if m.group(3) else None
            if re.search(r"up to", t[m.start():m.end()]):
                continue
            status = "completed" if _COMPLETED.search(t) or re.search(r"\bacquired\b|\bbought\b|\bclosed\b|\bexercised\b",
                                                                      m.group(0)) else "signed"
            # "bought K's former Tollan mine from L": what is bought is K's site, not K
            site = re.match(rf"['’]s? (?:former |previous |existing |old |historic )?(?:[\w-]+ )?{E}", t[m.end():])
            if site and self.is_org(target) and self.is_asset(site.group(1)) and not m.group(3):
                target = site.group(1)
            # "buy Y's 40% stake in Z": what is bought is the stake in Z, and Y holds it until the deal closes
            held = _POSSESSIVE_STAKE.match(t, m.end())
            if held and not m.group(3) and self.is_org(target) and \
                    (self.is_org(held.group("held")) or self.is_asset(held.group("held"))):
                seller, target = self.key(target), held.group("held")
                share = float(held.group("pct")) if held.group("pct") else None
                if status != "completed":
                    self._stake(seller, target, share, "stake.seller_possessive", conf=0.7)
            self.emit("acquires", buyer, self.key(target), "acquisition.verb", share=share,
                      status=status, confidence=0.75)
            sold_again = re.search(r"\b(?:and|but) (?:later |subsequently |then )?(?:sold|divested|disposed of|transferred)\b",
                                   t[m.end():])
            if status == "completed" and self.is_asset(target) and (share is None or share >= 50) and \
                    self.ctx.entities[buyer].kind == "org" and not sold_again:
                # a site bought outright is the buyer's to hold and run from the closing on
                self._stake(buyer, target, share, "stake.completed_purchase", conf=0.65, runs=share is not None)
                if share is None:
                    self.emit("operates", buyer, self.key(target), "operates.completed_purchase", confidence=0.6)
            targets = [target]
            # "the remaining 29% interest in the Cerro and Flora properties": each site of the list
            more = re.match(rf"((?:(?:,\s*and\s+|,\s*|\s+and\s+)(?:the )?⟦\d+⟧)+)", t[m.end():])
            if more and self.is_asset(target):
                for n in re.findall(E, more.group(1)):
                    if self.is_asset(n):
                        targets.append(n)
                        self.emit("acquires", buyer, self.key(n), "acquisition.verb_list", share=share,
                                  status=status, confidence=0.7)
            # "..., making it the sole owner": the holding after the deal
            if re.search(r"\bmaking (?:it|⟦\d+⟧|the company) the (?:sole|100%|only) (?:owner|shareholder)\b", t[m.end():]):
                for n in targets:
                    self._stake(buyer, n, 100.0, "stake.sole_owner_after", conf=0.7)
            # "... a 19 pct stake in Y, a private company, and a 16 pct interest in Z"
            end = m.end()
            for item in re.finditer(rf"(?:,|\band\b)\s*(?:and\s+)?(?:an? |the remaining )?{P} (?:[\w-]+ )?"
                                    rf"(?:stake|interest|of the shares) (?:in|of) (?:the )?{E}", t[end:]):
                if self.is_org(item.group(2)) or self.is_asset(item.group(2)):
                    self._at = (end + item.start(), end + item.end())
                    self.emit("acquires", buyer, self.key(item.group(2)), "acquisition.verb_list",
                              share=float(item.group(1)), status=status, confidence=0.7)
        # "X agreed to sell its Y unit to Z", "X sold its 40% stake in Y to Z"
        for m in self._iter(
                rf"(?:{E}|\b(?P<pron>[Ii]t|[Ww]e)\b)[^⟦]{{0,60}}?\b(?:sell|sells|sold|selling|the sale of|divest\w*|"
                rf"transfer(?:s|red|ring)?|vend(?:s|ed)?)\b "
                rf"(?:its |the |all of its |their )?(?:[\w-]+ ){{0,4}}?(?:{P}(?: [\w-]+)? (?:stake|interest|of) (?:in )?(?:the )?)?"
                rf"{E}(?:[^⟦]|⟦\d+⟧){{0,60}}?\bto {E}", t):
            seller = self.key(m.group(1)) if m.group(1) else self.owner_of_pronoun(m.group("pron"), m.start())
            target, buyer = m.group(m.lastindex - 1), m.group(m.lastindex)
            share = float(m.group(3)) if m.group(3) else None
            if not self.is_org(buyer) or not (self.is_org(target) or self.is_asset(target)):
                continue
            between = re.findall(E, t[m.end(m.lastindex - 1) + 1:m.start(m.lastindex)])
            if any(self.kind(n) != "place" for n in between):
                continue  # "sell its smelter at Goldendale, Washington, ... to Y": only places between
            if self.key(target) in (seller, self.key(buyer)):
                continue
            status = "completed" if re.search(r"\b(?:sold|completed|closed|transferred|divested|vended)\b", m.group(0)) \
                else "signed"
            self.emit("acquires", self.key(buyer), self.key(target), "acquisition.sale_to", share=share,
                      status=status, confidence=0.75)
        # "the new company would also hold BHP's 45 pct stake in Y": a stake passing to X
        for m in self._iter(rf"{E}(?: [^⟦.;]{{0,30}})? (?:will|would|is to|are to|shall)(?: also)? "
                            rf"(?:hold|own|take over|assume|receive|take) {E}(?=['’])", t):
            held = _POSSESSIVE_STAKE.match(t, m.end())
            buyer, seller = m.group(1), m.group(2)
            if not held or not self.is_org(buyer) or not self.is_org(seller) or self.key(buyer) == self.key(seller):
                continue
            target = held.group("held")
            if self.is_org(target) or self.is_asset(target):
                share = float(held.group("pct")) if held.group("pct") else None
                self._at = (m.start(), held.end())
                self.emit("acquires", self.key(buyer), self.key(target), "acquisition.takes_over_stake",
                          share=share, status="signed", confidence=0.7)
        # "CCL acquired the Wallaceburg, Ontario, can making operations of Nestor Enterprises": the
        # business bought is the seller's
        for m in self._iter(rf"(?:{E}(?: unit| subsidiary)?|\b(?P<pron>[Ii]t|[Ww]e)\b)[^⟦.;]{{0,40}}?\b(?:acquired|bought|purchased|"
                            rf"acquire|buy|purchase|acquires|buys|purchases) (?:the |certain |all of the |substantially all of the )?"
                            rf"(?:[^⟦.;]|⟦\d+⟧){{0,70}}?\b(?:operations|business(?:es)?|assets|activities) of (?:the )?{E}", t):
            seller = m.group(m.lastindex or 0)
            buyer = self.key(m.group(1)) if m.group(1) and self.is_org(m.group(1)) else \
                self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") else None
            between = re.findall(E, t[m.end(1) + 1 if m.group(1) else m.start():m.start(m.lastindex or 0)])
            if buyer and self.is_org(seller) and buyer != self.key(seller) and \
                    all(self.kind(n) in ("place", "commodity") for n in between):
                status = "completed" if re.search(r"\b(?:acquired|bought|purchased)\b", m.group(0)) else "signed"
                self.emit("acquires", buyer, self.key(seller), "acquisition.business_of", status=status,
                          confidence=0.65)
        # "KOMIR will invest US$3 million ... to earn a 30% interest in Maximus' Lefroy Lithium Project":
        # an earn-in of a stated share (an "up to" share is only a ceiling: no fact)
        for m in self._iter(rf"(?:{E}|\b(?P<pron>[Ii]t|[Ww]e)\b)(?:[^⟦.;]|(?<=\d)\.(?=\d)|⟦\d+⟧){{0,160}}?\bto (?:earn|secure|obtain) "
                            rf"(?:an? |the )?(?:initial |additional |further )?"
                            rf"{P} (?:[\w-]+ )?(?:interest|stake) in (?:the )?(?:⟦(?P<owner>\d+)⟧['’]s? )?{E}", t):
            if re.search(r"\bup to\b", m.group(0)):
                continue
            buyer = self.key(m.group(1)) if m.group(1) and self.is_org(m.group(1)) else \
                self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") else None
            target = m.group(m.lastindex or 0)
            if buyer and (self.is_asset(target) or self.is_org(target)) and buyer != self.key(target):
                self.emit("acquires", buyer, self.key(target), "acquisition.earn_in", share=float(m.group(3)),
                          status="signed", confidence=0.65)
                owner = m.group("owner")
                if owner and self.is_org(owner) and self.is_asset(target) and self.key(owner) != buyer:
                    self.emit("operates", self.key(owner), self.key(target), "operates.possessive", confidence=0.7)
        # "X agreed to sell 6.6 mln shares of a new class of voting stock to Y": Y buys into X
        for m in self._iter(rf"(?:{E}|\b(?P<pron>[Ii]t)\b)[^⟦]{{0,50}}?\b(?:sell|sold|issue|issued|place|placed)\b "
                            rf"(?:[\d.,]+ (?:mln |million |billion )?|all of its )(?:new |treasury |common )?"
                            rf"(?:[\w-]+ ){{0,6}}?(?:shares|stock)\b[^⟦]{{0,60}}?\bto {E}", t):
            issuer = self.key(m.group(1)) if m.group(1) else self.owner_of_pronoun(m.group("pron"), m.start())
            buyer = m.group(m.lastindex or 0)
            if m.group(1) and not self.is_org(m.group(1)) or not self.is_org(buyer) or issuer == self.key(buyer):
                continue
            if issuer and not re.search(r"\bpublic\b|\bshareholders\b|\binvestors\b", m.group(0)):
                status = "completed" if re.search(r"\bsold\b|\bissued\b|\bplaced\b", m.group(0)) else "signed"
                self.emit("acquires", self.key(buyer), issuer, "acquisition.shares_sold_to", status=status,
                          confidence=0.65)
        # "X's portfolio will include 30 pct of A, 100 pct of B and C and 20 pct of D": what X will hold
        for holder, item, share in self._portfolio(future=True):
            self.emit("acquires", holder, self.key(item), "acquisition.portfolio", share=share,
                      status="signed", confidence=0.65)
        # "X's purchase of Y"
        for m in self._iter(rf"{E}['’]s? (?:proposed |planned |agreed |pending )?(?:purchase|acquisition|takeover|buyout) "
                            rf"of (?:the )?{E}", t):
            if self.is_org(m.group(1)) and (self.is_org(m.group(2)) or self.is_asset(m.group(2))):
                self.emit("acquires", self.key(m.group(1)), self.key(m.group(2)), "acquisition.possessive",
                          status="signed", confidence=0.7)

    def agreements(self) -> None:
        t = self.t
        kind = None
        for pattern, name in _AGREEMENT_RE:
            found = pattern.search(t)
            if found:
                kind = name
                self._at = found.span()
                break
        if kind is None:
            self._partnered_with()
            self._buys_all_output()
            self._invested_in()
            return
        orgs = [n for n in re.findall(E, t) if self.is_org(n)]
        if only_contemplated(t):
            return
        if not _SIGNED.search(t) and not re.search(
                r"\bpartner|\bagreement with\b|\bcontract with\b|\bha(?:s|ve|d) negotiated\b|\bunder the\b|"
                r"\bbetween ⟦\d+⟧,? and ⟦|"
                r"(?:agreement|MOU|LOI|MoU)\W[^⟦]{0,40}?\b(?:with|between) ⟦",
                t, re.I):
            return
        status = "terminated" if _TERMINATED.search(t) else \
            "completed" if _COMPLETED.search(t) and kind == "StrategicInvestment" else "signed"
        binding = False if _NON_BINDING.search(t) else True if _BINDING.search(t) else None
        parties = self._signatories(orgs)
        # "C, a subsidiary of D, ...": the parent named in an aside is no party, nor the other side
        parents = {self.key(n) for n in re.findall(
            rf"⟦\d+⟧,? (?:an? |the )?(?:[\w-]+ ){{0,2}}?(?:subsidiary|unit|division|affiliate) of {E}", t)}
        # "A ... its wholly-owned subsidiary, B, signed ...": B signs for A
        signs_for = {self.key(a): self.key(b) for a, b in re.findall(
            rf"{E}[^⟦]{{0,80}}?\bits (?:[\w-]+ ){{0,2}}?subsidiary,? {E}", t) if self.is_org(b)}
        parents |= set(signs_for)
        parties = list(dict.fromkeys(signs_for.get(k, k) for k in parties))
        if len(parties) > 1 and set(parties) - parents and parents & set(parties) and \
                not re.search(rf"\bbetween {E}|\bwith (?:its (?:parent|partner) |the )?{E}", t):
            parties = [k for k in parties if k not in parents]
        if re.search(r"\b(?:the Parties|les Parties|they|both companies|the two companies)\b", t) and len(parties) < 2:
            parties = list(dict.fromkeys([*parties, *(self.ctx.issuer and [self.ctx.issuer] or [])]))
        if len(parties) == 1:
            other = self.subject() if self.subject() != parties[0] else None
            other = other or self.ctx.issuer
            if other and other != parties[0] and other not in parents:
                parties = [other, parties[0]]
        if len(parties) < 2:
            return
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                self.emit("partnerOf", a, b, f"agreement.{kind.lower()}", agreement=kind,
                          status=status, binding=binding, confidence=0.8)

    def _invested_in(self) -> None:
        """"Nippon Steel has invested eight mln dlrs in GTX": a strategic investment between the two."""
        t = self.t
        if only_contemplated(t):
            return
        for m in self._iter(rf"{E}(?:,[^⟦]{{0,60}},)?(?: said(?: that)?(?: it)?)? (?:has |had |also )?(?:invested|made an? (?:equity |strategic )?"
                            rf"investment of|(?:purchased|bought|subscribed for) (?:US|C|A)?\$[\d.,]+ (?:million |mln |billion )?"
                            rf"(?:in|of|worth of) (?:[\w-]+ ){{0,2}}?shares(?= of))"
                            rf"[^⟦.;]{{0,50}}?\b(?:in|of) {E}", t):
            a, b = m.group(1), m.group(2)
            if self.is_org(a) and self.is_org(b) and self.key(a) != self.key(b):
                self.emit("partnerOf", self.key(a), self.key(b), "agreement.invested_in",
                          agreement="StrategicInvestment", status="completed", confidence=0.65)

    def _partnered_with(self) -> None:
        """"X has partnered with Y on ...", "X teamed up with Y": a partnership without an agreement's name."""
        t = self.t
        if only_contemplated(t):
            return
        for m in self._iter(rf"(?:{E}|\b(?P<pron>[Ii]t|[Ww]e)\b)(?: has| have| had)?(?: also| recently| today)? "
                            rf"(?:partnered|teamed up|joined forces|entered into (?:a|an) (?:strategic )?partnership|"
                            rf"(?:(?:is|are|was) )?(?:works? |working )?in (?:a )?(?:strategic )?partnership) "
                            rf"with (?:the team at )?{E}", t):
            first = m.group(1)
            a = self.key(first) if first and self.is_org(first) else \
                self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") else None
            b = m.group(m.lastindex or 0)
            if a and self.is_org(b):
                self.emit("partnerOf", a, self.key(b), "agreement.partnered_with", agreement="Collaboration",
                          status="signed", confidence=0.7)

    def _buys_all_output(self) -> None:
        """"Anglo has agreed to purchase all the copper concentrate to be produced": an offtake
        between the buyer and the company the document is about."""
        t = self.t
        for m in self._iter(rf"{E} (?:has |have )?(?:agreed|committed|signed an agreement) to (?:purchase|buy|take) "
                            rf"(?:all|100%|the entire|the full)(?: of)?(?: the)? (?:[\w-]+ ){{0,2}}?"
                            rf"(?:⟦(?P<c>\d+)⟧(?! ?[\w-]*(?:royalt|stream))|(?:⟦\d+⟧ )?(?:concentrates?|output|production|product|"
                            rf"cathodes?|metal|ore)\b)", t):
            if m.group("c") and self.kind(m.group("c")) != "commodity":
                continue
            buyer = m.group(1)
            seller = self.ctx.issuer if self.ctx.issuer != self.key(buyer) else self.prev_subject
            producer = re.match(rf"[^⟦.;]{{0,40}}?\b(?:produced|mined|supplied) by (?:the )?{E}|[^⟦.;]{{0,40}}?\bfrom {E}['’]s?",
                                t[m.end():])
            if producer:
                n = producer.group(1) or producer.group(2)
                if self.is_org(n):
                    seller = self.key(n)
            if self.is_org(buyer) and seller and seller != self.key(buyer) and not only_contemplated(t):
                self.emit("partnerOf", seller, self.key(buyer), "agreement.buys_all_output", agreement="Offtake",
                          status="signed", confidence=0.65)

    def _signatories(self, orgs: list[str]) -> list[str]:
        """The parties of the agreement a sentence names, not every organization it mentions.

        "between A and B" and "A and B signed" name both; "A ... with B" names the
        subject and B. Organizations named in asides ("C, a subsidiary of D, ...")
        are not parties. Without such a shape, every organization named is.
        """
        t = self.t
        keys = lambda ns: list(dict.fromkeys(self.key(n) for n in ns if self.is_org(n)))  # noqa: E731
        between = re.search(rf"\bbetween {E},? and {E}(?:,? and {E})?", t)
        if between:
            return keys(g for g in between.groups() if g)
        lead = re.match(rf"^[^⟦]{{0,40}}?{E},?(?: and {E}| together with {E})\b", t)
        if lead and re.search(r"\b(?:signed|entered|executed|formed|agreed|concluded|partnered)\b", t[lead.end():]):
            return keys(g for g in lead.groups() if g)
        # "acquire all the shares of B from C": the seller signs, the company sold does not
        from_ = re.search(rf"\b(?:acquir|purchas|buy)\w*\b[^⟦]{{0,60}}?{E}[^⟦]{{0,40}}?\bfrom {E}", t)
        if from_ and self.is_org(from_.group(2)):
            before = [n for n in re.findall(E, t[:from_.start()]) if self.is_org(n)]
            buyer = self.key(before[0]) if before else (self.subject() or self.ctx.issuer)
            if buyer and buyer != self.key(from_.group(2)):
                return [buyer, self.key(from_.group(2))]
        with_ = re.search(rf"\bwith (?:its (?:partner|subsidiary|affiliate) |the )?(?:⟦\d+⟧['’]s )?{E}(?:,? and {E})?", t)
        if with_:
            before = [n for n in re.findall(E, t[:with_.start()]) if self.is_org(n)]
            first = self.key(before[0]) if before else self.subject()
            # "X said a new subsidiary, Y, has signed a contract with Z": Y signs
            said = re.match(rf"[^⟦]{{0,40}}?{E} said (?:that )?[^⟦]{{0,40}}?{E}", t[:with_.start()])
            if said and self.is_org(said.group(2)):
                first = self.key(said.group(2))
            others = keys(g for g in with_.groups() if g)
            return list(dict.fromkeys([k for k in [first, *others] if k]))
        return keys(orgs)

    def operates(self) -> None:
        t = self.t
        for m in self._iter(rf"(?:(?P<pron>\b[Ii]ts|\b[Oo]ur|\b[Tt]heir|\b[Tt]he [Cc]ompany['’]s)|{E}['’]s?) (?:flagship |key |main |principal |100%-owned |"
                             rf"wholly[- ]owned |majority[- ]owned |\w+ ){{0,2}}{E}", t):
            asset = m.group(m.lastindex or 0)
            if not self.is_asset(asset):
                continue
            if re.search(rf"(?:{_WHOLLY}|{P}[- ]?owned|jointly|co-owned|\bformer|\bprevious|\bex-)", m.group(0)):
                continue
            owner = self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") else \
                self.key(m.group(2)) if self.is_org(m.group(2)) else None
            rest = re.match(rf"(?:(?:,\s*and\s+|,\s*|\s+and\s+){E})+", t[m.end():])
            after = t[m.end() + (rest.end() if rest else 0):]
            if _OUTLINE.match(after):
                continue  # "Vanguard's San Jose and Yuty Uno concession boundaries" on a map: no claim
            if owner and not re.search(r"partnership|interest in|stake in|\b(?:sold|transferred|divested|spun out|vended|"
                                       r"disposed of)\b", t[max(0, m.start() - 40):m.start()]):
                self.emit("operates", owner, self.key(asset), "operates.possessive", confidence=0.75)
                # "our Cinabrio, San Andres, and Dalmacia mines"
                if rest:
                    for n in re.findall(E, rest.group(0)):
                        if self.is_asset(n):
                            self.emit("operates", owner, self.key(n), "operates.possessive_list",
                                      confidence=0.7)
        # "X also holds ~4,600 hectares in the Y property and its ~3,200 hectares in the Z project":
        # ground it holds and explores
        for m in self._iter(rf"(?:{E}|\b(?P<pron>[Ii]t)) (?:also |currently |now )?(?:holds|owns|controls) (?:[^⟦.;]{{0,60}}? )?"
                            rf"~?(?:approximately |about |over |some )?[\d,.]+ ?(?:ha|hectares?|acres|km2|sq(?:uare)? ?km)\b"
                            rf"(?: of (?:mining )?claims)? in the {E}"
                            rf"((?:(?:,| and| as well as)(?: its)? ~?[\d,.]+ ?(?:ha|hectares?|acres)\b(?: of (?:mining )?claims)? "
                            rf"in the ⟦\d+⟧)*)", t):
            owner = self.key(m.group(1)) if m.group(1) and self.is_org(m.group(1)) else \
                self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") else None
            if owner is None or re.search(r"\boption|\bearn", t, re.I) or only_contemplated(t):
                continue
            for n in [m.group(3), *re.findall(E, m.group(4))]:
                if self.is_asset(n):
                    self.emit("operates", owner, self.key(n), "operates.holds_ground", confidence=0.6)
        # "McEwen Copper, which is developing the Los Azules project", "X is advancing its Y project"
        for m in self._iter(rf"{E},? (?:which|that|who) (?:is|are) (?:currently |now |also )?(?:developing|advancing|"
                            rf"building|constructing|operating|running|exploring) (?:the |its )?{E}", t):
            if self.is_org(m.group(1)) and self.is_asset(m.group(2)) and not only_contemplated(t):
                self.emit("operates", self.key(m.group(1)), self.key(m.group(2)), "operates.which_is_developing",
                          confidence=0.7)
        # "Another key asset is the Wolfsberg Lithium Project"; "its other assets include A and B":
        # the assets of the organization the sentence (or the document) is about
        for m in self._iter(rf"(?:(?P<pron>\b[Ii]ts|\b[Oo]ur|\b[Tt]he [Cc]ompany['’]s)|{E}['’]s?|\b[Aa]nother|\b[Tt]he) "
                            rf"(?:other |second |third |key |flagship |principal |core |main |primary |lead )+"
                            rf"(?:assets?|projects?|propert(?:y|ies)|holdings?) (?:is|are|include[s]?|comprise[s]?) "
                            rf"(?:the )?(?:{_WHOLLY} )?{E}((?:(?:,\s*and\s+|,\s*|\s+and\s+)(?:the )?⟦\d+⟧)*)", t):
            if m.group(2) is not None:
                owner = self.key(m.group(2)) if self.is_org(m.group(2)) else None
            elif m.group("pron") and m.group("pron").lower() != "the company's":
                owner = self.owner_of_pronoun(m.group("pron"), m.start())
            else:
                owner = self.subject() or self.ctx.issuer
            if owner is None or only_contemplated(t) or re.search(r"\boption|\bearn|\bacquir", t, re.I):
                continue
            for n in [m.group(m.lastindex - 1), *re.findall(E, m.group(m.lastindex))]:
                if self.is_asset(n):
                    self.emit("operates", owner, self.key(n), "operates.key_asset", confidence=0.65)
        # "X has restarted mine and mill operations at the Y complex"
        for m in self._iter(rf"(?:{E}|\b(?P<pron>[Ii]t|[Ww]e)\b)[^⟦.;]{{0,80}}?\b(?:operations|production|mining) "
                            rf"(?:at|from) (?:the |its |our )?{E}", t):
            asset = m.group(m.lastindex or 0)
            owner = self.key(m.group(1)) if m.group(1) and self.is_org(m.group(1)) else \
                self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") else None
            if owner and self.is_asset(asset) and not re.search(r"\b(?:partner|toll|contract|third)", m.group(0)):
                self.emit("operates", owner, self.key(asset), "operates.operations_at", confidence=0.65)
        for m in self._iter(rf"{E},? (?:which |that )?(?:owns and )?(?:operates|runs|operator of|exploit\w*) (?:the )?{E}"
                            rf"(?=((?:(?:,\s*and\s+|,\s*|\s+and\s+)(?:the )?⟦\d+⟧)*))", t):
            if not self.is_org(m.group(1)):
                continue
            operator = self.key(m.group(1))
            aside = re.search(rf"{E}, an? (?:[\w-]+ ){{0,3}}?(?:unit|subsidiary|division|affiliate|arm|member) of (?:the )?$",
                              t[:m.start()])
            if aside and self.is_org(aside.group(1)):
                operator = self.key(aside.group(1))  # "L, a unit of K, operates the mine": L runs it, not K
            # "operates the Kell, Wren and Tarn mines": every site of the list (up to a name that is not one)
            for n in [m.group(2), *re.findall(E, m.group(3))]:
                if not self.is_asset(n):
                    break
                self.emit("operates", operator, self.key(n), "operates.verb", confidence=0.85)
        # "the X mill, which A operates"; "Mozal, the smelter near Maputo that A operates"
        for m in self._iter(rf"{E}(?: ⟦\d+⟧)?(?P<desc>,? (?:the|an?) [^,;.⟦]{{0,40}}?(?:⟦\d+⟧[^,;.⟦]{{0,30}}?){{0,2}})?"
                            rf",? (?:which|that) {E} (?:also |currently |now )?(?:operates|runs|manages)\b", t):
            site, operator = m.group(1), m.group(m.lastindex)
            described = m.group("desc") and re.search(rf"\b{_SITE_HEADS}\b", m.group("desc"))
            if self.is_org(operator) and (self.is_asset(site) or self.is_org(site) and described):
                self.emit("operates", self.key(operator), self.key(site), "operates.relative", confidence=0.75)
        # "BHP is the operator of the mine": the one mine named in the sentences just before
        for m in self._iter(rf"{E} (?:is|was|has been|will be|remains|will remain|became|becomes|acts as|serves as) "
                            rf"(?:the )?(?:sole )?operator of the (?P<head>{_SITE_HEADS})\b(?! ⟦)", t):
            head = m.group("head").lower()
            sites = {k for k in self.recent_assets if self.ctx.entities[k].label.lower().split()[-1] == head}
            if self.is_org(m.group(1)) and len(sites) == 1:
                self.emit("operates", self.key(m.group(1)), sites.pop(), "operates.operator_of_the",
                          confidence=0.7)

    def sites(self) -> None:
        """An asset named by its place ("its aluminium smelter in Ludwigshafen") lies there."""
        for tm in re.finditer(E, self.t):
            place = getattr(self.ctx.entities[self.key(tm.group(1))], "_site_place", None)
            if place:
                self._at = tm.span()
                self.emit("locatedIn", self.key(tm.group(1)), place, "located.site_by_place", confidence=0.8)

    def commodities(self) -> None:
        t = self.t
        # an asset's own commodities (named in its description, e.g. "the X copper mine")
        for tm in re.finditer(E, t):
            n = tm.group(1)
            self._at = tm.span()
            if self.is_asset(n):
                for c_slug, c_label in getattr(self.ctx.entities[self.key(n)], "_commodities", ()):
                    key = self.ctx.add("commodity", c_label, "Commodity", key=f"commodity-{c_slug}")
                    self.emit("commodity", self.key(n), key, "commodity.asset_name", confidence=0.9)
        # "X ... production/sale/explores for ... COMMODITY"
        verbs = (r"(?:produc(?:e|es|ed|er|ers|ing|tion)|sell(?:s|ing|er|ers)?|sale|sales|mines?|mined|mining|explor\w* for|supplier|supplies|"
                 r"supply|refin\w*|smelt\w*|output|producer|miner)")
        # production that is planned, hoped for or reported by others is not a fact about the present
        hypothetical = bool(re.search(r"\b(?:reported(?:ly)? (?:that|the)|reportedly|newspapers?|would|could|might|"
                                      r"plans? to|negotiat\w*|considering)\b", t))
        # "X will continue primary aluminium production"
        for m in () if hypothetical else self._iter(rf"{E}(?:,[^⟦]{{0,60}},)? (?:[\w-]+ ){{0,4}}?(?:primary |refined |its )?{E} "
                            rf"(?:(?:concentrates?|cathodes?|metal|ore|oxide|carbonate|hydroxide|sulphate|sulfate) )?"
                            rf"(?:production|output|producer|mining|smelting|refining|sales|operations)\b", t):
            if (self.is_org(m.group(1)) or self.is_asset(m.group(1))) and self.kind(m.group(2)) == "commodity":
                self.emit("commodity", self.key(m.group(1)), self.key(m.group(2)), "commodity.noun",
                          confidence=0.65)
        # "X operates Brazil's richest gold mine", "X runs a zinc smelter": an unnamed site's commodity
        # is its operator's
        for m in () if hypothetical else self._iter(
                rf"{E} (?:operates|runs|owns) (?:{E}['’]s? |an? |its )(?:[a-z-]+ ){{0,2}}?{E} "
                rf"(?:mine|smelter|refinery|mill|plant)\b(?! (?:royalt|stream|contract))", t):
            comm = m.group(m.lastindex or 0)
            if self.is_org(m.group(1)) and self.kind(comm) == "commodity" and \
                    (m.group(2) is None or self.kind(m.group(2)) == "place"):
                self.emit("commodity", self.key(m.group(1)), self.key(comm), "commodity.operates_site",
                          confidence=0.65)
        for m in () if hypothetical else self._iter(rf"(?:{E}(?:['’]s?)?|^(?:[^⟦]{{0,30}}\b)?(?P<pron>[Ii]t|[Ww]e)\b)[^⟦]{{0,80}}?"
                                                    rf"\b{verbs}\b[^⟦.;]{{0,40}}?{E}", t):
            subj, comm = m.group(1), m.group(m.lastindex or 0)
            if self.kind(comm) != "commodity":
                continue
            if re.search(r"\bto (?:[\w-]+ )?⟦$", t[m.start():m.start(m.lastindex or 0)]):
                continue  # "sells explosives to copper producers": copper is the customers' trade
            if re.search(r",\s*(?:retaining|keeping|reserving|while|whereas|which (?:retains|keeps))\b", m.group(0)):
                continue  # "transferred its interests to Y, retaining the right to explore for gold": not Y's
            if subj is None:  # "It said ... sales of bauxite and aluminium": the organization before
                owner = self.owner_of_pronoun(m.group("pron"), m.start("pron"))
                subj = self._mention_of(owner) if owner else None
                if subj is None:
                    continue
            if self.is_org(subj) or self.is_asset(subj):
                if re.search(r"\bprice|\bmarket|\bdemand|\bimport", m.group(0), re.I):
                    continue
                self.emit("commodity", self.key(subj), self.key(comm), "commodity.verb", confidence=0.7)
                # a coordinated list: "copper, gold and silver"
                rest = t[m.end():]
                tail = re.match(rf"((?:(?:,\s*|\s+and\s+|\s+or\s+)(?:primarily |also )?{E})+)", rest)
                if tail:
                    for n in re.findall(E, tail.group(1)):
                        if self.kind(n) == "commodity":
                            self.emit("commodity", self.key(subj), self.key(n), "commodity.verb",
                                      confidence=0.7)
        # "additional gold and silver ore reserves at its Sleeper mine", "42,000 ounces of gold from the
        # X mine", "grading 0.8 ounces of gold a ton at X": a site's commodity told by its reserves,
        # grades, intercepts or output
        comms = rf"((?:⟦\d+⟧(?:, |,? and |,? or |-| ))*⟦\d+⟧)"
        royalty_or_price = bool(re.search(r"\broyalt|\bstream|\bprice|\bNSR\b", t, re.I))
        for m in self._iter(rf"(?:{comms} (?:[\w-]+ ){{0,2}}?(?:ore )?(?:reserves?|resources?|mineral(?:i[sz]ation)?|grades?|"
                            rf"production|output|intercepts?|intersections?|assays?|values|zones?|veins?|"
                            rf"concentrates?|recover(?:y|ies)|ounces|endowment|inventory|ore|feed)|"
                            rf"\b(?:ounces|oz|tonnes|tons|pounds|lbs|g/t|grams per tonne|pct|per cent|percent|%)"
                            rf"(?: per (?:ton|tonne))? (?:of )?(?:contained |payable |recoverable |recovered )?{comms})"
                            rf"(?:[^⟦.;]|(?<=\d)\.(?=\d)){{0,40}}?\b(?:at|on|from|in) (?:the |its |our |their )?(?:⟦\d+⟧['’]s? )?{E}(?!['’])", t):
            site = m.group(m.lastindex or 0)
            if not self.is_asset(site) or royalty_or_price:
                continue
            for n in re.findall(E, m.group(1) or m.group(2) or ""):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(site), self.key(n), "commodity.at_site", confidence=0.7)
        # "Maximus holds a portfolio of gold, lithium and nickel projects", "X owns two gold and silver
        # exploration properties in Nevada"
        for m in () if hypothetical else self._iter(
                rf"{E} (?:also )?(?:holds|has|owns|maintains|manages|is building|is advancing|controls|is exploring) "
                rf"(?:an? (?:[\w-]+ ){{0,2}}?portfolio of (?:[\w-]+ ){{0,2}}?|(?:two|three|four|five|several|numerous|multiple|"
                rf"its|\d+) (?:[\w-]+ )?)?{comms}(?: exploration| development| mining)? (?:projects|assets|properties|"
                rf"tenements|claims|mines|interests)\b", t):
            if not self.is_org(m.group(1)) or royalty_or_price:
                continue
            for n in re.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m.group(1)), self.key(n), "commodity.portfolio", confidence=0.7)
        # "the zinc, copper and lead trading activities of Y", "its key copper processing division",
        # "two Swedish copper manufacturers, A and B": what an organization's business handles
        business = (r"(?:trading|marketing|production|mining|smelting|refining|processing|manufacturing|"
                    r"fabricating|fabrication|exploration|sales)")
        for m in self._iter(
                rf"(?P<list1>(?:⟦\d+⟧(?:, |,? and |,? or |-| ))*⟦\d+⟧) (?:[\w-]+ )?{business} "
                rf"(?:activities|business(?:es)?|operations|division|arm|interests|assets) of (?:the )?⟦(?P<of>\d+)⟧|"
                rf"(?:⟦(?P<owner>\d+)⟧['’]s?|\b(?P<pron>[Ii]ts|[Oo]ur)) (?:key |main |core |principal |existing |new )?"
                rf"(?P<list2>(?:⟦\d+⟧(?:, |,? and |,? or |-| ))*⟦\d+⟧) "
                rf"(?:[\w-]+ )?{business} (?:division|business|operations|unit|arm|plants?)\b", t):
            owner = m.group("of") or m.group("owner")
            if owner is None:
                key = self.owner_of_pronoun(m.group("pron"), m.start())
                owner = self._mention_of(key) if key else None
            if owner is None or not self.is_org(owner):
                continue
            for n in re.findall(E, m.group("list1") or m.group("list2") or ""):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(owner), self.key(n), "commodity.business", confidence=0.65)
        for m in () if hypothetical else self._iter(
                rf"{comms} (?:producers?|manufacturers?|miners?|smelters?|refiners?|fabricators?|traders?|processors?|"
                rf"mining companies|companies)(?: [^⟦,.;]{{0,30}})?,? (?:namely |including |such as )?{E}"
                rf"((?:(?:,\s*and\s+|,\s*|\s+and\s+)⟦\d+⟧)*)", t):
            orgs = [n for n in [m.group(2), *re.findall(E, m.group(3))] if self.is_org(n)]
            if re.search(r"\bprice|\bdemand", m.group(0), re.I):
                continue
            for org in orgs:
                for n in re.findall(E, m.group(1)):
                    if self.kind(n) == "commodity":
                        self.emit("commodity", self.key(org), self.key(n), "commodity.described_list",
                                  confidence=0.65)
        # "the Jupiter Project, a strategic uranium project", "Tanbreez is one of the world's largest rare
        # earth deposits", "La Flora, a silver-gold exploration asset": a site described by its commodity
        for m in self._iter(rf"{E},? (?:is |was |remains )?(?:an?|one of the|the) (?:[\w'’-]+ ){{0,5}}?{comms}"
                            rf"(?:[- ](?:exploration|development|mining|production|brine|clay|royalty))? "
                            rf"(?:exploration |development |mining )?(?:projects?|deposits?|propert(?:y|ies)|assets?|mines?|"
                            rf"prospects?|discover(?:y|ies)|occurrences?|operations?|districts?)\b", t):
            site = m.group(1)
            if not self.is_asset(site) or royalty_or_price or re.search(r"\broyalt|\bstream", m.group(0), re.I):
                continue
            for n in re.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(site), self.key(n), "commodity.site_described", confidence=0.7)
        # "the mineral sands produced by Y", "copper concentrate supplied by Y"
        for m in () if hypothetical else self._iter(
                rf"{comms} (?:(?:concentrates?|cathodes?|metal|ore) )?(?:produced|mined|supplied|refined|smelted|sold|marketed) "
                rf"by (?:the )?{E}", t):
            org = m.group(m.lastindex or 0)
            if not (self.is_org(org) or self.is_asset(org)) or royalty_or_price:
                continue
            for n in re.findall(E, m.group(1)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(org), self.key(n), "commodity.passive", confidence=0.7)
        # "the X mine, which showed two significant gold intersections", "its Y mine had reserves of
        # 4.9 mln tons with an average grade of 0.139 ounces of gold", "the Z project, containing
        # terbium and dysprosium"
        contains = _compiled(rf"{E}(?!['’])(?:[^⟦.;]|(?<=\d)\.(?=\d)|⟦\d+⟧){{0,100}}?\b(?:contains?|containing|hosts?|"
                             rf"hosting|showed|returned|intersected|yielded|grad(?:ed|ing|es)|grade of|ounces? of|"
                             rf"reserves of|resources of)\b(?: (?:[^⟦.;]|(?<=\d)\.(?=\d)){{0,40}}?)? {comms}")
        for start in [tm.start() for tm in re.finditer(E, t) if self.is_asset(tm.group(1))]:
            m = contains.match(t, start)  # from each site: a match from an earlier name must not hide it
            if m is None or royalty_or_price or re.search(r"\b(?:not|no|without|never)\s+(?:\w+\s+)?(?:contain|host|"
                                                          r"return|show|intersect|yield)", m.group(0)):
                continue
            self._at = m.span()
            site = m.group(1)
            between = re.findall(E, t[m.end(1) + 1:m.start(2)])
            if any(self.kind(n) != "place" for n in between):
                continue  # only places may stand between the site and what it contains
            for n in re.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(site), self.key(n), "commodity.site_contains", confidence=0.65)
        # "COMMODITY producer X" / "X, a COMMODITY producer/miner/explorer"
        for m in () if hypothetical else self._iter(rf"{E},? (?:is )?an? (?:[\w-]+ ){{0,3}}?((?:{E}(?:, |,? and |,? or |-| ))*{E})(?:[- ]\w+)? "
                            rf"(?:producer|miner|mining company|explorer|exploration company|developer|refiner|"
                            rf"smelter|company|supplier)", t):
            if not (self.is_org(m.group(1)) or self.is_asset(m.group(1))):
                continue
            for n in re.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m.group(1)), self.key(n), "commodity.producer",
                              confidence=0.7)
        # "X is / will be one of Australia's larger gold producers"
        for m in () if hypothetical else self._iter(
                rf"{E},? (?:is|was|will be|has become|became|remains) one of (?:{E}['’]s? |the )?(?:[\w-]+ ){{0,2}}?"
                rf"((?:{E}(?:, |,? and |,? or |-| ))*{E}) (?:producers|miners)\b", t):
            if not self.is_org(m.group(1)):
                continue
            for n in re.findall(E, m.group(3)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m.group(1)), self.key(n), "commodity.one_of_producers",
                              confidence=0.7)
        # a mission sentence: "X is a mineral exploration company focused on ... uranium" (the first
        # entity after the focus words must be a commodity; its coordinated list follows)
        for m in () if hypothetical else self._iter(
                rf"{E},? (?:is )?an? [^⟦.;]{{0,80}}?\b(?:company|corporation|explorer|developer|producer|miner)"
                rf",? (?:(?:focused|focussed|focusing|dedicated|committed)(?: primarily| mainly| exclusively)? (?:on|to)|"
                rf"with (?:projects|assets|properties|interests|exposure) (?:in|to)) "
                rf"[^⟦.;]{{0,90}}?((?:{E}(?:, |,? and |,? or |-| ))*{E})", t):
            if not self.is_org(m.group(1)) or re.search(r"\broyalt|\bstream", m.group(0), re.I):
                continue
            if re.search(r"\bprice|\bmarket|\bdemand", m.group(0) + t[m.end():m.end() + 12], re.I):
                continue
            for n in re.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m.group(1)), self.key(n), "commodity.focus",
                              confidence=0.65)
        # "X is currently advancing uranium exploration projects in ..."
        for m in () if hypothetical else self._iter(
                rf"{E} (?:is|are) (?:currently |now |also )?(?:advancing|developing|exploring) "
                rf"(?:its |a |several |multiple |two |three |four )?((?:{E}(?:, |,? and |,? or |-| ))*{E}) "
                rf"(?:exploration |development |mining )?(?:projects|properties|assets|portfolio)\b", t):
            if not self.is_org(m.group(1)):
                continue
            for n in re.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m.group(1)), self.key(n), "commodity.advancing",
                              confidence=0.65)
        for m in self._iter(rf"{E} (?:producer|miner|exporter|refiner|smelter|supplier|trader|processor)s? {E}", t):
            if self.kind(m.group(1)) == "commodity" and self.is_org(m.group(2)):
                self.emit("commodity", self.key(m.group(2)), self.key(m.group(1)), "commodity.producer",
                          confidence=0.7)

    def locations(self) -> None:
        t = self.t
        for m in self._iter(rf"{E}(?:, an? [^⟦,;]{{0,40}}(?:⟦\d+⟧[^⟦,;]{{0,20}}){{0,4}},)?,? (?:(?:which |that )?(?:is |are |was )?(?:located|situated|based|headquartered) |"
                             rf"with (?:its )?(?:headquarters|head office|head offices|offices) )?(?:in|at|near|along|within) "
                             rf"(?:the )?(?:(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Tt]erritory) of )?"
                             rf"(?:(?:[\w-]+ ){{0,3}}?(?:district|region|area|belt|camp|county|part|portion|zone|trend|basin) "
                             rf"(?:of|in) (?:the )?)?"
                             rf"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)? )?"
                             rf"(?:⟦\d+⟧['’]s? )?{E}", t):
            subj, place = m.group(1), m.group(2)
            if self.kind(place) != "place":
                continue
            if re.match(r"\s+(?:mining\s+)?(?:division|district|camp|belt|basin)\b", t[m.end():], re.I):
                continue  # "within the Vancouver mining division": the place names the division only
            if re.match(rf",? (?:and|or) (?:the )?{E}", t[m.end():]) and "respectively" in t[m.end():]:
                continue  # "the A and B mines in Chile and Peru, respectively": pairs, not one place
            if not (self.is_asset(subj) or (self.is_org(subj) and re.search(
                    r"located|based|headquarter|office|⟧,? in", m.group(0)))):
                continue
            # "with headquarters in Ankara, Turkey, and Peterborough, Ontario": the second seat too
            second = re.match(rf"(?:,? ⟦\d+⟧)?,? and {E}", t[m.end():]) \
                if re.search(r"headquarters|offices", m.group(0)) else None
            if second and self.kind(second.group(1)) == "place":
                self.emit("locatedIn", self.key(subj), self.key(second.group(1)), "located.in", confidence=0.75)
            if " near " in m.group(0):
                place_key = self.ctx.entities[self.key(place)].parent or self.key(place)
            else:
                place_key = self.key(place)
            self.emit("locatedIn", self.key(subj), place_key, "located.in", confidence=0.8)
            # "the Endeavor Mine and CSA Copper Mine, in the Cobar Basin, NSW": the sites of the list too
            if self.is_asset(subj) and "," in m.group(0)[:m.end(1) - m.start() + 3]:
                for n in re.findall(E, (re.search(rf"((?:⟦\d+⟧,? )*⟦\d+⟧,? and (?:the )?)$", t[:m.start()]) or
                                        re.match("", "")).group(0)):
                    if self.is_asset(n):
                        self.emit("locatedIn", self.key(n), place_key, "located.in_list", confidence=0.7)
        # "The A and B nickel projects are located (40 km north of Town) in central Region": each one
        for m in self._iter(rf"((?:{E}, )*{E},? and {E}) (?:{E} )?(?:[\w-]+ )?"
                            rf"(?:projects|mines|properties|deposits|prospects|smelters|plants|mills|refineries) "
                            rf"(?:(?:are|were) (?:both |all )?(?:located|situated) (?:[^⟦.;]|⟦\d+⟧){{0,140}}?)?\bin (?:the )?"
                            rf"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)? )?"
                            rf"(?:⟦\d+⟧['’]s? )?{E}", t):
            place = m.group(m.lastindex or 0)
            items = re.findall(E, m.group(1))
            if self.kind(place) != "place" or not all(self.is_asset(n) for n in items):
                continue
            if re.match(rf",? (?:and|or) (?:the )?{E}", t[m.end():]) or "respectively" in t[m.end():]:
                continue  # "in Chile and Peru (respectively)": which one is where is not said
            for n in items:
                self.emit("locatedIn", self.key(n), self.key(place), "located.plural", confidence=0.75)
        # "the A, B and C properties, all of which are in the province of Quebec"; "A and B, both near
        # Hearst, Ontario": one place for every site of the list
        for m in self._iter(rf"((?:{E}, )*{E},? and {E})(?: (?:[\w-]+ ){{0,2}}?(?:projects|mines|properties|deposits|prospects|"
                            rf"claims|concessions))?,? (?:all of which are|both of which are|which are all|which are both|"
                            rf"all|both)(?: (?:located|situated))? (?P<how>in|near|within) (?:the )?(?:(?:[Pp]rovince|[Ss]tate|"
                            rf"[Rr]egion|[Tt]erritory) of )?{E}", t):
            place = m.group(m.lastindex or 0)
            items = re.findall(E, m.group(1))
            if self.kind(place) != "place" or not all(self.is_asset(n) for n in items):
                continue
            where = self.key(place)
            if m.group("how") == "near":
                where = self.ctx.entities[where].parent or where
            for n in items:
                self.emit("locatedIn", self.key(n), where, "located.list_all_in", confidence=0.75)
        # "the Zincor plant, some 40 kms east of Johannesburg": the region around the town
        for m in self._iter(rf"{E},? (?:(?:which |that )?(?:is |are )?(?:located|situated) )?(?:some |about |approximately |roughly )?"
                            rf"[\d.,]+ ?(?:km|kms|kilometres|kilometers|miles|mi)\.? (?:\w+ ){{0,2}}(?:of|from) (?:the )?{E}", t):
            subj, place = m.group(1), m.group(2)
            if self.is_asset(subj) and self.kind(place) == "place":
                place_key = self.ctx.entities[self.key(place)].parent or self.key(place)
                self.emit("locatedIn", self.key(subj), place_key, "located.distance_from", confidence=0.7)
        # "the Kaslo Silver project, west of Kaslo, British Columbia": a town's region (never the
        # town itself, nor a region or country: "north of Chile" lies outside Chile)
        for m in self._iter(rf"{E},? (?:which |that )?(?:is |are |lies |lie |sits )?(?:located |situated )?(?:directly |just |immediately )?"
                            rf"(?:north|south|east|west)(?:-?(?:north|south|east|west))?(?:ern)? of (?:the )?{E}", t):
            subj, place = m.group(1), m.group(2)
            if self.is_asset(subj) and self.kind(place) == "place":
                town = self.ctx.entities[self.key(place)]
                if town.parent and town.iso is None:
                    self.emit("locatedIn", self.key(subj), town.parent, "located.direction_of", confidence=0.7)
        # "a Canadian-based junior exploration company": the country of the nationality word
        for m in self._iter(rf"{E},? (?:is )?an? (?P<demonym>[A-Z][a-z]+)-based (?:[\w-]+ ){{0,4}}?(?:company|corporation|firm|"
                            rf"explorer|producer|miner|developer)\b", t):
            country = self._country_of(m.group("demonym"))
            if self.is_org(m.group(1)) and country:
                self.emit("locatedIn", self.key(m.group(1)), country, "located.demonym_based", confidence=0.65)
        for m in self._iter(rf"{E}(?:,? ⟦\d+⟧\.?)?[- ]based {E}", t):
            if self.kind(m.group(1)) == "place" and self.is_org(m.group(2)):
                self.emit("locatedIn", self.key(m.group(2)), self.key(m.group(1)), "located.based",
                          confidence=0.85)
        for m in self._iter(rf"{E},? an? {E} (?:[\w-]+ ){{0,3}}(?:firm|company|corporation|producer|miner)", t):
            if self.is_org(m.group(1)) and self.kind(m.group(2)) == "place":
                place = self.ctx.entities[self.key(m.group(2))]
                if place.iso is None or "-" in (place.iso or ""):  # a city or a region, not a nationality
                    self.emit("locatedIn", self.key(m.group(1)), place.key, "located.apposition",
                              confidence=0.7)

    def officers(self) -> None:
        t = self.t
        org = rf"(?:{E}(?:['’]s)?\s+)"
        rules = [
            ("officer.said_title_name",
             rf"(?:said|says|stated|commented|added|noted|explained)\s+(?:the\s+)?{org}?{TITLE}\s+{PNAME}"),
            ("officer.name_title_of",
             rf"{PNAME},\s+(?:the\s+)?{org}?{TITLE}(?:\s+(?:of|at|for|with|de)\s+(?:the\s+)?{E})?"),
            ("officer.title_of_org_name", rf"{TITLE}\s+(?:of|at)\s+{E},\s+{PNAME}"),
            ("officer.org_title_name", rf"{E}(?:['’]s)?\s+{TITLE},?\s+{PNAME}"),
            # "Natalie Bellis CEO, Seventy Ninth Resources commented"
            ("officer.name_title_org", rf"{PNAME},?\s+{TITLE},\s+(?:of\s+)?{E}\s+(?:said|says|stated|commented|added|noted)"),
        ]
        appointed = r"(?:has |have |today |also )?(?:appointed|named|hired|promoted|welcomed)"
        rules += [
            ("officer.appointed_as",
             rf"{E}(?:['’]s board)?,? {appointed} {PNAME},?\s+(?:as|to the (?:position|role|post) of)\s+"
             rf"(?:its\s+|the\s+|our\s+)?(?:new\s+)?{TITLE}"),
            ("officer.appointment_of",
             rf"(?:appointment|hiring|nomination) of {PNAME},?\s+as\s+(?:its\s+|the\s+)?(?:new\s+)?{TITLE}"
             rf"(?:\s+of\s+{E})?"),
            ("officer.has_been_appointed",
             rf"{PNAME},? (?:has been|was|is being|will be) (?:appointed|named|promoted to)\s+(?:as\s+)?"
             rf"(?:the\s+)?(?:new\s+)?{TITLE}(?:\s+(?:of|at)\s+{E})?"),
            # "CEO Peter Espig said ...", "Chairman and CEO Jane Roe emphasized": the quoted or subject company's
            ("officer.title_name_said",
             rf"(?:^|[“\"]\s*|,\s+|\band\s+)(?<![⟧'’] ){TITLE}\s+{PNAME}\s+(?:said|says|stated|commented|added|noted|explained|"
             rf"emphasi[sz]ed|shared|remarked)\b"),
        ]
        for rule, pattern in rules:
            for m in self._iter(pattern, t):
                title = m.group("title").strip(" ,&-")
                title = re.sub(r"\s+(?:of|and|et)$", "", title)
                if not _TITLE_HEAD.search(title):
                    continue
                ents = [g for g in re.findall(E, m.group(0))]
                org_n = next((n for n in ents if self.is_org(n)), None)
                if org_n is None:
                    if rule in ("officer.appointment_of", "officer.has_been_appointed"):
                        org_key = self.subject() or self.ctx.issuer
                    elif rule == "officer.title_name_said":
                        org_key = self.quote_org or self.ctx.issuer
                    elif rule != "officer.name_title_of" or not re.search(r"\b(?:said|stated|commented)", t):
                        continue
                    else:
                        org_key = self.quote_org or self.subject()
                else:
                    org_key = self.key(org_n)
                name = re.sub(r"^(?:Mr|Ms|Mrs|Dr)\.?\s+", "", m.group("name")).strip()
                if _TITLE_HEAD.fullmatch(name.split()[0]) or self.ctx.lookup(name):
                    continue
                person = self.ctx.add("person", name, "Person")
                self.emit("officerOf", person, org_key, rule, title=title, confidence=0.85)


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
            if ctx.entities[key].kind in ("facility", "project") and not re.search(
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
        found = re.search(rf"(?:said|says|stated|commented|added)\s+(?:the\s+)?{E}", m.text) or \
            re.search(rf"{PNAME},\s+(?:the\s+)?{E}(?:['’]s)?\s", m.text) or \
            re.search(rf"(?:said|says|stated)\s+{PNAME},\s+[^⟦]{{0,60}}?(?:of|at)\s+{E}", m.text) or \
            re.search(rf"(?:said|says|stated)\s+{PNAME},\s+{E}", m.text)
        if found:
            n = found.groups()[-1]
            key = m.mentions[int(n)].key
            if ctx.entities[key].kind == "org":
                # the attribution covers this sentence and the quote sentences before it
                j = i
                while j >= 0 and (j == i or "“" in masked[j].text or '"' in masked[j].text
                                  or masked[j].sentence.index == masked[j + 1].sentence.index - 1
                                  and not re.search(r"[”\"]\s*$", masked[j].text)):
                    attributions.setdefault(j, key)
                    if j < i and re.match(r"\s*[“\"]", masked[j].text):
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
            site = re.search(rf"\bowns and operates (?:the )?{E}", m.text)
            if site and ctx.entities[m.mentions[int(site.group(1))].key].kind in ("facility", "project"):
                held = [m.mentions[int(site.group(1))].key]
        # else what a stake without its holder was in ("A and B, which together held 45% of Y.")
        if not held:
            held = [m.mentions[int(n)].key for n in re.findall(rf"⟦%[\d.]+⟧ (?:[\w-]+ )?(?:interest |stake )?(?:in|of) (?:the )?{E}", m.text)
                    if ctx.entities[m.mentions[int(n)].key].kind in ("org", "facility", "project")]
        last_held = held[-1] if held else None
        for a, b in re.findall(rf"{E}(?:['’]s?)? (?:common |ordinary )?shares\b|shares (?:of|in) (?:the )?{E}",
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

