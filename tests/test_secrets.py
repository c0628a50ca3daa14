"""Secrets: the update token comes from configuration only, is compared in constant
time, and never appears in a log line, an error body or a header.

The token check is found wherever it lives: every ``hmac.compare_digest`` the
app can reach (the ``hmac`` module itself and any oregraph module that imported
the function by name) is replaced by a spy for the duration of a test.
"""

from __future__ import annotations

import hmac
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from oregraph.api import create_app
from oregraph.graph.store import Store
from oregraph.settings import Settings
from tests.graph_fixtures import alouette_chain

TOKEN = "s3cret-Token-for-oregraph-tests-0123456789"
WRONG = "s3cret-Token-for-oregraph-tests-9876543210"
INSERT = "INSERT DATA { GRAPH <https://w3id.org/oregraph/id/announcement-t> { <urn:a> <urn:b> <urn:c> } }"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.memory(Settings(store=str(tmp_path / "unused"), update_token=TOKEN))
    alouette_chain(store)
    yield store
    store.close()


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store.settings, store), raise_server_exceptions=False)


class CompareSpy:
    """Stands in for ``hmac.compare_digest``: records each call, answers as told (or truly)."""

    def __init__(self, answer: bool | None = None) -> None:
        self.calls: list[tuple[object, object]] = []
        self.answer = answer

    def __call__(self, a, b) -> bool:
        self.calls.append((a, b))
        return _REAL_COMPARE(a, b) if self.answer is None else self.answer


_REAL_COMPARE = hmac.compare_digest


def _install(monkeypatch: pytest.MonkeyPatch, spy: CompareSpy) -> None:
    monkeypatch.setattr(hmac, "compare_digest", spy)
    for name, module in list(sys.modules.items()):
        if name.startswith("oregraph") and getattr(module, "compare_digest", None) is _REAL_COMPARE:
            monkeypatch.setattr(module, "compare_digest", spy)


def _as_text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _update(client: TestClient, token: str | None):
    headers = {} if token is None else {"authorization": f"Bearer {token}"}
    return client.post("/sparql", data={"update": INSERT}, headers=headers)


# -- constant-time comparison ------------------------------------------------------------


def test_the_right_token_is_checked_through_compare_digest(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = CompareSpy()
    _install(monkeypatch, spy)
    assert _update(client, TOKEN).status_code == 204
    assert spy.calls, "the update token was not compared with hmac.compare_digest"
    assert any(TOKEN in _as_text(a) + _as_text(b) for a, b in spy.calls)


def test_the_decision_is_compare_digest_s(client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                          store: Store) -> None:
    """If compare_digest says no, the right token is refused: no other comparison decides."""
    _install(monkeypatch, CompareSpy(answer=False))
    before = len(store)
    response = _update(client, TOKEN)
    assert response.status_code in (401, 403), response.text
    assert len(store) == before


def test_a_wrong_token_is_refused_after_a_constant_time_comparison(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, store: Store
) -> None:
    spy = CompareSpy()
    _install(monkeypatch, spy)
    before = len(store)
    assert _update(client, WRONG).status_code == 403
    assert spy.calls
    assert len(store) == before


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer ", "Basic " + TOKEN, TOKEN,
                                    "Bearer " + TOKEN[:-1], "Bearer " + TOKEN + "x",
                                    "Bearer " + TOKEN.upper()])
def test_anything_but_the_exact_bearer_token_is_refused(client: TestClient, store: Store,
                                                       header: str | None) -> None:
    before = len(store)
    headers = {} if header is None else {"authorization": header}
    response = client.post("/sparql", data={"update": INSERT}, headers=headers)
    assert response.status_code in (401, 403), response.text
    assert set(response.json()) == {"error"}
    assert len(store) == before


# -- tokens come from configuration only -----------------------------------------------


def test_the_token_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OREGRAPH_UPDATE_TOKEN", TOKEN)
    assert Settings().update_token.get_secret_value() == TOKEN
    monkeypatch.delenv("OREGRAPH_UPDATE_TOKEN")
    assert Settings().update_token is None


def test_without_a_configured_token_every_update_is_refused(tmp_path: Path) -> None:
    store = Store.memory(Settings(store=str(tmp_path / "unused")))
    client = TestClient(create_app(store.settings, store))
    for header in ("Bearer None", "Bearer ", "Bearer null", f"Bearer {TOKEN}"):
        response = client.post("/sparql", data={"update": INSERT}, headers={"authorization": header})
        assert response.status_code in (401, 403), response.text
    assert len(store) == 0


def test_weak_tokens_are_refused_by_settings() -> None:
    with pytest.raises(ValueError, match="16 characters"):
        Settings(update_token="short")


def test_settings_never_print_the_token() -> None:
    settings = Settings(update_token=TOKEN)
    for text in (repr(settings), str(settings), settings.model_dump_json(),
                 str(settings.model_dump())):
        assert TOKEN not in text


# -- never logged, never echoed ------------------------------------------------------------


def _exchanges(client) -> list:
    """An authorised update, a wrong token, a bad update with the right token, a query."""
    return [
        _update(client, TOKEN),
        _update(client, WRONG),
        client.post("/sparql", data={"update": "INSERT DATA { oops"},
                    headers={"authorization": f"Bearer {TOKEN}"}),
        client.post("/sparql", content=INSERT.encode(),
                    headers={"content-type": "application/sparql-update",
                             "authorization": f"Bearer {WRONG}"}),
        client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"},
                   headers={"authorization": f"Bearer {TOKEN}"}),
    ]


def test_tokens_never_reach_logs_or_answers(client: TestClient,
                                            caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        responses = _exchanges(client)
    assert [r.status_code for r in responses][:2] == [204, 403]
    assert responses[2].status_code == 400
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in (TOKEN, WRONG):
        assert secret not in logged
        for r in responses:
            assert secret not in r.text
            assert all(secret not in v for v in r.headers.values())


def test_tokens_never_reach_the_server_logs(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    """uvicorn on loopback with access and debug logs on: the logged requests hold no token."""
    import threading
    import time

    import httpx
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(
        create_app(store.settings, store), host="127.0.0.1", port=0, log_level="debug",
        access_log=True, log_config=None, lifespan="off"))  # no log_config: records reach caplog
    thread = threading.Thread(target=server.run, daemon=True)
    with caplog.at_level(logging.DEBUG):
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
            time.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                statuses = [r.status_code for r in _exchanges(client)]
        finally:
            server.should_exit = True
            thread.join(timeout=30)
    assert statuses[:3] == [204, 403, 400], statuses
    assert "POST /sparql" in caplog.text, "the access log was not captured"
    for secret in (TOKEN, WRONG):
        assert secret not in caplog.text


def test_posted_announcements_need_the_token(client: TestClient, store: Store,
                                             caplog: pytest.LogCaptureFixture) -> None:
    before = len(store)
    body = {"text": "Alder Mining Ltd. holds 40% of Birch Holdings Inc.", "source": "urn:test:1"}
    with caplog.at_level(logging.DEBUG):
        refused = [
            client.post("/announcements", json=body),
            client.post("/announcements", json=body, headers={"authorization": f"Bearer {WRONG}"}),
            client.post("/announcements", json=body, headers={"authorization": "Basic " + TOKEN}),
        ]
    for r in refused:
        assert r.status_code in (401, 403), r.text
        assert set(r.json()) == {"error"}
        assert TOKEN not in r.text and WRONG not in r.text
    assert TOKEN not in caplog.text and WRONG not in caplog.text
    assert len(store) == before
