"""AVG data minimisation: what may be published of someone's contact details. Pure.

A page publishes names and public roles; contact runs through function addresses
(an organisation's role mailboxes, such as secretariaat@...). Any other e-mail
address or phone number, in a field or in running text, is personal: it is
published only as a person's own ``e-mail`` or ``telefoon``, with a recorded basis
that says what it is and since when (``grondslag: toestemming per e-mail,
2023-05-01``), and the same page may repeat it. Everything else is reported and
left out (see contactdetails.py for what counts as an address or number).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from . import contactdetails
from .contactdetails import EMAIL, PHONE, ContactDetail
from .objects import FieldProblem, Value
from .schema import Kind, ObjectType
from .values import parse_value

PERSONAL_CONTACT_FIELDS = {"e-mail": EMAIL, "telefoon": PHONE}
BASIS_FIELD = "grondslag"
BASIS_EXAMPLE = "toestemming per e-mail, 2023-05-01"
#: Role mailboxes at any domain: they belong to a function, whoever holds it.
DEFAULT_FUNCTION_ADDRESSES = (
    "info@*",
    "secretaris@*",
    "secretariaat@*",
    "communicatie@*",
    "contact@*",
    "bestuur@*",
    "bestuurssecretariaat@*",
    "redactie@*",
    "nieuwsbrief@*",
    "pers@*",
    "persvoorlichting@*",
    "griffie@*",
    "gemeente@*",
    "postbus@*",
    "servicedesk@*",
    "helpdesk@*",
    "noreply@*",
    "no-reply@*",
)
#: The grounds of article 6 AVG, as a contributor would name them.
GROUNDS = (
    "toestemming",
    "instemming",
    "ingestemd",
    "overeenkomst",
    "wettelijke verplichting",
    "wettelijke plicht",
    "vitaal belang",
    "vitale belangen",
    "algemeen belang",
    "publieke taak",
    "publiekrechtelijke taak",
    "gerechtvaardigd belang",
    "gerechtvaardigde belangen",
)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
#: Field kinds whose text is never an address: ids, dates, numbers, fixed choices.
#: Field kinds that keep their other words when an address is taken out; the rest go whole.
_REDACTED_KINDS = {Kind.TEXT, Kind.LINES, Kind.WORDS}
_NOT_TEXT = {Kind.REF, Kind.REFS, Kind.ROLES, Kind.WHEN, Kind.NUMBER, Kind.CHOICE, Kind.CHOICES, Kind.TIMEZONE}
WHAT_HAPPENS_FIELD = "Het veld is weggelaten op de pagina en in de open data"
WHAT_HAPPENS_REDACTED = "Op de pagina en in de open data staat nu '[{}]'"
WHAT_HAPPENS_TEXT = "Op de pagina staat nu '[{}]'"
OMITTED = {EMAIL: "e-mailadres weggelaten", PHONE: "telefoonnummer weggelaten"}
_NAMES = {EMAIL: "e-mailadres", PHONE: "telefoonnummer"}


class FunctionAddresses:
    """The configured patterns of function addresses and numbers (``kennisbank_function_addresses``).

    A pattern with "@" matches e-mail addresses (``*@vzhg.nl``, ``info@*``), case-insensitively;
    one without matches phone numbers, written any way (``070 123 45 67``, ``088*``)."""

    def __init__(self, patterns: Iterable[str]):
        self.patterns = tuple(patterns)
        self._email = tuple(p.casefold().replace(" ", "") for p in self.patterns if "@" in p)
        self._phone = tuple(_phone_pattern(p) for p in self.patterns if "@" not in p)

    def __contains__(self, detail: ContactDetail) -> bool:
        if detail.is_example:
            return True
        patterns = self._email if detail.kind == EMAIL else self._phone
        return any(fnmatchcase(detail.key, pattern) for pattern in patterns)


def pattern_problem(pattern: object) -> str | None:
    """Why a configured pattern can match nothing, or None."""
    if not isinstance(pattern, str) or not pattern.strip():
        return f"{pattern!r} is geen patroon"
    if "@" in pattern or _phone_pattern(pattern).lstrip("+").replace("*", "").replace("?", "").isdigit():
        return None
    return f"'{pattern}' is geen patroon voor een e-mailadres (met @, zoals '*@vzhg.nl') of een telefoonnummer (zoals '070 *')"


def _phone_pattern(pattern: str) -> str:
    """A phone pattern in the form of phone_key: '+31 70 *' -> '070*'."""
    digits = re.sub(r"[\s().\/-]", "", pattern)
    digits = "+" + digits[2:] if digits.startswith("00") else digits
    return "0" + digits[3:] if digits.startswith("+31") else digits


def basis_problem(text: str) -> str | None:
    """Why a recorded basis is none (it must say what it is and since when), or None when it is one."""
    named = any(ground in text.casefold() for ground in GROUNDS)
    date = _ISO_DATE.search(text)
    if named and date is not None and _exists(date):
        return None
    if date is not None and not _exists(date):
        wrong = f"{date.group()} bestaat niet"
    elif not named and date is None:
        wrong = "er staat niet in wat de grondslag is en sinds wanneer die geldt"
    elif not named:
        wrong = "er staat niet in wat de grondslag is"
    else:
        wrong = "er staat niet in sinds wanneer die geldt (een datum als JJJJ-MM-DD)"
    return (
        f"'{text}' is geen vastgelegde grondslag: {wrong}. Schrijf bijvoorbeeld '{BASIS_FIELD}: {BASIS_EXAMPLE}' "
        "(een grondslag uit de AVG: toestemming, overeenkomst, wettelijke verplichting, vitaal belang, "
        "algemeen belang of gerechtvaardigd belang)"
    )


def _exists(date: re.Match[str]) -> bool:
    try:
        dt.date(int(date[1]), int(date[2]), int(date[3]))
    except ValueError:
        return False
    return True


def recorded_details(fields: Mapping[str, Value]) -> list[ContactDetail]:
    """A person's own contact details, as its fields give them."""
    return [
        contactdetails.whole(kind, str(fields[name]))
        for name, kind in PERSONAL_CONTACT_FIELDS.items()
        if name in fields
    ]


@dataclass(frozen=True)
class FoundInField:
    field: str
    item: int | None  # which value line of the field, for the message's line
    detail: ContactDetail


@dataclass(frozen=True)
class FieldCheck:
    problems: list[FieldProblem]  # each to report at its field's line
    withheld: frozenset[str]  # the fields to leave out whole
    redacted: dict[str, Value]  # the fields kept, with "[e-mailadres weggelaten]" in place of each detail


def check_fields(
    spec: ObjectType, raw: Mapping[str, str], fields: Mapping[str, Value], functions: FunctionAddresses
) -> FieldCheck:
    """Every personal address or number in the fields of one object (or newsletter, or pack).

    ``raw`` is the text as written, ``fields`` what was read from it. A person's own
    ``e-mail`` and ``telefoon`` need a valid ``grondslag``; anything else personal is refused:
    a text keeps its other words (a required summary stays), an address, number or link goes."""
    problems: list[FieldProblem] = []
    withheld: set[str] = set()
    kind = spec.name
    basis = str(fields[BASIS_FIELD]) if kind == "persoon" and BASIS_FIELD in fields else None
    basis_error = basis_problem(basis) if basis is not None else None
    own = {d.key for d in recorded_details(fields)} if basis is not None and basis_error is None else set()
    if basis_error is not None:
        # One message, at the basis: that is the mistake, not the details it should cover.
        withheld = {name for name in PERSONAL_CONTACT_FIELDS if name in fields}
        dropped = " en ".join(f"'{name}'" for name in PERSONAL_CONTACT_FIELDS if name in withheld)
        verb = "is" if len(withheld) == 1 else "zijn"
        consequence = f". Daarom {verb} {dropped} weggelaten op de pagina en in de open data" if withheld else ""
        problems.append(FieldProblem(basis_error + consequence, BASIS_FIELD))
    private: dict[str, list[FoundInField]] = defaultdict(list)
    for found in _found_in_fields(spec, raw, fields):
        if found.detail not in functions and found.detail.key not in own and found.field not in withheld:
            private[found.field].append(found)
    redacted: dict[str, Value] = {}
    for name, details in private.items():
        field = spec.named(name)  # found only in the type's own fields
        kept = field.kind in _REDACTED_KINDS and not (kind == "persoon" and name in PERSONAL_CONTACT_FIELDS)
        if kept:
            redacted[name] = parse_value(field, redact(raw[name], [f.detail for f in details]))
        else:
            withheld.add(name)
        problems += [FieldProblem(_field_message(kind, f, kept), name, drop=not kept, item=f.item) for f in details]
    return FieldCheck(problems, frozenset(withheld), redacted)


def redact(text: str, details: Iterable[ContactDetail]) -> str:
    """``text`` with "[e-mailadres weggelaten]" or "[telefoonnummer weggelaten]" in place of each detail."""
    for detail in sorted(details, key=lambda d: d.start, reverse=True):
        text = f"{text[: detail.start]}[{OMITTED[detail.kind]}]{text[detail.end :]}"
    return text


def _found_in_fields(spec: ObjectType, raw: Mapping[str, str], fields: Mapping[str, Value]) -> list[FoundInField]:
    found: list[FoundInField] = []
    for name, text in raw.items():
        field = spec.field(name)
        if field is None or name not in fields:
            continue  # unknown or unreadable: reported, and not published
        if spec.name == "persoon" and name in PERSONAL_CONTACT_FIELDS:
            found.append(FoundInField(name, None, contactdetails.whole(PERSONAL_CONTACT_FIELDS[name], text.strip())))
        elif field.kind not in _NOT_TEXT:
            found += [FoundInField(name, _value_line(text, d.start), d) for d in contactdetails.find(text)]
    return found


def _value_line(text: str, offset: int) -> int:
    """Which non-empty line of a field's value holds ``offset`` (line_in counts those)."""
    return sum(1 for line in text[:offset].split("\n")[:-1] if line.strip())


def _field_message(kind: str, found: FoundInField, kept: bool) -> str:
    detail = found.detail
    happens = WHAT_HAPPENS_REDACTED.format(OMITTED[detail.kind]) if kept else WHAT_HAPPENS_FIELD
    if kind == "persoon" and found.field in PERSONAL_CONTACT_FIELDS:
        return (
            f"een persoonlijk {_NAMES[detail.kind]} ({detail.masked}) publiceert de kennisbank alleen met een "
            f"vastgelegde grondslag (AVG). Verwijs naar een functieadres van de organisatie, of leg vast wat de "
            f"grondslag is en sinds wanneer, zoals '{BASIS_FIELD}: {BASIS_EXAMPLE}'. {happens}"
        )
    return f"{personal(detail)}. {happens}"


def without_consequence(message: str) -> str:
    """A field message without what the build did about it: a form is refused, not published."""
    consequences = [WHAT_HAPPENS_FIELD] + [WHAT_HAPPENS_REDACTED.format(omitted) for omitted in OMITTED.values()]
    for consequence in consequences:
        if message.endswith(f". {consequence}"):
            return message.removesuffix(f". {consequence}")
    return message


def personal(detail: ContactDetail) -> str:
    """What is wrong with a personal address or number outside a person's own fields, and what to do."""
    return f"een persoonlijk {_NAMES[detail.kind]} ({detail.masked}) {_ADVICE}"


def text_message(detail: ContactDetail) -> str:
    return f"{personal(detail)}. {WHAT_HAPPENS_TEXT.format(OMITTED[detail.kind])}"


def link_message(detail: ContactDetail) -> str:
    """A ``mailto:`` or ``tel:`` link whose text does not show where it goes ("mail Jan")."""
    return (
        f"een link naar een persoonlijk {_NAMES[detail.kind]} ({detail.masked}): de link is weggehaald, de tekst "
        f"ervan blijft staan. De kennisbank publiceert zo'n {_NAMES[detail.kind]} niet zonder grondslag (AVG). "
        f"{_HOW}"
    )


_HOW = (
    "Noem een functieadres van de organisatie (zoals info@ of secretariaat@), of zet het bij de persoon zelf "
    f"(in 'e-mail' of 'telefoon', met '{BASIS_FIELD}: {BASIS_EXAMPLE}') en verwijs naar die persoon"
)
_ADVICE = f"publiceert de kennisbank niet zonder grondslag (AVG). {_HOW}"
