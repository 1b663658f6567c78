extensions = ["myst_parser", "kennisbank"]
language = "nl"
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2023-05-01"
kennisbank_board_organisation = "vzhg-bestuur"
