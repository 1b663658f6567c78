import contextlib
import io

with contextlib.redirect_stdout(io.StringIO()):  # its note about matplotlib, as in docs/conf.py
    import sphinxext.opengraph  # noqa: F401
del contextlib, io, sphinxext

project = "Testkennisbank"
author = "Testvereniging"
extensions = ["myst_parser", "sphinxext.opengraph", "kennisbank"]
language = "nl"
exclude_patterns = ["_build"]
html_baseurl = "https://kennisbank.example/"
# Before the May event; tests move it past the May event and past every event.
kennisbank_reference_date = "2024-04-15"
kennisbank_newsletter_from = "Testnieuwsbrief <redactie@kennisbank.example>"
kennisbank_newsletter_reply_to = "secretariaat@kennisbank.example"
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
