"""Discovering a document's entities, in the order that lets each step use the ones before."""

from __future__ import annotations

from oregraph.ingest import rx
from oregraph.ingest.lexicon import fold, lexicon, normalise_exchange, slug
from oregraph.ingest.mentions.context import DocContext
from oregraph.ingest.mentions.listings import (
    _defined_terms_and_listings,
    _defined_terms_of,
    _market_listings,
)
from oregraph.ingest.mentions.organizations import (
    _block_orgs,
    _governments,
    _ORG_CONTEXT,
    _REUTERS_TAG,
    _short_forms,
    _STAKE_TARGET,
    _stake_target,
    _state_typing,
    _suffix_orgs,
    _UNQUOTED_SHORT,
    _well_known,
)
from oregraph.ingest.mentions.sites import (
    _assets,
    _base_name,
    _places_from_context,
    _same_site_classes,
    _sites_known_as,
    _sites_named_by_place,
)
from oregraph.ingest.mentions.words import (
    _ASSET_HEADS,
    _CONNECTORS,
    _DESCRIPTIVE_WORDS,
    _GENERIC_TERMS,
    _is_demonym,
    _OPENING_WORDS,
    _PUBLIC_BODY_WORDS,
    _strip_common_start,
    _SUFFIX_WORDS,
    _TITLE_STOP,
)
from oregraph.ingest.records import Sentence


def discover(text: str, sentences: list[Sentence]) -> DocContext:
    """Collect the entities a document names, with their aliases and listings."""
    ctx = DocContext(text=text, sentences=sentences)
    ctx.lower_words = {w for w in rx.findall(r"\b[a-z][a-z'’-]+\b", text)}
    lex = lexicon()
    org_spans: dict[int, list[tuple[int, int, str]]] = {}
    for sent in sentences:
        spans: list[tuple[int, int, str]] = []
        # Reuters markup: <Phoenix Steel Corp> is a name, <NLGT.T> a code
        for m in _REUTERS_TAG.finditer(sent.text):
            inner = m.group(1).strip()
            if rx.fullmatch(r"[A-Z0-9.\-]{1,10}", inner):
                continue
            key = ctx.add("org", inner, "Company")
            spans.append((m.start(1), m.end(1), ctx.entities[key].label))
        for s, e, name in _suffix_orgs(sent, ctx):
            if any(s < e2 and s2 < e for s2, e2, _ in spans):
                continue
            if len(name.split()) == 2 and fold(name.split()[0]) in lex.places:
                continue  # "Paraguay SA" in a report title names a country, not a company
            ctx.add("org", name, "Company")
            spans.append((s, e, name))
        # an unquoted acronym right after a name is its short name: "Broken Hill Pty Co Ltd (BHP)"
        for s, e, name in spans:
            short = _UNQUOTED_SHORT.match(sent.text, e)
            key = ctx.lookup(name)
            if short and key and not normalise_exchange(short.group(1)):
                ctx.alias(key, short.group(1))
        org_spans[sent.index] = spans
    _well_known(ctx, text)
    for sent in sentences:
        _block_orgs(sent, ctx, org_spans[sent.index])
    # defined terms first, so "with Imperial" below finds the alias; run again after the
    # names found by context, whose ticker blocks then get their listings
    _defined_terms_and_listings(ctx)
    for sent in sentences:
        spans = org_spans[sent.index]
        for m in _STAKE_TARGET.finditer(sent.text):
            _stake_target(ctx, sent, m, spans)
        if _STAKE_TARGET.search(sent.text):
            _defined_terms_of(ctx, sent)  # "Y S.C.M. ("Y")": a later "45% of Y" is the same company
        for pattern in _ORG_CONTEXT:
            for m in pattern.finditer(sent.text):
                name = m.group("name")
                if fold(name) in lex.places:
                    continue  # "the mining division of British Columbia"
                short = m.groupdict().get("short")
                if short and (name.split()[0] != short and "".join(w[0] for w in name.split()) != short
                              or name.split()[-1].lower() in _ASSET_HEADS):
                    continue  # the short name must be the name's first word or its initials
                by_industry_word = pattern is _ORG_CONTEXT[-2] or pattern is _ORG_CONTEXT[-3]
                # "North Bay Resources CEO ...": for a name found by its industry word, a word the text
                # also writes in lower case ("north") stays; only a sentence's opening words go
                if by_industry_word:
                    words = name.split()
                    while words and (words[0].lower() in _OPENING_WORDS | _TITLE_STOP | _CONNECTORS or
                                     rx.search(r"-(?:based|listed|owned|led|backed|focused)$", words[0].lower())):
                        words = words[1:]  # "CEO of Nicola Mining", "Today Golden Crest", "B.C.-based Bolt Metals"
                else:
                    words = _strip_common_start(name.split(), ctx.lower_words)
                name = " ".join(words)
                if not name or fold(name) in _GENERIC_TERMS or fold(name) in lex.places or len(words) < 2 and \
                        by_industry_word:
                    continue
                if words[0].lower() in _PUBLIC_BODY_WORDS:
                    continue  # "Ministry of Energy and Mines", "Department of Natural Resources"
                if by_industry_word and (words[0].lower() in _DESCRIPTIVE_WORDS or _is_demonym(words[0])):
                    continue  # "Artisanal Gold Mining has increased", "Measured Mineral Resources were updated"
                if any(s <= m.start("name") < e for s, e, _ in spans) or ctx.lookup(name):
                    continue
                if name.split()[-1].rstrip(".").lower() in _SUFFIX_WORDS:
                    continue
                ctx.add("org", name, "Company")
                spans.append((m.start("name"), m.start("name") + len(name), name))
    for sent in sentences:
        _governments(ctx, sent)
    _defined_terms_and_listings(ctx)
    for i, sent in enumerate(sentences):
        _market_listings(ctx, sent, sentences[i - 1] if i else None)
    _state_typing(ctx)
    _places_from_context(ctx)
    # plants, mines, projects
    for sent in sentences:
        for s, e, label, core, cls, comms in _assets(sent, ctx):
            if any(s < e2 and s2 < e for s2, e2, _ in org_spans.get(sent.index, [])):
                continue
            kind = "facility" if cls in ("Plant", "Mine") else "project"

            def same_site(candidate: str | None) -> bool:
                """One site named twice: same kind of site, and no two different commodities in the names
                ("the Tollan copper project" and "the Tollan gold project" are two)."""
                if not candidate or ctx.entities[candidate].kind not in ("facility", "project"):
                    return False
                other = ctx.entities[candidate]
                theirs = {c[0] for c in getattr(other, "_commodities", ())}
                ours = {c[0] for c in comms}
                return _same_site_classes(other.classes, cls) and not (theirs and ours and not theirs & ours)

            existing = ctx.lookup(core)
            base = _base_name(core, lex)
            if base != core and not same_site(existing):
                # "the Punitaqui project" and "the Punitaqui Mining Complex", "the Yuty Project" and
                # "the Yuty ISR Project": one site named with and without descriptive words
                by_base = ctx.lookup(base)
                if same_site(by_base):
                    existing = by_base
            if same_site(existing):
                key = existing
                ctx.alias(key, label)
            else:
                key = f"{kind}-{slug(core)}"
                if key in ctx.entities and not same_site(key):
                    key = f"{kind}-{slug(label)}"  # "the Tollan smelter" beside "the Tollan mine"
                key = ctx.add(kind, label, cls, key=key)
            ent = ctx.entities[key]
            if fold(label) != fold(core):
                head = label.split()[-1]
                org_named = existing is not None and ctx.entities[existing].kind == "org"
                for alias in (core, f"{core} {head}"):
                    # the bare name stays the company's ("Vanguard" of "the Vanguard concessions")
                    if fold(alias) not in lex.places and not (org_named and alias == core):
                        ctx.alias(key, alias)
            if base != core and fold(base) not in lex.places and not ctx.lookup(base):
                ctx.alias(key, base)
            ent.classes.add(cls)
            setattr(ent, "_commodities", getattr(ent, "_commodities", set()) | set(comms))
    for sent in sentences:
        _sites_named_by_place(ctx, sent)
        _sites_known_as(ctx, sent)
    _short_forms(ctx)
    return ctx
