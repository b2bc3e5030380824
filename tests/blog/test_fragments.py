"""Cached fragments of post pages (body, related cards, byline, authors): the same HTML as a
fresh render, rebuilt when what they show changes, never shared with another Site, a preview
of a draft or a restricted page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from blog.fragments import fragment_key
from blog.models import ArticlePage
from tests.content_api.helpers import full_body, make_article, make_author, make_image, make_site

FRAGMENTS_OFF = override_settings(SKINCARE_BLOG_FRAGMENT_CACHE=False)


def paragraph(text: str) -> list[tuple]:
    return [("paragraph", f"<p>{text}</p>")]


@override_settings(SKINCARE_BLOG_PAGE_CACHE=False)  # every request renders the page
class TestFragments(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena", name="Lena Hart", photo=make_image("Lena", (80, 80)))
        cls.figure = make_image("Roller", size=(300, 200))
        cls.post = make_article(
            cls.index,
            "serum-guide",
            title="Serum guide",
            authors=[cls.lena],
            tags=["acne", "serums"],
            body=full_body(image=cls.figure),
        )
        cls.card = make_image("Card", size=(320, 180))
        cls.other = make_article(
            cls.index, "acne-basics", title="Acne basics", tags=["acne"], hero_image=cls.card
        )

    def setUp(self):
        cache.clear()

    def page(self, path="/blog/serum-guide/", host="localhost") -> str:
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def fresh(self, path="/blog/serum-guide/", host="localhost") -> str:
        with FRAGMENTS_OFF:
            return self.page(path, host)

    def publish(self, **fields) -> None:
        page = ArticlePage.objects.get(pk=self.post.pk)
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()

    def test_cached_fragments_give_the_page_rendered_afresh(self):
        fresh = self.fresh()
        self.assertEqual(self.page(), fresh)  # stores the fragments
        self.assertEqual(self.page(), fresh)  # reads them
        self.assertIn("Acne basics", fresh)
        self.assertIn("Lena Hart", fresh)

    def test_a_publish_shows_the_new_content(self):
        self.page()
        self.publish(body=paragraph("Now with retinol."), title="Serum guide, updated")
        page = self.page()
        self.assertIn("Now with retinol.", page)
        self.assertNotIn("Read a guide before you start.", page)
        self.assertEqual(page, self.fresh())

    def test_a_draft_stays_in_its_preview(self):
        live = self.page()
        draft = ArticlePage.objects.get(pk=self.post.pk)
        draft.body = paragraph("Draft only.")
        revision = draft.save_revision()  # a new revision, not published
        self.assertEqual(self.page(), live)
        preview = revision.as_object().make_preview_request().content.decode()
        self.assertIn("Draft only.", preview)
        self.assertNotIn("Read a guide before you start.", preview)
        # The preview neither read the live page's fragments nor left its own for readers.
        self.assertEqual(self.page(), live)
        self.assertNotIn("Draft only.", self.page())

    def test_a_second_site_gets_its_own_links(self):
        self.page()
        Site.objects.create(hostname="journal.example", port=80, root_page=self.index)
        journal = self.page("/serum-guide/", host="journal.example")
        self.assertIn('href="/acne-basics/"', journal)  # the related card, on this Site
        self.assertNotIn('href="/blog/acne-basics/"', journal)
        self.assertEqual(journal, self.fresh("/serum-guide/", host="journal.example"))
        self.assertIn('href="/blog/acne-basics/"', self.page())

    def test_a_restricted_page_is_rendered_every_time(self):
        PageViewRestriction.objects.create(page=self.post, restriction_type="login")
        self.client.force_login(get_user_model().objects.create_superuser("ed", "e@x.org", "pw"))
        self.page()
        # Changed behind every signal's back: only a fresh render can show it.
        changed = full_body(image=self.figure)
        changed[1] = ("paragraph", "<p>Members only.</p>")
        ArticlePage.objects.filter(pk=self.post.pk).update(body=ArticlePage(body=changed).body)
        self.assertIn("Members only.", self.page())

    def test_an_image_change_renders_its_pictures_again(self):
        before = self.page()
        self.card.focal_point_x, self.card.focal_point_y = 10, 10
        self.card.focal_point_width = self.card.focal_point_height = 20
        self.card.save()  # the card's fill crops move: new renditions
        after = self.page()
        self.assertNotEqual(after, before)
        self.assertEqual(after, self.fresh())

    def test_deleted_renditions_are_made_again(self):
        self.page()
        renditions = get_image_model().get_rendition_model().objects.filter(image=self.figure)
        self.assertTrue(renditions.exists())
        renditions.delete()  # their files go too
        self.page()
        self.assertTrue(renditions.exists(), "the body's picture points at deleted files")


class TestFragmentKey(WagtailPageTestCase):
    """Which requests may share a page's fragments at all."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.post = make_article(cls.index, "serum-guide")

    def setUp(self):
        cache.clear()

    def key(self, page=None, **attrs):
        request = RequestFactory().get("/blog/serum-guide/", HTTP_HOST="localhost")
        for name, value in attrs.items():
            setattr(request, name, value)
        return fragment_key(page or ArticlePage.objects.get(pk=self.post.pk), request)

    def test_a_live_page_has_one_for_its_revision(self):
        key = self.key()
        self.assertIsNotNone(key)
        self.assertIn(f":{self.post.pk}:{self.post.live_revision_id}:", key)
        self.post.save_revision()
        self.assertNotEqual(self.key(), key)

    def test_previews_restricted_and_unpublished_pages_have_none(self):
        self.assertIsNone(self.key(is_preview=True))
        PageViewRestriction.objects.create(page=self.index, restriction_type="login")
        self.assertIsNone(self.key())
        PageViewRestriction.objects.all().delete()
        self.post.unpublish()
        self.assertIsNone(self.key())

    def test_aliases_have_none(self):
        alias = Page.objects.get(pk=self.post.pk).create_alias(update_slug="alias-guide")
        self.assertIsNone(self.key(alias.specific))

    @override_settings(SKINCARE_BLOG_FRAGMENT_CACHE=False)
    def test_can_be_turned_off(self):
        self.assertIsNone(self.key())
