"""The Sphinx glue: the ``kb`` domain, directives, roles, post-transforms, settings.

Each component registers itself in its own module's ``setup``; this one only
lists them, in the order their handlers must run. They are imported inside
:func:`setup`, as MyST-Parser does, so that importing one module of the package
(a writer in a test, say) does not load all the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .. import __version__

#: Bump when the stored data changes shape, so old environments are rebuilt.
ENV_VERSION = 5  # 5: our boxes are divs (is_div), without the container class

STATIC = Path(__file__).parent.parent / "static"


def setup(app: Sphinx) -> dict[str, Any]:
    from ..builders import htmlfixes, pdf, singlehtml, stackedtables
    from ..builders import newsletter as newsletter_builder
    from ..writers import background_jobs, newsfeeds, pagefind, sharing, sitemap
    from . import (
        agenda,
        agendapages,
        config,
        directives,
        directories,
        domain,
        downloads,
        duplicates,
        eventcard,
        failures,
        fieldtable,
        freshness,
        frontpage,
        generated,
        interface,
        lastchanged,
        logfilters,
        maintenance,
        navigation,
        news,
        newsletter,
        newspages,
        packs,
        pagefooter,
        placeholders,
        privacy,
        problems,
        rawhtml,
        references,
        search,
        timeline,
        unlisted,
    )

    components = (
        logfilters,
        config,
        interface,
        domain,
        duplicates,
        directives,
        rawhtml,
        privacy,
        references,
        placeholders,
        generated,
        freshness,
        search,
        pagefind,
        agenda,
        news,
        frontpage,
        background_jobs,
        newsfeeds,
        eventcard,
        directories,
        packs,
        newsletter,
        newsletter_builder,
        downloads,
        fieldtable,
        singlehtml,
        htmlfixes,
        stackedtables,
        sharing,
        sitemap,
        lastchanged,
        timeline,
        maintenance,
        agendapages,
        newspages,
        navigation,
        pagefooter,
        pdf,
        failures,
        problems,
        unlisted,
    )
    for component in components:
        component.setup(app)
    app.setup_extension("sphinx_frozen_gc")  # a fifth of a large build went to garbage collection
    app.setup_extension("sphinx_quick_transforms")  # a tenth went to transforms with nothing to do
    app.connect("config-inited", _add_static_files)
    app.add_css_file("kennisbank.css")
    app.add_js_file("kennisbank.js", loading_method="defer")
    app.add_css_file("kennisbank-agenda.css")
    app.add_js_file("kennisbank-agenda.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_files(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))
