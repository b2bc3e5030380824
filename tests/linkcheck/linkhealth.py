"""Shared by the Link health view tests: a site whose article and author hold problem links."""

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from linkcheck.links import sync_links
from linkcheck.models import CheckedUrl, Link
from tests.factories import make_article, make_author, make_site

BROKEN = "https://gone.example.org/paper"
MOVED = "https://old.example.org/guide"
NEW = "https://new.example.org/guide"


def set_status(url, status, **fields):
    checked = CheckedUrl.objects.get(url=url)
    for name, value in {"status": status, **fields}.items():
        setattr(checked, name, value)
    checked.save()
    Link.objects.filter(checked_url=checked).update(status=status, reason=f"{status} for test")


class LinkHealthTestCase(WagtailTestUtils, TestCase):
    """A site with an author, an article with problem links and a same-site URL."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.target = make_article(cls.index, "target")
        cls.author = make_author("ana", website="https://ana.example.org/")
        cls.other_author = make_author("bo")
        body = [
            (
                "paragraph",
                f'<p>See <a href="{BROKEN}">the <b>paper</b></a> and <a href="{MOVED}">guide</a>.</p>',
            ),
            ("paragraph", '<p>Our <a href="http://localhost/blog/target/">target post</a>.</p>'),
            (
                "citations",
                {
                    "heading": "Refs",
                    "items": [
                        {
                            "authors": "",
                            "title": "T",
                            "publisher": "",
                            "year": 2020,
                            "doi": "",
                            "pmid": "",
                            "url": MOVED,
                        }
                    ],
                },
            ),
        ]
        cls.page = make_article(cls.index, "post", body=body, authors=[cls.author])
        sync_links(cls.page)
        sync_links(cls.author)
        set_status(BROKEN, "broken", http_status=404)
        set_status(MOVED, "redirected", http_status=200, suggested_url=NEW)
        set_status("https://ana.example.org/", "unverifiable", http_status=403)

    def setUp(self):
        self.user = self.login()

    def link(self, **filters):
        return Link.objects.get(page=self.page, **filters)

    def report(self, **params):
        return self.client.get(reverse("linkcheck:report"), params)
