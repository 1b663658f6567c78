"""Turn typed values into standard docutils nodes (every builder can write these)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.config import Config

from ..model.agenda import DEFAULT_TIMEZONE, PLACE_FIELDS, place_of
from ..model.dates import format_span
from ..model.localtime import season_note
from ..model.objects import KBObject, MissingLink, Role, Value, When
from ..model.schema import SUMMARY, TYPES, Evenement, Field, Kind, Netwerk
from ..model.timeline import can_still_come, never_recorded, role_state, role_wording
from .config import website_page_url
from .nodes import unread_field

MISSING_LINK_TEXT = "link volgt"
#: A network's member organisations: shown with its member people, not among its facts.
MEMBERS_FIELD = Netwerk.leden
#: An event's links that may still come after it (within ``kennisbank_placeholder_days``).
AFTER_EVENT_FIELDS = (Evenement.terugkijken, Evenement.verslag)
PENDING_CLASS, VAGUE_CLASS, NEVER_CLASS = "kb-link-volgt", "kb-datum-volgt", "kb-niet-vastgelegd"


def missing_link(text: str = "", until: dt.date | None = None, today: dt.date | None = None) -> list[nodes.Node]:
    """Visible marker for a link the source does not give yet; never a dead link."""
    marker = pending_marker(MISSING_LINK_TEXT, until, today)
    return [nodes.Text(f"{text} "), marker] if text else [marker]


def pending_marker(text: str, until: dt.date | None = None, today: dt.date | None = None) -> nodes.inline:
    """'[link volgt]', '[volgt]': a visible mark for what the sources do not say yet.

    ``until``: the last day it can still come (an event's last day, say); from the day
    after, the mark says it was never recorded: '[link niet vastgelegd]'."""
    return _marker(f"[{text}]", PENDING_CLASS, until, today)


def vague_date_marker(until: dt.date | None = None, today: dt.date | None = None) -> nodes.inline:
    """Visible after a date known only to the month or year (``until``: the end of that period)."""
    return _marker(" [precieze datum volgt]", VAGUE_CLASS, until, today)


def _marker(text: str, css_class: str, until: dt.date | None, today: dt.date | None) -> nodes.inline:
    if until is None or today is None or can_still_come(until, today):
        return nodes.inline(text, text, classes=[css_class])
    text = never_recorded(text)
    return nodes.inline(text, text, classes=[css_class, NEVER_CLASS])


def object_ref(kinds: tuple[str, ...], target: str) -> pending_xref:
    """A reference written in a field; resolved like a role, to any of ``kinds``."""
    ref = pending_xref("", refdomain="kb", reftype=kinds[0], reftarget=target, refexplicit=False, refwarn=False)
    ref["kb_kinds"] = kinds
    ref["kb_field"] = True  # unknown targets are reported once, by the consistency check
    ref += nodes.inline(target, target)
    return ref


def fact_list(
    obj: KBObject, unread: Collection[str] = (), today: dt.date | None = None, grace: int = 0
) -> nodes.field_list:
    """The typed facts of an object as a field list, in schema order, as they read on ``today``: roles,
    and what an event still waits for (a link can come until it is over, a report ``grace`` days after).

    A field in ``unread`` was written but could not be read (reported): its place
    holds a marker that only a preview shows (nodes.unread_field)."""
    spec = TYPES[obj.kind]
    last_day = event_last_day(obj)
    facts = nodes.field_list(classes=["kb-facts"])
    shown_place = False
    for field in spec.fields:
        if field.name in (spec.title_field, SUMMARY.name) or not field.shown:
            continue
        if field.name in unread:
            facts += unread_field(label=field.shown_label, field=field.name)
            continue
        if field.name == Evenement.eind.name:
            continue
        if obj.kind == "evenement" and field in PLACE_FIELDS:
            place = place_of(obj.fields)
            if not shown_place and place is not None:
                facts += _fact("Waar", [nodes.Text(str(place))])
            shown_place = True
            continue
        if obj.kind == "netwerk" and field == MEMBERS_FIELD:
            continue  # under "Leden", with the people who are members (see generated.py)
        value = obj.fields.get(field.name)
        if value is None:
            if field.when_missing:
                facts += _fact(field.shown_label, [pending_marker(field.when_missing)])
            continue
        if obj.kind == "evenement" and isinstance(value, When) and field == Evenement.start:
            start, end = value, obj.get(Evenement.eind)
            zone = obj.get(Evenement.tijdzone) or DEFAULT_TIMEZONE
            when = when_nodes(start, end, today=today)
            facts += _fact("Wanneer", [*when, *_text(season_note([start, end], zone))])
            continue
        if isinstance(value, MissingLink) and last_day is not None:
            until = last_day + dt.timedelta(days=grace if field in AFTER_EVENT_FIELDS else 0)
            facts += _fact(field.shown_label, missing_link(until=until, today=today))
            continue
        facts += _fact(field.shown_label, value_nodes(field, value, today))
    return facts


def _text(text: str) -> list[nodes.Node]:
    return [nodes.Text(text)] if text else []


def when_nodes(
    start: When, end: When | None = None, *, mark_vague: bool = True, today: dt.date | None = None
) -> list[nodes.Node]:
    """An event's date; one known only to the month or year gets a visible marker (which
    says the day was never recorded once that month or year is over on ``today``)."""
    result: list[nodes.Node] = [nodes.Text(format_span(start, end))]
    if mark_vague and not start.is_exact_day:
        result.append(vague_date_marker(start.last_day, today))
    return result


def event_last_day(obj: KBObject) -> dt.date | None:
    """The last day an event object may take place (the end of its month for '2023-04'); None for others."""
    if obj.kind != "evenement" or not obj.has(Evenement.start):
        return None
    dates = (Evenement.start, Evenement.eind, Evenement.verplaatst_naar)
    return max(when.last_day for field in dates if (when := obj.get(field)) is not None)


def value_nodes(field: Field[Value], value: Value, today: dt.date | None = None) -> list[nodes.Node]:
    # What the value is (parse_value made it of the field's kind), then how the kind reads.
    if isinstance(value, MissingLink):
        return url_nodes(value)
    if isinstance(value, When):  # a publication month is complete as it is: no marker
        return when_nodes(value, mark_vague=False)
    if isinstance(value, tuple):
        texts = [item for item in value if isinstance(item, str)]
        match field.kind:
            case Kind.LINES:
                return [_bullets([nodes.Text(line)] for line in texts)]
            case Kind.REFS:
                return joined([object_ref(field.targets, v)] for v in texts)
            case Kind.ROLES:
                roles = [item for item in value if isinstance(item, Role)]
                return [_bullets(role_nodes(role, field.targets, today) for role in roles)]
        return [nodes.Text(", ".join(texts))]  # choices, words
    if isinstance(value, str):
        match field.kind:
            case Kind.URL:
                return url_nodes(value)
            case Kind.EMAIL:
                return [mail_link(value)]
            case Kind.REF:
                return [object_ref(field.targets, value)]
            case Kind.CHOICE:
                return [nodes.Text(field.in_words(value))]
    return [nodes.Text(str(value))]


def url_nodes(value: str | MissingLink) -> list[nodes.Node]:
    if isinstance(value, MissingLink):
        return missing_link()
    shown = value.removeprefix("https://").removeprefix("http://").removesuffix("/")
    return [nodes.reference(shown, shown, refuri=value)]


def role_nodes(role: Role, targets: tuple[str, ...], today: dt.date | None = None) -> list[nodes.Node]:
    """'aankomend voorzitter, VNG (vanaf 14 juni 2023)': as it reads on ``today`` (as written without)."""
    function, period = role_wording(role, today) if today is not None else (role.function, role.period)
    parts: list[nodes.Node] = [nodes.Text(f"{function}, "), object_ref(targets, role.target)]
    if period:
        parts.append(nodes.Text(f" ({period})"))
    if today is not None and role_state(role, today) == "voorbij":
        return [nodes.inline("", "", *parts, classes=["kb-rol-voorbij"])]
    return parts


def _fact(label: str, body: list[nodes.Node]) -> nodes.field:
    name = nodes.field_name(label, label)
    content = nodes.field_body()
    if body and isinstance(body[0], nodes.Sequential):  # a list stands on its own
        content.extend(body)
    else:
        content += nodes.paragraph("", "", *body)
    return nodes.field("", name, content)


def mail_link(address: str) -> nodes.reference:
    return nodes.reference(address, address, refuri=f"mailto:{address}")


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[nodes.row],
    *,
    colwidth: int,
    classes: Sequence[str] = (),
    ids: Sequence[str] = (),
) -> nodes.table:
    """A captioned table with one header row, as standard nodes (every builder writes it).

    ``colwidth`` is relative, except in text output, which counts it in characters.
    """
    result = nodes.table(classes=list(classes), ids=list(ids))
    result += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    result += group
    group.extend(nodes.colspec(colwidth=colwidth) for _ in headers)
    head = nodes.row()
    for header in headers:
        head += nodes.entry("", nodes.paragraph(header, header))
    group += nodes.thead("", head)
    group += nodes.tbody("", *rows)
    return result


def without_empty_columns(
    headers: Sequence[str], rows: Sequence[Sequence[list[nodes.Node]]]
) -> tuple[list[str], list[list[list[nodes.Node]]]]:
    """Drop every column whose cells are all empty: a table shows only what it knows."""
    keep = [i for i in range(len(headers)) if any(row[i] for row in rows)]
    return [headers[i] for i in keep], [[row[i] for i in keep] for row in rows]


#: Docutils' class for a list of one-paragraph items: the HTML writer then need not walk
#: the whole list to find out (with thousands of entries, a measurable part of a build).
COMPACT = "compact"


def labeled_group(
    label: nodes.Node,
    entries: Iterable[Iterable[nodes.Node]],
    *,
    classes: Sequence[str] = (),
    label_classes: Sequence[str] = (),
    item_classes: Sequence[str] = (),
) -> nodes.list_item:
    """A list item: a bold label, then a list of entries (each a list of inline nodes)."""
    inner = nodes.bullet_list(classes=[COMPACT])
    for parts in entries:
        inner += nodes.list_item("", nodes.paragraph("", "", *parts), classes=list(item_classes))
    head = nodes.paragraph("", "", nodes.strong("", "", label), classes=list(label_classes))
    return nodes.list_item("", head, inner, classes=list(classes))


def _bullets(items: Iterable[Iterable[nodes.Node]]) -> nodes.bullet_list:
    bullets = nodes.bullet_list(classes=[COMPACT])
    for parts in items:
        bullets += nodes.list_item("", nodes.paragraph("", "", *parts))
    return bullets


def joined(groups: Iterable[Iterable[nodes.Node]]) -> list[nodes.Node]:
    """Groups of inline nodes separated by commas."""
    result: list[nodes.Node] = []
    for group in groups:
        if result:
            result.append(nodes.Text(", "))
        result.extend(group)
    return result


def left_out(limit: int, *sizes: int) -> int:
    """How many entries lists of these sizes leave out when each shows at most ``limit``."""
    return sum(max(0, size - limit) for size in sizes)


def rest_on_the_website(
    config: Config, obj: KBObject, count: int, things: tuple[str, str], relation: str, css_class: str
) -> list[nodes.Node]:
    """For a list cut short on paper: 'Nog 3 bijeenkomsten bij dit thema staan alleen op de
    website: <address>.' (``things``: singular and plural); nothing when nothing is left out."""
    if not count:
        return []
    thing, verb = (things[0], "staat") if count == 1 else (things[1], "staan")
    text = f"Nog {count} {thing} {relation} {TYPES[obj.kind].this_one()} {verb} alleen op de website"
    return [on_the_website(config, obj, text, css_class)]


def on_the_website(config: Config, obj: KBObject, text: str, css_class: str) -> nodes.paragraph:
    """'<text>: <address of the object on the website>.'; without a website address
    (no ``html_baseurl``) the sentence alone."""
    url = website_page_url(config, obj.docname, obj.anchor)
    if not url:
        return nodes.paragraph(text + ".", text + ".", classes=[css_class])
    ref = nodes.reference(url, url, refuri=url)
    return nodes.paragraph("", "", nodes.Text(text + ": "), ref, nodes.Text("."), classes=[css_class])
