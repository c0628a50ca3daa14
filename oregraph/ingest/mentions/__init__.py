"""Mentions: which spans of a sentence name organizations, assets, places, commodities.

Two passes over the document:

1. :func:`discover` reads every sentence once and collects the document's
   entities: organizations by legal suffix (``Albecour Inc.``), by Reuters
   ``<Name>`` markup, by the well-known list, and by context (``subsidiary of
   X``, ``X, a crown corporation``); defined terms (``("Imperial" or the
   "Company")``) and listings in ticker blocks; plants, mines and projects by
   their head nouns (``the Crater Lake project``); places and commodities from
   the lexicon. Short forms of names that the text really uses become aliases.
2. :func:`mask` rewrites one sentence with every mention replaced by a token
   ``⟦n⟧`` (n indexes the returned mentions) and every percentage by
   ``⟦%value⟧``, so relation rules are short regular expressions over
   the masked text.

The package, by what each module finds:

- ``words``: the words and shapes of names (tokens, legal suffixes, generic words);
- ``context``: ``DocContext``, the document's entities and the index of their names;
- ``organizations``: companies, governments, state-owned enterprises, short forms;
- ``listings``: ticker blocks, prose listings and defined terms;
- ``sites``: plants, mines and projects; places the gazetteer lacks;
- ``gazetteer``: places and commodities of the lexicon;
- ``discovery``: :func:`discover`, the first pass;
- ``masking``: :func:`mask`, the second pass, and the About sections' companies.
"""

from __future__ import annotations

from oregraph.ingest.mentions.context import DocContext, Listing, _place_key
from oregraph.ingest.mentions.discovery import discover
from oregraph.ingest.mentions.listings import ticker_items
from oregraph.ingest.mentions.masking import Masked, about_companies, mask
from oregraph.ingest.mentions.words import TOKEN, _is_demonym

__all__ = ["DocContext", "Listing", "Masked", "TOKEN", "about_companies", "discover", "mask", "ticker_items",
           "_is_demonym", "_place_key"]
