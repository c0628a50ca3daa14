"""Write a synthetic corpus of announcements for the benchmarks.

    python benchmarks/gen_corpus.py --docs 1000 --seed 7 --out /tmp/og-corpus

Each announcement (~3 KB) is a press release about one company: a headline, a
dateline, a lead paragraph with its ticker, facts of one or two main kinds
(ownership, a deal, an acquisition, a listing, officers), a quote, an "About"
section and forward-looking boilerplate. Companies are arranged in an ownership
forest (each company below the roots has a majority parent and may have
minority holders with lower indexes), so chains run many levels deep. The text
is written from templates for this project, with varied phrasing that
oregraph's extractor reads. Same seed and size, same files, byte for byte.

Nothing in the oregraph package imports this file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from names import (  # noqa: E402
    CITIES, COMMODITIES, EXCHANGES, MAX_COMPANIES, MINE_PLACES, PLANT_KINDS, TITLES, WIRES,
    asset_name, company_name, person_name, short_name, ticker,
)

BRANCHING = 3  # children per parent in the ownership forest


class World:
    """The companies of a corpus and who controls whom (deterministic by size)."""

    def __init__(self, n_docs: int) -> None:
        self.n = min(MAX_COMPANIES, max(200, n_docs // 2))
        self.roots = max(5, self.n // 200)

    def parent(self, c: int) -> int | None:
        return None if c < self.roots else (c - self.roots) // BRANCHING

    def depth(self, c: int) -> int:
        d = 0
        while (p := self.parent(c)) is not None:
            c, d = p, d + 1
        return d


def _pct(rng: random.Random, lo: float, hi: float) -> str:
    value = rng.uniform(lo, hi)
    text = f"{value:.1f}" if rng.random() < 0.5 else f"{round(value)}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _listing(c: int) -> tuple[str, str, str]:
    code, long_name = EXCHANGES[c % len(EXCHANGES)]
    return code, long_name, ticker(c)


# -- paragraphs ------------------------------------------------------------------

def ownership_paragraph(rng: random.Random, w: World, c: int) -> list[str]:
    s, parent = company_name(c), w.parent(c)
    out = []
    minority = sorted({rng.randrange(0, c) for _ in range(rng.randint(1, 3))} - {parent}) if c > 1 else []
    if parent is not None:
        p = company_name(parent)
        share = _pct(rng, 51, 90)
        out.append(rng.choice([
            f"{p} holds a {share}% interest in {s} and remains its controlling shareholder.",
            f"{s} is {share}% owned by {p}, which acquired control of the company several years ago.",
            f"{p} currently owns a {share}% equity interest in {s}.",
            f"{s} is a wholly-owned subsidiary of {p}.",
            f"{s} is an indirect, wholly-owned subsidiary of {p}.",
        ]))
    if minority:
        holders = [(company_name(h), _pct(rng, 1, 12)) for h in minority]
        if len(holders) >= 2 and rng.random() < 0.5:
            items = ", ".join(f"{n} ({v}%)" for n, v in holders[:-1])
            out.append(f"Besides its controlling holder, {s} is owned by "
                       f"{items} and {holders[-1][0]} ({holders[-1][1]}%).")
        else:
            for name, value in holders:
                out.append(rng.choice([
                    f"{name} holds a {value}% stake in {s}.",
                    f"{name}, a {value}% shareholder of {s}, supported the plan.",
                    f"{name} owns approximately {value}% of {s}.",
                ]))
    child = c * BRANCHING + w.roots
    if child < w.n:
        cn = company_name(child)
        out.append(rng.choice([
            f"{s} also holds a {_pct(rng, 51, 95)}% interest in {cn}, which it consolidates.",
            f"{cn} is a wholly-owned subsidiary of {s}.",
        ]))
    out.append(rng.choice([
        "The ownership of the company has not changed since the last annual report.",
        "No single shareholder other than those named above holds more than ten percent of the shares.",
        "The share register was reviewed by the board as part of the annual governance process.",
    ]))
    return out


def deal_paragraph(rng: random.Random, w: World, c: int) -> list[str]:
    s = company_name(c)
    other = company_name(rng.randrange(w.n))
    commodity = rng.choice(COMMODITIES)
    kind = rng.randrange(4)
    if kind == 0:
        first = rng.choice([
            f"{s} and {other} have signed a memorandum of understanding to study a shared {commodity} processing hub.",
            f"{s} has signed a non-binding memorandum of understanding with {other} covering joint work on {commodity} supply.",
        ])
    elif kind == 1:
        first = rng.choice([
            f"{s} and {other} have formed a joint venture to explore the {asset_name(c)} property for {commodity}.",
            f"{s} entered into a joint venture agreement with {other} to advance a {commodity} project together.",
        ])
    elif kind == 2:
        first = rng.choice([
            f"{s} has signed an offtake agreement with {other} for part of its future {commodity} output.",
            f"{s} entered into a binding offtake agreement with {other} covering {commodity} concentrate.",
        ])
    else:
        share = _pct(rng, 10, 49)
        first = rng.choice([
            f"{s} has entered into a definitive agreement to acquire a {share}% interest in {other}.",
            f"{s} has agreed to acquire {share}% of the outstanding shares of {other}.",
        ])
    return [first, rng.choice([
        "The parties expect to complete the work programme within eighteen months, subject to approvals.",
        "Both boards approved the arrangement, which remains subject to customary conditions.",
        "Terms of the arrangement were not disclosed beyond what is described in this release.",
    ])]


def asset_paragraph(rng: random.Random, w: World, c: int) -> list[str]:
    s = company_name(c)
    asset = asset_name(c)
    kind = rng.choice(PLANT_KINDS)
    place = rng.choice(MINE_PLACES)
    commodity = rng.choice(COMMODITIES)
    return [rng.choice([
        f"{s} operates the {asset} {kind} in {place}, which processes {commodity}.",
        f"{s} owns and operates the {asset} Mine in {place}, a {commodity} producer.",
        f"{s} is the operator of the {asset} Project in {place}.",
    ]), f"Work at the site in {place} continued without interruption during the quarter."]


def officer_sentences(rng: random.Random, c: int) -> list[str]:
    s, short = company_name(c), short_name(c)
    person = person_name(c * 3 + rng.randrange(3))
    title = rng.choice(TITLES)
    quote = rng.choice([
        "This step gives us a clearer structure and a stronger balance sheet for the years ahead",
        "We are pleased with the progress of our teams and with the support of our shareholders",
        "The plan reflects the discipline we have shown through every part of the metals cycle",
    ])
    return [rng.choice([
        f"\"{quote},\" said {person}, {title} of {s}.",
        f"\"{quote},\" said {person}, {short}'s {title}.",
        f"{person}, {title} of {s}, said: \"{quote}.\"",
    ])]


FLS = (
    "Forward-Looking Statements\n\n"
    "This news release contains forward-looking statements about plans, expected results and "
    "the completion of the transactions described. Such statements rest on assumptions that "
    "management believes reasonable but that may prove wrong, and they are subject to risks "
    "including commodity prices, permitting, financing, the availability of equipment and staff, "
    "and the decisions of partners and regulators. Actual results may differ materially from "
    "those expressed or implied. Readers should not place undue reliance on these statements, "
    "which speak only as of the date of this release, and the company does not undertake to "
    "update them except as required by applicable securities laws."
)


def announcement(i: int, seed: int, w: World) -> tuple[str, str]:
    """The file name and the text of the ``i``-th announcement."""
    rng = random.Random(f"{seed}:{i}")
    c = rng.randrange(w.n)
    s, short = company_name(c), short_name(c)
    code, long_exchange, sym = _listing(c)
    date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2500))
    kind = rng.choices(["ownership", "deal", "asset", "officers"], weights=[4, 3, 2, 1])[0]
    headline = {
        "ownership": rng.choice([f"{short} Reports Updated Shareholding Structure",
                                 f"{short} Publishes Summary of Its Principal Shareholders"]),
        "deal": rng.choice([f"{short} Announces New Agreement", f"{short} Signs Strategic Arrangement"]),
        "asset": rng.choice([f"{short} Provides Operations Update", f"{short} Reports Quarterly Progress"]),
        "officers": rng.choice([f"{short} Announces Leadership Update", f"{short} Names New Executive"]),
    }[kind]
    lead = (f"{rng.choice(CITIES)}, {date:%B} {date.day}, {date.year} /{rng.choice(WIRES)}/ -- "
            f"{s} ({code}: {sym}) (\"{short}\" or the \"Company\") today "
            f"{rng.choice(['announced', 'reported', 'provided'])} "
            f"{rng.choice(['an update for its shareholders', 'information on its corporate affairs', 'news on its business'])}.")
    body: list[str] = []
    paragraphs = {"ownership": ownership_paragraph, "deal": deal_paragraph,
                  "asset": asset_paragraph, "officers": lambda r, _w, x: officer_sentences(r, x)}
    body.append(" ".join(paragraphs[kind](rng, w, c)))
    second = rng.choice([k for k in paragraphs if k != kind])
    body.append(" ".join(paragraphs[second](rng, w, c)))
    if kind != "officers" and second != "officers":
        body.append(" ".join(officer_sentences(rng, c)))
    filler = rng.choice([
        f"During the period the Company kept its focus on safety, cost control and the "
        f"responsible development of its {rng.choice(COMMODITIES)} assets, and it continued "
        f"to engage with local communities and Indigenous partners near its operations.",
        f"The Company ended the period with a cash position it considers sufficient to fund its "
        f"planned programmes, and it will report detailed figures with its next financial statements.",
    ])
    body.append(filler)
    body.append(rng.choice([
        "The board met twice during the period and approved the budget for the coming year, "
        "including funds for drilling, metallurgical test work and environmental baseline studies. "
        "The Company also renewed its insurance programme and completed a review of its tailings "
        "management practices with an independent engineer.",
        "Management held meetings with investors in several cities and presented the Company's "
        "strategy at two industry conferences. Questions centred on capital allocation, the outlook "
        "for metal prices and the timetable for the next technical report, which the Company "
        "expects to file before the end of the year.",
    ]))
    body.append(
        f"Qualified Person\n\nThe scientific and technical information in this release was reviewed "
        f"and approved by {person_name(c * 5 + 2)}, P.Geo., a qualified person under the applicable "
        f"disclosure standard, who is not independent of the Company. Sampling, assaying and "
        f"quality control followed the procedures described in the Company's most recent technical "
        f"report, and no factors were identified that would materially affect the results reported.")
    about = (f"About {s}\n\n{s} is a {rng.choice(COMMODITIES)} company with interests in "
             f"{rng.choice(MINE_PLACES)} and {rng.choice(MINE_PLACES)}. Its shares trade on the "
             f"{long_exchange} under the symbol {sym}.")
    contact = (f"For further information: {person_name(c + 11)}, Investor Relations, {s}, "
               f"investors@{short.lower()}.example")
    text = "\n\n".join([headline, lead, *body, about, FLS, contact]) + "\n"
    return f"ann-{i:06d}.txt", text


def check(folder: Path, limit: int) -> dict:
    """Run oregraph's extractor over the first ``limit`` files: facts per predicate."""
    from collections import Counter

    from oregraph.ingest.extract import extract
    from oregraph.ingest.records import Announcement

    counts: Counter[str] = Counter()
    files = sorted(folder.glob("ann-*.txt"))[:limit]
    for path in files:
        ex = extract(Announcement(text=path.read_text(encoding="utf-8"), source=path.as_uri()))
        counts.update(f.predicate for f in ex.facts)
    return {"checked": len(files), "facts": sum(counts.values()),
            "facts_per_doc": round(sum(counts.values()) / max(1, len(files)), 2),
            "by_predicate": dict(counts.most_common())}


def generate(n_docs: int, seed: int, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    w = World(n_docs)
    total = 0
    for i in range(n_docs):
        name, text = announcement(i, seed, w)
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        total += len(data)
    return {"docs": n_docs, "bytes": total, "companies": w.n, "max_depth": w.depth(w.n - 1),
            "out": str(out), "seed": seed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000, help="number of announcements (1,000 to 100,000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True, help="folder to write ann-NNNNNN.txt files into")
    ap.add_argument("--check", type=int, default=0, metavar="K",
                    help="then extract the first K files with oregraph and count the facts by predicate")
    args = ap.parse_args()
    print(json.dumps(generate(args.docs, args.seed, args.out)))
    if args.check:
        print(json.dumps(check(args.out, args.check)))


if __name__ == "__main__":
    main()
