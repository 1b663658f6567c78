"""Turn typed values into standard docutils nodes (every builder can write these)."""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref

from .dates import format_span
from .events import DEFAULT_TIMEZONE
from .localtime import season_note
from .model import KBObject, MissingLink, Role, When
from .schema import TYPES, Field, Kind

MISSING_LINK_TEXT = "link volgt"
_PLACE_FIELDS = ("locatie", "adres", "postcode", "plaats")


def missing_link(text: str = "") -> list[nodes.Node]:
    """Visible marker for a link the source does not give yet; never a dead link."""
    marker = nodes.inline(f"[{MISSING_LINK_TEXT}]", f"[{MISSING_LINK_TEXT}]", classes=["kb-link-volgt"])
    return [nodes.Text(f"{text} "), marker] if text else [marker]


def object_ref(kinds: tuple[str, ...], target: str) -> pending_xref:
    """A reference written in a field; resolved like a role, to any of ``kinds``."""
    ref = pending_xref("", refdomain="kb", reftype=kinds[0], reftarget=target, refexplicit=False, refwarn=False)
    ref["kb_kinds"] = kinds
    ref["kb_field"] = True  # unknown targets are reported once, by the consistency check
    ref += nodes.inline(target, target)
    return ref


def fact_list(obj: KBObject) -> nodes.field_list:
    """The typed facts of an object as a field list, in schema order."""
    spec = TYPES[obj.kind]
    facts = nodes.field_list(classes=["kb-facts"])
    shown_place = False
    for field in spec.fields:
        if field.name in (spec.title_field, "samenvatting", "eind"):
            continue
        if obj.kind == "evenement" and field.name in _PLACE_FIELDS:
            if not shown_place:
                shown_place = True
                place = _address(obj)
                if place:
                    facts += _fact("Waar", [nodes.Text(place)])
            continue
        value = obj.fields.get(field.name)
        if value is None:
            continue
        if obj.kind == "evenement" and field.name == "start":
            end = obj.fields.get("eind")
            zone = str(obj.fields.get("tijdzone", DEFAULT_TIMEZONE))
            facts += _fact("Wanneer", [*when_nodes(value, end), *_text(season_note([value, end], zone))])
            continue
        facts += _fact(field.label, value_nodes(field, value))
    return facts


def _text(text: str) -> list[nodes.Node]:
    return [nodes.Text(text)] if text else []


def _address(obj: KBObject) -> str:
    """Dutch address order: venue, street, postcode and city on one line."""
    town = " ".join(str(obj.fields[f]) for f in ("postcode", "plaats") if f in obj.fields)
    parts = [str(obj.fields[f]) for f in ("locatie", "adres") if f in obj.fields]
    return ", ".join([*parts, town] if town else parts)


def when_nodes(start: When, end: When | None = None, *, mark_vague: bool = True) -> list[nodes.Node]:
    """An event's date; one known only to the month or year gets a visible marker."""
    result: list[nodes.Node] = [nodes.Text(format_span(start, end))]
    if mark_vague and not start.is_exact_day:
        result.append(nodes.inline(" [precieze datum volgt]", " [precieze datum volgt]", classes=["kb-datum-volgt"]))
    return result


def value_nodes(field: Field, value) -> list[nodes.Node]:
    match field.kind:
        case Kind.URL:
            return url_nodes(value)
        case Kind.EMAIL:
            return [nodes.reference(value, value, refuri=f"mailto:{value}")]
        case Kind.WHEN:  # a publication month is complete as it is: no marker
            return when_nodes(value, mark_vague=False)
        case Kind.LINES:
            return [_bullets([nodes.Text(line)] for line in value)]
        case Kind.CHOICES:
            return [nodes.Text(", ".join(value))]
        case Kind.REF:
            return [object_ref(field.targets, value)]
        case Kind.REFS:
            return joined([object_ref(field.targets, v)] for v in value)
        case Kind.ROLES:
            return [_bullets(role_nodes(role) for role in value)]
    return [nodes.Text(str(value))]


def url_nodes(value: str | MissingLink) -> list[nodes.Node]:
    if isinstance(value, MissingLink):
        return missing_link()
    shown = value.removeprefix("https://").removeprefix("http://").removesuffix("/")
    return [nodes.reference(shown, shown, refuri=value)]


def role_nodes(role: Role) -> list[nodes.Node]:
    parts: list[nodes.Node] = [nodes.Text(f"{role.function}, "), object_ref(("organisatie",), role.organisation)]
    if role.period:
        parts.append(nodes.Text(f" ({role.period})"))
    return parts


def _fact(label: str, body: list[nodes.Node]) -> nodes.field:
    name = nodes.field_name(label, label)
    content = nodes.field_body()
    if body and isinstance(body[0], nodes.Sequential):  # a list stands on its own
        content.extend(body)
    else:
        content += nodes.paragraph("", "", *body)
    return nodes.field("", name, content)


def labeled_group(label: nodes.Node, entries, *, classes=(), label_classes=(), item_classes=()) -> nodes.list_item:
    """A list item: a bold label, then a list of entries (each a list of inline nodes)."""
    inner = nodes.bullet_list()
    for parts in entries:
        inner += nodes.list_item("", nodes.paragraph("", "", *parts), classes=list(item_classes))
    head = nodes.paragraph("", "", nodes.strong("", "", label), classes=list(label_classes))
    return nodes.list_item("", head, inner, classes=list(classes))


def _bullets(items) -> nodes.bullet_list:
    bullets = nodes.bullet_list()
    for parts in items:
        bullets += nodes.list_item("", nodes.paragraph("", "", *parts))
    return bullets


def joined(groups) -> list[nodes.Node]:
    """Groups of inline nodes separated by commas."""
    result: list[nodes.Node] = []
    for group in groups:
        if result:
            result.append(nodes.Text(", "))
        result.extend(group)
    return result
