"""Relation rules over masked sentences.

Each rule is a regular expression over the text produced by
:func:`oregraph.ingest.mentions.mask`, where ``⟦n⟧`` stands for the n-th
mention and ``⟦%v⟧`` for a percentage. A rule names itself (``og:rule`` in
the graph) so every fact can be traced to the words and the rule that made it.

The package, by what each module reads:

- ``patterns``: the shared words and shapes (placeholders, agreement words,
  hedges and denials, titles, names, each family's quick gate);
- ``reader``: the sentence reader's base (mentions, subject, pronouns, emitting);
- ``holdings``: subsidiaries, stakes, acquisitions;
- ``agreements``: agreements and their parties;
- ``sites``: operated sites and commodities;
- ``places``: locations and officers;
- ``document``: a whole document, sentence after sentence, and what carries
  from one sentence to the next.
"""

from __future__ import annotations

from oregraph.ingest.relations.document import _Reader, _substitute, read_relations
from oregraph.ingest.relations.patterns import (
    AGREEMENT_WORDS,
    PNAME,
    TITLE,
    E,
    P,
    only_contemplated,
    share_in_range,
)

__all__ = ["read_relations", "AGREEMENT_WORDS", "share_in_range", "only_contemplated", "E", "P", "TITLE", "PNAME",
           "_Reader", "_substitute"]
