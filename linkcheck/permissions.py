"""Who may see the Link health report, which links they see, and which fixes they may apply."""

from __future__ import annotations

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

from linkcheck.models import Link


def can_see_report(user) -> bool:
    """Whether the user may open the report: they can edit or publish some page."""
    policy = PagePermissionPolicy()
    return user.is_superuser or policy.user_has_any_permission(user, ["change", "publish"])


def visible_to(user, queryset):
    """Restrict links to pages the user can edit and, with the permission, author profiles."""
    if user.is_superuser:
        return queryset
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    allowed = Q(page__in=pages.values("pk"))
    if user.has_perm("blog.change_author"):
        allowed |= Q(author__isnull=False)
    return queryset.filter(allowed)


def can_edit_owner(user, link: Link) -> bool:
    """Whether the user may edit the page or author the link is on."""
    if link.page_id:
        return link.page.permissions_for_user(user).can_edit()
    return user.has_perm("blog.change_author")


def can_fix(user, link: Link) -> bool:
    """Editing content republishes a live version, so live objects need publish permission."""
    if not can_edit_owner(user, link):
        return False
    if link.page_id:
        page = link.page
        return not page.live or page.permissions_for_user(user).can_publish()
    return not link.author.live or user.has_perm("blog.publish_author")
