extensions = ["myst_parser", "kennisbank"]
language = "nl"
project = "Downloadtest"
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2023-05-01"
