"""Write a synthetic oregraph dataset as N-Quads, straight in the data model.

    python benchmarks/gen_graph.py --triples 100000 --seed 7 --out /tmp/og-100k.nq

The shape mirrors what ``oregraph/ingest/emit.py`` writes (docs/data-model.md):
one named graph per announcement, named by its IRI, describing itself
(``og:Announcement``, ``dcterms:source``/``title``/``date``/``publisher``,
``og:contentHash``, ``og:text``, ``og:extractorVersion``) and every entity it
names (type, ``rdfs:label``, ``skos:altLabel``, ``og:nameKey``); each fact as a
shortcut triple plus a node with its qualifiers and evidence (``og:evidence``,
offsets, ``og:rule``, ``og:confidence``, ``prov:wasDerivedFrom``):
``og:Shareholding`` (holder, held, share, ``og:controlling``) beside
``og:ownsStakeIn``/``og:subsidiaryOf``, ``og:Position`` beside ``og:officerOf``,
``og:Listing`` with an ``rdf:Statement``, agreements beside ``og:partnerOf``.

Companies form the same ownership forest as the corpus generator (a majority
parent per company below the roots, minority holders with lower indexes), so
look-through chains run many levels deep. Writing stops at the first
announcement boundary past ``--triples`` quads. Same seed and size, same file.

Nothing in the oregraph package imports this file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from names import (  # noqa: E402
    COMMODITIES, EXCHANGES, MAX_COMPANIES, TITLES, WIRES, company_name, person_name, ticker,
)

ID = "https://w3id.org/oregraph/id/"
OG = "https://w3id.org/oregraph/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
BRANCHING = 3
VERSION = "0.1.0"


def companies_for(triples: int) -> int:
    """How many companies a dataset of this size names (about one per 25 quads)."""
    return min(MAX_COMPANIES, max(200, triples // 25))


def roots_for(n: int) -> int:
    return max(5, n // 200)


def parent(c: int, roots: int) -> int | None:
    return None if c < roots else (c - roots) // BRANCHING


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(inc|corp|corporation|ltd|limited|plc|ag|sa|pty|group)\b\.?", " ", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def org_id(c: int) -> str:
    return "org-" + slug(company_name(c))


def _lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _typed(value: str, dtype: str) -> str:
    return f'{_lit(value)}^^<{XSD}{dtype}>'


def _h(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


class Writer:
    def __init__(self, out) -> None:
        self.out = out
        self.count = 0

    def quad(self, s: str, p: str, o: str, g: str) -> None:
        self.out.write(f"<{s}> <{p}> {o} <{g}> .\n")
        self.count += 1


def iri(x: str) -> str:
    return f"<{x}>"


def depth(c: int, roots: int) -> int:
    d = 0
    while (p := parent(c, roots)) is not None:
        c, d = p, d + 1
    return d


def announcement(w: Writer, i: int, rng: random.Random, n: int, roots: int) -> int:
    """Write the ``i``-th announcement; returns the index of the company it is about."""
    c = rng.randrange(n)
    subject = ID + org_id(c)
    date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2500))
    text = (f"{company_name(c)} reports on its shareholders and business. " * 8).strip()
    content_hash = hashlib.sha256(f"{i}:{text}".encode()).hexdigest()
    g = f"{ID}announcement-{content_hash[:16]}"
    w.quad(g, RDF + "type", iri(OG + "Announcement"), g)
    w.quad(g, DCT + "source", iri(f"file:///corpus/ann-{i:06d}.txt"), g)
    w.quad(g, OG + "contentHash", _lit(content_hash), g)
    w.quad(g, OG + "text", _lit(text), g)
    w.quad(g, OG + "extractorVersion", _lit(VERSION), g)
    w.quad(g, DCT + "title", _lit(f"{company_name(c).split()[0]} Reports Updated Shareholding Structure"), g)
    w.quad(g, DCT + "date", _typed(date.isoformat(), "date"), g)
    w.quad(g, DCT + "publisher", _lit(rng.choice(WIRES)), g)

    def entity(k: int) -> str:
        e = ID + org_id(k)
        name = company_name(k)
        bare = " ".join(name.split()[:-1]) if not name.endswith("Pty Ltd") else " ".join(name.split()[:-2])
        w.quad(e, RDF + "type", iri(OG + "Company"), g)
        w.quad(e, RDFS + "label", _lit(name), g)
        w.quad(e, SKOS + "altLabel", _lit(bare), g)
        w.quad(e, OG + "nameKey", _lit(slug(name).replace("-", " ")), g)
        return e

    offset = [400]

    def evidence(node: str, sentence: str, rule: str) -> None:
        start = offset[0]
        offset[0] += len(sentence) + 1
        w.quad(node, OG + "evidence", _lit(sentence), g)
        w.quad(node, OG + "evidenceStart", _typed(str(start), "integer"), g)
        w.quad(node, OG + "evidenceEnd", _typed(str(start + len(sentence)), "integer"), g)
        w.quad(node, OG + "rule", _lit(rule), g)
        w.quad(node, OG + "confidence", _typed("0.85", "decimal"), g)
        w.quad(node, OG + "extractorVersion", _lit(VERSION), g)
        w.quad(node, PROV + "wasDerivedFrom", iri(g), g)

    def stake(holder: int, held: int, share: float) -> None:
        h, t = entity(holder), ID + org_id(held)
        node = f"{ID}stake-{_h(content_hash, h, t)}"
        controlling = share > 50
        if controlling:
            w.quad(t, OG + "subsidiaryOf", iri(h), g)
        w.quad(h, OG + "ownsStakeIn", iri(t), g)
        w.quad(node, RDF + "type", iri(OG + "Shareholding"), g)
        w.quad(node, OG + "holder", iri(h), g)
        w.quad(node, OG + "held", iri(t), g)
        w.quad(node, OG + "share", _typed(f"{share:g}", "decimal"), g)
        if controlling:
            w.quad(node, OG + "controlling", _typed("true", "boolean"), g)
        evidence(node, f"{company_name(holder)} holds a {share:g}% interest in {company_name(held)}.",
                 "stake.holds_pct.controlling" if controlling else "stake.holds_pct")

    entity(c)
    # ownership: the controlling parent, minority holders, a controlled child
    p = parent(c, roots)
    if p is not None:
        stake(p, c, round(rng.uniform(51, 100), 1))
    for h in sorted({rng.randrange(c) for _ in range(rng.randint(0, 3))} - {p}) if c > 1 else []:
        stake(h, c, round(rng.uniform(1, 12), 1))
    child = c * BRANCHING + roots
    if child < n and rng.random() < 0.5:
        entity(child)
        stake(c, child, round(rng.uniform(51, 100), 1))
    # a listing
    code = EXCHANGES[c % len(EXCHANGES)][0]
    listing = f"{ID}listing-{code.lower()}-{ticker(c).lower()}"
    w.quad(subject, OG + "listing", iri(listing), g)
    w.quad(listing, RDF + "type", iri(OG + "Listing"), g)
    w.quad(listing, OG + "exchange", _lit(code), g)
    w.quad(listing, OG + "ticker", _lit(ticker(c)), g)
    st = f"{ID}statement-{_h(content_hash, 'listedAs', subject)}"
    w.quad(st, RDF + "type", iri(RDF + "Statement"), g)
    w.quad(st, RDF + "subject", iri(subject), g)
    w.quad(st, RDF + "predicate", iri(OG + "listing"), g)
    w.quad(st, RDF + "object", iri(listing), g)
    evidence(st, f"{company_name(c)} ({code}: {ticker(c)}) today reported.", "listing.ticker_block")
    # an officer
    person_i = c * 3 + rng.randrange(3)
    person = f"{ID}person-{slug(person_name(person_i))}-{person_i}"
    w.quad(person, RDF + "type", iri(OG + "Person"), g)
    w.quad(person, RDFS + "label", _lit(person_name(person_i)), g)
    w.quad(person, OG + "officerOf", iri(subject), g)
    pos = f"{ID}position-{_h(content_hash, person, subject)}"
    title = rng.choice(TITLES)
    w.quad(pos, RDF + "type", iri(OG + "Position"), g)
    w.quad(pos, OG + "person", iri(person), g)
    w.quad(pos, OG + "organization", iri(subject), g)
    w.quad(pos, OG + "title", _lit(title), g)
    evidence(pos, f"\"We are pleased,\" said {person_name(person_i)}, {title} of {company_name(c)}.",
             "officer.said_title_name")
    # sometimes an agreement
    if rng.random() < 0.3:
        other = rng.randrange(n)
        if other != c:
            o = entity(other)
            w.quad(subject, OG + "partnerOf", iri(o), g)
            w.quad(o, OG + "partnerOf", iri(subject), g)
            agr = f"{ID}agreement-{_h(content_hash, subject, o)}"
            w.quad(agr, RDF + "type", iri(OG + rng.choice(["MemorandumOfUnderstanding", "JointVenture",
                                                            "OfftakeAgreement"])), g)
            w.quad(agr, OG + "party", iri(subject), g)
            w.quad(agr, OG + "party", iri(o), g)
            w.quad(agr, OG + "status", _lit("signed"), g)
            evidence(agr, f"{company_name(c)} and {company_name(other)} signed an agreement on "
                          f"{rng.choice(COMMODITIES)}.", "agreement.signed")
    return c


def generate(triples: int, seed: int, out: Path) -> dict:
    n = companies_for(triples)
    roots = roots_for(n)
    out.parent.mkdir(parents=True, exist_ok=True)
    docs = 0
    subjects: set[int] = set()
    with out.open("w", encoding="utf-8") as f:
        w = Writer(f)
        while w.count < triples:
            subjects.add(announcement(w, docs, random.Random(f"{seed}:{docs}"), n, roots))
            docs += 1
    # the companies announcements were about, deepest in the forest first: their owner
    # chains are the longest, so they are the lookups the query benchmarks use
    deepest = sorted(subjects, key=lambda c: (-depth(c, roots), c))[:20]
    meta = {"triples": w.count, "announcements": docs, "companies": n, "roots": roots,
            "bytes": out.stat().st_size, "out": str(out), "seed": seed,
            "max_depth": depth(deepest[0], roots) if deepest else 0,
            "targets": [org_id(c) for c in deepest]}
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=10_000, help="about how many quads (10k, 100k, 1M)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True, help="the .nq file to write")
    args = ap.parse_args()
    meta = generate(args.triples, args.seed, args.out)
    print(json.dumps({k: v for k, v in meta.items() if k != "targets"}))


if __name__ == "__main__":
    main()
