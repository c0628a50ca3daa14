"""Agreements and their parties: MOUs, joint ventures, offtakes, investments, partnerships."""

from __future__ import annotations

import re

from oregraph.ingest import rx
from oregraph.ingest.relations.patterns import (
    _AGREEMENT_RE,
    _BINDING,
    _COMPLETED,
    _NON_BINDING,
    _SIGNED,
    _TERMINATED,
    E,
    only_contemplated,
)
from oregraph.ingest.relations.reader import _ReaderBase


_UNNAMED_DEAL_WORDS = re.compile(r"partner|teamed|joined forces|invest|purchas|bought|subscri|agreement|deal|"
                                 r"contract|arrangement|\bbuy|\btake", re.I)


class AgreementRules(_ReaderBase):
    """Rules for agreements and who signed them (a mixin of the sentence reader)."""

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
            if _UNNAMED_DEAL_WORDS.search(t):  # a quick test of the words the four families below need
                self._partnered_with()
                self._buys_all_output()
                self._invested_in()
                self._untyped_agreement()
            return
        orgs = [n for n in rx.findall(E, t) if self.is_org(n)]
        if only_contemplated(t):
            return
        if not _SIGNED.search(t) and not rx.search(
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
        parents = {self.key(n) for n in rx.findall(
            rf"⟦\d+⟧,? (?:an? |the )?(?:[\w-]+ ){{0,2}}?(?:subsidiary|unit|division|affiliate) of {E}", t)}
        # "A ... its wholly-owned subsidiary, B, signed ...": B signs for A
        signs_for = {self.key(a): self.key(b) for a, b in rx.findall(
            rf"{E}[^⟦]{{0,80}}?\bits (?:[\w-]+ ){{0,2}}?subsidiary,? {E}", t) if self.is_org(b)}
        parents |= set(signs_for)
        parties = list(dict.fromkeys(signs_for.get(k, k) for k in parties))
        if len(parties) > 1 and set(parties) - parents and parents & set(parties) and \
                not rx.search(rf"\bbetween {E}|\bwith (?:its (?:parent|partner) |the )?{E}", t):
            parties = [k for k in parties if k not in parents]
        if rx.search(r"\b(?:the Parties|les Parties|they|both companies|the two companies)\b", t) and len(parties) < 2:
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

    def _untyped_agreement(self) -> None:
        """"X has reached an agreement with Y", "X inked a new deal with Y": an agreement of no named type
        (``Other``); a service contract (drilling, engineering, advice, underwriting) is no partnership."""
        t = self.t
        if only_contemplated(t):
            return
        for m in self._iter(rf"(?:{E}|\b(?P<pron>[Ii]t|[Ww]e)\b)(?: has| have| had)?(?: also| now| today)? "
                            rf"(?:reached|signed|entered into|concluded|struck|inked|executed|finali[sz]ed) "
                            rf"an? (?:new |definitive |binding |formal |long-term |[\w-]+ ){{0,2}}?"
                            rf"(?:agreement|deal|contract|arrangement) with (?:the )?{E}", t):
            if rx.search(r"\b(?:drilling|engineering|consult\w*|services?|EPC|construction|contractor|advis\w*|"
                         r"underwrit\w*|investor relations|employment|lease|rental|purchase order)\b", m.group(0), re.I):
                continue
            a = self.actor(m)
            b = m.group(m.lastindex or 0)
            if a and self.is_org(b) and a != self.key(b):
                status = "terminated" if _TERMINATED.search(t) else "signed"
                self.emit("partnerOf", a, self.key(b), "agreement.untyped", agreement="Other", status=status,
                          confidence=0.6)

    def _partnered_with(self) -> None:
        """"X has partnered with Y on ...", "X teamed up with Y": a partnership without an agreement's name."""
        t = self.t
        if only_contemplated(t):
            return
        for m in self._iter(rf"(?:{E}|\b(?P<pron>[Ii]t|[Ww]e)\b)(?: has| have| had)?(?: also| recently| today)? "
                            rf"(?:partnered|teamed up|joined forces|entered into (?:a|an) (?:strategic )?partnership|"
                            rf"(?:(?:is|are|was) )?(?:works? |working )?in (?:a )?(?:strategic )?partnership) "
                            rf"with (?:the team at )?{E}", t):
            a = self.actor(m)
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
            producer = rx.match(rf"[^⟦.;]{{0,40}}?\b(?:produced|mined|supplied) by (?:the )?{E}|[^⟦.;]{{0,40}}?\bfrom {E}['’]s?",
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
        between = rx.search(rf"\bbetween {E},? and {E}(?:,? and {E})?", t)
        if between:
            return keys(g for g in between.groups() if g)
        lead = rx.match(rf"^[^⟦]{{0,40}}?{E},?(?: and {E}| together with {E})\b", t)
        if lead and rx.search(r"\b(?:signed|entered|executed|formed|agreed|concluded|partnered)\b", t[lead.end():]):
            return keys(g for g in lead.groups() if g)
        # "acquire all the shares of B from C": the seller signs, the company sold does not
        from_ = rx.search(rf"\b(?:acquir|purchas|buy)\w*\b[^⟦]{{0,60}}?{E}[^⟦]{{0,40}}?\bfrom {E}", t)
        if from_ and self.is_org(from_.group(2)):
            before = [n for n in rx.findall(E, t[:from_.start()]) if self.is_org(n)]
            buyer = self.key(before[0]) if before else (self.subject() or self.ctx.issuer)
            if buyer and buyer != self.key(from_.group(2)):
                return [buyer, self.key(from_.group(2))]
        with_ = rx.search(rf"\bwith (?:its (?:partner|subsidiary|affiliate) |the )?(?:⟦\d+⟧['’]s )?{E}(?:,? and {E})?", t)
        if with_:
            before = [n for n in rx.findall(E, t[:with_.start()]) if self.is_org(n)]
            first = self.key(before[0]) if before else self.subject()
            # "X said a new subsidiary, Y, has signed a contract with Z": Y signs
            said = rx.match(rf"[^⟦]{{0,40}}?{E} said (?:that )?[^⟦]{{0,40}}?{E}", t[:with_.start()])
            if said and self.is_org(said.group(2)):
                first = self.key(said.group(2))
            others = keys(g for g in with_.groups() if g)
            return list(dict.fromkeys([k for k in [first, *others] if k]))
        return keys(orgs)
