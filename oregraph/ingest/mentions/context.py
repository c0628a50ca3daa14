"""The entities of one document and the index that finds their mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from oregraph.ingest import rx
from oregraph.ingest.lexicon import fold, lexicon, slug
from oregraph.ingest.records import Entity, Sentence


@dataclass
class Listing:
    org: str
    exchange: str
    ticker: str
    sentence: Sentence



@dataclass
class DocContext:
    """The entities of one document and the index used to find their mentions."""

    text: str
    sentences: list[Sentence]
    entities: dict[str, Entity] = field(default_factory=dict)
    listings: list[Listing] = field(default_factory=list)
    issuer: str | None = None
    #: the year the announcement is dated (for telling its news from background), None when unknown
    year: int | None = None
    lower_words: set[str] = field(default_factory=set)
    _index: dict[str, str | None] = field(default_factory=dict)  # folded name -> key (None: ambiguous)
    _priority: dict[str, int] = field(default_factory=dict)  # folded name -> 0 label, 1 alias
    _pattern: re.Pattern[str] | None = None
    _version: int = 0  # bumped on every change of a name
    _index_version: int = -1
    _index_count: int = -1  # entities when the index was last made current

    # -- entities ---------------------------------------------------------
    def add(self, kind: str, label: str, cls: str | None = None, aliases: set[str] | None = None,
            parent: str | None = None, iso: str | None = None, key: str | None = None) -> str:
        if kind == "org" and label.endswith(("'s", "’s")) and len(label) > 4:
            label = label[:-2]  # "Outokumpu's Managing Director": the name is Outokumpu
        if key is None and kind == "org":
            known = self.lookup(label)  # a name the text already gave another organization
            if known and self.entities[known].kind == "org":
                key = known
        key = key or f"{kind}-{slug(label)}"
        ent = self.entities.get(key)
        if ent is not None and label == ent.label and not aliases and (cls is None or cls in ent.classes):
            return key  # nothing new: keep the compiled name index
        before = set() if ent is None else ent.names()
        relabelled = False
        if ent is None:
            ent = Entity(key=key, kind=kind, label=label.strip(), parent=parent, iso=iso)
            self.entities[key] = ent
        elif len(label) > len(ent.label) and kind in ("org", "facility", "project"):
            ent.aliases.add(ent.label)
            ent.label = label.strip()
            relabelled = True
        elif label != ent.label and not (label.isupper() and not ent.label.isupper()):
            ent.aliases.add(label.strip())
        if cls:
            ent.classes.add(cls)
        for a in aliases or ():
            if a and a != ent.label:
                ent.aliases.add(a.strip())
        new_names = ent.names() - before
        if not new_names and not relabelled:
            return key  # a class only: the names and their index stay as they are
        self._pattern = None
        current = self._index_current(len(self.entities) - (not before)) and not relabelled
        self._version += 1
        if current:  # a new entity or new aliases: enter them, no rebuild of the whole index
            for name in new_names:
                self._index_name(key, name, 0 if name == ent.label else 1)
            self._index_version, self._index_count = self._version, len(self.entities)
        return key

    def alias(self, key: str, name: str) -> None:
        ent = self.entities[key]
        if name and name != ent.label and name not in ent.aliases:
            ent.aliases.add(name)
            self._pattern = None
            current = self._index_current(len(self.entities))
            self._version += 1
            if current:  # keep the index current: one more name costs one entry, not a rebuild
                self._index_name(key, name, 1)
                self._index_version = self._version

    def _index_current(self, count: int) -> bool:
        """The index matches the entities: no name changed since it was built, and none was
        removed (french.py deletes an entity the English pass cut short)."""
        return self._index_version == self._version and self._index_count == count

    def _index_name(self, key: str, name: str, rank: int) -> None:
        """Enter one name (rank 0 a label, 1 an alias) the way :meth:`_build_index` would."""
        folded = fold(name)
        if len(folded) < 2:
            return
        old = self._index.get(folded, "")
        if old == "" or (old != key and self._priority[folded] > rank):
            self._index[folded] = key
            self._priority[folded] = rank
        elif old != key and self._priority[folded] == rank:
            self._index[folded] = None  # ambiguous short name: never guess

    def lookup(self, name: str) -> str | None:
        self._build_index()
        return self._index.get(fold(name))

    def _build(self) -> None:
        """The name index and the one regex that finds every name (rebuilt only after a change)."""
        if self._pattern is not None:
            return
        self._build_index()
        # commodities and gazetteer places are found from the lexicon itself (see mask)
        lex_places = lexicon().place_by_key
        names = sorted({n for ent in self.entities.values() if ent.kind != "commodity"
                        and not (ent.kind == "place" and ent.key[6:] in lex_places)
                        for n in ent.names() if len(n) > 1},
                       key=lambda n: (-len(n), n))
        self._pattern = _name_pattern(tuple(names))

    def _build_index(self) -> None:
        if self._index_current(len(self.entities)):
            return
        index: dict[str, str | None] = {}
        priority: dict[str, int] = {}
        for ent in self.entities.values():
            for name in ent.names():
                folded = fold(name)
                if len(folded) < 2:
                    continue
                rank = 0 if name == ent.label else 1
                if folded in index and index[folded] != ent.key:
                    if priority[folded] == rank:
                        index[folded] = None  # ambiguous short name: never guess
                        continue
                    if priority[folded] < rank:
                        continue
                index[folded] = ent.key
                priority[folded] = rank
        self._index = index
        self._priority = priority
        self._index_version, self._index_count = self._version, len(self.entities)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Spans of ``text`` naming a known entity, longest first, no overlaps."""
        self._build()
        assert self._pattern is not None
        out = []
        for m in self._pattern.finditer(text):
            key = self._index.get(fold(m.group(0)))
            if key:
                out.append((m.start(), m.end(), key))
        return out



@lru_cache(maxsize=64)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(_loose(n) for n in names) or r"(?!x)x"
    return re.compile(rf"(?<![\w])(?:{alts})(?![\w])")



@lru_cache(maxsize=16384)
def _loose(name: str) -> str:
    """A regex for a name that tolerates accents, curly quotes and hyphen/space variants."""
    parts = []
    for ch in name:
        if ch in "'’":
            parts.append("['’]")
        elif ch in "- ":
            parts.append(r"[-\s]")
        elif ch == ".":
            parts.append(r"\.?")
        else:
            base = fold(ch)
            if base and base != ch.lower() and len(base) == 1:
                parts.append(f"[{re.escape(ch)}{base}{base.upper()}]")
            else:
                parts.append(re.escape(ch))
    return "".join(parts)



class _AloneIndex:
    """Where each word of a text starts, so that a name's pattern is tried only where its first
    word stands, not over the whole text once per name (linear, not quadratic, in long texts)."""

    _WORD = re.compile(r"(?<![\w\-])[\w\-]+")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: dict[str, list[int]] = {}
        for m in self._WORD.finditer(text):
            self.starts.setdefault(m.group(0), []).append(m.start())

    def search(self, name: str, pattern: str) -> bool:
        """True when ``pattern`` (which opens with ``name``) matches somewhere in the text."""
        first = self._WORD.match(name)
        if first is None:
            return rx.search(pattern, self.text) is not None
        positions = self.starts.get(first.group(0))
        if not positions:
            return False  # the name's first word is nowhere in the text: nothing to compile
        compiled = rx.compiled(pattern)
        return any(compiled.match(self.text, pos) for pos in positions)



def _place_key(ctx: DocContext, place, surface: str) -> str:
    lex = lexicon()
    chain = []
    p = place
    while p is not None and p.key not in chain:
        chain.append(p.key)
        p = lex.place_by_key.get(p.parent) if p.parent else None
    parent_key = None
    for k in reversed(chain):
        entry = lex.place_by_key[k]
        key = ctx.add("place", entry.label, "Place", parent=parent_key, iso=entry.iso,
                      key=f"place-{k}")
        parent_key = key
    key = f"place-{place.key}"
    if surface != place.label:
        ctx.alias(key, surface)
    return key
