"""The representation of a post (cards, detail, body, JSON-LD), shared by the site, feeds and API."""
