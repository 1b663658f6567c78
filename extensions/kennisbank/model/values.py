"""Parse the text a contributor writes for a field into a typed value.

Each parser raises :class:`FieldError` with a Dutch message that says what was
expected, so the build can tell a non-programmer how to fix the line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import hints
from .fieldblock import CURLY_QUOTES
from .objects import MissingLink, Precision, Role, Value, When
from .schema import Field, Kind

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
_WHEN = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})(?:[ T](?P<H>\d{1,2})[:.](?P<M>\d{2}))?)?)?$")
MISSING_LINK = "volgt"
#: Also read as a missing link: the newsletter writes a link it does not have yet as "#".
MISSING_LINK_PLACEHOLDER = "#"


class FieldError(ValueError):
    """A field value that cannot be read; the message is shown to the contributor."""


def check_slug(text: str) -> str:
    if not SLUG.match(text):
        meant = hints.slug_for(text)
        example = f"bedoelt u '{meant}'?" if meant else "zoals 'brede-welvaart'"
        raise FieldError(
            f"'{text}' is geen geldige id: gebruik alleen kleine letters, cijfers en streepjes ({example})"
        )
    return text


def parse_when(text: str, month_allowed: bool = True) -> When:
    """A date, a day or a day and time; ``month_allowed=False`` for a field that needs the day."""
    match = _WHEN.match(text.strip())
    if not match:
        raise FieldError(_not_a_date(text.strip(), month_allowed))
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    precision: Precision = ("year", "month", "day", "day", "minute")[len(parts) - 1]
    try:
        value = dt.datetime(parts["y"], parts.get("m", 1), parts.get("d", 1), parts.get("H", 0), parts.get("M", 0))
    except ValueError:
        raise FieldError(f"'{text}' bestaat niet als datum of tijd") from None
    return When(value, precision)


def _not_a_date(text: str, month_allowed: bool) -> str:
    """What is wrong with a date or time, with what was probably meant."""
    day, rest = hints.split_time(text)
    meant_day, meant_time = hints.iso_day(day), hints.clock(rest) if rest else ""
    if _WHEN.match(day) and meant_day is not None and rest:
        if meant_time is None:
            return f"de datum ({day}) klopt, maar '{rest}' is geen tijd: schrijf de tijd als UU:MM, zoals {day} 14:00"
        return (
            f"de datum ({day}) klopt, maar de tijd '{rest}' niet: schrijf de tijd als UU:MM, met een "
            f"dubbele punt (bedoelt u {day} {meant_time}?)"
        )
    if meant_day is not None and meant_time is not None:
        meant = f"{meant_day} {meant_time}".strip()
        return f"'{text}' is geen datum in de vorm JJJJ-MM-DD{' UU:MM' if rest else ''} (bedoelt u {meant}?)"
    meant_month = hints.iso_month(text) if month_allowed else None
    if meant_month is not None:
        return f"'{text}' is geen datum in de vorm JJJJ-MM (bedoelt u {meant_month}?)"
    form = "JJJJ-MM-DD, eventueel met tijd (2023-05-25 13:30)"
    if month_allowed:
        form += ", of alleen JJJJ-MM als de dag nog niet bekend is"
    return f"'{text}' is geen datum: schrijf {form}"


def parse_url(text: str) -> str | MissingLink:
    if text in (MISSING_LINK, MISSING_LINK_PLACEHOLDER):
        return MissingLink()
    if not _URL.match(text):
        raise FieldError(
            f"'{text}' is geen webadres: begin met https:// of schrijf '{MISSING_LINK}' als de link nog ontbreekt"
        )
    return text


def parse_timezone(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise FieldError(f"'{text}' is geen bekende tijdzone: gebruik een IANA-naam zoals 'Europe/Amsterdam'") from None
    return text


def parse_email(text: str) -> str:
    if not _EMAIL.match(text):
        raise FieldError(f"'{text}' is geen geldig e-mailadres")
    return text


def parse_phone(text: str) -> str:
    digits = re.sub(r"[\s()+-]", "", text)
    if not digits.isdigit() or not 9 <= len(digits) <= 15:
        raise FieldError(f"'{text}' is geen telefoonnummer")
    return text


def parse_number(text: str) -> int:
    if not text.isdigit():
        raise FieldError(f"'{text}' is geen getal: schrijf alleen cijfers, zoals 60")
    return int(text)


def split_list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


def parse_role(line: str) -> Role:
    parts = [p.strip() for p in line.split(";")]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise FieldError(
            f"rol '{line}' mist de organisatie: schrijf 'functie; organisatie- of netwerk-id; periode', "
            "zoals 'vice-voorzitter; vzhg; sinds 2022' of 'lid; strategennetwerk'"
        )
    if len(parts) > 3:
        raise FieldError(f"rol '{line}' heeft te veel delen: schrijf 'functie; organisatie- of netwerk-id; periode'")
    period = parts[2] if len(parts) == 3 else ""
    start, end = role_dates(period, line)
    return Role(parts[0], check_slug(parts[1]), period, start, end)


#: A role's period as dates: 'vanaf 2023-06-14', 'sinds 2022', 'tot 2026-06', 'tot en met 15 juni 2026',
#: or 'vanaf 2023-06 tot 2027-06'. Any other period is free text, as it always was ('mei 2023').
_ROLE_PERIOD = re.compile(
    r"^(?:(?:vanaf|sinds|per)\s+(?P<start>.+?))?\s*(?:(?:tot en met|t/m|tot)\s+(?P<end>.+))?$", re.IGNORECASE
)


def role_dates(period: str, line: str = "") -> tuple[When | None, When | None]:
    """The dates a role's period gives (start, end), or (None, None) for a period in words.

    'tot' counts up to and including its day, month or year. A date may be written as
    2023-06-14, 2023-06 or 2023, and also as '14 juni 2023' or 'juni 2023'. A date
    that looks meant but cannot be (2023-02-30, a time of day, an end before the
    start) is refused in Dutch; text that is no date keeps the period free text."""
    match = _ROLE_PERIOD.match(period.strip()) if period.strip() else None
    if match is None or not (match["start"] or match["end"]):
        return None, None
    start, end = (_role_date(match[part], line) if match[part] else None for part in ("start", "end"))
    if (match["start"] and start is None) or (match["end"] and end is None):
        return None, None  # 'sinds de oprichting': words
    if start is not None and end is not None and end.last_day < start.value.date():
        raise FieldError(f"rol '{line}': het einde ({match['end']}) ligt vóór het begin ({match['start']})")
    return start, end


def _role_date(text: str, line: str) -> When | None:
    text = text.strip()
    day, rest = hints.split_time(text)
    if _WHEN.match(day) and rest and hints.clock(rest) is not None:
        raise FieldError(f"rol '{line}': een rol begint of eindigt op een dag, zonder tijd: schrijf alleen {day}")
    if _WHEN.match(text):
        try:
            return parse_when(text)
        except FieldError:
            raise FieldError(
                f"rol '{line}': '{text}' bestaat niet als datum; schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ"
            ) from None
    worded = hints.iso_day(text) or hints.iso_month(text)
    return parse_when(worded) if worded else None


def parse_value(spec: Field[Value], raw: str) -> Value:
    """Turn the raw option text of one field into its typed value."""
    text = raw.strip()
    if not text:
        raise FieldError("is leeg: vul een waarde in of laat het veld weg")
    hidden = next((c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"), None)
    if hidden is not None:
        # Pasted from a word processor, such a character breaks feeds, PDF and open data.
        raise FieldError(f"bevat een onzichtbaar stuurteken (U+{ord(hidden):04X}): typ de waarde opnieuw")
    if spec.kind not in _FREE_TEXT:
        _refuse_quotes(text)
    match spec.kind:
        case Kind.TEXT:
            return " ".join(text.split())
        case Kind.LINES:
            return tuple(line.strip() for line in text.splitlines() if line.strip())
        case Kind.URL:
            return parse_url(text)
        case Kind.EMAIL:
            return parse_email(text)
        case Kind.WHEN:
            return parse_when(text, month_allowed=not spec.needs_day)
        case Kind.TIMEZONE:
            return parse_timezone(text)
        case Kind.PHONE:
            return parse_phone(text)
        case Kind.NUMBER:
            return parse_number(text)
        case Kind.CHOICE:
            return _choose(spec, text)
        case Kind.CHOICES:
            return tuple(_choose(spec, item) for item in split_list(text))
        case Kind.REF:
            return check_slug(text)
        case Kind.REFS:
            return tuple(check_slug(item) for item in split_list(text))
        case Kind.ROLES:
            return tuple(parse_role(line) for line in text.splitlines() if line.strip())
        case Kind.WORDS:
            return tuple(" ".join(item.split()) for item in split_list(text))
    raise AssertionError(spec.kind)


#: Kinds whose values may hold quotes: the quotes are part of the text.
_FREE_TEXT = (Kind.TEXT, Kind.LINES, Kind.WORDS, Kind.ROLES)
_QUOTES = "".join(sorted({*CURLY_QUOTES, *"".join(CURLY_QUOTES.values()), '"'}))


def _refuse_quotes(text: str) -> None:
    """An address, date or id with quotes in it: name them (a word processor typed them)."""
    found = "".join(dict.fromkeys(c for c in text if c in _QUOTES))
    if found:
        meant = "".join(c for c in text if c not in _QUOTES).strip()
        raise FieldError(
            f"'{text}' bevat aanhalingstekens ({' '.join(found)}) die niet bij de waarde horen: "
            f"laat ze weg (bedoelt u '{meant}'?)"
        )


def _choose(spec: Field[Value], text: str) -> str:
    if text not in spec.choices:
        allowed = ", ".join(f"'{c}'" for c in spec.choices)
        raise FieldError(f"'{text}' is geen toegestane waarde; kies uit {allowed}")
    return text
