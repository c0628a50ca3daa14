"""Plants, mines and projects: who runs them, where they are named, what they produce."""

from __future__ import annotations

import re

from oregraph.ingest import rx
from oregraph.ingest.relations.patterns import (
    E,
    mention_list,
    only_contemplated,
    _OUTLINE,
    P,
    _SITE_HEADS,
    _WHOLLY,
)
from oregraph.ingest.relations.reader import _ReaderBase


class SiteRules(_ReaderBase):
    """Rules for operated sites and commodities (a mixin of the sentence reader)."""

    def operates(self) -> None:
        t = self.t
        for m in self._iter(rf"(?:(?P<pron>\b[Ii]ts|\b[Oo]ur|\b[Tt]heir|\b[Tt]he [Cc]ompany['’]s)|{E}['’]s?) (?:flagship |key |main |principal |100%-owned |"
                             rf"wholly[- ]owned |majority[- ]owned |\w+ ){{0,2}}{E}", t):
            asset = m.group(m.lastindex or 0)
            if not self.is_asset(asset):
                continue
            if rx.search(rf"(?:{_WHOLLY}|{P}[- ]?owned|jointly|co-owned|\bformer|\bprevious|\bex-)", m.group(0)):
                continue
            owner = self.owner_of_pronoun(m.group("pron"), m.start()) if m.group("pron") else \
                self.key(m.group(2)) if self.is_org(m.group(2)) else None
            rest = rx.match(rf"(?:(?:,\s*and\s+|,\s*|\s+and\s+){E})+", t[m.end():])
            after = t[m.end() + (rest.end() if rest else 0):]
            if _OUTLINE.match(after):
                continue  # "Vanguard's San Jose and Yuty Uno concession boundaries" on a map: no claim
            if owner and not rx.search(r"partnership|interest in|stake in|\b(?:sold|transferred|divested|spun out|vended|"
                                       r"disposed of)\b", t[max(0, m.start() - 40):m.start()]):
                self.emit("operates", owner, self.key(asset), "operates.possessive", confidence=0.75)
                # "our Cinabrio, San Andres, and Dalmacia mines"
                if rest:
                    for n in rx.findall(E, rest.group(0)):
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
            owner = self.actor(m)
            if owner is None or rx.search(r"\boption|\bearn", t, re.I) or only_contemplated(t):
                continue
            for n in [m.group(3), *rx.findall(E, m.group(4))]:
                if self.is_asset(n):
                    self.emit("operates", owner, self.key(n), "operates.holds_ground", confidence=0.6)
        # "Highland Valley Copper, Canada's largest copper mine", "X is one of Chile's largest copper mines": a
        # site described by its country and its commodity
        for m in self._iter(rf"{E},? (?:is |was |remains )?(?:one of )?{E}['’]s? (?:largest|biggest|second[- ]largest|"
                            rf"third[- ]largest|oldest|newest|richest|only|first|leading|highest[- ]grade) "
                            rf"((?:⟦\d+⟧(?:, |,? and |-| ))*⟦\d+⟧)? ?(?:mines?|smelters?|refiner(?:y|ies)|projects?|deposits?|"
                            rf"operations?|producers?)\b", t):
            site, place = m.group(1), m.group(2)
            if self.is_asset(site) and self.kind(place) == "place":
                self.emit("locatedIn", self.key(site), self.key(place), "located.country_superlative", confidence=0.7)
                for n in rx.findall(E, m.group(3) or ""):
                    if self.kind(n) == "commodity":
                        self.emit("commodity", self.key(site), self.key(n), "commodity.country_superlative",
                                  confidence=0.7)
        # "The Tarn mine, Canada's largest copper mine, is run by K": the operator named after the site
        for m in self._iter(rf"{E}(?:,[^.;]{{0,80}},)? (?:is|are|was|were|has been|will be) (?:currently |now |jointly )?"
                            rf"(?:operated|run|managed) by (?:its (?:partner|owner) )?{E}", t):
            site, operator = m.group(1), m.group(2)
            if self.is_asset(site) and self.is_org(operator) and not rx.search(r"\bwill be\b", m.group(0)):
                self.emit("operates", self.key(operator), self.key(site), "operates.run_by", confidence=0.75)
        # "McEwen Copper, which is developing the Los Azules project", "X is advancing its Y project"
        for m in self._iter(rf"{E},? (?:(?:which|that|who) )?(?:is|are) (?:currently |now |also )?(?:developing|advancing|"
                            rf"building|constructing|operating|running|exploring) (?:the |its )?{E}", t):
            if self.is_org(m.group(1)) and self.is_asset(m.group(2)) and not only_contemplated(t):
                self.emit("operates", self.key(m.group(1)), self.key(m.group(2)), "operates.which_is_developing",
                          confidence=0.7)
        # "Another key asset is the Wolfsberg Lithium Project"; "its other assets include A and B":
        # the assets of the organization the sentence (or the document) is about
        for m in self._iter(rf"(?:(?P<pron>\b[Ii]ts|\b[Oo]ur|\b[Tt]he [Cc]ompany['’]s)|{E}['’]s?|\b[Aa]nother|\b[Tt]he) "
                            rf"(?:other |second |third |key |flagship |principal |core |main |primary |lead )+"
                            rf"(?:assets?|projects?|propert(?:y|ies)|holdings?)(?: (?:is|are|include[s]?|comprise[s]?)|,) "
                            rf"(?:the )?(?:{_WHOLLY} )?{E}((?:(?:,\s*and\s+|,\s*|\s+and\s+)(?:the )?⟦\d+⟧)*)", t):
            if m.group(2) is not None:
                owner = self.key(m.group(2)) if self.is_org(m.group(2)) else None
            elif m.group("pron") and m.group("pron").lower() != "the company's":
                owner = self.owner_of_pronoun(m.group("pron"), m.start())
            else:
                owner = self.subject() or self.ctx.issuer
            if owner is None or only_contemplated(t) or rx.search(r"\boption|\bearn|\bacquir", t, re.I):
                continue
            for n in [m.group(m.lastindex - 1), *rx.findall(E, m.group(m.lastindex))]:
                if self.is_asset(n):
                    self.emit("operates", owner, self.key(n), "operates.key_asset", confidence=0.65)
        # "X has restarted mine and mill operations at the Y complex"
        for m in self._iter(rf"(?:{E}|\b(?P<pron>[Ii]t|[Ww]e)\b)[^⟦.;]{{0,80}}?\b(?:operations|production|mining) "
                            rf"(?:at|from) (?:the |its |our )?{E}", t):
            asset = m.group(m.lastindex or 0)
            owner = self.actor(m)
            if owner and self.is_asset(asset) and not rx.search(r"\b(?:partner|toll|contract|third)", m.group(0)):
                self.emit("operates", owner, self.key(asset), "operates.operations_at", confidence=0.65)
        for m in self._iter(rf"{E},? (?:which |that )?(?:owns and )?(?:operates|runs|operator of|exploit\w*) (?:the )?{E}"
                            rf"(?=((?:(?:,\s*and\s+|,\s*|\s+and\s+)(?:the )?⟦\d+⟧)*))", t):
            if not self.is_org(m.group(1)):
                continue
            operator = self.key(m.group(1))
            aside = rx.search(rf"{E}, an? (?:[\w-]+ ){{0,3}}?(?:unit|subsidiary|division|affiliate|arm|member) of (?:the )?$",
                              t[:m.start()])
            if aside and self.is_org(aside.group(1)):
                operator = self.key(aside.group(1))  # "L, a unit of K, operates the mine": L runs it, not K
            # "operates the Kell, Wren and Tarn mines": every site of the list (up to a name that is not one)
            for n in [m.group(2), *rx.findall(E, m.group(3))]:
                if not self.is_asset(n):
                    break
                self.emit("operates", operator, self.key(n), "operates.verb", confidence=0.85)
        # "the X mill, which A operates"; "Mozal, the smelter near Maputo that A operates"
        for m in self._iter(rf"{E}(?: ⟦\d+⟧)?(?P<desc>,? (?:the|an?) [^,;.⟦]{{0,40}}?(?:⟦\d+⟧[^,;.⟦]{{0,30}}?){{0,2}})?"
                            rf",? (?:which|that) {E} (?:also |currently |now )?(?:operates|runs|manages)\b", t):
            site, operator = m.group(1), m.group(m.lastindex)
            described = m.group("desc") and rx.search(rf"\b{_SITE_HEADS}\b", m.group("desc"))
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
        for tm in rx.finditer(E, self.t):
            place = getattr(self.ctx.entities[self.key(tm.group(1))], "_site_place", None)
            if place:
                self._at = tm.span()
                self.emit("locatedIn", self.key(tm.group(1)), place, "located.site_by_place", confidence=0.8)

    def commodities(self) -> None:
        t = self.t
        # an asset's own commodities (named in its description, e.g. "the X copper mine")
        for tm in rx.finditer(E, t):
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
        hypothetical = bool(rx.search(r"\b(?:reported(?:ly)? (?:that|the)|reportedly|newspapers?|would|could|might|"
                                      r"plans? to|negotiat\w*|considering|aims? to|aiming to|intends? to|seeks? to|"
                                      r"hopes? to|(?:to|will) become|first (?:[\w-]+ |⟦\d+⟧ )?production|"
                                      r"expected to (?:begin|start|commence))\b", t))
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
            if rx.search(r"\bto (?:[\w-]+ )?⟦$", t[m.start():m.start(m.lastindex or 0)]):
                continue  # "sells explosives to copper producers": copper is the customers' trade
            if rx.search(r",\s*(?:retaining|keeping|reserving|while|whereas|which (?:retains|keeps))\b", m.group(0)):
                continue  # "transferred its interests to Y, retaining the right to explore for gold": not Y's
            if subj is None:  # "It said ... sales of bauxite and aluminium": the organization before
                owner = self.owner_of_pronoun(m.group("pron"), m.start("pron"))
                subj = self._mention_of(owner) if owner else None
                if subj is None:
                    continue
            if self.is_org(subj) or self.is_asset(subj):
                if rx.search(r"\bprice|\bmarket|\bdemand|\bimport", m.group(0), re.I):
                    continue
                self.emit("commodity", self.key(subj), self.key(comm), "commodity.verb", confidence=0.7)
                # a coordinated list: "copper, gold and silver"
                rest = t[m.end():]
                tail = rx.match(rf"((?:(?:,\s*|\s+and\s+|\s+or\s+)(?:primarily |also )?{E})+)", rest)
                if tail:
                    for n in rx.findall(E, tail.group(1)):
                        if self.kind(n) == "commodity":
                            self.emit("commodity", self.key(subj), self.key(n), "commodity.verb",
                                      confidence=0.7)
        # "additional gold and silver ore reserves at its Sleeper mine", "42,000 ounces of gold from the
        # X mine", "grading 0.8 ounces of gold a ton at X": a site's commodity told by its reserves,
        # grades, intercepts or output
        # a list of commodities, matched only from its first element (restarting at every element of a long
        # list would make the rules quadratic in its length)
        comms = mention_list()
        royalty_or_price = bool(rx.search(r"\broyalt|\bstream|\bprice|\bNSR\b", t, re.I))
        for m in self._iter(rf"(?:{comms} (?:[\w-]+ ){{0,2}}?(?:ore )?(?:reserves?|resources?|mineral(?:i[sz]ation)?|grades?|"
                            rf"production|output|intercepts?|intersections?|assays?|values|zones?|veins?|"
                            rf"concentrates?|recover(?:y|ies)|ounces|endowment|inventory|ore|feed)|"
                            rf"\b(?:ounces|oz|tonnes|tons|pounds|lbs|g/t|grams per tonne|pct|per cent|percent|%)"
                            rf"(?: per (?:ton|tonne))? (?:of )?(?:contained |payable |recoverable |recovered )?{comms})"
                            rf"(?:[^⟦.;]|(?<=\d)\.(?=\d)){{0,40}}?\b(?:at|on|from|in) (?:the |its |our |their )?(?:⟦\d+⟧['’]s? )?{E}(?!['’])", t):
            site = m.group(m.lastindex or 0)
            if not self.is_asset(site) or royalty_or_price:
                continue
            for n in rx.findall(E, m.group(1) or m.group(2) or ""):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(site), self.key(n), "commodity.at_site", confidence=0.7)
        # "Maximus holds a portfolio of gold, lithium and nickel projects", "X owns two gold and silver
        # exploration properties in Nevada"
        for m in () if hypothetical else self._iter(
                rf"{E} (?:also )?(?:holds|has|owns|maintains|manages|is building|is advancing|controls|is exploring) "
                rf"(?:an? (?:[\w-]+ ){{0,2}}?portfolio (?:of|focused on) (?:[\w-]+ ){{0,2}}?|(?:two|three|four|five|several|numerous|multiple|"
                rf"its|\d+) (?:[\w-]+ )?)?{comms}(?: exploration| development| mining)? (?:projects|assets|properties|"
                rf"tenements|claims|mines|interests)\b", t):
            if not self.is_org(m.group(1)) or royalty_or_price:
                continue
            for n in rx.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m.group(1)), self.key(n), "commodity.portfolio", confidence=0.7)
        # "the zinc, copper and lead trading activities of Y", "its key copper processing division",
        # "two Swedish copper manufacturers, A and B": what an organization's business handles
        business = (r"(?:trading|marketing|production|mining|smelting|refining|processing|manufacturing|"
                    r"fabricating|fabrication|exploration|sales)")
        for m in self._iter(
                rf"{mention_list('list1')} (?:[\w-]+ )?{business} "
                rf"(?:activities|business(?:es)?|operations|division|arm|interests|assets) of (?:the )?⟦(?P<of>\d+)⟧|"
                rf"(?:⟦(?P<owner>\d+)⟧['’]s?|\b(?P<pron>[Ii]ts|[Oo]ur)) (?:key |main |core |principal |existing |new )?"
                rf"{mention_list('list2')} "
                rf"(?:[\w-]+ )?{business} (?:division|business|operations|unit|arm|plants?)\b", t):
            owner = m.group("of") or m.group("owner")
            if owner is None:
                key = self.owner_of_pronoun(m.group("pron"), m.start())
                owner = self._mention_of(key) if key else None
            if owner is None or not self.is_org(owner):
                continue
            for n in rx.findall(E, m.group("list1") or m.group("list2") or ""):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(owner), self.key(n), "commodity.business", confidence=0.65)
        for m in () if hypothetical else self._iter(
                rf"{comms} (?:producers?|manufacturers?|miners?|smelters?|refiners?|fabricators?|traders?|processors?|"
                rf"mining companies|companies)(?: [^⟦,.;]{{0,30}})?,? (?:namely |including |such as )?{E}"
                rf"((?:(?:,\s*and\s+|,\s*|\s+and\s+)⟦\d+⟧)*)", t):
            orgs = [n for n in [m.group(2), *rx.findall(E, m.group(3))] if self.is_org(n)]
            if rx.search(r"\bprice|\bdemand", m.group(0), re.I):
                continue
            for org in orgs:
                for n in rx.findall(E, m.group(1)):
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
            if not self.is_asset(site) or royalty_or_price or rx.search(r"\broyalt|\bstream", m.group(0), re.I):
                continue
            for n in rx.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(site), self.key(n), "commodity.site_described", confidence=0.7)
        # "the mineral sands produced by Y", "copper concentrate supplied by Y"
        for m in () if hypothetical else self._iter(
                rf"{comms} (?:(?:concentrates?|cathodes?|metal|ore) )?(?:produced|mined|supplied|refined|smelted|sold|marketed) "
                rf"by (?:the )?{E}", t):
            org = m.group(m.lastindex or 0)
            if not (self.is_org(org) or self.is_asset(org)) or royalty_or_price:
                continue
            for n in rx.findall(E, m.group(1)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(org), self.key(n), "commodity.passive", confidence=0.7)
        # "the X mine, which showed two significant gold intersections", "its Y mine had reserves of
        # 4.9 mln tons with an average grade of 0.139 ounces of gold", "the Z project, containing
        # terbium and dysprosium"
        contains = rx.compiled(rf"{E}(?!['’])(?:[^⟦.;]|(?<=\d)\.(?=\d)|⟦\d+⟧){{0,100}}?\b(?:contains?|containing|hosts?|"
                             rf"hosting|showed|returned|intersected|yielded|grad(?:ed|ing|es)|grade of|ounces? of|pounds of|"
                             rf"lbs of|tonnes of|tons of|"
                             rf"reserves of|resources of)\b(?: (?:[^⟦.;]|(?<=\d)\.(?=\d)){{0,40}}?)? {comms}")
        for start in [tm.start() for tm in rx.finditer(E, t) if self.is_asset(tm.group(1))]:
            m = contains.match(t, start)  # from each site: a match from an earlier name must not hide it
            if m is None or royalty_or_price or rx.search(r"\b(?:not|no|without|never)\s+(?:\w+\s+)?(?:contain|host|"
                                                          r"return|show|intersect|yield)", m.group(0)):
                continue
            self._at = m.span()
            site = m.group(1)
            between = rx.findall(E, t[m.end(1) + 1:m.start(2)])
            if any(self.kind(n) != "place" for n in between):
                continue  # only places may stand between the site and what it contains
            for n in rx.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(site), self.key(n), "commodity.site_contains", confidence=0.65)
        # "X is one of the few potential suppliers of dysprosium and terbium", "X is a major producer of nickel"
        for m in () if hypothetical else self._iter(
                rf"{E},? (?:is|was|will be|has become|became|remains|aims to be) (?:one of the |an? |the )(?:[\w-]+ ){{0,3}}?"
                rf"(?:suppliers?|producers?|sources?|miners?|refiners?|exporters?) of (?:[\w-]+ ){{0,2}}?"
                rf"{mention_list()}", t):
            if not self.is_org(m.group(1)) or royalty_or_price or rx.search(r"\baims to be|\bwill be", m.group(0)):
                continue
            for n in rx.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m.group(1)), self.key(n), "commodity.supplier_of", confidence=0.7)
        # "COMMODITY producer X" / "X, a COMMODITY producer/miner/explorer"
        for m in () if hypothetical else self._iter(rf"{E},? (?:is )?an? (?:(?:[\w-]+|⟦\d+⟧\.?-based),? ){{0,3}}?((?:{E}(?:, |,? and |,? or |-| ))*{E})(?:[- ]\w+)? "
                            rf"(?:producer|miner|mining company|explorer|exploration company|developer|refiner|"
                            rf"smelter|company|supplier)", t):
            if not (self.is_org(m.group(1)) or self.is_asset(m.group(1))):
                continue
            for n in rx.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m.group(1)), self.key(n), "commodity.producer",
                              confidence=0.7)
        # "X is / will be one of Australia's larger gold producers"
        for m in () if hypothetical else self._iter(
                rf"{E},? (?:is|was|will be|has become|became|remains) one of (?:{E}['’]s? |the )?(?:[\w-]+ ){{0,2}}?"
                rf"((?:{E}(?:, |,? and |,? or |-| ))*{E}) (?:producers|miners)\b", t):
            if not self.is_org(m.group(1)):
                continue
            for n in rx.findall(E, m.group(3)):
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
            if not self.is_org(m.group(1)) or rx.search(r"\broyalt|\bstream", m.group(0), re.I):
                continue
            if rx.search(r"\bprice|\bmarket|\bdemand", m.group(0) + t[m.end():m.end() + 12], re.I):
                continue
            for n in rx.findall(E, m.group(2)):
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
            for n in rx.findall(E, m.group(2)):
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m.group(1)), self.key(n), "commodity.advancing",
                              confidence=0.65)
        for m in self._iter(rf"{E} (?:producer|miner|exporter|refiner|smelter|supplier|trader|processor)s? {E}", t):
            if self.kind(m.group(1)) == "commodity" and self.is_org(m.group(2)):
                self.emit("commodity", self.key(m.group(2)), self.key(m.group(1)), "commodity.producer",
                          confidence=0.7)
