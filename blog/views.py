"""Admin views for authors: the snippet viewset that lists, filters and edits profiles."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


class AuthorFilterSet(WagtailFilterSet):
    class Meta:
        model = Author
        fields = ["can_review", "live"]


class AuthorViewSet(SnippetViewSet):
    """Authors in the admin: searchable, filterable by reviewer status and publish state."""

    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role", "can_review"]
    filterset_class = AuthorFilterSet
    copy_view_enabled = False
