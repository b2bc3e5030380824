"""The API's querysets of visible posts agree with the site's (blog.visibility)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from blog.models import ArticlePage
from blog.representation.queries import public_pages, related_posts
from blog.representation.scope import SiteScope
from blog.visibility import visible_pages
from tests.content_api.helpers import ApiTestCase, make_article, make_other_site, make_site


class TestOneRuleOfVisibility(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        _other_home, other_index = make_other_site()
        tags = ("serums", "retinoids")
        cls.page = make_article(cls.index, "page", tags=tags)
        cls.shown = [
            make_article(cls.index, f"shown-{i}", tags=tags[: i % 2 + 1]) for i in range(3)
        ]
        make_article(cls.index, "draft", tags=tags, publish=False)
        make_article(other_index, "elsewhere", tags=tags)
        expired = make_article(cls.index, "expired", tags=tags)
        ArticlePage.objects.filter(pk=expired.pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        )
        private = make_article(cls.index, "private", tags=tags)
        restriction = PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get_or_create(name="Members")[0]])
        cls.site = Site.objects.get(is_default_site=True)

    def test_api_and_site_see_the_same_posts(self):
        scope = SiteScope.for_site(self.site)
        api = set(public_pages(ArticlePage, scope).values_list("slug", flat=True))
        site = set(
            visible_pages(ArticlePage.objects.all(), self.site).values_list("slug", flat=True)
        )
        self.assertEqual(api, site)
        self.assertEqual(api, {"page", "shown-0", "shown-1", "shown-2"})

    def test_api_and_site_relate_the_same_posts_in_the_same_order(self):
        scope = SiteScope.for_site(self.site)
        tag_ids = [tag.pk for tag in self.page.tags.all()]
        api = [row["slug"] for row in related_posts(self.page, scope, tag_ids, 10)]
        site = [post.slug for post in self.page.related_posts(self.site, limit=10)]
        self.assertEqual(api, site)
        self.assertEqual(set(api), {"shown-0", "shown-1", "shown-2"})
