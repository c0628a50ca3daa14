"""API fuzzing: schemathesis drives every operation of the app's OpenAPI schema in-process.

Each operation gets generated parameters and bodies (valid and invalid ones):
no answer may be a 5xx, and every answer must match what the schema declares
for it (status, content type, body schema). The app runs over a store with
real data and an update token, through the ASGI transport (no socket); the
number of examples is bounded and the run derandomized.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from oregraph.api import create_app
from oregraph.graph.store import Store
from oregraph.settings import Settings
from tests.graph_fixtures import alouette_chain

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = "fuzz-token-0123456789abcdef"

settings.register_profile(
    "oregraph-fuzz",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=15,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],  # a failure shows the request as generated
)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.memory(Settings(store=str(tmp_path_factory.mktemp("fuzz") / "unused"),
                                  update_token=TOKEN, query_timeout=5, result_cap=500))
    alouette_chain(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def api_schema(fuzz_store: Store):
    app = create_app(fuzz_store.settings, fuzz_store)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


#: Known deviations from the schema: (method, path) -> the check they fail, which the main
#: fuzz then skips for them. None today; add one only with a strict xfail that runs the check.
KNOWN_DEVIATIONS: dict[tuple[str, str], object] = {}


def _fuzz(api_schema, max_examples: int, headers: dict[str, str] | None = None,
          only: set[tuple[str, str]] | None = None) -> list[str]:
    """Run every operation; the failures as 'METHOD /path: what failed' (all operations run)."""
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        key = (operation.method.upper(), operation.path)
        if only is not None and key not in only:
            continue
        chosen = CHECKS if only is not None or key not in KNOWN_DEVIATIONS else [
            c for c in CHECKS if c is not KNOWN_DEVIATIONS[key]]

        @given(case=operation.as_strategy())
        @settings(settings.get_profile("oregraph-fuzz"), max_examples=max_examples)
        def run(case) -> None:
            case.call_and_validate(headers=headers, checks=chosen)

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    return failures


def test_no_server_error_and_answers_match_the_schema(api_schema) -> None:
    failures = _fuzz(api_schema, 15)
    assert not failures, "\n\n".join(failures)


def test_no_server_error_with_the_update_token(api_schema) -> None:
    """The same operations as a writer: a token must not open a path to a 5xx."""
    failures = _fuzz(api_schema, 10, {"Authorization": f"Bearer {TOKEN}"})
    assert not failures, "\n\n".join(failures)


def test_the_schema_lists_every_route(api_schema) -> None:
    operations = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    for expected in (("GET", "/entities"), ("GET", "/entities/{entity_id}"), ("GET", "/sparql"),
                     ("POST", "/sparql"), ("GET", "/health")):
        assert expected in operations, sorted(operations)
