"""Blog content models, re-exported so Django and other apps find them in one place."""

from .article import NEWEST_FIRST, OLDEST_FIRST, ArticleAuthor, ArticlePage
from .authors import Author, AuthorExpertise, AuthorProfileLink
from .index import BlogIndexPage, live_posts
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
