"""The words and shapes the relation rules read: placeholders of the masked text, agreement words,
hedges and denials, titles and names, the quick gates of each rule family, shared sub-patterns."""

from __future__ import annotations

import functools
import re

# placeholders of the masked text: the n-th mention, a percentage
E = r"⟦(\d+)⟧"
P = r"⟦%([\d.]+)⟧"
_WHOLLY = r"(?:wholly[- ](?:owned|controlled)|100\s*%[- ](?:owned|controlled)|⟦%100\.0⟧[- ]?(?:owned|controlled))"
# agreement words, most specific first: (regex, agreement type)
AGREEMENT_WORDS: list[tuple[str, str]] = [
    (r"memorandum of understanding|\bMOU\b|\bMoU\b|protocole d'entente|protocole d’entente", "MOU"),
    (r"letter of intent|\bLOI\b|letter agreement|lettre d'intention|lettre d’intention", "LOI"),
    (r"joint[- ]venture|\bJV\b|coentreprise|co-entreprise", "JointVenture"),
    (r"offtake|off-take|take-or-pay|purchase agreement for (?:all|the) (?:output|production)", "Offtake"),
    (r"supply agreement|feedstock|tolling|toll[- ]milling|ore purchase", "Supply"),
    (r"option agreement|earn-in|earn in|farm-in|option to (?:earn|acquire)", "Option"),
    (r"strategic investment|equity investment|subscription (?:agreement|facility)|private placement|"
     r"investment agreement", "StrategicInvestment"),
    (r"collaboration|cooperation agreement|co-operation agreement|framework agreement|"
     r"strategic (?:partnership|alliance|relationship)|partnership agreement|consortium", "Collaboration"),
    (r"royalty agreement|credit (?:agreement|facility)|loan agreement|marketing (?:agreement|contract)|"
     r"sales? (?:agreement|contract)|licen[cs]e agreement|(?:long-term )?contract with (?:⟦\d+⟧['’]s )?⟦\d+⟧ to (?:market|sell)|"
     r"term sheet", "Other"),
]
_AGREEMENT_RE = [(re.compile(p, re.I), t) for p, t in AGREEMENT_WORDS]
_SIGNED = re.compile(r"\b(?:signed|sign|entered into|enter into|executed|concluded|agreed|formed|"
                     r"form|announce[sd]? (?:a|an|the)|ha(?:s|ve) (?:a|an)|signing|conclu|signé|"
                     r"partnering|partnered|teamed|execution of|entering into|closed|completed|inked|struck)\b", re.I)
_CONTEMPLATED = re.compile(r"\b(?:negotiat(?!ed\b)\w*|(?<!ha[sd] )(?<!have )negotiated|discuss\w*|talks|considering|consider|(?-i:may)(?!\s+\d)|might|"
                           r"could|potential(?:ly)?|explor(?:e|ing) (?:a|the) possib\w*|"
                           r"no agreement|rumou?r\w*|reported(?:ly)?|proposed|seek(?:s|ing)? to|"
                           r"in (?:early|preliminary) (?:stage|discussion)s?|"
                           r"would (?:sign|enter|form|acquire)|hopes? to|aims? to)\b", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|deny|no (?:plans?|intention)|not (?:in|currently in) "
                     r"(?:talks|negotiations|discussions)|has not (?:signed|entered|agreed)|"
                     r"did not (?:sign|enter|agree)|rejected|declined|opposed?)\b", re.I)


def share_in_range(share: float | None) -> bool:
    """A share is a percentage of the whole: from 0 to 100 (None: no share stated).

    >>> share_in_range(40.0), share_in_range(101.0), share_in_range(None)
    (True, False, True)
    """
    return share is None or 0.0 <= share <= 100.0


@functools.lru_cache(maxsize=2048)
def only_contemplated(text: str) -> bool:
    """True when the deal is only talked about or denied, not signed.

    A hedge after the signing ("signed an MOU ... could lead to") does not
    undo it; a contemplating word before any signing verb ("negotiating to
    form", "in talks to sign") or a denial does.

    >>> only_contemplated("A and B are negotiating to form a joint venture.")
    True
    >>> only_contemplated("A signed an MOU with B that could lead to a joint venture.")
    False
    """
    if _DENIED.search(text):
        return True
    hedge = _CONTEMPLATED.search(text)
    if hedge is None:
        return False
    signed = _SIGNED.search(text)
    return signed is None or hedge.start() < signed.start()


_TERMINATED = re.compile(r"\b(?:terminat\w*|withdr[ae]w\w*|cancel\w*|will not (?:participate|proceed)|"
                         r"no longer|rescind\w*|résili\w*)\b", re.I)
_NON_BINDING = re.compile(r"\bnon[- ]binding\b", re.I)
_BINDING = re.compile(r"(?<!non-)(?<!non )\bbinding\b", re.I)
_COMPLETED = re.compile(r"\b(?:completed|completes|closed|closes|closing of)\b", re.I)
_TITLE_WORD = (
    r"(?:[Ii]nterim|[Aa]cting|[Ee]xecutive|Senior|Deputy|[Cc]hief|[Vv]ice[- ][Pp]resident|Vice[- ]Chair(?:man)?|"
    r"[Pp]resident|[Cc]hair(?:man|woman|person)?|CEO|CFO|COO|CTO|[Dd]irector|[Mm]anaging|General|Manager|"
    r"[Oo]fficer|Operations|Financial|Operating|Technical|Technology|Founder|Co-Founder|Secretary|"
    r"Treasurer|Head|VP|SVP|EVP|Exploration|Corporate|Development|Business|Sustainability|"
    r"Commercial|Legal|Counsel|Non-Executive|Independent|Country|Regional|Global|Strategy|"
    r"Investor Relations|Relations|Marketing|Projects?|Engineering|Executive Officer|"
    r"Board|the Board|of the Board|of Directors|Lead|Principal|Metallurgy|Production|"
    r"président|présidente|chef de la direction|directeur|directrice|général|générale|"
    r"vice-président|vice-présidente|et|designate|elect)"
)
_TITLE_HEAD = re.compile(r"CEO|CFO|COO|CTO|Chief Executive|President|Chair|Director|Manager|Officer|Founder|"
                         r"Secretary|Treasurer|Head|VP|Counsel|président|directeur|directrice|chef",
                         re.I)
TITLE = rf"(?P<title>{_TITLE_WORD}(?:(?:\s+|\s*[,&/]\s*|\s+and\s+|\s+of\s+|\s*-\s*){_TITLE_WORD}){{0,8}})"
# a name word: "Gough", "Jean-Marc", "O’Connor", "D'Souza", "McArthur", "MacLeod"
_NAME_WORD = r"(?:[OD]['’](?=[A-Z])|Ma?c(?=[A-Z]))?[A-ZÀ-Ý][a-zà-ÿ'’\-]+"
PNAME = (rf"(?P<name>(?:Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+|Dr\.?\s+)?(?:[A-Z]\.\s+)?{_NAME_WORD}(?:\s+[A-Z]\.)?"
         rf"(?:\s+(?:de|van|von|da|del|du|la|le|St\.)?\s*{_NAME_WORD}){{1,2}})")
# Words without which a rule family cannot match: a cheap test before its patterns run.
_GATE_SUBSIDIARY = re.compile(r"subsidiar|\bunit\b|division|member|part of|controlled|owned|whose|"
                              r"affiliate|\barm\b|filiale|⟧['’]s ⟦", re.I)
_GATE_STAKE = re.compile(r"owned|respectively|interest|stake|joint venture|shareholder|owner", re.I)
_GATE_ACQUISITION = re.compile(r"acqui|purchas|\bbuy|bought|\bsel|\bsold|sale|takeover|buyout|portfolio|issue|place|earn|secure|obtain|"
                               r"transfer|\bvend|"
                               r"(?:will|would|to|shall) (?:also )?(?:hold|own|take|assume|receive)\b", re.I)
# words after "X's Y" that make Y something other than X's company: "X's Anglo agreement", "X's Y shares"
_NOT_A_UNIT = (r"agreements?|deals?|offers?|bids?|transactions?|merger|acquisition|purchase|takeover|shares?|stock|"
               r"stakes?|interests?|holdings?|board|management|shareholders?|partners?|partnership|"
               r"joint venture|JV|alliance|contracts?|loans?|facility|financing|investment|option|"
               r"royalty|stream|\(|,? (?:and|or) ⟦")
# a holding counted in shares, with its percentage of the company's shares or capital
_SHARES_HELD = re.compile(
    r"⟦(?P<holder>\d+)⟧(?: and (?:its|their) (?:affiliates|associates|joint actors|subsidiaries))?"
    r"(?:,[^⟦;]{0,80}?,)? (?:[^.;⟦]{0,60}?\s)?"
    r"(?P<verb>(?:beneficially |now |currently |will |would |then |also )*(?:owns?|owned|holds?|held|controls?|"
    r"controlled|owned or controlled|(?:has |have )?acquired|purchased|bought|subscribe[sd]? for|"
    r"(?:will )?(?:own|hold|control)))\b"
    r"(?:[^.;%⟦]|⟦\d+⟧){0,160}?\bshares\b(?:[^.;%⟦]|⟦\d+⟧){0,100}?"
    r"(?:,? or |\(?representing |equal to |which represents? |being |amounting to )(?:approximately |about |roughly |"
    r"nearly |some |an aggregate of )?⟦%(?P<pct>[\d.]+)⟧ of (?:the |its |their |all )?"
    r"(?:(?:issued|outstanding|issued and outstanding|total|then|currently) )*(?:⟦\d+⟧ )?"
    r"(?:common |ordinary |voting |class [A-Z] )?(?:shares|capital|share capital|stock|equity)", re.I)
# a holding only on conditions or after a conversion not made: "assuming the exercise of the warrants"
_ONLY_IF = re.compile(r"\b(?:assuming|would (?:hold|own|control|have)|if (?:all|the)|if converted|convertible|"
                      r"upon (?:the )?(?:exercise|conversion)|on (?:the )?(?:exercise|conversion)|"
                      r"on a (?:partially |fully )diluted basis)\b|^\W*If\b", re.I)
# after an organization's mention: "'s 45 pct stake in the Y" (the stake the organization holds in Y)
_POSSESSIVE_STAKE = re.compile(r"['’]s? (?:⟦%(?P<pct>[\d.]+)⟧ )?"
                               r"(?:(?:direct|indirect|remaining|entire|existing|"
                               r"undivided|equity|ownership|working|joint venture) ){0,2}"
                               r"(?:stake|interest|shareholding|holding)s? in (?:the )?⟦(?P<held>\d+)⟧")
# the head nouns of a site's description ("the smelter near Maputo", "the operator of the mine")
_SITE_HEADS = r"(?:mine|smelter|refinery|mill|plant|project|deposit|property|complex|concentrator|operation)"
# an asset's name used as a modifier of a map's words: "the X concession boundaries", "X project outline"
_OUTLINE = re.compile(r"\s+(?:boundar(?:y|ies)|outlines?|limits|maps?|footprints?)\b")



# where a list of mentions may start: not right after another of its elements ("⟦1⟧, ⟦2⟧ and ⟦3⟧" is
# matched once, from ⟦1⟧, instead of once from each element)
_LIST_START = r"(?<!⟧, )(?<!⟧ and )(?<!⟧ or )(?<!⟧-)(?<!⟧ )"


def mention_list(name: str | None = None) -> str:
    """A list of mentions ("⟦1⟧, ⟦2⟧ and ⟦3⟧", "⟦1⟧-⟦2⟧") as one capturing group (named ``name`` when given),
    matched only from its first element."""
    group = f"?P<{name}>" if name else ""
    return rf"{_LIST_START}({group}(?:⟦\d+⟧(?:, |,? and |,? or |-| ))*⟦\d+⟧)"
