"""Privacy (AVG), pure: what an address or phone number is, what may be published.

Generated cases (Hypothesis, fixed seed): addresses and numbers written in many
shapes, in running text, split over lines, obfuscated; text that holds neither
(dates, times, amounts) must give nothing. No Sphinx here: the build's part is in
test_privacy_build.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, seed, settings
from hypothesis import strategies as st

from kennisbank.model import contactdetails
from kennisbank.model.contactdetails import EMAIL, PHONE, find
from kennisbank.model.objects import Role
from kennisbank.model.privacy import (
    BASIS_EXAMPLE,
    DEFAULT_FUNCTION_ADDRESSES,
    FunctionAddresses,
    basis_problem,
    check_fields,
    pattern_problem,
)
from kennisbank.model.schema import TYPES

EXAMPLES = settings(max_examples=300, deadline=None, database=None)

# -- shapes ----------------------------------------------------------------------

label = st.from_regex(r"[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,5})?", fullmatch=True)
local_part = st.from_regex(r"[a-z][a-z0-9_]{0,7}(\.[a-z][a-z0-9]{0,7})?", fullmatch=True)
tld = st.sampled_from(["nl", "com", "eu", "frl", "amsterdam", "org"])


@st.composite
def addresses(draw) -> tuple[str, str]:
    """(as written, as it is meant): plain, with capitals, spaced, obfuscated, split over a line."""
    local, labels, top = draw(local_part), draw(st.lists(label, min_size=1, max_size=3)), draw(tld)
    meant = f"{local}@{'.'.join(labels)}.{top}"
    at = draw(
        st.sampled_from(["@", " @ ", "@\n", "\n@", " [at] ", "(at)", " (at) ", " [AT]\n", "{at}", " [apenstaartje] "])
    )
    dot = draw(st.sampled_from([".", ".", " [punt] ", "(dot)", " [dot] "])) if "@" not in at else "."
    domain = dot.join([*labels, top])
    if "@" in at and draw(st.booleans()) and len(labels) == 1:
        domain = f"{labels[0]}.\n{top}"  # split after the dot: "gemeente." is no domain on its own
    written = f"{local}{at}{domain}"
    return (written.upper() if draw(st.integers(0, 5)) == 0 else written), meant


@st.composite
def phone_numbers(draw) -> tuple[str, str]:
    """(as written, as dialled at home): landlines and mobiles in the groupings people use."""
    mobile = draw(st.booleans())
    rest = draw(st.from_regex(r"[1-9][0-9]{7}" if mobile else r"[1-9][0-9]{8}", fullmatch=True))
    national = ("06" + rest) if mobile else ("0" + rest)
    assume(not national.startswith(("0800", "0900", "0906", "0909")))  # service numbers are nobody's
    area, number = (national[:2], national[2:]) if mobile else (national[:3], national[3:])
    shapes = [
        f"{area} {number}",
        f"{area}-{number}",
        f"{area} {number[:3]} {number[3:5]} {number[5:]}",
        f"({area}) {number}",
        f"+31 {area[1:]} {number}",
        f"+31 (0){area[1:]} {number[:3]} {number[3:]}",
        f"0031 {area[1:]}-{number}",
        national,
    ]
    if mobile:
        shapes.append(" ".join([area, *(number[i : i + 2] for i in range(0, 8, 2))]))
    written = draw(st.sampled_from(shapes))
    spaces = [i for i, c in enumerate(written) if c == " "]
    if spaces and draw(st.booleans()):  # the line breaks at one of its spaces
        cut = draw(st.sampled_from(spaces))
        written = written[:cut] + "\n" + written[cut + 1 :]
    return written, national


words = st.sampled_from(["Mail", "Bel", "Contact:", "via", "of", "bereikbaar op", "(", "Neem contact op met"])
after = st.sampled_from(["", ".", ",", ")", " voor meer informatie.", ".\nDaarna volgt", "; of kom langs"])


def in_text(found: tuple[str, str]) -> st.SearchStrategy[tuple[str, str, str]]:
    written, meant = found
    return st.tuples(words, after).map(lambda t: (f"{t[0]} {written}{t[1]}", written, meant))


# -- finding them ----------------------------------------------------------------


@seed(2029)
@EXAMPLES
@given(data=st.data())
@pytest.mark.parametrize(
    ("kind", "shapes"), [(EMAIL, addresses()), (PHONE, phone_numbers())], ids=["e-mail", "telefoon"]
)
def test_every_address_and_number_is_found_once_however_it_is_written(kind, shapes, data):
    text, written, meant = data.draw(shapes.flatmap(in_text))
    found = find(text)
    assert [(d.kind, d.key) for d in found] == [(kind, meant)], (text, found)
    assert text[found[0].start : found[0].end].lstrip("(") == written.strip().lstrip("(")


@seed(2031)
@EXAMPLES
@given(first=addresses(), second=phone_numbers(), joiner=st.sampled_from([" of ", ", ", "\n", " en bel "]))
def test_an_address_and_a_number_side_by_side_are_both_found(first, second, joiner):
    text = f"{first[0]}{joiner}{second[0]}"
    assert [d.key for d in find(text)] == [first[1], second[1]], text


days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
dates = st.one_of(days.map(lambda d: d.isoformat()), st.dates().map(lambda d: d.isoformat()))
not_contact = st.one_of(
    dates,
    st.tuples(dates, st.times()).map(lambda t: f"{t[0]} {t[1].strftime('%H:%M')}"),
    days.map(lambda d: d.strftime("%d-%m-%Y %H:%M")),
    days.map(lambda d: d.strftime("%d/%m/%Y")),
    days.map(lambda d: d.strftime("%d-%m-%y")),
    st.integers(0, 10**12).map(lambda n: f"{n:,}".replace(",", ".")),
    st.integers(0, 10**6).map(lambda n: f"€ {n},50"),
    st.sampled_from(["3818 LH Amersfoort", "2023-2026", "0800-1234", "0900-8844", "14 070", "0,5 procent"]),
    st.sampled_from(["@VZHG_sec", "twitter.com/@vzhg", "a@b", "info@", "@", "KvK 12345678", "BSN 123456789"]),
    st.sampled_from(["https://vng.nl/nieuws/0612345678", "ISBN 978-90-1234-567-8", "versie 0.1.2.3"]),
)


@seed(2032)
@EXAMPLES
@given(text=st.lists(not_contact, min_size=1, max_size=4).map("; ".join))
def test_dates_times_amounts_and_handles_are_neither(text):
    assert find(text) == [], text


@seed(2033)
@EXAMPLES
@given(found=st.one_of(addresses(), phone_numbers()))
def test_a_message_shows_too_little_to_use_it(found):
    (detail,) = find(found[0])
    assert detail.key not in detail.masked.replace("…", "")


def test_a_sentence_that_ends_after_an_address_keeps_the_address_whole():
    (detail,) = find("Mail secretaris@vzhg.nl.\nDaarna volgt meer.")
    assert detail.key == "secretaris@vzhg.nl"


def test_a_run_of_digits_yields_the_number_at_its_start():
    assert [d.key for d in find("bel 06 12345678 2 keer")] == ["0612345678"]
    assert [d.key for d in find("070 1234567 0612345678")] == ["0701234567", "0612345678"]
    assert [d.key for d in find("Tel:06-12345678, om 13:30 uur")] == ["0612345678"]


@pytest.mark.parametrize(
    ("uri", "key"),
    [
        ("mailto:Jan%40Gemeente.nl?subject=x", "jan@gemeente.nl"),
        ("tel:+31612345678", "0612345678"),
        ("TEL:070-1234567", "0701234567"),
        ("https://vzhg.nl", None),
    ],
)
def test_the_target_of_a_link(uri, key):
    detail = contactdetails.detail_of_link(uri)
    assert (detail.key if detail else None) == key


# -- function addresses ----------------------------------------------------------


def detail(text: str):
    (found,) = find(text)
    return found


def test_role_mailboxes_are_function_addresses_by_default():
    functions = FunctionAddresses(DEFAULT_FUNCTION_ADDRESSES)
    for address in ("info@gouda.nl", "Secretariaat@VZHG.nl", "communicatie@vng.nl", "secretaris@vzhg.nl"):
        assert detail(address) in functions
    assert detail("jan.jansen@gouda.nl") not in functions
    assert detail("06 12345678") not in functions


def test_configured_patterns_for_a_domain_and_a_number():
    functions = FunctionAddresses(["*@vzhg.nl", "+31 70 123 45 *"])
    assert detail("anne@vzhg.nl") in functions
    assert detail("anne@vzhg.nl.example.com") in functions  # a reserved example domain: nobody's
    assert detail("anne@gmail.com") not in functions
    assert detail("(070) 1234567") in functions
    assert detail("070 7654321") not in functions


@pytest.mark.parametrize("pattern", ["vzhg.nl", "", "070 * of 071 *", 5])
def test_a_pattern_that_can_match_nothing_is_refused(pattern):
    assert pattern_problem(pattern)


@pytest.mark.parametrize("pattern", ["*@vzhg.nl", "info@*", "070 123 45 67", "088*", "+31 70 *"])
def test_patterns_for_addresses_and_numbers_are_accepted(pattern):
    assert pattern_problem(pattern) is None


# -- the recorded basis ----------------------------------------------------------

grounds = st.sampled_from(["toestemming", "Toestemming per e-mail", "gerechtvaardigd belang", "overeenkomst"])


@seed(2034)
@EXAMPLES
@given(ground=grounds, date=dates, joiner=st.sampled_from([", ", " op ", ", vastgelegd ", " ("]), first=st.booleans())
def test_a_basis_that_says_what_and_when_is_one(ground, date, joiner, first):
    text = f"{ground}{joiner}{date}" if first else f"{date}{joiner}{ground}"
    assert basis_problem(text) is None, text


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("ja", "wat de grondslag is en sinds wanneer"),
        ("toestemming", "sinds wanneer die geldt (een datum als JJJJ-MM-DD)"),
        ("toestemming, 1 mei 2023", "sinds wanneer"),
        ("2023-05-01", "er staat niet in wat de grondslag is."),
        ("akkoord, 2023-05-01", "er staat niet in wat de grondslag is."),
        ("toestemming, 2023-02-30", "2023-02-30 bestaat niet"),
    ],
)
def test_a_basis_without_what_or_when_is_none(text, why):
    problem = basis_problem(text)
    assert problem is not None and why in problem
    assert f"grondslag: {BASIS_EXAMPLE}" in problem  # how to write it


# -- the fields of one object ----------------------------------------------------

FUNCTIONS = FunctionAddresses([*DEFAULT_FUNCTION_ADDRESSES, "*@vzhg.nl"])
PERSON, NETWORK = TYPES["persoon"], TYPES["netwerk"]


def check(spec, raw: dict[str, str]):
    fields = {name: text.strip() for name, text in raw.items()}
    if "rollen" in fields:
        fields["rollen"] = (Role("lid", "vng"),)
    return check_fields(spec, raw, fields, FUNCTIONS)


def test_a_person_with_a_basis_publishes_own_details_and_may_repeat_them():
    raw = {
        "rollen": "lid; vng",
        "e-mail": "p.persoon@gmail.com",
        "telefoon": "06 12345678",
        "grondslag": "toestemming per e-mail, 2023-05-01",
        "samenvatting": "Bereikbaar op 0612345678 en p.persoon@gmail.com.",
    }
    result = check(PERSON, raw)
    assert result.problems == [] and result.withheld == frozenset()


def test_a_person_without_a_basis_loses_each_detail_with_its_own_message():
    result = check(PERSON, {"rollen": "lid; vng", "e-mail": "p@gmail.com", "telefoon": "06 12345678"})
    assert [(p.field, p.drop) for p in result.problems] == [("e-mail", True), ("telefoon", True)]
    assert result.withheld == {"e-mail", "telefoon"}
    assert "zoals 'grondslag: toestemming per e-mail, 2023-05-01'" in result.problems[0].message
    assert "p@gmail.com" not in result.problems[0].message  # messages end up in logs


def test_a_bare_yes_is_one_message_at_the_basis():
    result = check(PERSON, {"rollen": "lid; vng", "telefoon": "06 12345678", "grondslag": "ja"})
    assert [p.field for p in result.problems] == ["grondslag"]
    assert result.withheld == {"telefoon"}
    assert result.problems[0].message.endswith("Daarom is 'telefoon' weggelaten op de pagina en in de open data")


def test_a_function_address_needs_no_basis():
    assert check(PERSON, {"rollen": "lid; vng", "e-mail": "secretaris@vzhg.nl"}).problems == []


def test_a_networks_contact_goes_and_its_text_keeps_the_other_words():
    raw = {"contact": "jan@gmail.com", "aansluiten": "mail naar\ninfo@gouda.nl of bel\n070 1234567", "doel": "Kennis."}
    result = check(NETWORK, raw)
    assert [(p.field, p.item, p.drop) for p in result.problems] == [("contact", 0, True), ("aansluiten", 2, False)]
    assert result.withheld == {"contact"}
    assert result.redacted == {"aansluiten": "mail naar info@gouda.nl of bel [telefoonnummer weggelaten]"}
    assert result.problems[1].message.endswith("Op de pagina en in de open data staat nu '[telefoonnummer weggelaten]'")


def test_ids_dates_and_numbers_are_not_read_as_phone_numbers():
    event = TYPES["evenement"]
    raw = {"start": "2023-05-25 13:30", "eind": "2023-05-25 16:00", "deelnemers": "circa 100 bestuurders"}
    assert check(event, raw).problems == []
