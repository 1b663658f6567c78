extensions = ["myst_parser", "kennisbank"]
language = "nl"
exclude_patterns = ["_build"]
