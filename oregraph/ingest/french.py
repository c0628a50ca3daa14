"""French-language announcements: detection, and the French mention and relation rules.

Québec issuers publish in both languages. :func:`is_french` decides which
rule set reads a document; :func:`add_mentions` adds what the English mention
pass misses in French text (legal forms written in lower case or French
style — ``inc.``, ``ltée``, ``S.E.C.``, ``société en commandite`` —, names
after an elided article — ``d'Arcadium Lithium plc`` —, assets named after
their head noun — ``la mine Whabouchi``, ``l'usine de Bécancour`` —, crown
corporations — ``société d'État``, ``société de la Couronne`` —,
governments and French stock-exchange names); :func:`read_relations_fr`
reads the core relations from the masked sentences.

Every French rule names itself ``….fr`` (``og:rule``), so a fact read from a
French sentence says so.

>>> from oregraph.ingest.extract import extract
>>> from oregraph.ingest.records import Announcement
>>> text = ("Minéraux Boréal inc. est une filiale en propriété exclusive de Groupe Nordet ltée. "
...         "Le siège de la société est à Rouyn-Noranda.")
>>> ex = extract(Announcement(text=text, source="urn:example"))
>>> [(f.predicate, ex.entities[f.subject].label, ex.entities[f.object].label, f.share, f.rule)
...  for f in ex.facts]
[('subsidiaryOf', 'Minéraux Boréal inc.', 'Groupe Nordet ltée', 100.0, 'subsidiary.appositive.fr')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from oregraph.ingest import rx
from oregraph.ingest.lexicon import fold, lexicon, normalise_exchange, slug
from oregraph.ingest.mentions import DocContext, Listing, Masked, _place_key
from oregraph.ingest.records import Fact, Sentence
from oregraph.ingest.relations import AGREEMENT_WORDS, E, TITLE, _Reader, _substitute

__all__ = ["is_french", "add_mentions", "read_relations_fr", "french_exchange"]

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
    >>> is_french("Taïga a conclu l'acquisition d'Ardoise Minérale plc.")
    True
    """
    lower = text.lower()
    words = rx.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", lower)
    # elided articles and pronouns ("l'acquisition", "d'Albecour", "qu'elle") are French too
    fr = sum(w in _FR for w in words) + len(rx.findall(r"\b(?:[ldjnsc]|qu)['’][a-zàâçéèêëîïôûùüÿœ]", lower))
    en = sum(w in _EN for w in words)
    return fr > en


# ------------------------------------------------------------------ mentions

# French legal forms (and the English ones, for names after an elided article)
_FORMS_FR = (r"inc\.|Inc\.|ltée|Ltée|limitée|Limitée|s\.e\.c\.|S\.E\.C\.|SEC|s\.e\.n\.c\.|S\.E\.N\.C\.|SENC|"
             r"s\.a\.|S\.A\.|SA|société en commandite|corp\.|Corp\.|Corporation|plc|PLC|Ltd\.|Limited|"
             r"AG|ASA|SE|S\.A\.S\.|SAS|LLC|Inc|Ltd|Corp")
_WORD = r"[A-ZÀ-Ý0-9][\w’'\-&.]*[\w]|[A-ZÀ-Ý]"
_LINK = r"(?:\s+(?:de la|de|du|des|et|&)\s+|\s+[dl]['’]|\s+)"
_NAME = rf"(?:{_WORD})(?:{_LINK}(?:{_WORD})){{0,6}}"
# French names often carry lower-case words after their head: "Société minière Nordet inc."
_HEAD_FR = (r"(?:Société|Compagnie|Corporation|Groupe|Minerai|Mines|Ressources|Exploration|Métaux|Aluminerie|"
            r"Fonderie|Fer|Minéraux)(?:\s+(?:de\s+|d['’])?[a-zà-ÿ]{3,}){1,2}\s+")
_SUFFIX_NAME = re.compile(rf"(?<![\w\-])(?P<name>(?:{_HEAD_FR})?{_NAME}),?\s+(?P<form>{_FORMS_FR})(?![\w])")
_PREFIX_NAME = re.compile(rf"\b[Ss]ociété en commandite (?P<name>{_NAME})")
_ELIDED = re.compile(r"\b[dlDLjJsSqu]{1,2}['’]$")
# capitalised words that open French sentences and are not names
_COMMON_FR = {
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "selon", "en", "au", "aux", "par",
    "pour", "avec", "dans", "chez", "depuis", "après", "avant", "lors", "entre", "ainsi", "également",
    "cette", "ce", "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos", "et", "ou", "mais",
    "à", "a", "sur", "sous", "aujourd'hui", "hier", "enfin", "outre", "quant", "source", "objet",
}
_GENERIC_FR = {"société", "corporation", "compagnie", "entreprise", "partie", "parties", "projet",
               "propriété", "mine", "usine", "entente", "convention", "acquéreur", "vendeur",
               "placement", "transaction", "coentreprise", "émetteur", "offre"}

_ASSET_HEADS_FR = {
    "mine": "Mine", "mines": "Mine", "complexe": "Mine", "fosse": "Mine",
    "usine": "Plant", "aluminerie": "Plant", "fonderie": "Plant", "affinerie": "Plant",
    "raffinerie": "Plant", "concentrateur": "Plant", "aciérie": "Plant", "centrale": "Plant",
    "projet": "Project", "propriété": "Project", "gisement": "Project", "gîte": "Project",
}
_ADJ_COMMODITY = {"aurifère": "gold", "cuprifère": "copper", "argentifère": "silver",
                  "nickélifère": "nickel", "uranifère": "uranium", "lithinifère": "lithium",
                  "ferrifère": "iron ore", "zincifère": "zinc", "graphitique": "graphite"}
_ASSET_FR = re.compile(
    r"(?<![\w’'])(?:[Ll][a’']\s?|[Ll]e\s|[Ll]es\s|[Ll]['’]|[Ss]a\s|[Ss]on\s|[Ss]es\s|[Nn]otre\s|[Nn]os\s|[Uu]ne?\s)?"
    r"(?P<head>mine|mines|complexe|fosse|usine|aluminerie|fonderie|affinerie|raffinerie|concentrateur|"
    r"aciérie|projet|propriété|gisement|gîte)"
    r"(?P<desc>(?:\s+(?:de|d['’]|à ciel ouvert|souterraine?|phare|principale?|aurifère|cuprifère|argentifère|"
    r"nickélifère|uranifère|lithinifère|ferrifère|zincifère|graphitique|polymétallique|intégré|"
    r"de démonstration|de transformation|de concentration|d['’]hydroxyde|de conversion|de production)"
    r"(?:\s*[a-zà-ÿ][a-zà-ÿ\-]*)?){0,3}?)"
    rf"\s+(?P<name>(?:{_WORD})(?:[\s\-](?:{_WORD})){{0,3}})")

_GOVERNMENTS_FR = {
    "gouvernement du québec": "Government of Québec",
    "gouvernement du canada": "Government of Canada",
    "gouvernement fédéral du canada": "Government of Canada",
}

_EXCHANGES_FR = {
    "bourse de croissance tsx": "TSXV", "bourse de croissance": "TSXV", "tsx de croissance": "TSXV",
    "bourse tsx de croissance": "TSXV", "bourse de croissance de tsx": "TSXV",
    "bourse de toronto": "TSX", "bourse tsx": "TSX", "bourse des valeurs de toronto": "TSX",
    "bourse des valeurs canadiennes": "CSE", "bourse de new york": "NYSE",
    "bourse de londres": "LSE", "bourse de francfort": "FSE", "bourse australienne": "ASX",
    "bourse d'australie": "ASX", "bourse de hong kong": "HKEX", "bourse de johannesburg": "JSE",
}
_EXCHANGE_FR_RE = "|".join(sorted((k.replace(" ", r"\s+").replace("'", "['’]") for k in _EXCHANGES_FR),
                                  key=len, reverse=True))
_TICKER_FR = re.compile(
    rf"(?P<ex>(?i:{_EXCHANGE_FR_RE})|TSX[\s.\-]?V|TSXV|TSX|CSE|OTCQB|OTCQX|NYSE|ASX|LSE|FSE|Nasdaq|NASDAQ)"
    r"\s*[:\-–]\s*(?P<sym>[A-Z0-9][A-Za-z0-9.\-]{0,9})")
_PROSE_LISTING_FR = re.compile(
    r"\b(?:inscrite?s?|cotée?s?|négociée?s?|se négocient|se négocie|se transigent|transigée?s?)\s+"
    rf"(?:à|sur)\s+(?:la\s+|le\s+)?(?P<ex>(?i:{_EXCHANGE_FR_RE})|TSXV|TSX|CSE|NYSE|ASX|OTCQB)"
    r"\s+sous\s+(?:le|les)\s+(?:symboles?|sigles?)\s+(?:boursiers?\s+)?[«\"“]?\s*(?P<sym>[A-Z0-9][A-Z0-9.\-]{0,9})")


def french_exchange(name: str) -> str | None:
    """The exchange code of a French (or English) exchange name, or None.

    >>> french_exchange("Bourse de croissance TSX"), french_exchange("Bourse de Toronto")
    ('TSXV', 'TSX')
    >>> french_exchange("TSX-V"), french_exchange("Bourse du coin")
    ('TSXV', None)
    """
    key = " ".join(name.lower().replace("’", "'").split())
    return _EXCHANGES_FR.get(key) or normalise_exchange(name)


def add_mentions(ctx: DocContext, text: str, sentences: list[Sentence]) -> None:
    """Add the entities French wording introduces that the shared mention pass misses."""
    for sent in sentences:
        for name, start, end in _french_orgs(sent.text):
            key = _add_org(ctx, name)
            _read_after_name(ctx, key, sent, end)
    _governments(ctx, text)
    for sent in sentences:
        _assets(ctx, sent)
    for sent in sentences:
        _prose_listings(ctx, sent)
        _state_typing(ctx, sent)


# an elided article before a common noun: "L'acquisition de Xxx inc." does not begin a name
_ELIDED_NOUN = re.compile(r"[LlDd]['’][a-zà-ÿ]")


def _strip_start(words: list[str], lower_words: set[str]) -> list[str]:
    while len(words) > 1 and (fold(words[0]) in _COMMON_FR or _ELIDED_NOUN.match(words[0]) or
                              (words[0].lower() in lower_words and words[0].isalpha())):
        words = words[1:]
    return words


def _french_orgs(text: str) -> Iterator[tuple[str, int, int]]:
    """(name as written with its legal form, start, end) of organizations in one sentence."""
    for m in _SUFFIX_NAME.finditer(text):
        name_words = m.group("name").split()
        # the English pass reads "Xxx Inc." itself unless an elided article hides it ("d'Xxx")
        form = m.group("form")
        english = form in ("Inc.", "Inc", "Corp.", "Corp", "Corporation", "plc", "PLC", "Ltd.", "Ltd",
                           "Limited", "AG", "ASA", "SE", "LLC", "SAS", "S.A.S.")
        before = text[:m.start()]
        if english and not _ELIDED.search(before):
            continue
        if form in ("SA", "SEC", "SE", "AG", "ASA", "SAS", "LLC") and text[m.end("name"):m.start("form")].strip():
            continue  # "X, SA" is too loose; the bare uppercase forms follow the name directly
        kept = _strip_start(name_words, set())
        if not kept or fold(" ".join(kept)) in _GENERIC_FR:
            continue
        start = m.start("name") + m.group("name").index(kept[0])
        yield text[start:m.end()], start, m.end()
    for m in _PREFIX_NAME.finditer(text):
        yield text[m.start():m.end()], m.start(), m.end()


def _add_org(ctx: DocContext, name: str) -> str:
    """Add an organization, replacing one the English pass read truncated ("Lithium plc") or
    with French words before it ("L'acquisition de Graphite Nordet inc.")."""
    name = name.strip()
    folded = fold(name)
    lost_issuer = False
    for key, ent in list(ctx.entities.items()):
        if ent.kind != "org" or fold(ent.label) == folded:
            continue
        truncated = folded.endswith(" " + fold(ent.label)) and not _stands_alone(ctx.text, ent.label, name)
        if truncated or fold(" ".join(_strip_start(ent.label.split(), set()))) == folded:
            del ctx.entities[key]
            ctx._pattern = None  # the name index is rebuilt without it
            lost_issuer = lost_issuer or ctx.issuer == key
            for listing in ctx.listings:
                if listing.org == key:
                    listing.org = f"org-{slug(name)}"
    existing = ctx.lookup(name)
    if existing and ctx.entities[existing].kind == "org":
        key = existing
        ctx.alias(key, name)
    else:
        key = ctx.add("org", name, "Company")
    if lost_issuer:
        ctx.issuer = key
    stem = rx.sub(rf",?\s+(?:{_FORMS_FR})$", "", name).strip()
    stem = rx.sub(r"^[Ss]ociété en commandite\s+", "", stem)
    if stem and stem != name and fold(stem) not in lexicon().places and fold(stem) not in lexicon().commodities:
        ctx.alias(key, stem)
    return key


def _stands_alone(text: str, short: str, full: str) -> bool:
    """Whether ``short`` is used in the text other than as the end of ``full``."""
    return len(rx.findall(re.escape(short), text)) > len(rx.findall(re.escape(full), text))


_PAREN = re.compile(r"\s*\(([^()]{0,300})\)")


def _read_after_name(ctx: DocContext, key: str, sent: Sentence, end: int) -> None:
    """Defined terms (« IQ ») and ticker blocks (Bourse de croissance TSX : ABC) after a name."""
    pos = end
    while (m := _PAREN.match(sent.text, pos)):
        inner = m.group(1)
        for t in _TICKER_FR.finditer(inner):
            code = french_exchange(t.group("ex"))
            if code:
                _listing(ctx, key, code, t.group("sym"), sent)
        for term in rx.findall(r"[«\"“]\s*([^»\"”]+?)\s*[»\"”]", inner):
            term = term.strip()
            if rx.fullmatch(r"(?:la |le |l['’])?(?:Société|Corporation|Entreprise|Compagnie)", term, re.I):
                ctx.issuer = key  # the definition names the issuer, whatever the English pass guessed
                continue
            if term and term[0].isupper() and fold(term) not in _GENERIC_FR:
                ctx.alias(key, term)
        pos = m.end()


def _listing(ctx: DocContext, org: str, exchange: str, ticker: str, sent: Sentence) -> None:
    ticker = ticker.strip(".").upper()
    if any(x.org == org and x.exchange == exchange and x.ticker == ticker for x in ctx.listings):
        return
    ctx.listings.append(Listing(org, exchange, ticker, sent))
    ctx.alias(org, ticker)


def _governments(ctx: DocContext, text: str) -> None:
    lex = lexicon()
    for form, label in _GOVERNMENTS_FR.items():
        pattern = r"(?<!\w)" + form.replace(" ", r"\s+") + r"(?!\w)"
        for m in rx.finditer(pattern, text, re.I):
            entry = lex.orgs.get(fold(label))
            key = ctx.lookup(label) or ctx.add("org", label, entry.cls if entry else "GovernmentBody")
            ctx.entities[key].classes.add(entry.cls if entry else "GovernmentBody")
            ctx.alias(key, m.group(0))


def _assets(ctx: DocContext, sent: Sentence) -> None:
    """Plants, mines and projects named after their head noun: « la mine Whabouchi »."""
    lex = lexicon()
    for m in _ASSET_FR.finditer(sent.text):
        head = m.group("head").lower()
        cls = _ASSET_HEADS_FR[head]
        desc = " ".join(m.group("desc").split())
        name = m.group("name").strip()
        words = name.split()
        # a known organization or a person is not an asset name
        if ctx.lookup(name) and ctx.entities[ctx.lookup(name)].kind == "org":  # type: ignore[index]
            continue
        place = lex.places.get(fold(name))
        place_named = bool(place) and bool(rx.search(r"(?:^|\s)(?:de|d['’])$", desc))
        if place and not place_named:
            continue  # "la mine, en Abitibi": a place, not a name
        if desc and not place_named and rx.search(r"(?:^|\s)(?:de|d['’])$", desc):
            continue  # "l'usine de Xxx" where Xxx is not a place: too loose
        if fold(words[0]) in _COMMON_FR or fold(name) in _GENERIC_FR:
            continue
        kind = "facility" if cls in ("Plant", "Mine") else "project"
        surface = sent.text[m.start("head"):m.end("name")]
        key = ctx.add(kind, surface, cls, key=f"{kind}-{slug(name)}")
        ent = ctx.entities[key]
        ent.classes.add(cls)
        if place_named and place is not None:
            setattr(ent, "_place", _place_key(ctx, place, name))
        if not place_named:
            ctx.alias(key, name)
            ctx.alias(key, f"{m.group('head')} {name}")
        comms: set[tuple[str, str]] = set(getattr(ent, "_commodities", set()))
        for word in rx.findall(r"[a-zà-ÿ][a-zà-ÿ\-]+", desc):
            hit = lex.commodities.get(fold(word))
            if word in _ADJ_COMMODITY:
                label = _ADJ_COMMODITY[word]
                hit = lex.commodities.get(fold(label))
            if hit:
                comms.add(hit)
        setattr(ent, "_commodities", comms)


def _prose_listings(ctx: DocContext, sent: Sentence) -> None:
    for m in _PROSE_LISTING_FR.finditer(sent.text):
        code = french_exchange(m.group("ex"))
        if not code:
            continue
        orgs = [k for s, e, k in ctx.find(sent.text[:m.start()]) if ctx.entities[k].kind == "org"]
        subject = orgs[0] if orgs else ctx.issuer
        if subject:
            _listing(ctx, subject, code, m.group("sym"), sent)


_CROWN_AFTER = re.compile(r"^\s*(?:\([^()]*\))?,?\s+(?:qui\s+)?(?:est|était|,)?\s*(?:une\s+|la\s+)?"
                          r"(?:\w+\s+)?sociétés?\s+(?:d['’]État|de\s+la\s+Couronne)", re.I)
_CROWN_BEFORE = re.compile(r"\bsociétés?\s+(?:d['’]État|de\s+la\s+Couronne)(?:\s+\w+){0,2}\s*$", re.I)
_SOE_AFTER = re.compile(r"^\s*(?:\([^()]*\))?,?\s+(?:qui\s+)?(?:est|était)?\s*(?:une\s+)?"
                        r"(?:entreprise|société)\s+(?:publique|d['’]État\s+\w+|détenue\s+par\s+l['’]État|"
                        r"appartenant\s+à\s+l['’]État)", re.I)


def _state_typing(ctx: DocContext, sent: Sentence) -> None:
    """Crown corporations (société d'État, société de la Couronne) and state-owned enterprises."""
    for s, e, key in ctx.find(sent.text):
        ent = ctx.entities[key]
        if ent.kind != "org":
            continue
        if _CROWN_AFTER.match(sent.text[e:]) or _CROWN_BEFORE.search(sent.text[:s]):
            ent.classes.add("CrownCorporation")
        elif _SOE_AFTER.match(sent.text[e:]):
            ent.classes.add("StateOwnedEnterprise")


# ----------------------------------------------------------------- relations

def _e(name: str) -> str:
    return rf"⟦(?P<{name}>\d+)⟧"


def _p(name: str) -> str:
    return rf"⟦%(?P<{name}>[\d.]+)⟧"


def _filiale_share(m: re.Match[str]) -> float | None:
    """The share a subsidiary wording states: 100 for "en propriété exclusive", else its percentage."""
    return 100.0 if m["excl"] else float(m["v"]) if m["v"] else None


DE = r"(?:de la |de l['’]|du |des |de |d['’]|à la |au )"
ART = r"(?:la |le |l['’]|les )?"
_EXCLUSIVE = r"(?: en propriété exclusive| à part entière| (?:détenue )?(?:en totalité|entièrement|à ⟦%100\.0⟧))"
_ROYALTY = re.compile(r"\bredevances?\b|\bNSR\b|\bRNF\b|rendement net de fonderie|\bflux\b|\bteneurs?\b",
                      re.I)
_CONTEMPLATED = re.compile(
    r"\b(?:envisag\w*|pourrai\w*|pourrait|pourraient|pourra|éventuel\w*|possibilité|discussions?|"
    r"négociations?|négocie\w*|pourparlers|rumeurs?|étudi\w*|évalu\w*|aucun\w* (?:entente|accord|"
    r"transaction|décision)|démenti\w*|dément\w*|potentiel\w*|projet(?:é|ée|és|ées)|souhait\w*|"
    r"pas encore|proposée?s?|intention d['’]acquérir)\b", re.I)
# a deal agreed to: firm enough for an acquisition, and a signing for an agreement
_AGREED = r"a convenu|ont convenu|a accepté|ont accepté|a conclu|ont conclu|a signé|ont signé"
_FIRM = re.compile(rf"\b(?:entente définitive|convention définitive|{_AGREED})\b", re.I)
_SIGNED = re.compile(
    rf"\b(?:{_AGREED}|signent|signe|signé\w*|concluent|conclut|conclu\w*|ont formé|forment|formé\w*|"
    r"ont créé|créent|constitué\w*|constituent|annonce\w* (?:la signature|la conclusion|la formation|"
    r"la création|un|une)|partenaires?|s['’]associe\w*|associé\w*|ratifi\w*|lie|liant)\b", re.I)
_TERMINATED = re.compile(r"\b(?:résili\w*|mis fin|met fin|mettre fin|annul\w*|ne (?:participera|poursuivra) pas|"
                         r"se retire|s['’]est retirée?|abandonn\w*)\b", re.I)
_COMPLETED = re.compile(r"\b(?:conclu\w*|complété\w*|finalisé\w*|clôtur\w*|réalisé\w*|a acquis|ont acquis|"
                        r"a acheté|a racheté)\b", re.I)
_FR_AGREEMENTS: list[tuple[str, str]] = [
    (r"protocole d['’](?:entente|accord)|entente de principe", "MOU"),
    (r"lettre d['’](?:intention|entente)", "LOI"),
    (r"\bco-?entreprises?\b|société en participation", "JointVenture"),
    (r"(?:entente|contrat|convention) d['’](?:écoulement|achat de la production)", "Offtake"),
    (r"(?:entente|contrat|convention) d['’]approvisionnement|usinage à forfait", "Supply"),
    (r"(?:entente|convention|contrat) d['’]option|option d['’]acquérir", "Option"),
    (r"investissement stratégique|placement stratégique|placement privé|convention de souscription",
     "StrategicInvestment"),
    (r"entente de (?:collaboration|partenariat|coopération)|partenariat stratégique|alliance stratégique|"
     r"entente-cadre|consortium", "Collaboration"),
    (r"(?:entente|convention) de (?:redevance|prêt|crédit|commercialisation)|facilité de crédit", "Other"),
]
_AGREEMENT_RE = [(re.compile(p, re.I), t) for p, t in [*_FR_AGREEMENTS, *AGREEMENT_WORDS]]
_FR_START = re.compile(r"^\W*(?:Ses|Son|Sa|Leurs?|Elle|Il|Celle-ci|Celui-ci|Cette dernière)\b")
_ISSUER_FR = re.compile(r"\b(?:[Ll]a (?:Société|Corporation|Compagnie)|[Ll]['’]Entreprise)\b")
PNAME_FR = (r"(?P<name>(?:M\.\s+|Mme\s+)?[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?"
            r"(?:\s+(?:de |du |Le |La |D['’])?[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?){1,2})")
_TITLE_HEAD = re.compile(r"président|présidente|directeur|directrice|chef|CEO|vice-président|"
                         r"vice-présidente|administrat|secrétaire|trésori|fondat", re.I)


class _FrenchReader(_Reader):
    """The French rules applied to one masked sentence.

    Mentions, pronouns, stakes and the emitting of facts are the English
    reader's (:class:`oregraph.ingest.relations._Reader`); what is French here
    is the wording each rule reads, and the ``.fr`` every rule name ends with.
    """

    #: the holdings the sentence before stated, for "l'autre moitié", "le reste"
    last_holdings: Sequence[Fact] = ()

    RULE_SUFFIX = ".fr"

    def owner(self, at: int) -> str | None:
        """Who 'sa', 'son', 'ses', 'elle' refer to: the sentence's first organization before ``at``,
        else the previous sentence's subject; a sentence opening on 'Elle', 'Son', 'Celle-ci'…
        speaks of the previous subject."""
        return self.owner_of_pronoun("elle", 0 if _FR_START.match(self.t) else at)

    def rules(self) -> Iterable[tuple[Callable[[], None], object]]:
        return ((rule, True) for rule in (self.subsidiaries, self.stakes, self.acquisitions, self.agreements,
                                          self.operates, self.commodities, self.locations, self.officers))

    # -- subsidiaries --------------------------------------------------------
    def subsidiaries(self) -> None:
        t = self.t
        # "X est une filiale en propriété exclusive de Y", "X, filiale à 75 % de Y"
        for m in self._iter(
                rf"{_e('sub')},? (?:qui est |est |était |devient |est devenue )?(?:désormais |maintenant |ainsi |donc )*"
                rf"(?:une |la )?filiale(?: indirecte| directe)?(?P<excl>{_EXCLUSIVE})?(?: (?:détenue )?à {_p('v')})?"
                rf" {DE}{ART}{_e('parent')}", t):
            if not (self.is_org(m["sub"]) and self.is_org(m["parent"])):
                continue
            share = _filiale_share(m)
            if share is not None and share <= 50:
                self._stake(self.key(m["parent"]), m["sub"], share, "stake.filiale_pct")
            else:
                self.emit("subsidiaryOf", self.key(m["sub"]), self.key(m["parent"]), "subsidiary.appositive",
                          share=share, confidence=0.9)
        # "par l'intermédiaire d'X, sa filiale en propriété exclusive"; "sa filiale à 80 %, X"
        share = rf"(?P<excl>{_EXCLUSIVE})?(?: à {_p('v')})?"
        for pattern in (rf"{_e('sub')},? (?:sa|son) filiale{share}",
                        rf"\b(?:[Ss]a|[Ss]on|[Ss]es) filiales?{share},? {_e('sub')}"):
            for m in self._iter(pattern, t):
                if self.is_org(m["sub"]):
                    self.emit("subsidiaryOf", self.key(m["sub"]), self.owner(m.start()), "subsidiary.possessive",
                              share=_filiale_share(m), confidence=0.85)
        # "X, dont l'unique actionnaire est Y"
        for m in self._iter(
                rf"{_e('sub')}[^⟦;]{{0,80}}?dont (?P<how>l['’]unique actionnaire|le seul actionnaire|"
                rf"l['’]actionnaire unique|l['’]actionnaire majoritaire|l['’]actionnaire de contrôle|"
                rf"l['’]actionnaire principal|le principal actionnaire) est {ART}{_e('parent')}", t):
            sub, parent, how = m["sub"], m["parent"], m["how"]
            if not (self.is_org(sub) and self.is_org(parent)):
                continue
            if rx.search(r"unique|seul", how):
                self.emit("subsidiaryOf", self.key(sub), self.key(parent), "subsidiary.sole_shareholder",
                          share=100.0, confidence=0.85)
            elif rx.search(r"majoritaire|contrôle", how):
                self.emit("subsidiaryOf", self.key(sub), self.key(parent), "subsidiary.majority_shareholder",
                          confidence=0.8)
            else:
                self.emit("ownsStakeIn", self.key(parent), self.key(sub), "stake.largest_shareholder",
                          confidence=0.7)
        # "X est détenue en totalité par Y", "X, contrôlée par Y"
        for m in self._iter(rf"{_e('sub')},? (?:qui est |est )?(?:(?P<all>entièrement |en totalité |à part entière )?"
                            rf"détenue?s? (?:(?P<all2>en totalité |entièrement |en propriété exclusive )?)par|"
                            rf"(?:contrôlée?s?|sous le contrôle) (?:par|de|d['’]|du)) {ART}{_e('parent')}", t):
            if self.is_org(m["sub"]) and self.is_org(m["parent"]):
                full = bool(m["all"] or m["all2"])
                self.emit("subsidiaryOf", self.key(m["sub"]), self.key(m["parent"]),
                          "subsidiary.held_by" if full else "subsidiary.controlled_by",
                          share=100.0 if full else None, confidence=0.8 if full else 0.75)

    # -- stakes ----------------------------------------------------------------
    def stakes(self) -> None:
        t = self.t
        if _ROYALTY.search(t):  # a royalty, stream or grade percentage is never a stake
            return
        verbs = (r"(?:détient|détiennent|détiendra|détiendront|possède|possèdent|possédera|conserve|"
                 r"conservera|conservent|contrôle|détenait|détenaient)")
        # "X détient (, par l'intermédiaire d'Y, …,) une participation de 6,67 % dans Z"
        for m in self._iter(
                rf"(?:{_e('h')}|(?P<pron>\b[Ee]lle|\b[Ii]l|\b[Nn]ous))(?:,? qui)? (?:\w+ )?{verbs}"
                rf"(?P<gap>,[^;]{{0,160}}?,)? (?:également |actuellement |désormais |maintenant |indirectement |"
                rf"directement |aussi |toujours |encore )*(?:(?:une |la |sa |leur |l['’]autre |une autre )?participation (?:\w+ ){{0,2}}?"
                rf"(?:de |d['’]))?(?:environ |près de |approximativement )?{_p('v')}"
                rf"(?: du capital(?:-actions)?| des actions(?: en circulation)?| des parts| des droits)? "
                rf"(?:de |dans |d['’]|du |de la |de l['’]|au |à la |des )(?:la |le |l['’]|les )?{_e('x')}"
                rf"(?P<after>,? (?:par l['’]intermédiaire|par le biais|via) [^⟦;]{{0,60}}{E})?", t):
            if m["h"] is not None and not self.is_org(m["h"]):
                continue
            holder = self.key(m["h"]) if m["h"] is not None else (
                self.quote_org or self.ctx.issuer if m["pron"] in ("Nous", "nous") else self.owner(m.start()))
            gap = (m["gap"] or "") + (m["after"] or "")
            via = rx.search(rf"(?:par l['’]intermédiaire|par le biais|par le truchement|au moyen) "
                            rf"(?:de |d['’]|du |de la )(?:sa filiale (?:en propriété exclusive )?|son |sa )?{E}"
                            rf"|\bvia (?:sa filiale )?{E}", gap.lstrip(", "))
            if via:
                n = via.group(1) or via.group(2)
                if self.is_org(n):
                    holder = self.key(n)
            self._stake(holder, m["x"], float(m["v"]), "stake.holds_pct")
        # "Les autres actionnaires d'X sont A, qui détient 40 %, B et C, qui détiennent chacune 20 %"
        for m in self._iter(rf"actionnaires {DE}{ART}{_e('held')},? sont (?P<rest>.+)", t):
            for item in rx.finditer(rf"(?P<hs>{E}(?:(?:,\s*|\s+et\s+|\s+ainsi que\s+){E})*),? qui "
                                    rf"(?:détient|détiennent|possède|possèdent)(?: chacune?| chacun| respectivement)?"
                                    rf"(?: une participation de)? {_p('v')}", m["rest"]):
                for h in rx.findall(E, item["hs"]):
                    if self.is_org(h):
                        self._stake(self.key(h), m["held"], float(item["v"]), "stake.shareholder_list")
        # "A et B détiennent respectivement 60 % et 40 % de X", "A et B détiennent chacune 50 % de X"
        for m in self._iter(rf"{_e('a')} et {_e('b')} (?:détiennent respectivement {_p('va')} et {_p('vb')} {DE}|"
                            rf"(?:détiennent|possèdent) chacune? (?:une participation de )?{_p('v')} "
                            rf"(?:de |dans |d['’]|du )){ART}{_e('x')}", t):
            rule = "stake.each_hold" if m["v"] else "stake.respectively"
            for h, v in ((m["a"], m["v"] or m["va"]), (m["b"], m["v"] or m["vb"])):
                if self.is_org(h):
                    self._stake(self.key(h), m["x"], float(v), rule)
        # "X, détenue à 60 % par A et à 40 % par B"
        for m in self._iter(rf"{_e('x')},? (?:qui est |est )?détenue?s? à {_p('v1')} par {ART}{_e('h1')}"
                            rf"(?:,? et à {_p('v2')} par {ART}{_e('h2')})?", t):
            for h, v in ((m["h1"], m["v1"]), (m["h2"], m["v2"])):
                if h is not None and self.is_org(h):
                    self._stake(self.key(h), m["x"], float(v), "stake.held_pct_by")
        # "la participation de 6,67 % dans X, détenue par sa filiale Y"
        for m in self._iter(rf"participation de {_p('v')} dans {ART}{_e('x')},? détenue par "
                            rf"(?:sa filiale |son |sa |la filiale )?{_e('h')}", t):
            if self.is_org(m["h"]):
                self._stake(self.key(m["h"]), m["x"], float(m["v"]), "stake.participation_held_by")
        self._remainders()

    def _remainders(self) -> None:
        """"L'autre moitié appartient à B", "Le reste est détenu par B", "Les 40 % restants
        appartiennent à B": what the holdings stated just before (in this sentence, else in the
        one before) leave of a company or asset is B's."""
        for m in self._iter(rf"(?:\b[Ll]['’]autre (?P<half>moitié)|\b[Ll]e (?P<rest>reste|solde)|"
                            rf"\b(?:[Ll]es (?:autres )?|[Ll]['’]autre participation de |[Ll]a participation "
                            rf"restante de ){_p('v')}(?: restants?)?)(?: du capital| des actions)?"
                            rf"(?: {DE}{ART}{_e('x')})?,? (?:(?:appartien(?:t|nent)|revien(?:t|nent)) à|"
                            rf"(?:est|sont) (?:détenue?s?|contrôlée?s?) par) {ART}{_e('h')}", self.t):
            if not self.is_org(m["h"]):
                continue
            stated = _holdings_by_held(self.facts) or _holdings_by_held(self.last_holdings)
            held = self.key(m["x"]) if m["x"] else next(iter(stated)) if len(stated) == 1 else None
            holders = stated.get(held or "", {})
            if held is None or self.key(m["h"]) in holders:
                continue
            taken = sum(holders.values())
            share = float(m["v"]) if m["v"] else 50.0 if m["half"] else 100.0 - taken
            if (m["half"] and taken not in (0.0, 50.0)) or (m["rest"] and not 0 < taken < 100) \
                    or taken + share > 100.0 + 1e-6:
                continue  # the words do not add up: better no holding than a wrong one
            self._stake(self.key(m["h"]), m["x"] or self._mention_of(held), round(share, 4),
                        "stake.remaining_held_by", conf=0.7)

    # -- acquisitions ------------------------------------------------------------
    def acquisitions(self) -> None:
        t = self.t
        if _CONTEMPLATED.search(t) and not _FIRM.search(t):
            return
        target_tail = (rf"(?:(?:la totalité|l['’]ensemble) (?:des actions |du capital )?(?:de |d['’]|du )|"
                       rf"{_p('v')} (?:des actions |du capital )?(?:de |d['’]|du |dans )|"
                       rf"une participation (?:de {_p('v2')} )?dans )?{ART}{_e('t')}")
        rules = [
            ("acquisition.noun",
             rf"(?:{_e('a')}|(?P<pron>\b[Ee]lle|\b[Ii]l|\b[Cc]elle-ci|\b[Cc]elui-ci))(?:,? [^⟦.;]{{0,40}},)? "
             rf"(?:annonce (?:avoir )?|a annoncé (?:avoir )?)?"
             rf"(?P<verb>a conclu|conclut|conclu|a complété|complète|complété|a finalisé|finalise|finalisé|"
             rf"a réalisé|réalise|réalisé|"
             rf"annonce|a annoncé|a clôturé|clôture|procède à)(?:,? [^⟦;]{{0,40}},)? "
             rf"l['’]acquisition (?:de |d['’]|du |des ){target_tail}"),
            ("acquisition.verb",
             rf"(?:{_e('a')}|(?P<pron>\b[Ee]lle|\b[Ii]l))(?:,? [^⟦.;]{{0,40}},)? (?P<verb>acquiert|a acquis|acquerra|"
             rf"va acquérir|a convenu d['’]acquérir|a accepté d['’]acquérir|s['’]est engagée? à acquérir|achète|"
             rf"a acheté|rachète|a racheté) {target_tail}"),
            ("acquisition.whose",
             rf"(?P<verb>){target_tail},? dont (?:{_e('a')}|elle|il) (?:a conclu|a complété|a finalisé|a réalisé|"
             rf"a annoncé|annonce) l['’]acquisition"),
            ("acquisition.by",
             rf"(?P<verb>)acquisition (?:de |d['’]|du |des ){target_tail} par {ART}{_e('a')}"),
        ]
        for rule, pattern in rules:
            for m in self._iter(pattern, t):
                if "jusqu'à" in m.group(0) or "jusqu’à" in m.group(0):
                    continue
                if m["a"] is not None and not self.is_org(m["a"]):
                    continue
                if not (self.is_org(m["t"]) or self.is_asset(m["t"])):
                    continue
                if m["a"] is not None:
                    buyer = self.key(m["a"])
                elif rule == "acquisition.whose":  # "X, dont elle a conclu l'acquisition": the subject
                    buyer = self.owner(m.start())
                else:  # "celle-ci": the closest organization before, else the subject
                    before = [n for n in rx.findall(E, t[:m.start()]) if self.is_org(n)]
                    buyer = self.key(before[-1]) if before else self.owner(m.start())
                share = m["v"] or m["v2"]
                verb = m["verb"] or ""
                status = "completed" if rx.search(r"conclu|complét|finalis|réalis|clôtur|acquis|achet", verb) \
                    or (rule in ("acquisition.by", "acquisition.whose") and _COMPLETED.search(t)) else "signed"
                self.emit("acquires", buyer, self.key(m["t"]), rule, share=float(share) if share else None,
                          status=status, confidence=0.75 if rule != "acquisition.by" else 0.7)

    # -- agreements --------------------------------------------------------------
    def agreements(self) -> None:
        t = self.t
        kind = next((name for pattern, name in _AGREEMENT_RE if pattern.search(t)), None)
        if kind is None:
            return
        signed = _SIGNED.search(t)
        if _CONTEMPLATED.search(t) and not signed:
            return
        if not signed and not rx.search(r"\bpartenaire|\bentente avec\b|\baux termes\b|\ben vertu\b", t, re.I):
            return
        status = "terminated" if _TERMINATED.search(t) else "signed"
        binding = False if rx.search(r"non[- ](?:contraignante?|exécutoire|liante?)", t, re.I) else \
            True if rx.search(r"\b(?:contraignante?|exécutoire|ferme)\b", t, re.I) else None
        parties: list[str] = []
        with_ = rx.search(rf"\bavec {ART}{E}", t)
        if with_:  # "A a signé … avec B": the parties are A (or the subject) and those after 'avec'
            before = [n for n in rx.findall(E, t[:with_.start()]) if self.is_org(n)]
            first = self.key(before[0]) if before and not _FR_START.match(t) else self.owner(with_.start())
            after = [self.key(n) for n in rx.findall(E, t[with_.start():]) if self.is_org(n)]
            found = [first, *after] if first else after
        else:
            found = [self.key(n) for n in rx.findall(E, t) if self.is_org(n)]
        for k in found:
            if k not in parties:
                parties.append(k)
        if rx.search(r"\b(?:les Parties|les parties|les deux sociétés|les deux entreprises)\b", t) and len(parties) < 2:
            parties = list(dict.fromkeys([*parties, *([self.ctx.issuer] if self.ctx.issuer else [])]))
        if len(parties) == 1:
            other = self.owner(len(t))
            if other and other != parties[0]:
                parties = [other, parties[0]]
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                self.emit("partnerOf", a, b, f"agreement.{kind.lower()}", agreement=kind, status=status,
                          binding=binding, confidence=0.8)

    # -- operates ------------------------------------------------------------------
    def operates(self) -> None:
        t = self.t
        for m in self._iter(rf"{_e('o')},? (?:qui |laquelle )?(?P<neg>n['’])?(?:(?:exploite|exploitera|opère) |"
                            rf"(?:est l['’]exploitant|assure l['’]exploitation) {DE}){ART}{_e('a')}", t):
            if not m["neg"] and self.is_org(m["o"]) and self.is_asset(m["a"]):
                self.emit("operates", self.key(m["o"]), self.key(m["a"]), "operates.verb", confidence=0.85)
        for m in self._iter(rf"{_e('a')},? (?:qui )?(?:est|sont) exploitée?s? par {ART}{_e('o')}", t):
            if self.is_org(m["o"]) and self.is_asset(m["a"]):
                self.emit("operates", self.key(m["o"]), self.key(m["a"]), "operates.passive", confidence=0.85)
        for m in self._iter(rf"\b(?P<pron>[Ss]a|[Ss]on|[Ss]es|[Nn]otre|[Nn]os) (?:propre |principale? |nouvelle? )?"
                            rf"{_e('a')}", t):
            if not self.is_asset(m["a"]) or rx.search(r"\bparticipation|\bintérêt", t[max(0, m.start() - 40):m.start()]):
                continue
            owner = (self.quote_org or self.ctx.issuer) if m["pron"].lower() in ("notre", "nos") \
                else self.owner(m.start())
            self.emit("operates", owner, self.key(m["a"]), "operates.possessive", confidence=0.75)

    # -- commodities ---------------------------------------------------------------
    def commodities(self) -> None:
        t = self.t
        for n in rx.findall(E, t):
            if self.is_asset(n):
                for c_slug, c_label in sorted(getattr(self.ctx.entities[self.key(n)], "_commodities", ())):
                    key = self.ctx.add("commodity", c_label, "Commodity", key=f"commodity-{c_slug}")
                    self.emit("commodity", self.key(n), key, "commodity.asset_name", confidence=0.9)
        verbs = (r"(?:produit|produisent|produira|production|extrait|extraction|explore|exploration|"
                 r"producteur|productrice|producteurs|fournit|fournisseur|vend|vente|commercialise|affine|"
                 r"raffine|transforme)")
        for m in self._iter(rf"{_e('s')}[^⟦]{{0,80}}?\b{verbs}\b[^⟦.;]{{0,40}}?{_e('c')}"
                            rf"(?P<tail>(?:(?:,\s*|\s+et\s+|\s+ou\s+)(?:{DE}|{ART}){E})*)", t):
            if self.kind(m["c"]) != "commodity" or not (self.is_org(m["s"]) or self.is_asset(m["s"])):
                continue
            if rx.search(r"\bprix\b|\bmarché|\bdemande\b", m.group(0), re.I):
                continue
            for n in [m["c"], *rx.findall(E, m["tail"] or "")]:
                if self.kind(n) == "commodity":
                    self.emit("commodity", self.key(m["s"]), self.key(n), "commodity.verb", confidence=0.7)

    # -- locations -----------------------------------------------------------------
    def locations(self) -> None:
        t = self.t
        region = r"(?:(?:province|région|municipalité|ville|territoire|MRC) (?:de la |de l['’]|du |de |d['’]))?"
        for m in self._iter(rf"{_e('s')},? (?:qui est |est |sont )?(?P<how>situé\w*|localisé\w*|établi\w*|basé\w*|"
                            rf"implanté\w*|sis\w*|dont le siège social est(?: situé)?|a son siège social|"
                            rf"ayant son siège social)? ?(?P<near>près d['’]|près de |à proximité de |"
                            rf"à proximité d['’])?(?:à |au |aux |en |dans (?:la |le |l['’]))?{region}{_e('p')}", t):
            if self.kind(m["p"]) != "place":
                continue
            subj = m["s"]
            between = t[m.end("s"):m.start("p")]
            if self.is_org(subj):
                if not m["how"]:
                    continue
            elif not self.is_asset(subj):
                continue
            elif not rx.search(r"\b(?:à|au|aux|en|dans|près)\b|d['’]$", between):
                continue
            place_key = self.key(m["p"])
            if m["near"]:
                place_key = self.ctx.entities[place_key].parent or place_key
            self.emit("locatedIn", self.key(subj), place_key, "located.in", confidence=0.8)
        # "X, une société d'exploration dont le siège social est situé à Y"
        for m in self._iter(rf"{_e('s')}[^⟦;.]{{0,60}}?(?:dont le siège social est(?: situé)?|a son siège social|"
                            rf"ayant son siège social|siège social (?:est )?situé) (?:à|au|en) {_e('p')}", t):
            if self.is_org(m["s"]) and self.kind(m["p"]) == "place":
                self.emit("locatedIn", self.key(m["s"]), self.key(m["p"]), "located.head_office", confidence=0.85)
        # "l'usine de Bécancour": a plant named after its place is in it
        self._at = None
        for n in rx.findall(E, t):
            place = getattr(self.ctx.entities[self.key(n)], "_place", None)
            if self.is_asset(n) and place in self.ctx.entities:
                self.emit("locatedIn", self.key(n), place, "located.asset_name", confidence=0.8)

    # -- officers ------------------------------------------------------------------
    def officers(self) -> None:
        t = self.t
        of = rf"(?:de |d['’]|du |de la ){ART}"
        rules = [
            ("officer.name_title_de", rf"{PNAME_FR},\s+(?:le |la )?{TITLE}\s+{of}{_e('o')}"),
            ("officer.said_name_title", rf"(?:déclaré|affirmé|ajouté|indiqué|souligné|commenté|précisé|expliqué|"
                                        rf"mentionné|déclare|affirme|ajoute|indique|souligne)\s+{PNAME_FR},\s+"
                                        rf"(?:le |la )?{TITLE}(?:\s+{of}{_e('o')})?"),
            ("officer.title_de_org_name", rf"{TITLE}\s+{of}{_e('o')},\s+{PNAME_FR}"),
            ("officer.appointed", rf"{_e('o')} (?:a |annonce |annonce la )?(?:nommé|nomination de)\s+{PNAME_FR}\s+"
                                  rf"(?:au poste de|à titre de|comme|en tant que)\s+{TITLE}"),
        ]
        for rule, pattern in rules:
            for m in self._iter(pattern, t):
                title = rx.sub(r"\s+(?:et|de|du)$", "", m["title"].strip(" ,&-"))
                if not _TITLE_HEAD.search(title):
                    continue
                org_n = m["o"]
                if org_n is not None and not self.is_org(org_n):
                    continue
                org = self.key(org_n) if org_n is not None else (self.quote_org or self.owner(m.start()))
                name = rx.sub(r"^(?:M\.|Mme)\s+", "", m["name"]).strip()
                if self.ctx.lookup(name) or _TITLE_HEAD.fullmatch(name.split()[0]):
                    continue
                person = self.ctx.add("person", name, "Person")
                self.emit("officerOf", person, org, rule, title=title, confidence=0.85)


_AFTER_NAME = re.compile(r"⟦(\d+)⟧(?:\s*\((?=[^()]*(?:[«\"“:]|⟦))[^()]{0,300}\))+")


def _prepare(ctx: DocContext, masked: Masked) -> Masked:
    """Fold ticker blocks and defined terms into the name before them; 'la Corporation' stands for
    the issuer. Each phrase becomes one mention, so a fact still cites the words it was read from."""
    while found := _AFTER_NAME.search(masked.text):
        masked = _substitute(masked, found.span(), masked.mentions[int(found.group(1))].key)
    while ctx.issuer and (found := _ISSUER_FR.search(masked.text)):
        masked = _substitute(masked, found.span(), ctx.issuer)
    return masked


def _holdings_by_held(facts: Iterable[Fact]) -> dict[str, dict[str, float]]:
    """The shares the facts state: {held key: {holder key: share}}."""
    out: dict[str, dict[str, float]] = {}
    for f in facts:
        if f.share is None or f.predicate not in ("ownsStakeIn", "subsidiaryOf"):
            continue
        holder, held = (f.subject, f.object) if f.predicate == "ownsStakeIn" else (f.object, f.subject)
        out.setdefault(held, {})[holder] = f.share
    return out


def read_relations_fr(ctx: DocContext, masked: list[Masked]) -> Iterator[Fact]:
    """Every fact of a French document, sentence by sentence."""
    prev_subject = ctx.issuer
    last_holdings: list[Fact] = []
    for m in masked:
        m = _prepare(ctx, m)
        said = rx.search(rf"(?:déclaré|affirmé|ajouté|indiqué|souligné)\s+[^⟦.]{{0,80}}?{E}", m.text)
        quote_org = None
        if said and ctx.entities[m.mentions[int(said.group(1))].key].kind == "org":
            quote_org = m.mentions[int(said.group(1))].key
        reader = _FrenchReader(ctx, m, prev_subject, quote_org)
        reader.last_holdings = last_holdings
        facts = reader.run()
        yield from facts
        last_holdings = facts
        subject = next((mm.key for mm in m.mentions if ctx.entities[mm.key].kind == "org"), None)
        if subject and not _FR_START.match(m.text):
            prev_subject = subject
