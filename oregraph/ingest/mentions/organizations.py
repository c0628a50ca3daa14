"""Organizations: names with a legal suffix, names found by their context, governments, crown
corporations and state-owned enterprises, well-known groups, short forms."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from oregraph.ingest import rx
from oregraph.ingest.lexicon import fold, lexicon
from oregraph.ingest.mentions.context import _AloneIndex, DocContext, _loose
from oregraph.ingest.mentions.listings import (
    _BLOCK,
    _is_ticker_block,
    _ISSUER_TERM_INSIDE,
    _market_or_place,
    _name_before,
)
from oregraph.ingest.mentions.masking import _LEGAL_AFTER
from oregraph.ingest.mentions.words import (
    _AND_INDUSTRY,
    _ASSET_DESCRIPTORS,
    _ASSET_HEADS,
    _CAPSEQ,
    _CAPW,
    _COMMON_CAPS,
    _CONNECTORS,
    _GENERIC_TERMS,
    _GENERIC_WORDS,
    _is_cap,
    _strip_common_start,
    _SUFFIX_WORDS,
    _TITLE_STOP,
    _tokens,
)
from oregraph.ingest.percent import PERCENT
from oregraph.ingest.records import Sentence


_ORG_CONTEXT = [
    # slot is the capitalised name in group "name"
    re.compile(r"\b(?:subsidiary|unit|division|affiliate|arm|member) of (?:the )?(?P<name>CAPSEQ)"),
    re.compile(r"(?P<name>CAPSEQ), (?:a |the )?(?:[Pp]rovincial |[Ff]ederal |[Ss]tate[- ])?"
               r"(?:[Cc]rown [Cc]orporation|state[- ]owned|government[- ]owned|société d'État)"),
    re.compile(r"\b(?:and |with )?(?:its )?partners? (?P<name>CAPSEQ)"),
    re.compile(r"\b(?:its|their|our) (?:wholly[- ]owned |majority[- ]owned |[\w.%-]+[- ]owned |indirect |operating )?"
               r"(?:subsidiary|affiliate),? (?P<name>CAPSEQ)"),
    re.compile(r"(?P<name>CAPSEQ), (?:a|an|the) (?:wholly[- ]owned |majority[- ]owned |[\w.%-]+[- ]owned |indirect )?"
               r"(?:subsidiary|affiliate|unit|division) of\b"),
    re.compile(r"\b(?:with|between) (?P<name>CAPSEQ)(?= (?:to|and|for|on|in|concerning|regarding|covering|over)\b)"),
    # a company named without a legal suffix, by its industry word, doing what companies do:
    # "Golden Shield Resources has entered into", "Aclara Resources' Penco project"
    re.compile(r"(?<![\w’'])(?P<name>CAPSEQ (?:Resources|Mining|Minerals|Metals|Exploration|Royalties|Uranium|Lithium|"
               r"Ventures|Industries|Materials|Technologies))(?=['’]s? |,? (?:has|have|had|is|was|will|announced|"
               r"said|signed|entered|agreed|acquired|owns|holds|operates|reported|completed|closed|plans|intends|"
               r"expects|continues|recently)\b| (?:CEO|CFO|COO|President|Chairman|Chairwoman|Chair|Executive Chairman|"
               r"Chief Executive|Managing Director|Founder|Director)\b)"),
    # a company named by a commodity word before its officer's title: "Steppe Gold Chief Financial Officer
    # Jeremy South", "FPX Nickel CEO Martin Turenne"
    re.compile(r"(?<![\w’'])(?P<name>CAPSEQ (?:Gold|Silver|Copper|Nickel|Lithium|Uranium|Zinc|Cobalt|Graphite|Energy|"
               r"Mines|Iron|Platinum|Vanadium|Tungsten|Potash|Rare Earths?))(?= (?:CEO|CFO|COO|President|Chairman|"
               r"Chairwoman|Chair|Executive Chairman|Chief Executive|Chief Financial|Chief Operating|Managing Director|"
               r"Founder|Director|Vice President)\b)"),
    # a counterparty with its own defined short name: "with Kestrel Capital Partners ("Kestrel")"
    re.compile(r"\b(?:with|between|from|to) (?P<name>CAPSEQ) \([“\"](?P<short>[A-Z][\w-]*)[”\"]\)"),
]

_ORG_CONTEXT = [re.compile(p.pattern.replace("CAPSEQ", _CAPSEQ)) for p in _ORG_CONTEXT]

# "acquire 29 pct of CMP", "a 16 pct interest in Teles Pires Mining": the name is a holding
_STAKE_TARGET = re.compile(
    rf"(?:{PERCENT.pattern}) (?:[\w-]+ )?(?:stake |interest |equity interest |shareholding )?(?:in|of) "
    rf"(?:the )?(?P<name>{_CAPW}(?:\s+{_CAPW}){{0,4}})", re.I)

# Reuters markup names an organization: "<Alcan Aluminium Ltd>". Markup tags ("<b>", "</script>",
# '<a href="...">') open with a lower-case letter, a slash or carry attributes: never names.
_REUTERS_TAG = re.compile(r"<([A-Z0-9][^<>\n=\"/]{1,79})>")



# words of a title-case headline that never belong to a company's name
_HEADLINE_WORDS = {"from", "with", "for", "to", "by", "into", "over", "after", "announces", "announce", "signs",
                   "acquires", "completes", "closes", "enters", "receives", "reports", "agrees", "launches",
                   "secures", "expands", "provides", "welcomes", "appoints", "partners", "joins", "strikes",
                   "confirms", "begins", "starts", "files", "increases", "extends", "wins", "buys", "sells"}


def _suffix_orgs(sent: Sentence, ctx: DocContext) -> list[tuple[int, int, str]]:
    """Organizations named with a legal suffix: (start, end, full name) in sentence offsets."""
    toks = _tokens(sent.text)
    found = []
    i = 0
    while i < len(toks):
        raw = toks[i].group(0)
        possessive = raw.endswith(("'s", "’s")) and len(raw) > 3
        if possessive:
            raw = raw[:-2]
        word = raw.rstrip(".").lower().replace(".", "")
        lower_ok = word in {"plc", "ltd"} or (
            word in {"co", "corp", "inc"} and i > 0 and _is_cap(toks[i - 1].group(0))
            and toks[i - 1].group(0).lower() not in _COMMON_CAPS)
        if word not in _SUFFIX_WORDS or not _is_cap(raw) and not lower_ok:
            i += 1
            continue
        if i > 0 and toks[i - 1].group(0).rstrip(".").lower().replace(".", "") in _SUFFIX_WORDS:
            i += 1
            continue
        # walk back over capitalised words and connectors (a name has at most a dozen words: a longer
        # run of capitals is a heading or a table, and would only make a huge name pattern)
        j = i - 1
        start_tok = i
        while j >= max(0, i - 12):
            t = toks[j].group(0)
            between = sent.text[toks[j].end():toks[j + 1].start()]
            # "Ozzie's, Inc.", "Harbour Services, LLC": a comma before the suffix stays in the name
            comma_suffix = j + 1 == i and between.strip() == "," and _is_cap(t) and \
                word in {"inc", "llc", "ltd", "corp", "limited", "lp", "llp"}
            if comma_suffix and t.endswith(("'s", "’s")):
                start_tok = j
                j -= 1
                continue
            if between.strip() not in ("", "&") and not comma_suffix and not (
                    between.strip() == "." and len(toks[j].group(0)) <= 4 and _is_cap(toks[j].group(0))
                    and ("." not in toks[j].group(0) or (j + 1 == i and rx.fullmatch(r"(?:[A-Z]\.)+[A-Z]", toks[j].group(0))))
                    and toks[j].group(0).lower() not in _COMMON_CAPS):
                break
            tl = t.lower()
            if t.endswith(("'s", "’s")) or tl.rstrip(".") in _SUFFIX_WORDS:
                break
            if rx.search(r"-(?:based|owned|listed|headquartered|controlled|backed|led|focused)$", tl):
                break  # "B.C.-based Bolt Metals Corp.": the description is not part of the name
            if tl in _HEADLINE_WORDS:
                break  # "Strategic Investment From Mitsui & Co.": a title-case headline's words
            if rx.fullmatch(r"[a-z]{1,3}-\d+", t):  # "i-80 Gold Corp.": a name opened by a code
                start_tok = j
                break
            if _is_cap(t) and not t.isdigit():
                start_tok = j
            elif rx.fullmatch(r"\d{5,}", t):  # a numbered company: "1302343 B.C. Ltd."
                start_tok = j
                break
            elif tl in _CONNECTORS and tl != "and" and j > 0 and _is_cap(toks[j - 1].group(0)) \
                    and toks[j - 1].group(0).lower() not in _TITLE_STOP:
                pass
            elif tl == "and" and j > 0 and _is_cap(toks[j - 1].group(0)) and \
                    toks[j + 1].group(0).lower() in _AND_INDUSTRY and toks[j - 1].group(0).lower() in _AND_INDUSTRY:
                pass  # "Thailand Smelting and Refining Co", "Global Mining and Industrial Corp"
            else:
                break
            j -= 1
        if start_tok == i:
            i += 1
            continue
        if start_tok > 0 and toks[start_tok - 1].group(0).lower() in {"a", "an", "une", "un"}:
            i += 1
            continue
        words = [toks[k].group(0) for k in range(start_tok, i)]
        # a word the text also writes in lower case is dropped only where it opens the sentence
        # words the text also writes in lower case stay: "Battery Mineral Resources Corp."
        kept = _strip_common_start(words, ctx.lower_words, at_start=False)
        if len(kept) == 1 and kept[0].lower() in _COMMON_CAPS:
            kept = []
        start_tok += len(words) - len(kept)
        if not kept or kept[0].lower() in _CONNECTORS:
            i += 1
            continue
        if start_tok > 0 and toks[start_tok - 1].group(0).lower() in {"a", "an", "une", "un"}:
            i += 1
            continue
        end_tok = i
        if possessive:
            start, end = toks[start_tok].start(), toks[i].end() - 2
            found.append((start, end, sent.text[start:end]))
            i += 1
            continue
        # "Co Ltd", "Pty Ltd", "Co of America"
        while end_tok + 1 < len(toks):
            nxt = toks[end_tok + 1].group(0)
            gap = sent.text[toks[end_tok].end():toks[end_tok + 1].start()]
            if nxt.rstrip(".").lower().replace(".", "") in _SUFFIX_WORDS and gap.strip() in ("", ","):
                end_tok += 1
            elif (toks[end_tok].group(0).rstrip(".").lower() in {"co", "company", "corp", "corporation"}
                  and nxt == "of" and end_tok + 2 < len(toks) and _is_cap(toks[end_tok + 2].group(0))
                  and gap.strip() == ""):
                end_tok += 2
            else:
                break
        start, end = toks[start_tok].start(), toks[end_tok].end()
        name = sent.text[start:end]
        last = name.split()[-1].rstrip(".").lower()
        if sent.text[end:end + 1] == "." and (last in {"inc", "ltd", "corp", "co"} or "." in last):
            end += 1
            name += "."
        found.append((start, end, name))
        i = end_tok + 1
    return found



_GOVERNMENT = re.compile(r"\b[Gg]overnment of (?:the )?(?:(?:Republic|Province|State|Kingdom|Commonwealth) of (?:the )?)?"
                         r"(?P<place>[A-ZÀ-Ý][\w'’\-]*(?: (?:of |the )*[A-ZÀ-Ý][\w'’\-]*){0,4})")



def _governments(ctx: DocContext, sent: Sentence) -> None:
    """"the Government of the Republic of Mozambique" is an organization: Government of Mozambique."""
    lex = lexicon()
    for m in _GOVERNMENT.finditer(sent.text):
        words = m.group("place").split()
        for n in range(len(words), 0, -1):
            entry = lex.places.get(fold(" ".join(words[:n])))
            if entry is None or entry.kind not in ("country", "province", "state", "territory"):
                continue
            label = f"Government of {entry.label}"
            key = ctx.lookup(label) or ctx.add("org", label, "GovernmentBody")
            ctx.entities[key].classes.add("GovernmentBody")
            surface = sent.text[m.start():m.start("place")] + " ".join(words[:n])
            ctx.alias(key, surface)
            break



def _block_orgs(sent: Sentence, ctx: DocContext, spans: list[tuple[int, int, str]]) -> None:
    """Names followed by a ticker block or an issuer definition are organizations."""
    for m in _BLOCK.finditer(sent.text):
        inner = m.group(1)
        if not (_is_ticker_block(inner) or _ISSUER_TERM_INSIDE.search(inner)):
            continue
        if sent.text[:m.start()].rstrip().endswith((")", ">")):
            continue
        found = _name_before(sent, m.start(), ctx)
        if not found:
            continue
        s, e, name = found
        if any(s < e2 and s2 < e for s2, e2, _ in spans):
            continue
        last = name.split()[-1].lower()
        if last in _ASSET_HEADS:
            continue
        if _market_or_place(sent, s, name):
            continue  # "listed on the London Stock Exchange (LSE: BHP)", "listed in New York (NYSE: RIO)"
        key = ctx.lookup(name)
        if key is None:
            ctx.add("org", name, "Company")
        spans.append((s, e, name))



_UNQUOTED_SHORT = re.compile(r">?\s*(?:<[A-Z0-9.\-]{1,10}>\s*)?\(([A-Z][A-Z0-9&\-]{1,9})\)")



def _stake_target(ctx: DocContext, sent: Sentence, m: re.Match[str], spans: list[tuple[int, int, str]]) -> None:
    """The capitalised name a stake is held in, when nothing else named it, is an organization."""
    lex = lexicon()
    name = rx.sub(r"['’]s?$", "", m.group("name"))
    if not name[0].isupper() or any(s <= m.start("name") < e for s, e, _ in spans):
        return
    words = name.split()
    following = [w.strip(".,;:()") for w in rx.split(r"[\s/]+", sent.text[m.end("name"):m.end("name") + 60])]
    if any(w.lower().strip(".,;") in _ASSET_HEADS or w.lower() in _ASSET_DESCRIPTORS for w in words + following[:3]
           if not _is_cap(w) or w.lower() in _ASSET_HEADS):
        return  # "a 51% interest in the Foo Lake lithium project" names an asset
    # stop before a lower-case word or a word that opens something else
    kept: list[str] = []
    for w in words:
        if not _is_cap(w) or w.lower() in _COMMON_CAPS:
            break
        kept.append(rx.sub(r"['’]s$", "", w.rstrip(".,")))
        if w.endswith(("'s", "’s")):
            break
    if not kept:
        return
    name = " ".join(kept)
    folded = fold(name)
    if ctx.lookup(name) or folded in lex.places or folded in lex.commodities or folded in _GENERIC_TERMS:
        return
    if kept[-1].lower() in _ASSET_HEADS or kept[0].lower() in _ASSET_HEADS or name.isupper() and len(name) > 6:
        return
    if any(lex.places.get(fold(w)) for w in kept[:1]) and len(kept) == 1:
        return
    if rx.match(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                r"December|Phase|Stage|Year|Q[1-4])\b", name):
        return
    ctx.add("org", name, "Company")
    spans.append((m.start("name"), m.start("name") + len(name), name))
    # "100 pct of Ora Banda and Browns Creek and 20 pct of ...": the second name shares the stake
    end = m.start("name") + len(name)
    more = rx.match(rf" and (?P<next>{_CAPW}(?: {_CAPW}){{0,3}})(?= and |[,.;]| ?$)", sent.text[end:])
    if more:
        nxt = more.group("next")
        words = nxt.split()
        if all(_is_cap(w) and w.lower() not in _COMMON_CAPS for w in words) and not ctx.lookup(nxt) and \
                fold(nxt) not in lex.places and fold(nxt) not in lex.commodities and \
                fold(nxt) not in _GENERIC_TERMS and words[-1].lower() not in _ASSET_HEADS and \
                words[-1].rstrip(".").lower() not in _SUFFIX_WORDS:
            ctx.add("org", nxt, "Company")
            start = end + more.start("next")
            spans.append((start, start + len(nxt), nxt))



@lru_cache(maxsize=1)
def _known_forms() -> list[tuple[Any, list[tuple[str, str]]]]:
    """Each well-known organization with its forms and their folded, space-padded spelling (folded once)."""
    entries = {id(e): e for e in lexicon().orgs.values()}.values()
    return [(entry, [(form, f" {fold(form)} ") for form in (entry.label, *entry.aliases) if len(form) > 2])
            for entry in entries]


def _well_known(ctx: DocContext, text: str) -> None:
    """Organizations of the lexicon (organizations.tsv), with their state ownership.

    A form counts only as a whole name: "Hydro" inside "Hydro-Québec" is not Norsk Hydro.
    """
    folded_text = " " + fold(text) + " "
    for entry, forms in _known_forms():
        for form, folded in forms:
            if folded in folded_text and rx.search(rf"(?<![\w\-–]){_loose(form)}(?![\w\-–])", text):
                key = ctx.lookup(entry.label) or ctx.lookup(form)
                if key is None:
                    key = ctx.add("org", entry.label, entry.cls)
                ctx.entities[key].classes.add(entry.cls)
                ctx.alias(key, entry.label)
                for alias in entry.aliases:
                    # a form the text gives another organization of its own ("Orano Canada Inc."
                    # beside "Orano SA") stays that organization's name
                    if ctx.lookup(alias) not in (None, key) or any(
                            ctx.lookup(found.group(0)) not in (None, key)
                            for found in rx.finditer(_loose(alias) + _LEGAL_AFTER.pattern, text)):
                        continue
                    ctx.alias(key, alias)
                break



def _short_forms(ctx: DocContext) -> None:
    """Prefixes of organization names that the text uses on their own become aliases."""
    text = ctx.text
    used_alone = _AloneIndex(text)
    for ent in list(ctx.entities.values()):
        if ent.kind != "org":
            continue
        words = ent.label.replace(",", "").split()
        while words and words[-1].rstrip(".").lower().replace(".", "") in _SUFFIX_WORDS:
            words.pop()
        if not words:
            continue
        stem = " ".join(words)
        if stem != ent.label:
            ctx.alias(ent.key, stem)
        # an acronym inside the name used alone ("Consolidated TVX Mining Corp" ... "TVX")
        for w in words[1:]:
            if rx.fullmatch(r"[A-Z]{2,6}", w) and fold(w) not in _GENERIC_WORDS and \
                    fold(w) not in lexicon().places and fold(w) not in lexicon().commodities and \
                    used_alone.search(w, rf"(?<![\w\-]){w}(?![\w\-])(?!\s+{re.escape(words[words.index(w) + 1])})"
                                      if words.index(w) + 1 < len(words) else rf"(?<![\w\-]){w}(?![\w\-])"):
                ctx.alias(ent.key, w)
        for n in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:n])
            if prefix.lower().rstrip(".") in _COMMON_CAPS or words[n - 1].lower() in _CONNECTORS:
                continue
            if n == 1 and (len(prefix) < 3 or prefix.lower() in _GENERIC_WORDS):
                continue
            if fold(prefix) in lexicon().places or fold(prefix) in lexicon().commodities:
                continue  # "Paraguay" alone is the country, not "Paraguay Uranium S.A."
            if ctx.lookup(prefix) not in (None, ent.key):
                continue  # already another organization's name ("BHP" of "BHP Gold Mines Ltd")
            # used alone: not continued by this name's next word nor by another capitalised word
            if used_alone.search(prefix, rf"(?<![\w\-]){re.escape(prefix)}"
                                 rf"(?![\w\-]|\s+(?:{re.escape(words[n])}|[A-Z][\w\-]*))"):
                ctx.alias(ent.key, prefix)



_CROWN = re.compile(r"^,? (?:(?:is|was) )?(?:an? |the )?(?:[Pp]rovincial |[Ff]ederal |[Tt]erritorial )?"
                    r"[Cc]rown [Cc]orporation")

_SOE = re.compile(r"^,? (?:(?:is|was) )?(?:an? |the )?(?:[\w-]+ ){0,2}?(?:state[- ]owned|government[- ]owned|"
                  r"state[- ]run|state[- ]controlled|société d['’]État|sociedad del estado|national mining company)",
                  re.I)



def _state_typing(ctx: DocContext) -> None:
    """Crown corporations and state-owned enterprises the text describes as such."""
    for sent in ctx.sentences:
        for s, e, key in ctx.find(sent.text):
            ent = ctx.entities[key]
            if ent.kind != "org":
                continue
            rest = sent.text[e:]
            rest = rx.sub(r"^\s*\([^()]*\)", "", rest)
            if _CROWN.match(rest):
                ent.classes.add("CrownCorporation")
            elif _SOE.match(rest) or rx.search(r"(?:state[- ]owned|state[- ]run|government[- ]owned) $",
                                               sent.text[max(0, s - 40):s], re.I):
                ent.classes.add("StateOwnedEnterprise")
