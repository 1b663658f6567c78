"""What the build writes besides the pages: iCalendar feeds, schema.org data, open
data, the PDF builder; and repairs to Sphinx's own HTML output (search index,
singlehtml links, table ids).
"""
