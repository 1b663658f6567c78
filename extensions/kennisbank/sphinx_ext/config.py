"""Settings of the extension in ``conf.py``, read into one validated dataclass."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
from dataclasses import dataclass, field, fields
from email.utils import getaddresses, parseaddr
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..model.newsletter import MAILTO, signup_link
from ..model.privacy import DEFAULT_FUNCTION_ADDRESSES, FunctionAddresses, pattern_problem
from ..model.timeline import DEFAULT_NEWS_OLD_AFTER_MONTHS
from ..model.values import FieldError, parse_email

PREFIX = "kennisbank_"
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3u")
#: The settings that are lists of fnmatch patterns on document names.
PATTERN_LISTS = ("ignore_mentions_from", "search_exclude", "pdf_exclude", "review_exclude")
#: The settings that are lists of other patterns, read as tuples too.
OTHER_LISTS = ("function_addresses",)
#: The settings that conf.py writes as a dict; the dataclass keeps them as pairs.
MAPPINGS = ("search_synonyms",)
SYNONYMS_FORMAT = (
    f"{PREFIX}search_synonyms moet een woordenboek zijn van wat leden typen naar de woorden die de kennisbank "
    "gebruikt, zoals {'ALV': ['algemene ledenvergadering'], 'LPLG': 'Landelijk Programma Landelijk Gebied'}"
)
#: The settings that are a whole number of at least 1.
POSITIVE_NUMBERS = (
    "calendar_months",
    "feed_refresh_hours",
    "coming_limit",
    "news_old_after_months",
    "review_months",
    "placeholder_days",
    "long_list",
)
#: The settings that are an e-mail address (see the ``nieuwsbrief`` builder).
NEWSLETTER_ADDRESSES = ("newsletter_from", "newsletter_reply_to", "newsletter_to")


@dataclass(frozen=True)
class KennisbankConfig:
    #: Pages (fnmatch patterns on document names) whose mentions do not count as
    #: backlinks, such as the authoring guide with its live examples.
    ignore_mentions_from: tuple[str, ...] = ()
    #: Pages (fnmatch patterns on document names) left out of the search index, such as
    #: the contributors' guide: they stay on the site, but members' searches do not find them.
    search_exclude: tuple[str, ...] = ()
    #: Words members type that the knowledge base writes otherwise, each with the words it
    #: means: {"ALV": ["algemene ledenvergadering"]}. An object or page whose title, keywords
    #: or abbreviation hold one of those is found by the word too, and "Bedoelde u ...?"
    #: suggests it. Kept as pairs, read from a dict in conf.py (see ``settings``).
    search_synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: What the site is, in one sentence: the description of pages that have no text of their own.
    site_description: str = ""
    #: The day from which events count as coming (ISO date). Empty: the build
    #: date, or the date of SOURCE_DATE_EPOCH when that is set.
    reference_date: str = ""
    #: How many months the month view shows, starting with the reference month.
    calendar_months: int = 2
    #: How many events a full "komend" list shows on the website before it sends the
    #: reader on to the month pages (``:aantal:`` on the directive overrides it).
    coming_limit: int = 30
    #: A directory or a year of the agenda's archive with more entries than this shows one
    #: line per entry or group, without the details (they are on the pages it links): so
    #: that a page stays light at scale (a phone fetches it whole).
    long_list: int = 250
    #: How often calendar apps should fetch the feeds again.
    feed_refresh_hours: int = 12
    #: The domain part of every event UID; never change it once feeds are out.
    uid_domain: str = "kennisbank.vzhg.nl"
    #: With uid_domain, the start of every Atom id (a tag: URI, RFC 4151): a year or day on
    #: which the association held that domain. Never change it once feeds are out.
    feed_tag_date: str = "2023"
    #: The page whose toctree lists the pages about the site itself (accessibility, privacy,
    #: open data, contributing): linked from every page's footer, out of the members' menu.
    about_page: str = field(default="over-deze-site", metadata={"rebuild": "html"})
    #: The organisation id of the association's board: listed first among people.
    board_organisation: str = ""
    #: PDF flavour: tagged PDF/UA-1 (accessible) or PDF/A-3u (archiving).
    pdf_variant: str = "pdf/ua-1"
    #: Whether `make pdf` also renders the whole knowledge base, or only the board packs.
    pdf_whole: bool = True
    #: Where the PDFs lie below the root of the HTML output (``make site`` copies them there),
    #: as a relative folder with forward slashes: pages link them from there.
    pdf_folder: str = "pdf"
    #: Pages (fnmatch patterns on document names) left out of kennisbank.pdf, with the pages
    #: below them: technical and contributors' pages a board member does not need on paper.
    #: Links to them go to the website. Board packs print what they list.
    pdf_exclude: tuple[str, ...] = ()
    #: The sender of the newsletter e-mails (``make nieuwsbrief``), as 'Name <address>'; the name
    #: heads each edition. Required by that builder only.
    newsletter_from: str = ""
    #: Where readers' replies go ('Reply-To', and the address in each edition's footer);
    #: empty: the sender's address.
    newsletter_reply_to: str = ""
    #: The 'To' of the .eml files, such as the members' mailing list; empty: none (the mail tool adds it).
    newsletter_to: str = ""
    #: Where readers sign up for the newsletter (on its pages and in each e-mail's footer): a web
    #: address (a form), a ``mailto:`` link or an e-mail address; empty: a mail to the reply-to
    #: address (else the sender) with the subject "Aanmelden nieuwsbrief".
    newsletter_signup: str = ""
    #: Whether the HTML shows the problems of a page in a box at its top, and where a field
    #: left out would be (a preview: make html, make serve, a pull request's site). The
    #: publish workflow keeps it on: its strict build publishes nothing with a problem, and a
    #: preview built on its cache must have the same configuration or it rewrites every page.
    show_problems: bool = field(default=True, metadata={"rebuild": "html"})
    #: The address of the guide's list of messages (docs/bijdragen/controles.md on the published
    #: site), linked from that box; empty: no link. An address, not a page of this build: the box
    #: of a page that is not written again must not link a page since renamed.
    messages_url: str = field(default="", metadata={"rebuild": "html"})
    #: After how many months a news item says its age ("Dit bericht is van 1 mei 2023") and
    #: lists show it below the current ones.
    news_old_after_months: int = DEFAULT_NEWS_OLD_AFTER_MONTHS
    #: After how many months without a review (``herzien``, or a change of its content) a
    #: page is on the editors' maintenance list (``kennisbank onderhoud``).
    review_months: int = 12
    #: After how many days a placeholder ("[link volgt]") is on the maintenance list; also how
    #: long after an event a link to its report or recording may still come.
    placeholder_days: int = 30
    #: Pages (fnmatch patterns on document names) the editors need not review, such as pages
    #: a script writes (the benchmark's) or the "page not found" page.
    review_exclude: tuple[str, ...] = ()
    #: E-mail addresses and phone numbers of a function, not of a person, that every page may
    #: publish (AVG): patterns such as '*@vzhg.nl' or 'info@*', or a function's phone number. Any other
    #: address or number needs a person with a recorded basis (see model/privacy.py).
    function_addresses: tuple[str, ...] = DEFAULT_FUNCTION_ADDRESSES

    def __post_init__(self) -> None:
        for name in PATTERN_LISTS:
            if not all(isinstance(p, str) for p in getattr(self, name)):
                raise ConfigError(f"{PREFIX}{name} moet een lijst van patronen (tekst) zijn")
        if self.reference_date:
            try:
                dt.date.fromisoformat(self.reference_date)
            except ValueError:
                raise ConfigError(f"{PREFIX}reference_date moet een datum zijn als '2023-05-01'") from None
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", self.feed_tag_date):
            raise ConfigError(f"{PREFIX}feed_tag_date moet een jaar of datum zijn als '2023' of '2023-05-01'")
        if self.pdf_variant not in PDF_VARIANTS:
            raise ConfigError(f"{PREFIX}pdf_variant moet een van {', '.join(PDF_VARIANTS)} zijn")
        if not _is_relative_folder(self.pdf_folder):
            raise ConfigError(
                f"{PREFIX}pdf_folder moet een map onder de HTML-uitvoer zijn, zoals 'pdf' of 'downloads/pdf' "
                f"(niet leeg, geen '/' vooraan, geen '..', geen '\\'); nu: {self.pdf_folder!r}"
            )
        for name in NEWSLETTER_ADDRESSES:
            if getattr(self, name) and not _is_address(getattr(self, name)):
                raise ConfigError(
                    f"{PREFIX}{name} moet één e-mailadres zijn, zoals 'VZHG Nieuwsbrief <secretaris@vzhg.nl>' "
                    f"of 'secretaris@vzhg.nl'; nu: {getattr(self, name)!r}"
                )
        if not _is_signup(self.newsletter_signup):
            raise ConfigError(
                f"{PREFIX}newsletter_signup moet een webadres (https://...), een mailto:-link of een "
                f"e-mailadres zijn, zoals 'secretaris@vzhg.nl'; nu: {self.newsletter_signup!r}"
            )
        for pattern in self.function_addresses:
            problem = pattern_problem(pattern)
            if problem:
                raise ConfigError(f"{PREFIX}function_addresses: {problem}")
        for word, phrases in self.search_synonyms:
            if not word.strip() or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
                raise ConfigError(SYNONYMS_FORMAT)
        for name in POSITIVE_NUMBERS:
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ConfigError(f"{PREFIX}{name} moet een positief geheel getal zijn")

    @property
    def newsletter_signup_link(self) -> str:
        """The address readers sign up at; empty if none is known."""
        reply_to, sender = parseaddr(self.newsletter_reply_to)[1], parseaddr(self.newsletter_from)[1]
        return signup_link(self.newsletter_signup, reply_to, sender)

    @functools.cached_property
    def functions(self) -> FunctionAddresses:
        """The function addresses, ready to test an address or number against."""
        return FunctionAddresses(self.function_addresses)

    def today(self, environ: dict[str, str] | None = None) -> dt.date:
        """The reference date: conf.py, else SOURCE_DATE_EPOCH, else the build date."""
        if self.reference_date:
            return dt.date.fromisoformat(self.reference_date)
        epoch = _source_date_epoch(environ)
        if epoch is not None:
            return epoch.date()
        return dt.date.today()


def _is_address(value: object) -> bool:
    """'Name <address>' or 'address', with an address the knowledge base accepts anywhere."""
    if not isinstance(value, str) or len(getaddresses([value])) != 1:
        return False
    try:
        parse_email(parseaddr(value)[1])
    except FieldError:
        return False
    return True


def _is_signup(value: object) -> bool:
    if not isinstance(value, str):
        return False
    if value.startswith(("https://", "http://")):
        return " " not in value and len(value) > len("https://")
    return not value or _is_address(value.removeprefix(MAILTO).split("?", 1)[0])


def _is_relative_folder(folder: object) -> bool:
    if not isinstance(folder, str) or not folder.strip("/") or "\\" in folder or folder.startswith("/"):
        return False
    return all(part not in ("", ".", "..") for part in folder.rstrip("/").split("/"))


def stamp(srcdir: Path, today: dt.date, environ: dict[str, str] | None = None) -> dt.datetime:
    """A reproducible DTSTAMP: SOURCE_DATE_EPOCH, else the last commit, else the reference date.

    Never the clock: two builds of the same sources give the same feeds.
    """
    epoch = _source_date_epoch(environ)
    if epoch is not None:
        return epoch
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=srcdir,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        return dt.datetime.fromtimestamp(int(out), dt.UTC)
    except (OSError, subprocess.SubprocessError, ValueError):
        return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)


def _source_date_epoch(environ: dict[str, str] | None) -> dt.datetime | None:
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(value), dt.UTC) if value.isdigit() else None


def site_url(config: Config) -> str:
    """The public address of the site without a trailing slash; empty if ``html_baseurl`` is not set."""
    return str(config.html_baseurl).rstrip("/")


def website_page_url(config: Config, docname: str, anchor: str = "") -> str:
    """A page's address on the published (HTML) site, for output that is not the site
    itself (PDF, text), where no HTML builder can be asked; empty without ``html_baseurl``."""
    base = site_url(config)
    if not base:
        return ""
    url = f"{base}/{docname}{config.html_file_suffix or '.html'}"
    return f"{url}#{anchor}" if anchor else url


def add_config_values(app: Sphinx) -> None:
    for setting in fields(KennisbankConfig):
        if setting.name in MAPPINGS:
            app.add_config_value(PREFIX + setting.name, {}, "env", types=frozenset({dict}))
            continue
        # Lists and tuples are both natural to write in conf.py.
        types: frozenset[type] = (
            frozenset({list, tuple}) if isinstance(setting.default, tuple) else frozenset({type(setting.default)})
        )
        rebuild = setting.metadata.get("rebuild", "env")  # what a change makes Sphinx do again
        app.add_config_value(PREFIX + setting.name, setting.default, rebuild, types=types)


def settings(config: Config) -> KennisbankConfig:
    values = {f.name: getattr(config, PREFIX + f.name) for f in fields(KennisbankConfig)}
    for name in (*PATTERN_LISTS, *OTHER_LISTS):
        values[name] = tuple(values[name])
    for name in MAPPINGS:
        values[name] = _pairs(values[name])
    return KennisbankConfig(**values)


def _pairs(mapping: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{"ALV": ["algemene ledenvergadering"]} or {"ALV": "algemene ledenvergadering"} as pairs."""
    if not isinstance(mapping, dict) or not all(isinstance(key, str) for key in mapping):
        raise ConfigError(SYNONYMS_FORMAT)
    pairs = []
    for key, value in mapping.items():
        if not isinstance(value, str | list | tuple):
            raise ConfigError(SYNONYMS_FORMAT)
        pairs.append((key, (value,) if isinstance(value, str) else tuple(value)))
    return tuple(pairs)


def validate_config(app: Sphinx, config: Config) -> None:
    """Check the settings at start-up, so a mistake in conf.py stops the build at once."""
    settings(config)


def setup(app: Sphinx) -> None:
    add_config_values(app)
    app.connect("config-inited", validate_config)
