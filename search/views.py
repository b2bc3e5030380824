"""The site search page: posts and authors matching a query."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from blog.models import ArticlePage, Author, live_posts
from blog.visibility import request_site
from pages.searchquery import search_text

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Search the posts a reader of this site may see, plus published author profiles."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    text = search_text(query)
    results = authors = None
    if text:
        # The search backends filter on indexed fields only, so the visible posts (which also
        # check expiry dates) come in as a subquery of ids.
        visible = live_posts(request_site(request)).order_by().values("pk")
        posts = ArticlePage.objects.filter(pk__in=visible).specific().search(text)
        paginator = Paginator(posts, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        authors = list(Author.objects.filter(live=True).search(text)[:5])
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "results": results, "authors": authors},
    )
