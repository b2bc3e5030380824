"""RSS 2.0 and Atom 1.0 writers that carry each post's full content and every co-author.

Django's generators hold one author name per item and no full content: RSS gets
`content:encoded` (the content module) and one `dc:creator` per author, Atom one `<author>`
(name and profile URI) per author and `<content type="html">`.
"""

from __future__ import annotations

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"


class FullContentRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:dc": DC_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.addQuickElement("dc:creator", author.name)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class FullContentAtomFeed(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            if author.url:
                handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
