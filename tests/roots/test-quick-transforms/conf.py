# A site without the knowledge base: Sphinx's transforms with and without
# sphinx_quick_transforms. The tests add the extension, or leave it out.
extensions = ["myst_parser"]
language = "nl"
exclude_patterns = ["_build"]
