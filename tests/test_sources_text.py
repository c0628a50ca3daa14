"""Decoding text: charsets, byte-order marks, binary refused by content, the size limit,
and the kind of a file told by its extension or its first bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from oregraph.errors import InputError
from oregraph.graph.store import Store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.context import Document
from oregraph.ingest.sources import sniff
from oregraph.ingest.text import decode_text
from oregraph.settings import Settings

SOURCES = Path(__file__).parent / "fixtures" / "sources"

TEXTS = {
    "cp1252": "Société Minière Boréale Inc. détient 40 % de Birch Holdings Ltd. – « contrôle » partagé.",
    "cp1251": "Северный никель владеет 30% акций компании Берёзовый рудник.",
    "shift_jis": "北方鉱業株式会社は銅鉱山の権益を30%取得したと発表した。",
    "gb18030": "北方矿业公司宣布收购该铜矿项目百分之四十五的股权。",
    "utf-8": "Alder Mining Inc. holds 45% of Birch Holdings Ltd. in Québec.",
}


@pytest.mark.parametrize("encoding", sorted(TEXTS))
def test_text_in_a_legacy_encoding_is_decoded(encoding: str) -> None:
    text = TEXTS[encoding]
    assert decode_text(text.encode(encoding), "x.txt") == text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_byte_order_mark_decides_the_encoding(encoding: str) -> None:
    text = "Alder Mining Inc. holds 45% of Birch Holdings Ltd. in Québec."
    assert decode_text(text.encode(encoding), "x.txt") == text


def test_a_charset_given_by_the_server_is_used() -> None:
    text = "Société Minière Boréale Inc."
    assert decode_text(text.encode("iso8859_15"), "x", charset="iso-8859-15") == text


def test_line_endings_and_composed_accents_are_normalised() -> None:
    assert decode_text("Que\u0301bec\r\nline two\rthree".encode(), "x") == "Québec\nline two\nthree"


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n\x00\x01\x02\x03" + bytes(range(256)) * 8,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)),
])
def test_binary_content_is_refused_whatever_the_file_name(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        decode_text(data, "scan.txt")
    assert "binary" in str(err.value) and str(err.value).startswith("scan.txt: ")


def test_a_pdf_named_txt_says_how_to_read_it() -> None:
    with pytest.raises(InputError, match=r"name it \.pdf"):
        decode_text(b"%PDF-1.7\n\x00\x01\x02", "scan.txt")


def test_the_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Alder Mining Inc. holds 45% of Birch Holdings Ltd. " * 100)
    settings = Settings(store=str(tmp_path / "s"), max_announcement_bytes=1_000)
    with Store.open(tmp_path / "s", settings) as st:
        report = ingest_paths(st, [big])
    ((name, reason),) = report.failed
    assert name == str(big) and "1,000-byte limit" in reason and "OREGRAPH_MAX_ANNOUNCEMENT_BYTES" in reason


@pytest.mark.parametrize(("head", "kind"), [
    (b"%PDF-1.4\n%\xe2\xe3", "pdf"),
    (b"<?xml version='1.0'?>\n<rss version='2.0'><channel>", "feed"),
    (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b"<!DOCTYPE html>\n<html lang='en'><head>", "html"),
    (b"\xef\xbb\xbf<html><body>", "html"),
    (b"owner,owned,share,date,source\nA Inc.,B Ltd.,40,2024-01-01,registry", "stakes"),
    (b"Owner\tOwned\tSource\n", "stakes"),
    (b'[{"owner": "A Inc.", "owned": "B Ltd."}]', "stakes"),
    (b"TORONTO, March 5, 2024 -- Alder Mining Inc. said today", "text"),
    (b"Owner of the mill, Alder said it owned the land too.", "text"),  # prose, not a header row
    (b"\x00\x01\x02\x03binary", "binary"),
])
def test_the_kind_is_sniffed_from_the_first_bytes(head: bytes, kind: str) -> None:
    assert sniff(Document("x", "urn:x", head)) == kind


def test_a_folder_is_read_by_extension_and_by_content(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "deep").mkdir(parents=True)
    (folder / "release.txt").write_text("Alder Mining Inc. owns 30% of Spruce Metals Corp.")
    (folder / "deep" / "page.htm").write_bytes((SOURCES / "alder-birch.html").read_bytes())
    (folder / "deep" / "downloaded").write_bytes((SOURCES / "newswire.atom").read_bytes())  # no extension
    (folder / "feed.xml").write_bytes((SOURCES / "newswire.atom").read_bytes().replace(b"Tamarack", b"Tamarind"))
    (folder / "pom.xml").write_text("<project><modelVersion>4.0.0</modelVersion></project>")  # not a feed
    (folder / "notes.md").write_text("Not an announcement.")
    (folder / "package.json").write_text('{"name": "not-a-stake-table"}')
    (folder / ".hidden.txt").write_text("Larch Resources Corp. owns 5% of Birch Holdings Ltd.")
    with Store.memory() as st:
        report = ingest_paths(st, [folder])
    assert report.ok, report.failed
    assert sorted(report.ingested) == sorted([
        str(folder / "release.txt"), str(folder / "deep" / "page.htm"),
        f"{folder / 'deep' / 'downloaded'} entry 1", f"{folder / 'feed.xml'} entry 1"])
