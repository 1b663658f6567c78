extensions = ["myst_parser", "kennisbank"]
language = "nl"
project = "Beveiligingstest"
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2023-01-01"
myst_disable_syntax = ["html_block", "html_inline"]
html_theme = "furo"
