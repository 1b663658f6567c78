"""What is an e-mail address or a phone number in a contributor's text. Pure.

The privacy check (privacy.py) looks for these anywhere on a page. Text reaches
it as a reader sees it: a paragraph's lines joined with the line breaks of the
source, so an address or number may be split over lines wherever it holds a
space (around the "@", between the groups of a number), or after a dot of a
domain. Obfuscated forms count too: "naam [at] gemeente [punt] nl" is read as
naam@gemeente.nl. Reserved example domains (RFC 2606 and 6761: example.org,
anything under .example, .test, .invalid, .localhost) belong to nobody, so the
guide's examples use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

Kind = Literal["e-mail", "telefoon"]
EMAIL: Kind = "e-mail"
PHONE: Kind = "telefoon"

_SPACE = r"[^\S\n]*\n?[^\S\n]*"  # spaces, with at most one line break among them
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT = rf"(?:{_SPACE}@{_SPACE}|\s*{_OPEN}\s*(?:at|apenstaartje|@)\s*{_CLOSE}\s*)"
_DOT = rf"(?:\.(?:\n[^\S\n]*)?|\s*{_OPEN}\s*(?:dot|punt|\.)\s*{_CLOSE}\s*)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_LOCAL = r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
_DOMAIN_PATTERN = rf"{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,24}}"
_DOMAIN = re.compile(_DOMAIN_PATTERN, re.IGNORECASE)
_ADDRESS = re.compile(rf"(?<![\w.%+-])(?P<local>{_LOCAL}){_AT}(?P<domain>{_DOMAIN_PATTERN})(?![\w-])", re.IGNORECASE)
#: A run of digits with the separators people write in numbers, starting with + or 0.
_NUMBER = re.compile(r"(?<![\w+/=.,-])\(?(?:\+|0)[ \t\n]*\d(?:[ \t\n\u00a0().\/-]{0,3}\d){6,16}(?![\w])")
#: A date in the same run ("06-05-2023 14:00" is no number of 06; "06-12-34-56-78" is one).
_DATE = re.compile(r"\(?(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d\d(?![-/.]?\d))|\d{4}-\d\d-\d\d)(?!\d)")
#: An amount in a run ("1.000.000"): no phone number is written so.
_THOUSANDS = re.compile(r"\d\.\d{3}\.\d{3}(?!\d)")
_SERVICE = ("0800", "0900", "0906", "0909")
_SEPARATORS = re.compile(r"[\s().\/-]")
#: The quick tests before the full search: an "[at]", or ten digits after a + or 0 (a mailto:
#: or tel: link holds an "@" or the digits). Each a plain scan: most text holds neither.
_OBFUSCATED_AT = re.compile(r"[aA](?:[tT]\s*[\])}>]|(?i:penstaartje))")
_TEN_DIGITS = re.compile(r"[+0](?:[ \t\n\u00a0().\/-]{0,3}\d){9}")
_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
_EXAMPLE_TLDS = ("example", "test", "invalid", "localhost")


@dataclass(frozen=True)
class ContactDetail:
    """One e-mail address or phone number found in a text."""

    kind: Kind
    key: str  # the same for every way of writing it: see email_key and phone_key
    start: int  # where it stands in the text searched
    end: int

    @property
    def masked(self) -> str:
        """Enough to recognise it in a message, not enough to use it (messages end up in logs)."""
        if self.kind == EMAIL:
            local, _, domain = self.key.partition("@")
            return f"{local[:1] if len(local) > 2 else ''}…@{domain}"
        return f"{self.key[:3]}…{self.key[-2:]}"

    @property
    def is_example(self) -> bool:
        """An address at a domain reserved for examples: nobody's."""
        if self.kind != EMAIL:
            return False
        domain = self.key.partition("@")[2]
        return (
            domain in _EXAMPLE_DOMAINS
            or domain.endswith(tuple(f".{d}" for d in _EXAMPLE_DOMAINS))
            or (domain.rpartition(".")[2] in _EXAMPLE_TLDS)
        )


def might_contain(text: str) -> bool:
    """Quick: False when ``text`` surely holds no address or number (most text)."""
    return "@" in text or _OBFUSCATED_AT.search(text) is not None or _TEN_DIGITS.search(text) is not None


def find(text: str) -> list[ContactDetail]:
    """Every e-mail address and phone number in ``text``, in order."""
    if not might_contain(text):
        return []
    found = [_address(match) for match in _ADDRESS.finditer(text)]
    taken = [(d.start, d.end) for d in found]
    position = 0
    while (match := _NUMBER.search(text, position)) is not None:
        number = _number_in(match)
        position = number.end if number else match.start() + 1
        if number and not any(s < number.end and number.start < e for s, e in taken):
            found.append(number)
    return sorted(found, key=lambda d: d.start)


def _number_in(match: re.Match[str]) -> ContactDetail | None:
    """The longest number at the start of a run of digits: in "bel 06 12345678 2 keer"
    the run goes on past the number."""
    run = match.group()
    if _DATE.match(run) or _THOUSANDS.search(run):
        return None
    ends = [m.end() for m in re.finditer(r"\d(?=\s|$)", run)]  # where a group ends and a space follows
    for end in reversed(ends):
        key = phone_key(run[:end])
        if key:
            return ContactDetail(PHONE, key, match.start(), match.start() + end)
    return None


def _address(match: re.Match[str]) -> ContactDetail:
    domain, end = match["domain"], match.end()
    for cut in re.finditer(r"\.\n", domain):
        if _DOMAIN.fullmatch(domain[: cut.start()]):
            # "secretaris@vzhg.nl.⏎Daarna": the sentence ended with a complete address.
            domain, end = domain[: cut.start()], match.start("domain") + cut.start()
            break
    return ContactDetail(EMAIL, email_key(f"{match['local']}@{domain}"), match.start(), end)


def email_key(text: str) -> str:
    """'Jan [at] Gemeente [punt] NL' -> 'jan@gemeente.nl'."""
    text = re.sub(rf"\s*{_OPEN}\s*(?:at|apenstaartje|@)\s*{_CLOSE}\s*", "@", text, flags=re.IGNORECASE)
    text = re.sub(rf"\s*{_OPEN}\s*(?:dot|punt|\.)\s*{_CLOSE}\s*", ".", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", "", text).casefold()


def phone_key(text: str) -> str:
    """The number as dialled within the Netherlands ('0612345678'), or with + and its country
    code abroad ('+442079460958'); empty when it is no phone number."""
    text = text.strip().removeprefix("tel:")
    text = re.sub(r"^(\+|00)31\s*\(0\)", "0", text)  # +31 (0)70 ...: the 0 is dialled only at home
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    if not (digits[:1] == "+" and digits[1:].isdigit()) and not digits.isdigit():
        return ""
    if digits.startswith("+"):  # a country code and a number: ten digits or more
        return digits if 10 <= len(digits) - 1 <= 15 and digits[1] != "0" else ""
    # At home: ten digits (0 and nine); service numbers (0800, 0900...) belong to no one.
    return digits if len(digits) == 10 and digits[1] != "0" and not digits.startswith(_SERVICE) else ""


def detail_of_link(uri: str) -> ContactDetail | None:
    """The address or number a ``mailto:`` or ``tel:`` link goes to (its whole target)."""
    scheme, _, rest = uri.partition(":")
    target = unquote(rest.split("?", 1)[0])
    if scheme.casefold() == "mailto" and "@" in target:
        return ContactDetail(EMAIL, email_key(target), 0, len(uri))
    if scheme.casefold() == "tel":
        return ContactDetail(PHONE, phone_key(target) or _SEPARATORS.sub("", target), 0, len(uri))
    return None


def whole(kind: Kind, value: str) -> ContactDetail:
    """A field that holds one address or number (``e-mail``, ``telefoon``): all of it is one."""
    key = email_key(value) if kind == EMAIL else (phone_key(value) or _SEPARATORS.sub("", value))
    return ContactDetail(kind, key, 0, len(value))
