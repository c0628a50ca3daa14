"""Plants, mines and projects by their head nouns, sites named by a place, sites named 'known as',
one site named two ways, places the gazetteer lacks."""

from __future__ import annotations

import re

from oregraph.ingest import rx
from oregraph.ingest.lexicon import fold, lexicon, slug
from oregraph.ingest.mentions.context import DocContext, _place_key
from oregraph.ingest.mentions.words import (
    _ASSET_DESCRIPTORS,
    _ASSET_HEADS,
    _CAPW,
    _COMMON_CAPS,
    _GENERIC_TERMS,
    _is_cap,
    _is_demonym,
    _NAME_PART_CAPS,
    _PLURAL_HEADS,
    _strip_common_start,
    _SUFFIX_WORDS,
    _tokens,
)
from oregraph.ingest.records import Sentence


_COORDINATED = re.compile(r"(?<![\w'’])(?P<name>[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý][\w'’\-]*){0,3})"
                          r"(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)")

_COORDINATED_END = re.compile(_COORDINATED.pattern + "$")



# kinds of deposit written after a site's commodities ("the Crawford Nickel-Cobalt Sulphide Project")
_DEPOSIT_TYPES = {"sulphide", "sulfide", "oxide", "laterite", "porphyry", "skarn", "epithermal", "vms", "iocg", "clay",
                  "brine", "placer", "vein", "hard-rock", "hardrock", "heap-leach", "tailings", "sands"}


def _assets(sent: Sentence, ctx: DocContext) -> list[tuple[int, int, str, str, str, list[tuple[str, str]]]]:
    """Named plants, mines and projects: (start, end, label, core name, class, commodities)."""
    lex = lexicon()
    toks = _tokens(sent.text)
    out = []
    for i, tok in enumerate(toks):
        head = tok.group(0).lower()
        cls = _ASSET_HEADS.get(head)
        if not cls or head == "aluminerie":
            continue
        # descriptors between the name and the head noun
        j = i - 1
        comms: list[tuple[str, str]] = []
        while j >= 0:
            t = toks[j].group(0)
            gap = sent.text[toks[j].end():toks[j + 1].start()]
            if gap.strip() not in ("", "-") and not (
                    gap.strip() in ("/", ",", "&", ", and") and lex.commodities.get(fold(t))
                    and lex.commodities.get(fold(toks[j + 1].group(0)))):
                break  # "Gold/Silver Project", "Nickel, Copper, PGM property": commodities describe the site
            tl = fold(t)
            parts = [p for p in rx.split(r"[-\s]", t) if p]
            comm_parts = [lex.commodities.get(fold(p)) for p in parts]
            two = fold(" ".join(x.group(0) for x in toks[max(j - 1, 0):j + 1]))
            prev_parts = [p for p in rx.split(r"-", toks[j - 1].group(0)) if p] if j > 0 else []
            joined = fold(f"{prev_parts[-1]} {t}") if prev_parts else ""
            if tl in lex.commodities:
                comms.append(lex.commodities[tl])
            elif joined in lex.commodities and len(prev_parts) > 1 and \
                    all(lex.commodities.get(fold(p)) for p in prev_parts[:-1]):
                # "scandium-rare earth": the hyphenated word ends a two-word commodity
                comms.append(lex.commodities[joined])
                comms.extend(lex.commodities[fold(p)] for p in prev_parts[:-1])
                j -= 1
            elif two in lex.commodities and j > 0:
                comms.append(lex.commodities[two])
                j -= 1
            elif all(comm_parts) and parts:
                comms.extend(c for c in comm_parts if c)
            elif tl in _ASSET_DESCRIPTORS and not _is_cap(t):
                pass
            elif tl in _DEPOSIT_TYPES and j > 0 and \
                    lex.commodities.get(fold(rx.split(r"[-/]", toks[j - 1].group(0))[-1])):
                pass  # "Nickel-Cobalt Sulphide Project": a capitalised descriptor after the commodities
            elif tl == "and" and comms and j > 0 and lex.commodities.get(fold(toks[j - 1].group(0))):
                pass  # "gold and silver deposit"
            elif _is_cap(t) and any(lex.commodities.get(fold(p)) or fold(p) in {"rare", "earth", "earths"}
                                    for p in parts):
                for p in parts:
                    if lex.commodities.get(fold(p)):
                        comms.append(lex.commodities[fold(p)])
                if "rare" in tl and "earth" in tl or tl in {"earth", "earths"}:
                    comms.append(lex.commodities.get("rare earth elements", ("rare-earth-elements", "rare earth elements")))
            else:
                break
            j -= 1
        desc_start = j + 1
        # the name: capitalised words before the descriptors
        k = j
        name_start = desc_start
        while k >= 0:
            t = toks[k].group(0)
            gap = sent.text[toks[k].end():toks[k + 1].start()]
            if gap.strip() not in ("", "-") and not (gap.strip() == "." and t in {"St", "Ste", "Mt", "Ft", "Pt"}):
                break  # "the St. Denis-Sangster project": an abbreviated saint or mount opens the name
            if _is_cap(t) and not t.endswith(("'s", "’s")) and fold(t) not in {"the"} and \
                    not rx.search(r"-(?:supplied|owned|based|operated|led|type|backed|listed|run|controlled)$", t):
                name_start = k
            elif t.lower() in {"de", "du", "des", "la", "le", "of"} and k > 0 and _is_cap(toks[k - 1].group(0)):
                pass
            else:
                break
            k -= 1
        if name_start == desc_start:
            continue
        words = [toks[x].group(0) for x in range(name_start, desc_start)]
        kept = _strip_common_start(words, ctx.lower_words)
        name_start += len(words) - len(kept)
        if name_start >= desc_start:
            continue
        core = sent.text[toks[name_start].start():toks[desc_start - 1].end()]
        # a name that is an organization or a place is not an asset name by itself
        if fold(core) in _GENERIC_TERMS or fold(core) in {"the", "its"} or _is_demonym(core) or \
                all(w.lower() in _NAME_PART_CAPS or _is_demonym(w) for w in core.split()):
            continue  # "a South African zinc refinery" is a description, not a name
        start, end = toks[name_start].start(), tok.end()
        label = sent.text[start:end]
        # strip trailing commodity words from the core ("Crater Lake Scandium-Rare Earth")
        core_words = core.split()
        while len(core_words) > 1 and all(
            lex.commodities.get(fold(p)) or fold(p) in {"rare", "earth", "earths"}
            for p in rx.split(r"-", core_words[-1]) if p
        ):
            core_words.pop()
        core = " ".join(core_words)
        singular = _PLURAL_HEADS.get(head)
        if singular:
            # "our Cinabrio, San Andres, and Dalmacia mines": one asset per name; a single
            # name before a plural head ("seven U.S. ISR uranium projects") is a description
            items = []
            pos = start
            while prev := _COORDINATED_END.search(sent.text[max(0, pos - 120):pos]):
                prev_offset = max(0, pos - 120)
                name = prev.group("name")
                name_at = prev_offset + prev.start("name")
                opener = rx.match(r"(?:The|Our|Its|Their)\s+", name)
                if opener and len(name.split()) > 1:
                    # "The Kell, Wren and Tarn mines": the article opens the list, it names nothing
                    name, name_at = name[opener.end():], name_at + opener.end()
                words = _strip_common_start(name.split(), ctx.lower_words)
                if not words or len(words) != len(name.split()):
                    break
                items.append((name_at, prev_offset + prev.end("name"), f"{name} {singular}", name, cls, comms))
                pos = name_at
                if opener:
                    break
            if items:
                out.append((start, end, f"{core} {singular}", core, cls, comms))
                out.extend(items)
            continue
        out.append((start, end, label, core, cls, comms))
    return out



# "The concessions, known as McKellar and Enable, ...", "The second project, known as X": sites named after
# a description (the words before the names; groups.py reads the same words in masked text)
KNOWN_AS_LEAD = (r"\b[Tt]he (?:two |three |four |five |first |second |third |fourth |other |new )?"
                 r"(?P<head>concessions?|propert(?:y|ies)|projects?|mines?|claims|deposits?|prospects?),? "
                 r"(?:known as|named|called) ")
_KNOWN_AS = re.compile(KNOWN_AS_LEAD +
                       r"(?P<names>[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*){0,2}"
                       r"(?:(?:,? and |, )[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*){0,2}){0,7})")



def _sites_known_as(ctx: DocContext, sent: Sentence) -> None:
    found = _KNOWN_AS.search(sent.text)
    if not found:
        return
    cls = _ASSET_HEADS.get(found.group("head"), "Project")
    kind = "facility" if cls in ("Plant", "Mine") else "project"
    lex = lexicon()
    for name in rx.split(r",? and |, ", found.group("names")):
        if not name or fold(name) in lex.places or ctx.lookup(name):
            continue
        ctx.add(kind, name, cls, key=f"{kind}-{slug(name)}")



def _same_site_classes(classes: set[str], cls: str) -> bool:
    """Whether a site of class ``cls`` can be the site already named with ``classes``: a mine and
    its project are one site under two words; a plant beside a mine of the same name is another."""
    site = {"Mine", "Project"}
    return cls in classes or cls in site and bool(classes & site)



_NAME_DESCRIPTORS = {"mining", "isr", "uranium", "gold", "copper", "mineral", "minerals", "metals", "resources",
                     "exploration", "development", "operations", "deposit", "area", "district"}



def _base_name(core: str, lex) -> str:
    """A site's name without the descriptive words that end it: "Punitaqui Mining" -> "Punitaqui",
    "Yuty ISR" -> "Yuty" (one word at least is kept)."""
    words = core.split()
    while len(words) > 1 and (words[-1].lower() in _NAME_DESCRIPTORS or fold(words[-1]) in lex.commodities):
        words.pop()
    return " ".join(words)



# "its aluminium smelter in Ludwigshafen": an unnamed plant or mine of an owner, known by its place
_SITE_BY_PLACE = re.compile(
    r"(?:\b(?:[Ii]ts|[Oo]ur|[Tt]heir)|['’]s) (?P<desc>(?:[a-z][a-z\-]* ){0,2})"
    r"(?P<head>smelter|refinery|plant|mill|concentrator|foundry|mine)"
    r" (?:in|at|near) (?P<place>[A-ZÀ-Ý][a-zà-ÿ'’\-]+(?: [A-ZÀ-Ý][a-zà-ÿ'’\-]+){0,2})(?![\w'’\-])")

_NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "phase", "stage", "year", "quarter", "production", "operation", "operations",
}



def _sites_named_by_place(ctx: DocContext, sent: Sentence) -> None:
    """A plant or mine named only by its place becomes an asset ("Ludwigshafen aluminium smelter").

    The descriptors must be commodities or asset descriptors ("its new office in" is not a
    site); the place is a gazetteer place, or, right after "its <plant> in", a capitalised name
    that is no month, weekday, organization or commodity. The asset keeps its place
    (``_site_place``) and its commodities, which the relation rules read.
    """
    lex = lexicon()
    for m in _SITE_BY_PLACE.finditer(sent.text):
        words = m.group("desc").split()
        comms = [lex.commodities[fold(w)] for w in words if fold(w) in lex.commodities]
        if any(fold(w) not in lex.commodities and w not in _ASSET_DESCRIPTORS for w in words):
            continue
        place_words = m.group("place").split()
        known = None
        for n in range(len(place_words), 0, -1):  # the longest gazetteer place it opens with
            entry = lex.places.get(fold(" ".join(place_words[:n])))
            if entry:
                known, place_words = entry, place_words[:n]
                break
        place = " ".join(place_words)
        if known is None:
            if len(place_words) > 1 or fold(place) in _NOT_PLACES or place.lower() in _COMMON_CAPS \
                    or fold(place) in lex.commodities or ctx.lookup(place) is not None:
                continue
            if rx.match(r"\s*(?:[A-Z]\w*\s+)?(?:Inc|Corp|Ltd|Limited|Mining|Metals|Resources)\b",
                        sent.text[m.end():]):
                continue
        if known is not None and known.kind == "country":
            continue  # "its copper mine in Chile" likely has a name the text gives elsewhere
        place_key = _place_key(ctx, known, place) if known else \
            ctx.add("place", place, "Place", key=f"place-{slug(place)}")
        cls = _ASSET_HEADS[m.group("head")]
        label = f"{place} {m.group('desc')}{m.group('head')}"
        surface = sent.text[m.start("desc"):m.start("place") + len(place)]
        key = ctx.add("facility", label, cls, key=f"facility-{slug(label)}")
        ctx.alias(key, surface)
        ent = ctx.entities[key]
        setattr(ent, "_commodities", getattr(ent, "_commodities", set()) | set(comms))
        setattr(ent, "_site_place", place_key)



_PLACE_BEFORE_PLACE = re.compile(
    rf"\b(?:in|near|at|of|outside|from) (?:the )?(?P<name>{_CAPW}(?:[\s\-]+{_CAPW}){{0,3}}),\s+(?P<rest>[^,.;()]{{2,60}})")



def _places_from_context(ctx: DocContext) -> None:
    """A name the gazetteer lacks, written "in Catemu, Chile", is a place inside the known one."""
    lex = lexicon()
    for sent in ctx.sentences:
        for m in _PLACE_BEFORE_PLACE.finditer(sent.text):
            name = m.group("name")
            words = name.split()
            if fold(name) in lex.places or ctx.lookup(name) or name.isupper() and len(name) > 4:
                continue
            if words[0].lower() in _COMMON_CAPS or words[-1].lower() in _ASSET_HEADS or \
                    words[-1].rstrip(".").lower() in _SUFFIX_WORDS or fold(name) in lex.commodities:
                continue
            rest = m.group("rest").split()
            parent = None
            for n in range(min(4, len(rest)), 0, -1):
                piece = " ".join(rest[:n]).rstrip(".")
                entry = lex.places.get(fold(piece))
                if entry and _is_cap(piece):
                    parent = _place_key(ctx, entry, piece)
                    break
            if parent is None:
                continue
            ctx.add("place", name, "Place", parent=parent, key=f"place-{slug(name)}")
