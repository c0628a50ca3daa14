"""Where organizations and sites are, and who runs the organizations."""

from __future__ import annotations

import re

from oregraph.ingest import rx
from oregraph.ingest.relations.patterns import E, _LIST_START, PNAME, TITLE, _TITLE_HEAD
from oregraph.ingest.relations.reader import _ReaderBase


class PlaceAndOfficerRules(_ReaderBase):
    """Rules for locations and officers (a mixin of the sentence reader)."""

    def locations(self) -> None:
        t = self.t
        for m in self._iter(rf"{E}(?:, an? [^⟦,;]{{0,40}}(?:⟦\d+⟧[^⟦,;]{{0,20}}){{0,4}},)?,? (?:(?:which |that )?(?:is |are |was )?(?:located|situated|based|headquartered) |(?:which |that )?(?:lies|lie|sits|sit) |"
                             rf"with (?:its )?(?:headquarters|head office|head offices|offices) )?(?:in|at|near|along|within) "
                             rf"(?:the )?(?:(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Tt]erritory) of )?"
                             rf"(?:(?:[\w-]+ |⟦\d+⟧ ){{0,3}}?(?:[Dd]istrict|[Rr]egion|area|belt|camp|[Cc]ounty|part|portion|zone|"
                             rf"trend|basin|[Dd]ivision) (?:of|in) (?:the )?(?:[Pp]rovince of )?)?"
                             rf"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)? )?"
                             rf"(?:⟦\d+⟧['’]s? )?{E}", t):
            subj, place = m.group(1), m.group(2)
            if self.kind(place) != "place":
                continue
            if rx.match(r"\s+(?:mining\s+)?(?:division|district|camp|belt|basin)\b", t[m.end():], re.I):
                continue  # "within the Vancouver mining division": the place names the division only
            if rx.match(rf",? (?:and|or) (?:the )?{E}", t[m.end():]) and "respectively" in t[m.end():]:
                continue  # "the A and B mines in Chile and Peru, respectively": pairs, not one place
            if not (self.is_asset(subj) or (self.is_org(subj) and rx.search(
                    r"located|based|headquarter|office|⟧,? in", m.group(0)))):
                continue
            # "with headquarters in Ankara, Turkey, and Peterborough, Ontario": the second seat too
            second = rx.match(rf"(?:,? ⟦\d+⟧)?,? and {E}", t[m.end():]) \
                if rx.search(r"headquarters|offices", m.group(0)) else None
            if second and self.kind(second.group(1)) == "place":
                self.emit("locatedIn", self.key(subj), self.key(second.group(1)), "located.in", confidence=0.75)
            if " near " in m.group(0):
                place_key = self.ctx.entities[self.key(place)].parent or self.key(place)
            else:
                place_key = self.key(place)
            self.emit("locatedIn", self.key(subj), place_key, "located.in", confidence=0.8)
            # "the Endeavor Mine and CSA Copper Mine, in the Cobar Basin, NSW": the sites of the list too
            listed = rx.search(r"(?:⟦\d+⟧,? )*⟦\d+⟧,? and (?:the )?$", t[max(0, m.start() - 400):m.start()])
            if self.is_asset(subj) and listed and "," in m.group(0)[:m.end(1) - m.start() + 3]:
                for n in rx.findall(E, listed.group(0)):
                    if self.is_asset(n):
                        self.emit("locatedIn", self.key(n), place_key, "located.in_list", confidence=0.7)
        # "The A and B nickel projects are located (40 km north of Town) in central Region": each one
        for m in self._iter(rf"{_LIST_START}((?:{E}, )*{E},? and {E}) (?:{E} )?(?:[\w-]+ )?"
                            rf"(?:projects|mines|properties|deposits|prospects|smelters|plants|mills|refineries) "
                            rf"(?:(?:are|were) (?:both |all )?(?:located|situated) (?:[^⟦.;]|⟦\d+⟧){{0,140}}?)?\bin (?:the )?"
                            rf"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)? )?"
                            rf"(?:⟦\d+⟧['’]s? )?{E}", t):
            place = m.group(m.lastindex or 0)
            items = rx.findall(E, m.group(1))
            if self.kind(place) != "place" or not all(self.is_asset(n) for n in items):
                continue
            if rx.match(rf",? (?:and|or) (?:the )?{E}", t[m.end():]) or "respectively" in t[m.end():]:
                continue  # "in Chile and Peru (respectively)": which one is where is not said
            for n in items:
                self.emit("locatedIn", self.key(n), self.key(place), "located.plural", confidence=0.75)
        # "the A, B and C properties, all of which are in the province of Quebec"; "A and B, both near
        # Hearst, Ontario": one place for every site of the list
        for m in self._iter(rf"{_LIST_START}((?:{E}, )*{E},? and {E})(?: (?:[\w-]+ ){{0,2}}?(?:projects|mines|properties|deposits|prospects|"
                            rf"claims|concessions))?,? (?:all of which are|both of which are|which are all|which are both|"
                            rf"all|both)(?: (?:located|situated))? (?P<how>in|near|within) (?:the )?(?:(?:[Pp]rovince|[Ss]tate|"
                            rf"[Rr]egion|[Tt]erritory) of )?{E}", t):
            place = m.group(m.lastindex or 0)
            items = rx.findall(E, m.group(1))
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
             rf"{PNAME},\s+(?:(?:P\.\s?Eng|P\.\s?Geo|Ph\.\s?D|CPA|CFA|MBA|FAusIMM|P\.\s?Eng\.|P\.\s?Geo\.)\.?,\s+)*"
             rf"(?:the\s+)?{org}?{TITLE}(?:\s+(?:of|at|for|with|de)\s+(?:the\s+)?{E})?"),
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
                title = rx.sub(r"\s+(?:of|and|et)$", "", title)
                if not _TITLE_HEAD.search(title):
                    continue
                ents = [g for g in rx.findall(E, m.group(0))]
                org_n = next((n for n in ents if self.is_org(n)), None)
                if org_n is None:
                    if rule in ("officer.appointment_of", "officer.has_been_appointed"):
                        org_key = self.subject() or self.ctx.issuer
                    elif rule == "officer.title_name_said":
                        org_key = self.quote_org or self.ctx.issuer
                    elif rule != "officer.name_title_of" or not rx.search(r"\b(?:said|stated|commented)", t):
                        continue
                    else:
                        org_key = self.quote_org or self.subject()
                else:
                    org_key = self.key(org_n)
                name = rx.sub(r"^(?:Mr|Ms|Mrs|Dr)\.?\s+", "", m.group("name")).strip()
                if _TITLE_HEAD.fullmatch(name.split()[0]) or self.ctx.lookup(name):
                    continue
                person = self.ctx.add("person", name, "Person")
                self.emit("officerOf", person, org_key, rule, title=title, confidence=0.85)
