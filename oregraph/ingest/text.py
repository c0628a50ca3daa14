"""Plain-text announcements: bytes on disk to an :class:`Announcement`.

Refuses, with a message that names the problem, what is not an announcement:
an empty file, a binary file, a file over the size limit.
"""

from __future__ import annotations

from pathlib import Path

from oregraph.errors import InputError
from oregraph.ingest.records import Announcement

__all__ = ["read_text_file", "decode_text", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 5_000_000


def decode_text(data: bytes, name: str) -> str:
    """Decode announcement bytes: UTF-8 (with or without BOM), else Windows-1252.

    >>> decode_text("Québec".encode("cp1252"), "x.txt")
    'Québec'
    """
    if not data.strip():
        raise InputError(f"{name}: the file is empty; nothing to ingest")
    sample = data[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 100 + 2:
        raise InputError(f"{name}: this looks like a binary file, not a text announcement")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        text = data.decode("latin-1")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: the file holds only whitespace; nothing to ingest")
    return text


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Announcement:
    """Read one ``.txt`` announcement."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise InputError(
            f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit for one announcement "
            "(raise OREGRAPH_MAX_ANNOUNCEMENT_BYTES if it really is one)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    text = decode_text(data, str(path))
    return Announcement(text=text, source=path.resolve().as_uri())
