"""Plain-text announcements: bytes to an :class:`Announcement`.

Refuses, with a message that names the problem, what is not an announcement:
an empty file, a binary file, a file over the size limit. Text that is not
UTF-8 is decoded by its byte-order mark, else as Windows-1252 when it reads
as Western European text, else in the encoding charset-normalizer detects.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from oregraph.errors import InputError
from oregraph.ingest.context import Item
from oregraph.ingest.records import Announcement

if TYPE_CHECKING:
    from oregraph.ingest.context import Document, IngestContext

__all__ = ["read", "read_text_file", "read_bytes", "decode_text", "clean_text", "looks_binary", "check_size",
           "language_tag", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 5_000_000

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Latin-1 symbols that, wedged between letters, betray another single-byte encoding
# read as Windows-1252 ("udzia³ów" is Polish ISO-8859-2 read wrongly)
_WEDGED = set("¡¢£¤¥¦§¨©ª¬®¯°±²³´µ¶·¸¹º¼½¾¿×÷")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Text as stored: NFC, ``\\n`` line ends, no control characters (they come from damaged input).

    >>> clean_text("Birch\\x00 Holdings\\r\\nLtd.")
    'Birch Holdings\\nLtd.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(value: str | None) -> str | None:
    """A BCP 47 language tag as declared by a page or feed, in its usual case; None when it is not one.

    >>> language_tag(" fr_ca "), language_tag("EN"), language_tag("français"), language_tag("")
    ('fr-CA', 'en', None, None)
    """
    tag = (value or "").strip().replace("_", "-")
    if not _LANGUAGE.fullmatch(tag):
        return None
    first, *rest = tag.split("-")
    return "-".join([first.lower(), *(p.upper() if len(p) == 2 else p.lower() if len(p) != 4 else p.title()
                                     for p in rest)])


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NULs or many control characters in the first 8 KB.

    >>> looks_binary(b"%PDF-1.7\\n\\x00\\x01"), looks_binary("Québec".encode())
    (True, False)
    """
    sample = data[:8192]
    return b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 100 + 2


def _reads_as_western(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) > 127)
    if letters and accented / len(letters) > 0.3:  # Cyrillic or Greek read as Latin-1
        return False
    return not any(c in _WEDGED and text[i - 1].isalpha() and text[i + 1].isalpha()
                   for i, c in enumerate(text[1:-1], start=1))


def _detect(data: bytes, name: str) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_western(text):
        return text
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        if not match.encoding.startswith(("utf_16", "utf_32")):  # no BOM: never UTF-16/32
            return str(match)
    if text is not None:
        return text
    raise InputError(f"{name}: cannot tell the character encoding of this text; "
                     "save it as UTF-8 and ingest it again")


def decode_text(data: bytes, name: str, charset: str | None = None) -> str:
    """Decode announcement bytes: byte-order mark, else UTF-8, else a detected encoding.

    ``charset`` (from an HTTP header) is tried first when given.

    >>> decode_text("Québec".encode("cp1252"), "x.txt")
    'Québec'
    >>> decode_text("Норильский никель владеет 30% акций.".encode("cp1251"), "x.txt")
    'Норильский никель владеет 30% акций.'
    """
    if not data.strip():
        raise InputError(f"{name}: the file is empty; nothing to ingest")
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        if looks_binary(data):
            kind = "a PDF" if data.startswith(b"%PDF-") else "a binary file"
            hint = " (name it .pdf to read it as one)" if kind == "a PDF" else ""
            raise InputError(f"{name}: this looks like {kind}, not a text announcement{hint}; "
                             "binary files are refused")
        if charset:
            try:
                text = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                text = None
        if text is None:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _detect(data, name)
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{name}: the file holds only whitespace; nothing to ingest")
    return text


def check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            f"{name}: {size:,} bytes is over the {max_bytes:,}-byte limit for one announcement "
            "(raise OREGRAPH_MAX_ANNOUNCEMENT_BYTES if it really is one)"
        )


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, refused when over ``max_bytes`` (checked before reading)."""
    try:
        check_size(str(path), path.stat().st_size, max_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Announcement:
    """Read one ``.txt`` announcement."""
    text = decode_text(read_bytes(path, max_bytes), str(path))
    return Announcement(text=text, source=path.resolve().as_uri())


def read(ctx: IngestContext, doc: Document) -> Iterator[Item]:
    """The text ingestor: the whole document is one announcement."""
    text = decode_text(doc.data, doc.name, doc.charset)
    yield Item(doc.name, "text", Announcement(text=text, source=doc.uri))
