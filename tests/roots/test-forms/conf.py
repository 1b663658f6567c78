project = "Formuliertest"
extensions = ["myst_parser", "kennisbank"]
language = "nl"
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2024-01-01"
