"""``{gids} netwerken|expertise|organisaties|personen``: generated directories.

Standard tables and lists, so they appear in every output. In HTML a small
script adds a filter box (progressive enhancement: without JavaScript the full
list shows); it finds the parts to filter by their classes:
``kb-filterbaar`` on the directory, ``kb-filter-item`` on each entry and
``kb-filter-group`` on a group of entries.

A directory with more entries than ``kennisbank_long_list`` shows one line per
entry or group without the details, which stand on the pages it links (a
network's own page, an organisation's people under the organisation): at the
benchmark's size the networks table and the people by organisation made a page
of half a megabyte, which a phone fetches whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model.dates import format_span
from ..model.directories import Membership, networks_by_expertise, organisation_directory, people_directory
from ..model.objects import KBObject
from ..model.relations import of_kind
from ..model.schema import Evenement, Netwerk, Organisatie
from .buildstate import build_state
from .directives import KBDirective
from .domain import kb_domain
from .failures import internal_errors, page_location
from .internals import builder_of
from .nodes import directory_placeholder
from .placeholders import placeholders_in
from .priorities import FILL_PLACEHOLDERS
from .render import (
    COMPACT,
    joined,
    labeled_group,
    mail_link,
    pending_marker,
    table,
    url_nodes,
    without_empty_columns,
)

#: Each directory, with the object types whose facts it shows (its page is rewritten when they change).
DIRECTORIES = {
    "netwerken": ("netwerk", "organisatie"),
    "expertise": ("netwerk",),
    "organisaties": ("organisatie", "persoon", "netwerk", "evenement"),
    "personen": ("persoon", "organisatie", "netwerk"),
}
#: The networks table: the sparse facts share one column, so the table is not mostly empty cells.
NETWORK_COLUMNS = ("Netwerk", "Omschrijving", "Kenmerken", "Aansluiten")


class DirectoryDirective(KBDirective):
    required_arguments = 1

    def make(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in DIRECTORIES:
            self.warn(
                "Gids: onbekende gids '%s'; kies uit %s",
                name,
                ", ".join(DIRECTORIES),
            )
            return []
        domain = kb_domain(self.env)
        for kind in DIRECTORIES[name]:
            domain.note_overview(self.env.docname, kind)
        return [self.placed(directory_placeholder(name=name))]


class FillDirectories(SphinxPostTransform):
    default_priority = FILL_PLACEHOLDERS

    def run(self, **kwargs: Any) -> None:
        renderers = {
            "netwerken": self.render_netwerken,
            "expertise": self.render_expertise,
            "organisaties": self.render_organisaties,
            "personen": self.render_personen,
        }
        for node in placeholders_in(self, directory_placeholder):
            with internal_errors(f"de gids '{node['name']}'", page_location(self.env, node), placeholder=node):
                render = renderers[node["name"]]
                box = nodes.container(classes=["kb-gids", f"kb-gids-{node['name']}", "kb-filterbaar"], is_div=True)
                box.extend(render())
                node.replace_self(box)

    @property
    def objects(self) -> dict[str, KBObject]:
        return kb_domain(self.env).objects

    @property
    def today(self) -> dt.date:
        return build_state(self.env).settings.today()

    def link(self, obj: KBObject) -> nodes.reference:
        return kb_domain(self.env).reference(builder_of(self.env), self.env.docname, obj)

    def link_id(self, obj_id: str | None) -> list[nodes.Node]:
        obj = self.objects.get(obj_id or "")
        return [self.link(obj)] if obj else []

    def is_long(self, entries: int) -> bool:
        return entries > build_state(self.env).settings.long_list

    def in_short(self, note: str, lines: Iterable[list[nodes.Node]]) -> list[nodes.Node]:
        """A long directory: what it leaves out and where that stands, then a line per entry."""
        listing = nodes.bullet_list(classes=["kb-gids-lijst", COMPACT])
        listing.extend(_item(parts, classes=["kb-filter-item"]) for parts in lines)
        return [nodes.paragraph(note, note, classes=["kb-gids-kort"]), listing]

    # -- networks ----------------------------------------------------------

    def render_netwerken(self) -> list[nodes.Node]:
        networks = of_kind(self.objects, "netwerk")
        if not networks:
            return [nodes.paragraph("Er zijn nog geen netwerken.", "Er zijn nog geen netwerken.")]
        if self.is_long(len(networks)):
            note = (
                f"Er zijn {len(networks)} netwerken: hier staat van elk hoe u aansluit. Wat een netwerk doet "
                "en wie het coördineert, staat op de pagina van het netwerk."
            )
            return self.in_short(note, ([self.link(n), nodes.Text(": "), *self.how_to_join(n)] for n in networks))
        headers, rows = without_empty_columns(NETWORK_COLUMNS, [self.network_row(n) for n in networks])
        body = (nodes.row("", *(_cell(parts) for parts in cells), classes=["kb-filter-item"]) for cells in rows)
        return [
            table(
                "Netwerken van A tot Z",
                headers,
                body,
                colwidth=12,
                classes=["kb-gids-tabel"],
                ids=["kb-netwerken-tabel"],
            )
        ]

    def network_row(self, network: KBObject) -> list[list[nodes.Node]]:
        summary = network.get(Netwerk.samenvatting) or ""
        return [
            [self.link(network)],
            [nodes.paragraph(summary, summary)] if summary else [],
            [nodes.paragraph("", "", nodes.Text(f"{label}: "), *value) for label, value in self.network_facts(network)],
            [nodes.paragraph("", "", *self.how_to_join(network))],
        ]

    def network_facts(self, network: KBObject) -> list[tuple[str, list[nodes.Node]]]:
        """The facts a reader compares networks by, each labelled; only those that are known."""
        forms = network.get(Netwerk.vorm) or ()
        meetings = ", ".join(p for p in (network.get(Netwerk.bijeenkomsten) or "", " of ".join(forms)) if p)
        size = []
        if (count := network.get(Netwerk.aantal_deelnemers)) is not None:
            size.append(f"{count} deelnemers")
        if (meant := network.get(Netwerk.beoogde_omvang)) is not None:
            size.append(f"beoogd {meant}")
        contact = network.get(Netwerk.contact)
        facts: list[tuple[str, list[nodes.Node]]] = [
            ("Status", [nodes.Text(network.get(Netwerk.status) or "")]),
            ("Coördinatie", self.link_id(network.get(Netwerk.coordinator))),
            ("Bijeenkomsten", [nodes.Text(meetings)]),
            ("Omvang", [nodes.Text("; ".join(size))]),
            ("Contact", [mail_link(contact)] if contact is not None else []),
        ]
        return [(label, value) for label, value in facts if value and value[0].astext()]

    def how_to_join(self, network: KBObject) -> list[nodes.Node]:
        """What the network's page says under "Aansluiten", or the visible mark that it follows."""
        join = network.get(Netwerk.aansluiten)
        return [nodes.Text(join)] if join else [pending_marker(Netwerk.aansluiten.when_missing)]

    def render_expertise(self) -> list[nodes.Node]:
        groups = nodes.bullet_list(classes=["kb-gids-lijst"])
        for area, networks in networks_by_expertise(self.objects):
            items = [[self.link(n)] for n in networks]
            groups += _filter_group(nodes.Text(area), items)
        return [groups]

    # -- organisations -------------------------------------------------------

    def render_organisaties(self) -> list[nodes.Node]:
        entries = organisation_directory(self.objects, self.today)
        if self.is_long(len(entries)):
            note = (
                f"Er zijn {len(entries)} organisaties: hier staat van elk de soort. Wie er werkt en waaraan "
                "zij meedoet, staat bij de organisatie zelf."
            )
            return self.in_short(note, (self.organisation_kind(e.organisation) for e in entries))
        listing = nodes.bullet_list(classes=["kb-gids-lijst"])
        for entry in entries:
            org = entry.organisation
            link, kind = self.organisation_kind(org)
            head = nodes.paragraph("", "", nodes.strong("", "", link), kind)
            details = nodes.bullet_list()
            if (website := org.get(Organisatie.website)) is not None:
                details += _item([nodes.Text("Website: "), *url_nodes(website)])
            if (mail := org.get(Organisatie.contact)) is not None:
                details += _item([nodes.Text("Contact: "), mail_link(mail)])
            if entry.people:
                details += _item([nodes.Text("Mensen: "), *joined([self.person_with_role(m) for m in entry.people])])
            if entry.parts:
                details += _item([nodes.Text("Onderdelen: "), *joined([[self.link(p)] for p in entry.parts])])
            if entry.networks:
                details += _item(
                    [
                        nodes.Text("Netwerken: "),
                        *joined([[self.link(n), nodes.Text(f" ({how})")] for n, how in entry.networks]),
                    ]
                )
            if entry.events:
                details += _item(
                    [
                        nodes.Text("Bijeenkomsten: "),
                        *joined([self.event_with_date(e) for e in entry.events]),
                    ]
                )
            item = nodes.list_item("", head, classes=["kb-filter-item"])
            if len(details):
                item += details
            listing += item
        return [listing]

    def organisation_kind(self, org: KBObject) -> list[nodes.Node]:
        kind = org.get(Organisatie.soort)
        return [self.link(org), nodes.Text(f" ({kind})" if kind is not None else "")]

    def event_with_date(self, event: KBObject) -> list[nodes.Node]:
        start = event.get(Evenement.start)  # left out if it was invalid: reported
        return [self.link(event), *([nodes.Text(f" ({format_span(start)})")] if start else [])]

    # -- people --------------------------------------------------------------

    def render_personen(self) -> list[nodes.Node]:
        board = build_state(self.env).settings.board_organisation
        directory = people_directory(self.objects, board, self.today)
        entries = sum(len(members) for _, members in directory)
        if self.is_long(entries):
            note = (
                f"De gids noemt {entries} keer iemand: hier staat per organisatie en netwerk hoeveel mensen. "
                "Wie dat zijn en in welke rol, staat bij de organisatie of het netwerk."
            )
            return self.in_short(note, (self.group_count(group, len(members)) for group, members in directory))
        groups = nodes.bullet_list(classes=["kb-gids-lijst"])
        for group, members in directory:
            items = [self.person_with_role(m) for m in members]
            label = self.link(group)
            # Members of a network follow the organisations; the label says which is which.
            groups += _filter_group(
                nodes.inline("", "", label, nodes.Text(" (netwerk)")) if group.kind == "netwerk" else label, items
            )
        return [groups]

    def group_count(self, group: KBObject, count: int) -> list[nodes.Node]:
        people = "persoon" if count == 1 else "personen"
        kind = "netwerk, " if group.kind == "netwerk" else ""
        return [self.link(group), nodes.Text(f" ({kind}{count} {people})")]

    def person_with_role(self, membership: Membership) -> list[nodes.Node]:
        parts = [self.link(membership.person), nodes.Text(f" ({membership.label})")]
        return [nodes.inline("", "", *parts, classes=["kb-rol-voorbij"])] if membership.is_past else parts


def _item(parts: list[nodes.Node], classes: list[str] | None = None) -> nodes.list_item:
    return nodes.list_item("", nodes.paragraph("", "", *parts), classes=classes or [])


def _filter_group(label: nodes.Node, items: Iterable[Iterable[nodes.Node]]) -> nodes.list_item:
    return labeled_group(
        label, items, classes=["kb-filter-group"], label_classes=["kb-filter-label"], item_classes=["kb-filter-item"]
    )


def _cell(parts: list[nodes.Node]) -> nodes.entry:
    """A cell of paragraphs (several facts, one per line) or of inline nodes."""
    if parts and all(isinstance(p, nodes.paragraph) for p in parts):
        return nodes.entry("", *parts)
    return nodes.entry("", nodes.paragraph("", "", *parts)) if parts else nodes.entry()


def setup(app: Sphinx) -> None:
    app.add_directive("gids", DirectoryDirective)
    app.add_node(directory_placeholder)
    app.add_post_transform(FillDirectories)
