# A furo site without the knowledge base: the navigation extension on its own.
# The tests add "furo_cached_navigation" to the extensions, or leave it out.
extensions = ["myst_parser"]
html_theme = "furo"
language = "nl"
exclude_patterns = ["_build"]
templates_path = ["_templates"]
