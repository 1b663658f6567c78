"""Kennisbank: a Sphinx extension for the VZHG knowledge base.

Typed objects (thema, programma, evenement, netwerk, organisatie, persoon),
cross-references between them, and generated "Gerelateerd" sections.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .boardpack import BoardPackDirective, FillBoardPack, check_packs, pack_placeholder
from .calendar_views import AgendaDirective, FillCalendars, MonthViewDirective, agenda_placeholder, month_placeholder
from .config import add_config_values, validate_config
from .directives import ObjectDirective, OverviewDirective
from .directories import DirectoryDirective, FillDirectories, directory_placeholder
from .domain import KnowledgeBaseDomain
from .fieldtable import FieldTableDirective
from .feeds import AddToCalendar, write_feeds
from .freshness import delete_removed_output, note_removed_pages, pages_to_rewrite
from .generated import FillGeneratedSections
from .opendata import write_open_data
from .pdfbuilder import KennisbankPDFBuilder, PrintTranslator
from .nodes import overview_placeholder, related_placeholder
from .references import check_consistency, collect_from_doctree, warn_missing_reference
from .roles import MissingLinkRole
from .schema import TYPES
from .singlehtml import FixDoubleAnchors, fix_sidebar_links

__version__ = "0.1.0"

#: Bump when the stored data changes shape, so old environments are rebuilt.
ENV_VERSION = 2

STATIC = Path(__file__).parent / "static"


def setup(app: Sphinx) -> dict[str, Any]:
    add_config_values(app)
    app.connect("config-inited", validate_config)
    app.add_domain(KnowledgeBaseDomain)
    for kind in TYPES:
        app.add_directive(kind, ObjectDirective)
        # Also without the "kb:" prefix: contributors write {thema}`jeugd`.
        app.add_role(kind, KnowledgeBaseDomain.roles[kind])
    app.add_directive("overzicht", OverviewDirective)
    app.add_directive("velden", FieldTableDirective)
    app.add_directive("agenda", AgendaDirective)
    app.add_directive("maandoverzicht", MonthViewDirective)
    app.add_directive("gids", DirectoryDirective)
    app.add_directive("bestuurspakket", BoardPackDirective)
    app.add_role("linkvolgt", MissingLinkRole())
    app.add_node(related_placeholder)
    app.add_node(overview_placeholder)
    app.add_node(agenda_placeholder)
    app.add_node(month_placeholder)
    app.add_node(directory_placeholder)
    app.add_node(pack_placeholder)
    app.add_post_transform(FillGeneratedSections)
    app.add_post_transform(FillCalendars)
    app.add_post_transform(FillDirectories)
    app.add_post_transform(FillBoardPack)
    app.add_post_transform(AddToCalendar)
    app.add_post_transform(FixDoubleAnchors)

    app.connect("doctree-read", collect_from_doctree)
    app.connect("env-check-consistency", check_consistency)
    app.connect("env-check-consistency", check_packs)
    app.connect("env-get-outdated", note_removed_pages)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("build-finished", delete_removed_output)
    app.connect("build-finished", write_feeds)
    app.connect("build-finished", write_open_data)
    app.connect("warn-missing-reference", warn_missing_reference)
    app.connect("html-page-context", fix_sidebar_links)
    app.connect("config-inited", _add_static_files)
    app.add_builder(KennisbankPDFBuilder)
    app.set_translator(KennisbankPDFBuilder.name, PrintTranslator)
    app.add_html_theme("kennisbank-print", str(Path(__file__).parent / "print_theme"))
    app.add_css_file("kennisbank.css")
    app.add_js_file("kennisbank.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_files(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))
