"""The site search page and its autocomplete: posts and authors matching a query."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from blog.models import ArticlePage, live_posts
from blog.representation.scope import site_scope
from blog.search.completion import complete, matching_authors
from blog.search.ranking import indexed_texts, ranked_post_ids
from blog.search.snippets import query_terms, snippet
from blog.search.suggestions import suggest
from blog.visibility import request_site
from pages.searchquery import search_text

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
COMPLETIONS = 6


@dataclass
class ResultsPage:
    """One page of ranked results, with what the pagination links need."""

    number: int
    count: int
    items: list = field(default_factory=list)
    # False when more posts match than were counted (PostgreSQL counts up to a cap).
    exact: bool = True

    @property
    def count_label(self) -> str:
        """The count as shown: "1,000+" when more match than were counted."""
        return f"{self.count:,}{'' if self.exact else '+'}"

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // RESULTS_PER_PAGE))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def ranked_page(posts, text: str, number: int) -> ResultsPage:
    """The page `number` of results (the last one when past the end), posts in rank order."""
    ranked = ranked_post_ids(posts, text, (number - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE)
    page = ResultsPage(number, ranked.count, exact=ranked.exact)
    if not ranked.ids and ranked.count:
        page.number = page.num_pages
        ranked = ranked_post_ids(
            posts, text, (page.number - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE
        )
    by_id = {post.pk: post for post in ArticlePage.objects.filter(pk__in=ranked.ids)}
    texts = indexed_texts(ArticlePage, ranked.ids)
    terms = query_terms(text)
    for pk in ranked.ids:
        if (post := by_id.get(pk)) is not None:
            # snippet() escapes the text before adding its <mark> tags.
            post.snippet = mark_safe(snippet(texts.get(pk) or post.summary, terms))
            page.items.append(post)
    return page


def search(request):
    """Search the posts a reader of this site may see, plus published author profiles."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    text = search_text(query)
    results = authors = suggestion = None
    if text:
        site = request_site(request)
        posts = live_posts(site)
        results = ranked_page(posts, text, page_number(request.GET.get("page")))
        authors = matching_authors(text)
        if not results.count and not authors and site is not None:
            suggestion = suggest(text, posts, f"site-{site.pk}")
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "authors": authors,
            "suggestion": suggestion,
        },
    )


def autocomplete(request):
    """Suggestions for the search box as the reader types (JSON, for the site's script)."""
    text = search_text((request.GET.get("q") or "")[:MAX_QUERY_LENGTH])
    site = request_site(request)
    scope = site_scope(request) if site is not None else None
    if not text or scope is None:
        return JsonResponse({"query": text, "results": []})
    found = complete(live_posts(site), text, COMPLETIONS)
    blog_url = scope.blog_url
    results = [
        {"type": "post", "label": post.title, "url": scope.page_url(post.url_path)}
        for post in found.posts
    ]
    results += [
        {"type": "author", "label": a.name, "url": scope.author_url(a.slug)} for a in found.authors
    ]
    results += [
        {
            "type": "tag",
            "label": t["name"],
            "url": f"{blog_url}?tag={t['slug']}" if blog_url else None,
        }
        for t in found.tags
    ]
    return JsonResponse({"query": text, "results": results})
