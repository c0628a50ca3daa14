"""The one root of oregraph's exceptions.

Bad input data (a malformed announcement, an unknown entity, a bad query) is
an :class:`OregraphError`; the CLI prints its message in one line and exits 1,
the API answers with a 4xx. Anything else is a programming error and keeps its
traceback.
"""

from __future__ import annotations


class OregraphError(Exception):
    """Base class: the message says what was wrong and what to do."""


class InputError(OregraphError):
    """An input file or text cannot be read as an announcement."""


class StoreError(OregraphError):
    """The store cannot be opened or written."""


class QueryError(OregraphError):
    """A SPARQL query is malformed or was refused."""


class QueryTimeout(QueryError):
    """A SPARQL query ran past the configured time limit."""


class EntityNotFound(OregraphError):
    """No entity matches the given id, IRI or name."""


class AmbiguousEntity(OregraphError):
    """Several entities match a name; the message lists them."""

    def __init__(self, message: str, candidates: list[tuple[str, str]]):
        super().__init__(message)
        self.candidates = candidates


class ResultTooLarge(QueryError):
    """A SPARQL query returns more results than the configured cap."""


class StoreBusy(StoreError):
    """Every query worker is in use; the caller should try again shortly."""


class Unauthorized(OregraphError):
    """A write without credentials (HTTP 401): the message says which header to send."""


class Forbidden(OregraphError):
    """A write with wrong credentials, or to a read-only service (HTTP 403)."""
