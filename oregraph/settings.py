"""One settings class for the whole of oregraph (environment prefix ``OREGRAPH_``).

Tests and library callers construct their own :class:`Settings`; nothing reads
the environment at import time.
"""

from __future__ import annotations

from pathlib import Path

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
        description="Folder of the embedded Oxigraph store.",
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

    @property
    def store_path(self) -> Path:
        return Path(self.store).expanduser()
