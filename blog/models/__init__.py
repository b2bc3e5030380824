"""Blog content models, re-exported so Django and other apps find them in one place."""

from .article import ArticlePage
from .authors import Author, AuthorExpertise, AuthorProfileLink
from .byline import ArticleAuthor
from .index import BlogIndexPage, live_posts
from .ordering import NEWEST_FIRST, OLDEST_FIRST
from .review import ProductReviewPage, ReviewBuyLink
from .tags import ArticlePageTag

__all__ = [
    "NEWEST_FIRST",
    "OLDEST_FIRST",
    "ArticleAuthor",
    "ArticlePage",
    "ArticlePageTag",
    "Author",
    "AuthorExpertise",
    "AuthorProfileLink",
    "BlogIndexPage",
    "ProductReviewPage",
    "ReviewBuyLink",
    "live_posts",
]
