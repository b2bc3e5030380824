"""Small page trees for the search tests."""

from __future__ import annotations

import json
import re

from django.test import Client
from wagtail.models import PageViewRestriction

from tests.content_api.helpers import make_other_site
from tests.factories import make_article


def make_posts(index, count: int, *, word: str = "collagen", start: int = 0) -> list:
    """`count` published posts whose title and summary hold `word`."""
    return [
        make_article(
            index,
            f"{word}-{n}",
            title=f"{word.title()} note {n}",
            summary=f"What {word} does, note {n}.",
            tags=[word],
        )
        for n in range(start, start + count)
    ]


def make_hidden_posts(index, word: str = "collagen") -> None:
    """One post of each kind a reader must not find: draft, private and on another site."""
    make_article(index, f"draft-{word}", title=f"Draft {word}", publish=False)
    private = make_article(index, f"private-{word}", title=f"Private {word}")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    _home, other_index = make_other_site()
    make_article(other_index, f"other-{word}", title=f"Other site {word}")


def site_titles(client: Client, query: str, page: int = 1) -> list[str]:
    """The result titles of the site search page, in order."""
    html = client.get("/search/", {"q": query, "page": page}).content.decode()
    results = html.split('class="search-results"', 1)
    if len(results) < 2:
        return []
    listing = results[1].split("</ol>", 1)[0]
    return re.findall(r'<li><a href="[^"]*">([^<]*)</a>', listing)


def api_search(client: Client, query: str, **params) -> dict:
    response = client.get("/api/v1/search", {"q": query, **params})
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)
