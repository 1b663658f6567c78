extensions = ["myst_parser", "kennisbank"]
language = "nl"
project = "Pdftest"
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2023-09-01"
kennisbank_pdf_exclude = ["techniek"]
