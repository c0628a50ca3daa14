"""Entity ids: the single URL-safe path segment that names a node in the API.

An instance IRI is ``base + id`` (``https://w3id.org/oregraph/id/org-albecour`` has
id ``org-albecour``). IRIs outside the base (commodities keep their fixed IRIs
when the base is changed, or nodes loaded from elsewhere) get an id that
encodes the whole IRI, prefixed with ``iri-``, so every node has an id.

>>> iri_to_id("https://w3id.org/oregraph/id/org-albecour", "https://w3id.org/oregraph/id/")
'org-albecour'
>>> iri = "http://example.org/a?b=c#d"
>>> id_to_iri(iri_to_id(iri, "https://w3id.org/oregraph/id/"), "https://w3id.org/oregraph/id/") == iri
True
"""

from __future__ import annotations

import base64
import re

import pyoxigraph as ox

from oregraph.errors import EntityNotFound
from oregraph.settings import DEFAULT_BASE_IRI

__all__ = ["iri_to_id", "id_to_iri", "is_local_id"]

_LOCAL = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ENCODED = "iri-"


def is_local_id(value: str) -> bool:
    """True for ids of the form minted by oregraph (``[a-z0-9-]+``)."""
    return bool(_LOCAL.match(value)) and not value.startswith(_ENCODED)


def iri_to_id(iri: str, base: str = DEFAULT_BASE_IRI) -> str:
    for prefix in (base, DEFAULT_BASE_IRI):
        if iri.startswith(prefix) and is_local_id(iri[len(prefix):]):
            return iri[len(prefix):]
    token = base64.urlsafe_b64encode(iri.encode("utf-8")).decode("ascii").rstrip("=")
    return _ENCODED + token


def id_to_iri(entity_id: str, base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of an id; raises :class:`EntityNotFound` for text that is no id."""
    if entity_id.startswith(_ENCODED):
        token = entity_id[len(_ENCODED):]
        try:
            iri = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8")
            ox.NamedNode(iri)  # the decoded text must be an IRI, or no node can have it
        except (ValueError, UnicodeDecodeError):
            raise EntityNotFound(f"{entity_id!r} is not a valid entity id") from None
        return iri
    if not is_local_id(entity_id):
        raise EntityNotFound(
            f"{entity_id!r} is not a valid entity id; ids look like 'org-albecour' "
            "(search with /entities?q=NAME to find one)"
        )
    if entity_id.startswith("commodity-"):
        return DEFAULT_BASE_IRI + entity_id
    return base + entity_id
