"""Who owns whom: subsidiaries, stakes, acquisitions."""

from __future__ import annotations

import re

from oregraph.ingest import rx
from oregraph.ingest.relations.patterns import (
    _COMPLETED,
    _DENIED,
    _NOT_A_UNIT,
    _ONLY_IF,
    _POSSESSIVE_STAKE,
    _SHARES_HELD,
    _WHOLLY,
    E,
    only_contemplated,
    P,
)
from oregraph.ingest.relations.reader import _ReaderBase


class HoldingRules(_ReaderBase):
    """Rules for subsidiaries, stakes and acquisitions (a mixin of the sentence reader)."""

    def subsidiaries(self) -> None:
        t = self.t
        pat = re.compile(
            rf"{E},? (?:is |was |became |has been )?(?:now )?(?:an? |the )?(?:indirect,? |direct,? )?"
            rf"(?:(?P<wholly>{_WHOLLY})|⟦%(?P<pct>[\d.]+)⟧[- ]?owned|(?P<major>majority[- ]owned))?,?\s*"
            rf"(?:operating |principal |Canadian |U\.S\. |Australian |holding )?"
            rf"(?:subsidiary|filiale(?: en propriété exclusive)?) (?:of|de) (?:the |la |le )?{E}")
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
            if rx.search(r"\b(?:may|could|would|plans?|proposed|intends?)\b", t[:m.start()]):
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
            if rx.search(r"\band\b|\bor\b", m.group(0)):
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
            subs = [m.group(5), *rx.findall(E, m.group(6))] if "iaries" in m.group(0) else [m.group(5)]
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
                share = 100.0 if rx.search(r"wholly", m.group(0)) else None
                self.emit("subsidiaryOf", self.key(sub), parent, "subsidiary.its_unit", share=share,
                          confidence=0.75)
        # "X said a newly-formed subsidiary, the Y group, ..."
        for m in self._iter(rf"{E} said (?:that )?(?:a|an|its) (?:newly[- ]formed |new |wholly[- ]owned )*"
                            rf"(?:subsidiary|unit),? (?:the |called |named )?{E}", t):
            if self.is_org(m.group(1)) and self.is_org(m.group(2)):
                self.emit("subsidiaryOf", self.key(m.group(2)), self.key(m.group(1)), "subsidiary.said_a_subsidiary",
                          confidence=0.75)
        # "X has incorporated a U.S.-based subsidiary, Y", "X formed a new subsidiary, Y"
        for m in self._iter(rf"{E}(?: has| have| had)? (?:also |recently )?(?:incorporated|formed|created|established|set up) "
                            rf"an? (?:new |wholly[- ]owned |(?:[\w.-]+|⟦\d+⟧\.?)-based |local |[A-Z][a-z]+ )*subsidiary,? "
                            rf"(?:called |named )?{E}", t):
            if self.is_org(m.group(1)) and self.is_org(m.group(2)):
                self.emit("subsidiaryOf", self.key(m.group(2)), self.key(m.group(1)), "subsidiary.incorporated",
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

    def stakes(self) -> None:
        for holder, item, share in self._portfolio(future=False):
            self._stake(holder, item, share, "stake.portfolio", conf=0.7)
        t = self.t
        mentions_royalty = bool(rx.search(r"\broyalt|\bNSR\b|\bstream", t, re.I))
        # "X, a 6.67% owner of Y", "X is the 100% owner of the Y property", "X is also an equity
        # shareholder of Y"
        for m in self._iter(rf"{E}(?: [^⟦.;]{{0,40}}? and)?,? (?:is |was |remains |becomes |became )?(?:also |now )?(?:an?|the) (?:(?P<sole>sole )|{P} )?"
                            rf"(?:equity |major |largest |significant |controlling )?(?:owner|shareholder|partner|holder) "
                            rf"(?:of|in) (?:the )?{E}", t):
            if not self.is_org(m.group(1)) or rx.search(r"\broyalt|\bstream", m.group(0), re.I):
                continue
            share = 100.0 if m.group("sole") else float(m.group(3)) if m.group(3) else None
            if share is None and not rx.search(r"\b(?:equity|major|largest|significant|controlling) (?:owner|shareholder)",
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
            for part in rx.finditer(r"[^;,]+", t[end:]):
                item = rx.match(rf"\s*(?:and\s+)?(?:an? |the remaining |its )?{P} (?:[\w-]+ )?"
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
            if self.is_asset(m.group(2)) and not rx.search(rf"(?:{E}['’]s?|\b[Ii]ts|\b[Oo]ur) $", t[:m.start()]):
                self._stake(self.subject(), m.group(2), 100.0, "stake.wholly_owned_asset", conf=0.7)
        # "A, B and C own 50%, 30% and 20%, respectively"
        # (the last holder may be described: "and Japanese shareholders grouped under C")
        for m in self._iter(rf"((?:{E},? )+and (?:[a-zA-Z][\w-]*(?: [a-z][\w-]*){{0,4}} )?{E})[^⟦]{{0,60}}?"
                            rf"((?:{P},? )+and {P})(?: (?:of|in) (?:the )?{E})?,? respectively", t):
            holders = rx.findall(E, m.group(1))
            shares = rx.findall(P, m.group(0))
            held = rx.findall(E, t[m.end():m.end() + 80])
            target = rx.search(rf"(?:of|in) (?:the )?{E}", t[m.start():m.end()])
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
            if rx.match(r",?\s+and\s", m.group(0)) and not rx.search(r"⟦%[\d.]+⟧$", t[:m.start()]):
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
            before = [n for n in rx.findall(E, t[m.end(1) + 1:m.end()]) if self.is_asset(n) or self.is_org(n)]
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
                clause = rx.search(rf"\b(?:which|that) {E} [a-z]+(?: and)?,? $", t[:m.start()])
                holder = self.key(clause.group(1)) if clause and self.is_org(clause.group(1)) else \
                    self.owner_of_pronoun(m.group("pron"), m.start())
                if rx.match(r"\W*(?:It|We)\b", t) and not clause:
                    # "It also markets the sands produced by Y, of which it holds 17.5 pct": the subject's
                    holder = self.owner_of_pronoun(m.group("pron"), 0)
            before = [n for n in rx.findall(E, t[:m.start()])
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
                before = [n for n in rx.findall(E, t[:m.start()]) if self.is_org(n) or self.is_asset(n)]
                held = before[-1] if before else None
            holder = holder or self.subject()
            if held is not None and holder and self.key(held) != holder:
                self._stake(holder, held, float(m.group(3)), "stake.increased_to")
        # "excluding its stake in Y", "BHP's 45 pct stake in Y": a holding, with or without a number
        for m in self._iter(rf"(?:\b(?P<pron>[Ii]ts|[Oo]ur)|{E}['’]s?) (?:{P} )?(?:[\w-]+ )?(?:stake|interest|shareholding|holding|ownership) "
                            rf"in (?:the )?(?:⟦\d+⟧['’]s )?{E}", t):
            if rx.search(r"\b(?:sell|sold|sale|divest\w*|dispos\w*|transfer\w*|spin\w*|will (?:own|hold|acquire)|"
                         r"earn|acquir\w*|purchas\w*|bought|former|formerly|previous|previously)\b",
                         t[max(0, m.start() - 40):m.start()]):
                continue  # "the sale of its interest in Y", "which will own the Company's interest in Y"
            if rx.match(r",? (?:which )?(?:was|were|has been|had been|is being|will be) (?:sold|transferred|divested|"
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
            if rx.search(r"\b(?:previously|formerly|once|originally)\s+$", t[:m.start("verb")]):
                continue  # "L previously owned 12,500,000 shares": not a holding today
            named = rx.findall(rf"{E}(?:['’]s?)? (?:common |ordinary |voting |class [A-Z] )?shares\b|"
                               rf"shares (?:of|in) (?:the )?{E}", m.group(0), re.I)
            candidates = [a or b for a, b in named if self.is_org(a or b) and self.key(a or b) != self.key(holder)]
            company = self.key(candidates[-1]) if candidates else None
            if company is None and rx.search(r"\b(?:the )?Company['’]s\b|\bof the Company\b|"
                                             r"\b(?:the )?Corporation['’]s\b", m.group(0)):
                company = self.ctx.issuer
            company = company or self.shares_of
            if company is None or company == self.key(holder):
                continue
            share = float(m.group("pct"))
            if rx.search(r"\b(?:acquired|purchased|bought|subscribed)\b", m.group("verb")):
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
            if rx.search(r"\b(?:close to|towards?|would|could|may|might|aims? (?:at|to)|in the process of|seeks?|"
                         r"hopes?|plans?|intends?|expects?)\s+(?:\w+\s+)?$", t[:m.start()]):
                continue  # "K is close to securing a 60% interest": not yet held
            before = [n for n in rx.findall(E, t[:m.start()]) if self.is_org(n)]
            # ", securing ...": the clause's subject; "K ... securing": the one named before
            holder = self.subject() if rx.search(r",\s*$", t[:m.start()]) or not before else self.key(before[-1])
            if holder and self.key(m.group(2)) != holder:
                self._stake(holder, m.group(2), float(m.group(1)), "stake.securing", conf=0.7, runs=True)
        # "X holds a major equity stake in Y": a holding without its size
        for m in self._iter(rf"{E}(?: [^⟦.;]{{0,40}}?)? (?:also |currently |now )?(?:holds?|owns?|has|maintains|retains|acquired|took) "
                            rf"an? (?:major|significant|large|substantial|strategic|minority|majority|controlling) "
                            rf"(?:equity )?(?:stake|interest|position|shareholding) in (?:the )?{E}", t):
            if self.is_org(m.group(1)) and not _ONLY_IF.search(m.group(0)):
                holder, held = self.key(m.group(1)), m.group(2)
                if "majority" in m.group(0) or "controlling" in m.group(0):
                    if self.is_org(held):
                        self.emit("subsidiaryOf", self.key(held), holder, "subsidiary.majority_stake", confidence=0.7)
                    continue
                self._stake(holder, held, None, "stake.sized_in_words", conf=0.7)
        # "A and B each hold 50%"
        for m in self._iter(rf"{E} and {E} each (?:hold|own|have) (?:an? )?{P}(?: interest| stake)? in (?:the )?{E}", t):
            for h in (m.group(1), m.group(2)):
                if self.is_org(h):
                    self._stake(self.key(h), m.group(4), float(m.group(3)), "stake.each_hold")

    def acquisitions(self) -> None:
        t = self.t
        if _DENIED.search(t) or (only_contemplated(t) and not rx.search(r"\bagreed\b|\bdefinitive\b", t)):
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
            if m.group(1) and rx.search(r"\b(?:with|from|by) $", t[:m.start()]):
                # "finalized an agreement with X to acquire Y": the one who agreed with X buys
                buyer = self.subject() if self.subject() != self.key(m.group(1)) else None
                if buyer is None or self.kind(self._mention_of(buyer)) != "org":
                    continue
            target = m.group(m.lastindex or 0)
            if not (self.is_org(target) or self.is_asset(target)):
                continue
            share = float(m.group(3)) if m.group(3) else None
            if rx.search(r"up to", t[m.start():m.end()]):
                continue
            status = "completed" if _COMPLETED.search(t) or rx.search(r"\bacquired\b|\bbought\b|\bclosed\b|\bexercised\b",
                                                                      m.group(0)) else "signed"
            # "bought K's former Tollan mine from L": what is bought is K's site, not K
            site = rx.match(rf"['’]s? (?:former |previous |existing |old |historic )?(?:[\w-]+ )?{E}", t[m.end():])
            if site and self.is_org(target) and self.is_asset(site.group(1)) and not m.group(3):
                target = site.group(1)
            elif self.is_org(target) and rx.match(r"['’]s? (?:[\w-]+ |⟦\d+⟧ ){0,3}?(?:projects?|assets?|properties|property|mines?|"
                                                  r"claims|portfolio|business(?:es)?|operations?|tenements|"
                                                  r"concessions?)\b", t[m.end():]):
                continue  # "acquire a 100% interest in Fulcrum's uranium projects": unnamed sites, not Fulcrum
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
            sold_again = rx.search(r"\b(?:and|but) (?:later |subsequently |then )?(?:sold|divested|disposed of|transferred)\b",
                                   t[m.end():])
            if status == "completed" and self.is_asset(target) and (share is None or share >= 50) and \
                    self.ctx.entities[buyer].kind == "org" and not sold_again:
                # a site bought outright is the buyer's to hold and run from the closing on
                self._stake(buyer, target, share, "stake.completed_purchase", conf=0.65, runs=share is not None)
                if share is None:
                    self.emit("operates", buyer, self.key(target), "operates.completed_purchase", confidence=0.6)
            targets = [target]
            # "the remaining 29% interest in the Cerro and Flora properties": each site of the list
            more = rx.match(r"((?:(?:,\s*and\s+|,\s*|\s+and\s+)(?:the )?⟦\d+⟧)+)", t[m.end():])
            if more and self.is_asset(target):
                for n in rx.findall(E, more.group(1)):
                    if self.is_asset(n):
                        targets.append(n)
                        self.emit("acquires", buyer, self.key(n), "acquisition.verb_list", share=share,
                                  status=status, confidence=0.7)
            # "..., making it the sole owner": the holding after the deal
            if rx.search(r"\bmaking (?:it|⟦\d+⟧|the company) the (?:sole|100%|only) (?:owner|shareholder)\b", t[m.end():]):
                for n in targets:
                    self._stake(buyer, n, 100.0, "stake.sole_owner_after", conf=0.7)
            # "... a 19 pct stake in Y, a private company, and a 16 pct interest in Z"
            end = m.end()
            for item in rx.finditer(rf"(?:,|\band\b)\s*(?:and\s+)?(?:an? |the remaining )?{P} (?:[\w-]+ )?"
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
            between = rx.findall(E, t[m.end(m.lastindex - 1) + 1:m.start(m.lastindex)])
            if any(self.kind(n) != "place" for n in between):
                continue  # "sell its smelter at Goldendale, Washington, ... to Y": only places between
            if self.key(target) in (seller, self.key(buyer)):
                continue
            status = "completed" if rx.search(r"\b(?:sold|completed|closed|transferred|divested|vended)\b", m.group(0)) \
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
            buyer = self.actor(m)
            between = rx.findall(E, t[m.end(1) + 1 if m.group(1) else m.start():m.start(m.lastindex or 0)])
            if buyer and self.is_org(seller) and buyer != self.key(seller) and \
                    all(self.kind(n) in ("place", "commodity") for n in between):
                status = "completed" if rx.search(r"\b(?:acquired|bought|purchased)\b", m.group(0)) else "signed"
                self.emit("acquires", buyer, self.key(seller), "acquisition.business_of", status=status,
                          confidence=0.65)
        # "KOMIR will invest US$3 million ... to earn a 30% interest in Maximus' Lefroy Lithium Project":
        # an earn-in of a stated share (an "up to" share is only a ceiling: no fact)
        for m in self._iter(rf"(?:{E}|\b(?P<pron>[Ii]t|[Ww]e)\b)(?:[^⟦.;]|(?<=\d)\.(?=\d)|⟦\d+⟧){{0,160}}?\bto (?:earn|secure|obtain) "
                            rf"(?:an? |the )?(?:initial |additional |further )?"
                            rf"{P} (?:[\w-]+ )?(?:interest|stake) in (?:the )?(?:⟦(?P<owner>\d+)⟧['’]s? )?{E}", t):
            if rx.search(r"\bup to\b", m.group(0)):
                continue
            buyer = self.actor(m)
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
            if issuer and not rx.search(r"\bpublic\b|\bshareholders\b|\binvestors\b", m.group(0)):
                status = "completed" if rx.search(r"\bsold\b|\bissued\b|\bplaced\b", m.group(0)) else "signed"
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
