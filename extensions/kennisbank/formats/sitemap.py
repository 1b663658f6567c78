"""The sitemap protocol's XML (https://www.sitemaps.org/protocol.html): one ``<url>`` per address. Pure.

Which pages are in it is decided in ``writers/sitemap.py``.
"""

from __future__ import annotations

from xml.etree import ElementTree

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(addresses: list[str]) -> bytes:
    """The sitemap of these absolute addresses, in their order, as UTF-8 with an XML declaration."""
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for address in addresses:
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = address
    ElementTree.indent(root)
    written: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)  # typeshed: Any
    return written + b"\n"
