extensions = ["myst_parser", "kennisbank"]
language = "nl"
project = "Pakkettest"
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2023-09-01"
kennisbank_pdf_whole = False  # only the pack: these tests read its agenda
