"""Hostile input through ``oregraph ingest``, run in-process: one bad file is one line.

A folder holds two good announcements and every kind of bad input we could
think of: empty, binary, oversized, wrongly encoded, truncated HTML, RSS, Atom
and PDF, a PDF with no text or a password, script and markup in company names,
entity bombs and external entities in XML. One run of ``oregraph ingest`` over
the folder must

* name each unreadable file in exactly one ``failed: FILE: reason`` line,
* still ingest every readable announcement (the good ones among them),
* print no traceback, and store nothing that came out of a ``<script>`` or
  out of a file the input merely pointed at.

Static inputs live in ``tests/fixtures/hostile/``; the rest are made here.
Feeds have no ``<link>``: a feed entry with a link would be completed by
fetching it, and these tests do not use the network.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from oregraph.graph.store import Store
from tests.cli_helpers import SUMMARY, invoke, no_traceback

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
LIMIT = 12_000  # OREGRAPH_MAX_ANNOUNCEMENT_BYTES for these runs (small: extraction is slow on long texts)
GOOD = {
    "good-one.txt": "TORONTO, March 3, 2025 - Alder Mining Ltd. announced today that it has "
                    "acquired 40% of Birch Holdings Inc., which operates the Cedar Lake mine.\n",
    "good-two.txt": "PERTH, Australia, April 2, 2025 - Wattle Resources Ltd. announced that it "
                    "holds 12.5% of Banksia Nickel Pty Ltd.\n",
}
SECRET = "oregraph-hostile-secret-8d1f"


def _pdf(text: str | None, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    pdf.add_page()
    if text:
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def _laughs(levels: int) -> str:
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    for i in range(1, levels + 1):
        entities.append(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">')
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [{"".join(entities)}]>\n'
            f'<rss version="2.0"><channel><title>Laughs</title><item><guid>l1</guid>'
            f'<title>Oak Metals Ltd. holds 10% of Elm Mining Inc.</title>'
            f'<description>&lol{levels}; Oak Metals Ltd. holds 10% of Elm Mining Inc.</description>'
            f'</item></channel></rss>\n')


def _generated(folder: Path, secret_file: Path) -> None:
    junk = random.Random(8).randbytes(6000)
    for ext in ("txt", "html", "rss", "atom", "pdf", "csv"):
        (folder / f"empty.{ext}").write_bytes(b"")
        (folder / f"binary.{ext}").write_bytes(junk)
    (folder / "whitespace.txt").write_bytes(b" \n\t\r\n  \n")
    (folder / "nul-bytes.txt").write_bytes(b"Alder Mining Ltd.\x00\x00\x00 holds 40%\x00")
    sentence = "Alder Mining Ltd. announced that it holds 40% of Birch Holdings Inc. "
    (folder / "oversized.txt").write_text(sentence * (LIMIT // len(sentence) + 10), encoding="utf-8")
    (folder / "oversized.html").write_text(
        "<html><body><article>" + f"<p>{sentence}</p>" * (LIMIT // len(sentence) + 10)
        + "</article></body></html>", encoding="utf-8")
    (folder / "utf16-no-bom.txt").write_bytes(GOOD["good-two.txt"].replace("PERTH", "DARWIN").encode("utf-16-le"))
    pdf = _pdf("BRISBANE, May 5, 2025 - Mallee Copper Ltd. announced that it holds 55% of Mulga Gold Pty Ltd.")
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "pdf-header-only.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (folder / "no-text-layer.pdf").write_bytes(_pdf(None))
    (folder / "password.pdf").write_bytes(_pdf("Secret text of Ironbark Holdings Ltd.", password="pw-1234"))
    (folder / "billion-laughs.rss").write_text(_laughs(9), encoding="utf-8")
    (folder / "external-entity.rss").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>\n'
        '<rss version="2.0"><channel><title>XXE</title><item><guid>x1</guid>'
        '<title>Karri Metals Ltd. holds 5% of Jarrah Mining Ltd.</title>'
        '<description>&xxe; Karri Metals Ltd. holds 5% of Jarrah Mining Ltd.</description>'
        '</item></channel></rss>\n', encoding="utf-8")
    (folder / "deep-nesting.html").write_text(
        "<html><body>" + "<div>" * 5000 + "<p>Tuart Minerals Ltd. announced that it holds 8% of "
        "Marri Mining Ltd.</p>" + "</div>" * 10 + "</body></html>", encoding="utf-8")


@dataclass
class Run:
    folder: Path
    exit_code: int
    stdout: str
    stderr: str
    clean: bool  # no traceback
    failed: dict[str, list[str]]  # file name -> reasons (one per failed line naming it)
    texts: dict[str, str]  # dcterms:source -> og:text of every stored announcement


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "inbox"
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("README.md"))
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    secret_file = base / "secret.txt"
    secret_file.write_text(SECRET, encoding="utf-8")
    _generated(folder, secret_file)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OREGRAPH_STORE", str(base / "default-store"))
        mp.setenv("OREGRAPH_MAX_ANNOUNCEMENT_BYTES", str(LIMIT))
        result = invoke("ingest", folder, "--store", base / "store")
    failed: dict[str, list[str]] = {}
    for line in result.stderr.splitlines():
        m = re.match(rf"failed: {re.escape(str(folder))}/(.+?): (.+)$", line)
        if m:
            name = re.sub(r" entry \d+$", "", m.group(1))
            failed.setdefault(name, []).append(m.group(2))
    with Store.open(base / "store") as store:
        rows = store.select("PREFIX og: <https://w3id.org/oregraph/ontology#> "
                            "PREFIX dcterms: <http://purl.org/dc/terms/> "
                            "SELECT ?src ?text WHERE { ?a og:text ?text ; dcterms:source ?src }")
    texts = {str(r["src"]): str(r["text"]) for r in rows}
    return Run(folder, result.exit_code, result.stdout, result.stderr,
               no_traceback(result), failed, texts)


def _stored(run: Run, name: str) -> list[str]:
    """Texts stored from file ``name`` (a feed's entries are sources under its IRI)."""
    uri = (run.folder / name).resolve().as_uri()
    return [text for src, text in run.texts.items() if src == uri or src.startswith(uri + "#")]


# -- the batch as a whole ------------------------------------------------------------


def test_the_batch_ends_with_exit_1_a_summary_and_no_traceback(run: Run) -> None:
    assert run.clean, run.stderr[-2000:]
    assert run.exit_code == 1
    (summary,) = SUMMARY.findall(run.stdout)
    assert int(summary[3]) == sum(len(v) for v in run.failed.values())


def test_every_stderr_line_is_a_one_line_failure_or_warning(run: Run) -> None:
    for line in run.stderr.splitlines():
        assert re.match(r"(failed|warning): \S", line), line
    assert "Traceback" not in run.stdout + run.stderr


def test_good_announcements_are_ingested_despite_the_rest(run: Run) -> None:
    for name, text in GOOD.items():
        assert _stored(run, name) == [text], name
        assert name not in run.failed


# -- each bad input: one line naming the file and the reason ----------------------------

REFUSED = [
    # (file, words the reason must contain: one of them, case ignored)
    ("empty.txt", "empty"),
    ("empty.html", "empty|no article text|nothing"),
    ("empty.rss", "empty|no entries|not a readable"),
    ("empty.atom", "empty|no entries|not a readable"),
    ("empty.pdf", "empty|malformed"),
    ("empty.csv", "empty"),
    ("whitespace.txt", "empty|whitespace"),
    ("binary.txt", "binary"),
    ("binary.html", "binary|no article text"),
    ("binary.rss", "binary|not a readable"),
    ("binary.atom", "binary|not a readable"),
    ("binary.pdf", "malformed|not a pdf|cannot be read"),
    ("binary.csv", "binary|not a stake table"),
    ("nul-bytes.txt", "binary"),
    ("oversized.txt", "limit"),
    ("oversized.html", "limit"),
    ("truncated.pdf", "malformed|cannot be read|truncated"),
    ("pdf-header-only.pdf", "malformed|cannot be read|no text"),
    ("no-text-layer.pdf", "no text"),
    ("password.pdf", "password"),
    ("truncated.atom", "neither text nor title|no entries|malformed|not a readable"),
    ("not-a-feed.rss", "not a readable|no entries"),
    ("bad-header.csv", "stake table|column"),
]


@pytest.mark.parametrize(("name", "reason"), REFUSED, ids=[n for n, _ in REFUSED])
def test_unreadable_file_gets_one_line_naming_it_and_why(run: Run, name: str, reason: str) -> None:
    reasons = run.failed.get(name)
    assert reasons, f"no 'failed: {name}: ...' line in:\n{run.stderr}"
    assert len(reasons) == 1, reasons
    assert re.search(reason, reasons[0], re.I), reasons[0]
    assert not _stored(run, name)


def test_a_wrongly_encoded_text_file_reads_right(run: Run) -> None:
    (text,) = _stored(run, "latin1.txt")
    assert "Érable Métaux Inc." in text and "QUÉBEC" in text


def test_a_utf16_file_with_a_byte_order_mark_reads_right(run: Run) -> None:
    (text,) = _stored(run, "utf16-bom.txt")
    assert text.startswith("MONTRÉAL, June 9, 2025") and "\x00" not in text


def test_utf16_without_a_byte_order_mark_is_read_or_refused_in_one_line(run: Run) -> None:
    stored = _stored(run, "utf16-no-bom.txt")
    if stored:
        assert "DARWIN" in stored[0] and "\x00" not in stored[0]
    else:
        assert len(run.failed["utf16-no-bom.txt"]) == 1


def test_html_whose_declared_charset_lies_is_read_without_mojibake(run: Run) -> None:
    (text,) = _stored(run, "mislabelled.html")
    assert "Noyer M" in text and "Mining Ltd." in text
    assert "\ufffd" not in text, "the cp1252 bytes were replaced instead of decoded"
    assert "Noyer Métaux Inc." in text


def test_truncated_html_keeps_what_it_holds(run: Run) -> None:
    (text,) = _stored(run, "truncated.html")
    assert "Alder Mining Ltd. announced today that it has acquired 40% of Birch Holdings Inc." in text


def test_truncated_feed_keeps_its_whole_entry_and_names_the_broken_one(run: Run) -> None:
    texts = _stored(run, "truncated.rss")
    assert any("Larch Metals Inc. announced that it holds 20% of Spruce Copper Corp." in t for t in texts)
    (broken,) = run.failed.get("truncated.rss", [])  # one line, for the entry cut short


def test_deeply_nested_html_is_read_or_refused_in_one_line(run: Run) -> None:
    stored = _stored(run, "deep-nesting.html")
    assert stored or len(run.failed.get("deep-nesting.html", [])) == 1
    if stored:
        assert "Tuart Minerals Ltd." in stored[0]


# -- script, markup and entities -----------------------------------------------------------


def test_script_content_is_never_read_as_announcement_text(run: Run) -> None:
    (text,) = _stored(run, "script.html")
    assert "Hemlock Holdings Inc. announced that it holds 10% of Alder Mining Ltd." in text
    assert "Juniper" not in text and "Yew Resources" not in text and "document.write" not in text
    assert "onerror" not in text


def test_markup_in_text_is_stored_as_written_and_escaped_on_pages(run: Run) -> None:
    from oregraph.api import create_app
    from oregraph.settings import Settings

    (text,) = _stored(run, "script-names.txt")
    assert '<script>alert("owned")</script>' in text  # the text is kept as written
    store_dir = run.folder.parent / "store"
    with Store.open(store_dir) as store:
        client = TestClient(create_app(Settings(store=str(store_dir)), store))
        entity = client.get("/entities/org-rowan-mining")
        assert entity.status_code == 200
        facts = [f for f in entity.json()["facts"] if f["other"]["id"] == "org-aspen-holdings"]
        assert facts and '<script>alert("owned")</script>' in facts[0]["evidence"]
        for path in ("/entities/org-rowan-mining/page", "/entities/org-rowan-mining/graph",
                     "/entities/org-aspen-holdings/page"):
            page = client.get(path)
            assert page.status_code == 200, path
            assert "Aspen Holdings Inc." in page.text
            assert "<script>alert(" not in page.text and "<b>board</b>" not in page.text, path


def test_markup_tags_are_not_read_as_organisations(run: Run) -> None:
    from oregraph.ingest.extract import extract
    from oregraph.ingest.records import Announcement

    text = (HOSTILE / "script-names.txt").read_text(encoding="utf-8")
    labels = {e.label for e in extract(Announcement(text=text, source="urn:test")).entities.values()}
    assert {"Rowan Mining Ltd.", "Aspen Holdings Inc."} <= labels
    assert not [label for label in labels if label.startswith("/") or label in ("script", "b")], labels


def test_external_entities_are_not_resolved(run: Run) -> None:
    for text in run.texts.values():
        assert SECRET not in text
    stored = _stored(run, "external-entity.rss")
    assert stored or len(run.failed.get("external-entity.rss", [])) == 1


def test_entity_expansion_is_bounded(run: Run) -> None:
    """A billion laughs would be 3 GB of text: it is refused, or read without expanding."""
    stored = _stored(run, "billion-laughs.rss")
    assert stored or len(run.failed.get("billion-laughs.rss", [])) == 1
    for text in stored:
        assert len(text) <= LIMIT


def test_a_file_name_with_a_newline_cannot_forge_output_lines(tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "bad\nfailed: forged.txt").write_bytes(b"")
    (folder / "good.txt").write_text(GOOD["good-one.txt"], encoding="utf-8")
    result = invoke("ingest", folder, "--store", tmp_path / "s")
    assert result.exit_code == 1 and no_traceback(result)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("failed: "), lines


# -- other commands and one bad file alone ---------------------------------------------------


@pytest.mark.parametrize("name", [
    "binary.txt", "empty.txt", "nul-bytes.txt", "oversized.txt",
])
def test_extract_refuses_a_bad_file_in_one_line(run: Run, name: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OREGRAPH_MAX_ANNOUNCEMENT_BYTES", str(LIMIT))
    result = invoke("extract", run.folder / name)
    assert result.exit_code == 1 and no_traceback(result)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and name in line


def test_a_missing_and_an_unreadable_input_among_good_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD["good-one.txt"], encoding="utf-8")
    directory_named_txt = tmp_path / "folder.txt"
    directory_named_txt.mkdir()
    result = invoke("ingest", tmp_path / "missing.txt", good, "/dev/null", directory_named_txt,
                    "--store", tmp_path / "s")
    assert result.exit_code == 1 and no_traceback(result)
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert any("missing.txt" in ln for ln in failed)
    assert any("/dev/null" in ln for ln in failed)
    assert any("folder.txt" in ln for ln in failed)
    assert SUMMARY.search(result.stdout).group(2) == "1"


def test_a_billion_laughs_cannot_exhaust_memory(tmp_path: Path) -> None:
    """The real CLI in a process capped at 1 GB of address space and 120 s."""
    feed = tmp_path / "laughs.rss"
    feed.write_text(_laughs(9), encoding="utf-8")
    env = {**os.environ, "OREGRAPH_STORE": str(tmp_path / "default")}
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
            "from oregraph.cli import app; sys.argv = ['oregraph'] + sys.argv[1:]; app()")
    proc = subprocess.run([sys.executable, "-c", code, "ingest", str(feed), "--store", str(tmp_path / "s")],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr


@pytest.mark.parametrize(("name", "content"), [
    ("stakes.csv", "owner,owned,share,source\n"
                   "Alder Mining Ltd.,Birch Holdings Inc.,40,https://[oops/a\n"
                   "Rowan Mining Ltd.,Aspen Holdings Inc.,30,https://example.com/ok\n"),
    ("wire.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item>'
                 "<guid>1</guid><title>Alder buys Birch</title><link>http://[::1</link></item>"
                 "</channel></rss>"),
])
def test_a_malformed_url_in_a_cell_or_link_fails_one_item(tmp_path: Path, name: str, content: str) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD["good-one.txt"], encoding="utf-8")
    result = invoke("ingest", bad, good, "--store", tmp_path / "s")
    assert no_traceback(result), result.stderr[-1500:]
    assert result.exit_code in (0, 1)
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert len(failed) <= 1 and all(name in line for line in failed), failed
    # the good file, and for the table its good row, are ingested whatever the bad one became
    assert int(SUMMARY.search(result.stdout).group(2)) >= (2 if name.endswith(".csv") else 1)


# -- the same through the API: POST /announcements ----------------------------------------

TOKEN = "hostile-input-token-0123456789"


@pytest.fixture
def api(tmp_path: Path):
    from oregraph.api import create_app
    from oregraph.settings import Settings

    store = Store.memory(Settings(store=str(tmp_path / "unused"), update_token=TOKEN))
    client = TestClient(create_app(store.settings, store), raise_server_exceptions=False)
    yield client, store
    store.close()


def _post(client: TestClient, body: bytes, content_type: str, **params: str):
    return client.post("/announcements", content=body, params=params,
                       headers={"authorization": f"Bearer {TOKEN}", "content-type": content_type})


@pytest.mark.parametrize(("body", "content_type", "reason"), [
    (b"\xff\xfe\x00\x80 not UTF-8", "text/plain", "UTF-8"),
    (b"", "text/plain", "no text"),
    (b" \n\t\r\n ", "text/plain", "no text"),
    (b"[1, 2]", "application/json", "object"),
    (b'{"text": 5}', "application/json", "text"),
    (b'{"text": "Alder Mining Ltd. holds 40% of Birch', "application/json", "JSON"),
    (b"<rss/>", "application/xml", "text/plain or application/json"),
], ids=["not-utf8", "empty", "whitespace", "json-array", "json-number", "json-truncated", "xml"])
def test_a_bad_posted_body_is_refused_in_one_line(api, body: bytes, content_type: str, reason: str) -> None:
    client, store = api
    response = _post(client, body, content_type)
    assert 400 <= response.status_code < 500, response.text
    error = response.json()["error"]
    assert reason.lower() in error["message"].lower() and "\n" not in error["message"]
    assert len(store) == 0


@pytest.mark.parametrize("body", [
    "Alder Mining Ltd.\x00\x00 holds 40% of Birch Holdings Inc.".encode(),
    b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f Alder Mining Ltd. holds 40% of Birch Holdings Inc.",
])
def test_a_posted_binary_body_is_refused_like_a_binary_file(api, body: bytes) -> None:
    client, store = api
    response = _post(client, body, "text/plain")
    assert response.status_code == 422, response.text
    assert "binary" in response.json()["error"]["message"]
    assert len(store) == 0


def test_posted_markup_and_script_urls_never_reach_a_page_unescaped(api) -> None:
    client, _ = api
    text = (HOSTILE / "script-names.txt").read_bytes()  # Rowan holds 30% of Aspen, <script> after
    response = _post(client, text, "text/plain", source="javascript:alert(1)",
                     title='<script>alert("title")</script>', publisher="<img src=x onerror=alert(3)>")
    assert response.status_code in (201, 422), response.text
    if response.status_code == 422:  # refusing a javascript: source outright is fine too
        assert "source" in response.json()["error"]["message"]
        return
    announcement = response.json()["id"]
    for path in ("/entities/org-rowan-mining/page", "/entities/org-rowan-mining/graph",
                 f"/announcements/{announcement}/page", "/entities/org-aspen-holdings/page"):
        page = client.get(path)
        if page.status_code == 404 and path.startswith("/announcements"):
            continue  # no announcement page in this version
        assert page.status_code == 200, (path, page.status_code)
        lowered = page.text.lower()
        # as text (a tooltip's "Source: ...") it is harmless; as a link target it is not
        assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", lowered), path
        assert not re.search(r'"(url|href|link)"\s*:\s*"javascript:', lowered), path
        assert "<script>alert(" not in lowered and "<img src=x" not in lowered, path


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (random.Random(3).randbytes(3000), "binary|not a readable|malformed"),
], ids=["empty", "binary"])
def test_bad_standard_input_is_one_line(tmp_path: Path, data: bytes, reason: str) -> None:
    from tests.cli_helpers import runner
    from oregraph.cli import app

    result = runner.invoke(app, ["ingest", "-", "--store", str(tmp_path / "s")], input=data)
    assert result.exit_code == 1 and no_traceback(result), result.output
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert len(failed) == 1 and re.search(reason, failed[0], re.I), failed
