extensions = ["myst_parser", "kennisbank"]
language = "nl"
project = "Testagenda"
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2024-04-15"
