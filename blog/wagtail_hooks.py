"""Registration only: snippets, admin views and hooks for the blog app."""

from wagtail.snippets.models import register_snippet

from .views import AuthorViewSet

register_snippet(AuthorViewSet)
