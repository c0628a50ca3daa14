"""Document cleanup: headline, dateline, date, publisher, and the parts to skip.

Nothing is deleted from the text (evidence offsets point into it unchanged):
cleanup returns metadata and a list of paragraphs, each marked with the
section it belongs to. Boilerplate paragraphs (forward-looking statements,
exchange disclaimers, contact blocks, qualified-person statements) are marked
``skip`` so no fact is read from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["Paragraph", "Cleaned", "clean", "parse_date"]

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_FR_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
_DATE_PATTERNS = [
    (re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\.?,?\s+(\d{{4}})\b"), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})-([A-Z]{3})-(\d{4})\b"), "reuters"),
    (re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(_FR_MONTHS) + r")\s+(\d{4})\b", re.I), "fr"),
]

_PUBLISHER = [
    re.compile(r"\((GLOBE NEWSWIRE|BUSINESS WIRE|ACCESSWIRE|ACCESS Newswire|Marketwired|"
               r"Newsfile Corp\.?|PRNewswire|PR Newswire|CNW|Canada NewsWire|NewMediaWire|"
               r"EQS Newswire|Reuters)\)", re.I),
    re.compile(r"/\s*([A-Z][A-Za-z .&-]{2,40}?)\s*/\s*(?:--|—|-)"),
    re.compile(r"--\s*(News Direct|Newsfile|InvestorBrandNetwork)\s*--", re.I),
]

# A paragraph that opens with one of these is boilerplate, and so is every
# paragraph after a heading that matches _SKIP_HEADING until the next heading.
_SKIP_OPENERS = re.compile(
    r"^\s*(?:Neither (?:the )?(?:TSX|TSXV|Canadian Securities Exchange|CSE|NYSE|ASX)|"
    r"(?:The )?(?:TSX|TSXV|CSE|ASX|Hong Kong)[\w ,.()]{0,80}(?:has|have|takes?) (?:not|no)|"
    r"This (?:news |press )?release (?:does not|shall not|is not)|"
    r"Not for (?:distribution|dissemination)|NOT FOR (?:DISTRIBUTION|DISSEMINATION)|"
    r"(?:Cautionary|Forward[- ]Looking|Caution Regarding)|"
    r"(?:Certain )?(?:statements|information) (?:in|contained in) this (?:news |press )?release|"
    r"For (?:further|more|additional) information|Contacts?:|Media (?:contact|inquiries)|"
    r"Investor (?:contact|relations)|SOURCE:|Source:|Ni la Bourse|Mise en garde|"
    r"Pour (?:plus d'information|de plus amples renseignements|information))",
    re.I,
)
_SKIP_HEADING = re.compile(
    r"^\s*(?:Cautionary|Forward[- ]Looking|Caution|Qualified Persons?|Technical Information|"
    r"Contacts?|For further information|Mise en garde|Énoncés prospectifs|Renseignements)\b",
    re.I,
)
# a qualified person's statement: a paragraph that names one and is short or opens on it (a passing "NI 43-101
# report" in an About paragraph is no such statement)
_QUALIFIED_PERSON = re.compile(r"\bQualified Persons?\b|\bpersonne qualifiée\b|"
                               r"\bP\.\s?(?:Geo|Eng)\b.{0,200}?\b(?:reviewed|approved|verified|prepared)\b|"
                               r"\b(?:reviewed|approved|verified|prepared)\b.{0,200}?\bP\.\s?(?:Geo|Eng)\b", re.I | re.S)
_QP_OPENING = re.compile(r"\s*(?:Qualified Persons?|QP|The (?:scientific|technical|scientific and technical)|"
                         r"Technical (?:information|disclosure)|Personne qualifiée|[^.]{0,80}\b(?:reviewed and approved|"
                         r"has reviewed|approved the (?:scientific|technical))\b)", re.I)
_ABOUT_HEADING = re.compile(r"^\s*(?:ABOUT|About|À propos de|A propos de)\s+\S", re.U)


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    section: str  # "body", "about", "skip", "header"


@dataclass(frozen=True)
class Cleaned:
    title: str | None
    date: date | None
    publisher: str | None
    paragraphs: list[Paragraph]


def parse_date(text: str) -> date | None:
    """The first calendar date written in ``text``, in the forms newswires use.

    >>> parse_date("MONTRÉAL, July 13, 2023 (GLOBE NEWSWIRE) --")
    datetime.date(2023, 7, 13)
    >>> parse_date("9-MAR-1987 12:29:14.18")
    datetime.date(1987, 3, 9)
    >>> parse_date("QUÉBEC, le 4 mars 2024 /CNW/")
    datetime.date(2024, 3, 4)
    """
    best: tuple[int, date] | None = None
    for pattern, kind in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                if kind == "mdy":
                    d = datetime.strptime(f"{m[1][:3]} {m[2]} {m[3]}", "%b %d %Y").date()
                elif kind == "dmy":
                    d = datetime.strptime(f"{m[2][:3]} {m[1]} {m[3]}", "%b %d %Y").date()
                elif kind == "iso":
                    d = date(int(m[1]), int(m[2]), int(m[3]))
                elif kind == "reuters":
                    d = datetime.strptime(f"{m[2].title()} {m[1]} {m[3]}", "%b %d %Y").date()
                else:
                    d = date(int(m[3]), _FR_MONTHS[m[2].lower()], int(m[1]))
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), d)
            break
    return best[1] if best else None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: split at blank lines, and at indented lines (newswire hard wraps)."""
    spans: list[tuple[int, int]] = []
    start = None
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        line_start, pos = pos, pos + len(line)
        if not stripped:
            if start is not None:
                spans.append((start, line_start))
                start = None
            continue
        indented = line[:1] in (" ", "\t") and len(line) - len(line.lstrip()) >= 3
        if start is not None and indented:
            spans.append((start, line_start))
            start = None
        if start is None:
            start = line_start + (len(line) - len(line.lstrip()))
    if start is not None:
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_heading(chunk: str) -> bool:
    words = chunk.split()
    if not 0 < len(words) <= 12:
        return False
    if chunk.upper() == chunk and any(c.isalpha() for c in chunk):
        return True  # "ABOUT IMPERIAL MINING GROUP LTD."
    return not chunk.rstrip().endswith((".", ",", ";", ":", '"', "”"))


def _is_title(line: str) -> bool:
    """A headline: a heading, or one line in capitals or without a final stop (<= 30 words)."""
    words = line.split()
    if not 0 < len(words) <= 30:
        return False
    if line.upper() == line and any(c.isalpha() for c in line):
        return True
    return _is_heading(line) or (len(words) <= 25 and not line.rstrip().endswith((".", ",", ";", ":")))


def _split_head(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Headline and date lines glued to the lead paragraph become a paragraph of their own.

    "Title\n2025-03-13\nCITY - (WIRE) - Foo Corp. ..." is a header of two lines
    and a lead paragraph, not a three-line header.
    """
    s, e = spans[0]
    lines = text[s:e].splitlines(keepends=True)
    if len(lines) < 2 or not _is_title(lines[0].strip()):
        return spans
    pos = s
    for n, line in enumerate(lines):
        stripped = line.strip()
        if n > 0 and not (_is_heading(stripped) or (len(stripped) <= 40 and parse_date(stripped))):
            rest = pos + (len(line) - len(line.lstrip()))
            if len(text[rest:e].split()) >= 15:
                return [(s, pos), (rest, e), *spans[1:]]
            return spans
        pos += len(line)
    return spans


def clean(text: str) -> Cleaned:
    """Split ``text`` into marked paragraphs and read its headline, date and publisher."""
    spans = _paragraph_spans(text)
    head = text[: spans[0][1] + 400] if spans else ""
    paragraphs: list[Paragraph] = []
    title = None
    section = "body"
    if spans:
        spans = _split_head(text, spans)
    for i, (s, e) in enumerate(spans):
        chunk = text[s:e].strip()
        first_line = chunk.splitlines()[0] if chunk else ""
        if i == 0 and _is_title(first_line) and len(chunk.splitlines()) <= 3 and (
            chunk.upper() == chunk or "\n" not in chunk or parse_date(chunk)
        ):
            title = first_line.strip()
            paragraphs.append(Paragraph(s, e, "header"))
            continue
        if i <= 2 and (re.fullmatch(r"[\d\-:. A-Za-z]{6,40}", chunk) and parse_date(chunk)
                       or re.fullmatch(r"--\s*[\w ]+\s*--", chunk)):
            paragraphs.append(Paragraph(s, e, "header"))
            continue
        if _SKIP_HEADING.match(chunk) and _is_heading(first_line):
            section = "skip"
        elif _ABOUT_HEADING.match(chunk) and len(chunk.split()) <= 10:
            section = "about"
        elif _is_heading(chunk) and section == "skip":
            section = "body"
        if section == "skip" or _SKIP_OPENERS.match(chunk) or _QUALIFIED_PERSON.search(chunk) and (
                len(chunk) < 500 or _QP_OPENING.match(chunk)):
            paragraphs.append(Paragraph(s, e, "skip"))
        else:
            paragraphs.append(Paragraph(s, e, section))
    publisher = None
    for pattern in _PUBLISHER:
        m = pattern.search(head)
        if m:
            publisher = m.group(1).strip()
            break
    return Cleaned(title=title, date=parse_date(head), publisher=publisher, paragraphs=paragraphs)
