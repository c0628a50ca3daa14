"""One settings class for the whole of oregraph (environment prefix ``OREGRAPH_``).

Tests and library callers construct their own :class:`Settings`; nothing reads
the environment at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BASE_IRI = "https://w3id.org/oregraph/id/"


def default_store_path() -> Path:
    """The per-user store folder used when neither ``--store`` nor ``OREGRAPH_STORE`` is set."""
    return Path(user_data_dir("oregraph", appauthor=False)) / "store"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OREGRAPH_", extra="ignore")

    store: str = Field(
        default_factory=lambda: str(default_store_path()),
        description=(
            "Folder of the embedded Oxigraph store, or the http(s) URL of a SPARQL 1.1 "
            "server (see docs/remote-store.md)."
        ),
    )
    base_iri: str = Field(DEFAULT_BASE_IRI, description="Namespace of instance IRIs.")
    update_token: SecretStr | None = Field(
        None, description="Bearer token that allows SPARQL Update; unset means read-only."
    )
    query_timeout: float = Field(30.0, gt=0, le=3600, description="Seconds a SPARQL query may run.")
    result_cap: int = Field(10_000, gt=0, le=10_000_000, description="Most rows a query returns.")
    max_announcement_bytes: int = Field(
        5_000_000, gt=0, description="Largest announcement file accepted for ingest."
    )
    query_workers: int = Field(
        4, gt=0, le=64,
        description="Queries the SPARQL endpoint runs at once; more are refused with 503.",
    )
    fetch_timeout: float = Field(
        20.0, gt=0, le=600, description="Seconds to wait for a page, feed or PDF fetched over http(s).",
    )
    fetch_max_redirects: int = Field(
        5, ge=0, le=20, description="Redirects followed when fetching a URL.",
    )
    resolution_file: Path | None = Field(
        None,
        description="A TSV of pin/forbid rules for merging entities across announcements "
        "(columns: action, name, target, note; see docs/resolution.md). Default: the shipped rules.",
    )
    max_request_bytes: int = Field(
        6_000_000, gt=0,
        description="Largest request body the API reads (an announcement posted as JSON fits).",
    )

    # -- a remote SPARQL store (store = http(s)://...) --------------------------
    remote_query_url: str | None = Field(
        None, description="SPARQL Query endpoint; default: the store URL + '/query'."
    )
    remote_update_url: str | None = Field(
        None, description="SPARQL Update endpoint; default: the store URL + '/update'."
    )
    remote_graph_store_url: str | None = Field(
        None, description="Graph Store Protocol endpoint; default: the store URL + '/store'."
    )
    remote_union: str = Field(
        "oxigraph",
        description=(
            "How a remote server is asked to read the union of the named graphs as the "
            "default graph: 'oxigraph' (the union-default-graph parameter), 'server' (it "
            "already does: GraphDB, Virtuoso, Neptune, Fuseki with unionDefaultGraph) or "
            "an IRI sent as default-graph-uri (Fuseki: urn:x-arq:UnionGraph)."
        ),
    )
    remote_use_graph_store: bool = Field(
        True,
        description=(
            "Write announcements with the Graph Store Protocol; false sends INSERT DATA "
            "to the update endpoint instead (servers without the protocol, such as Neptune)."
        ),
    )
    remote_username: str | None = Field(None, description="User for the remote store.")
    remote_password: SecretStr | None = Field(None, description="Password for the remote store.")
    remote_auth: Literal["basic", "digest"] = Field(
        "basic", description="HTTP authentication scheme for the user and password (Virtuoso: digest)."
    )
    remote_token: SecretStr | None = Field(None, description="Bearer token for the remote store.")
    remote_write_timeout: float = Field(
        120.0, gt=0, le=3600, description="Seconds a write to the remote store may take."
    )
    remote_cache_seconds: float = Field(
        30.0, ge=0, le=86400,
        description="How long entity caches trust a remote store that others may write to.",
    )

    @field_validator("base_iri")
    @classmethod
    def _base_iri_is_namespace(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or not value.endswith(("/", "#")):
            raise ValueError(
                "base_iri must be an http(s) IRI ending in '/' or '#', "
                f"for example {DEFAULT_BASE_IRI}"
            )
        return value

    @field_validator("update_token")
    @classmethod
    def _token_is_strong(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("update_token must be at least 16 characters long")
        return value

    @field_validator("remote_query_url", "remote_update_url", "remote_graph_store_url")
    @classmethod
    def _endpoint_is_http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"a remote endpoint must be an http(s) URL, not {value!r}")
        return value
