"""The shapes search engines read from each page's JSON-LD: breadcrumbs, the publisher's logo,
product offers, the phases list, and author profiles (parsed from the served <script>)."""

from __future__ import annotations

import json
import re

from blog.models import ReviewBuyLink
from tests.content_api.helpers import (
    ApiTestCase,
    make_article,
    make_author,
    make_review,
    make_site,
)
from tests.factories import make_dermatologist, sample_body

SCRIPT_RE = re.compile(rb'<script type="application/ld\+json">(.*?)</script>', re.S)
SCHEMA = "https://schema.org/"


class JsonLdPageTestCase(ApiTestCase):
    def graph(self, path: str) -> dict[str, list[dict]]:
        """The page's one JSON-LD document, its nodes grouped by @type."""
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        (script,) = SCRIPT_RE.findall(response.content)
        document = json.loads(script)
        self.assertEqual(document["@context"], "https://schema.org")
        nodes: dict[str, list[dict]] = {}
        for node in document["@graph"]:
            nodes.setdefault(node["@type"], []).append(node)
        return nodes

    def assert_publisher(self, nodes):
        (org,) = nodes["Organization"]
        self.assertEqual(org["@id"], "http://localhost/#organization")
        self.assertEqual(org["logo"]["@type"], "ImageObject")
        self.assertEqual(org["logo"]["url"], "http://localhost/static/img/logo.png")
        self.assertEqual(nodes["WebSite"][0]["publisher"], {"@id": org["@id"]})

    def crumbs(self, node) -> list[tuple[int, str, str]]:
        return [(i["position"], i["name"], i["item"]) for i in node["itemListElement"]]


class TestPostJsonLd(JsonLdPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena", name="Lena Hart")
        cls.article = make_article(cls.index, "healing", title="How skin heals", authors=[cls.lena])
        cls.review = make_review(
            cls.index,
            "pen",
            title="Pen review",
            authors=[cls.lena],
            buy_links=[
                ("Lumen shop", "https://shop.example/pen"),
                ("Chemist", "https://c.example/"),
            ],
        )
        link = ReviewBuyLink.objects.get(retailer="Chemist")
        link.availability = "OutOfStock"
        link.save()

    def test_post_has_breadcrumbs_from_home_through_the_index(self):
        nodes = self.graph("/blog/healing/")
        (trail,) = nodes["BreadcrumbList"]
        self.assertEqual(
            self.crumbs(trail),
            [
                (1, "Home", "http://localhost/"),
                (2, "Blog", "http://localhost/blog/"),
                (3, "How skin heals", "http://localhost/blog/healing/"),
            ],
        )
        self.assertEqual(nodes["WebPage"][0]["breadcrumb"], {"@id": trail["@id"]})
        self.assert_publisher(nodes)

    def test_review_offers_say_where_at_what_price_and_whether_in_stock(self):
        nodes = self.graph("/blog/pen/")
        (product,) = nodes["Product"]
        offers = {offer["url"]: offer for offer in product["offers"]}
        self.assertEqual(
            offers["https://shop.example/pen"],
            {
                "@type": "Offer",
                "url": "https://shop.example/pen",
                "price": "89.00",
                "priceCurrency": "USD",
                "availability": SCHEMA + "InStock",
                "seller": {"@type": "Organization", "name": "Lumen shop"},
            },
        )
        self.assertEqual(offers["https://c.example/"]["availability"], SCHEMA + "OutOfStock")
        (review,) = nodes["Review"]
        self.assertEqual(review["itemReviewed"], {"@id": product["@id"]})
        self.assertEqual(len(nodes["BreadcrumbList"]), 1)

    def test_phases_are_an_ordered_list_of_stages_with_their_timing(self):
        nodes = self.graph("/blog/healing/")
        lists = {node["@id"]: node for node in nodes["ItemList"]}
        phases = lists["http://localhost/blog/healing/#phases-1"]
        self.assertEqual(phases["name"], "Healing timeline")
        self.assertEqual(phases["itemListOrder"], SCHEMA + "ItemListOrderAscending")
        self.assertEqual(phases["numberOfItems"], 3)
        first = phases["itemListElement"][0]
        self.assertEqual((first["position"], first["name"]), (1, "Inflammatory"))
        self.assertIn("What happens.", first["description"])
        self.assertTrue(phases["url"].startswith("http://localhost/blog/healing/#"))

    def test_a_post_without_phases_has_no_phase_list(self):
        post = make_article(self.index, "plain", body=sample_body()[:2])
        nodes = self.graph(post.url)
        self.assertFalse(
            [n for n in nodes.get("ItemList", []) if "#phases-" in n["@id"]], nodes.keys()
        )


class TestProfileJsonLd(JsonLdPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.maya = make_dermatologist()
        cls.post = make_article(cls.index, "healing", authors=[cls.maya])

    def test_profile_is_a_profile_page_about_the_person(self):
        nodes = self.graph("/blog/authors/maya/")
        (profile,) = nodes["ProfilePage"]
        (person,) = nodes["Person"]
        url = "http://localhost/blog/authors/maya/"
        self.assertEqual(profile["url"], url)
        self.assertEqual(profile["mainEntity"], {"@id": person["@id"]})
        self.assertEqual(person["name"], "Maya Okafor")
        self.assertEqual(person["jobTitle"], "Dermatologist")
        self.assertEqual(person["url"], url)
        self.assertEqual(person["sameAs"], ["https://maya.example/"])
        self.assertTrue(person["image"].startswith("http://localhost/media/images/maya"))
        (trail,) = nodes["BreadcrumbList"]
        self.assertEqual(
            self.crumbs(trail),
            [
                (1, "Home", "http://localhost/"),
                (2, "Blog", "http://localhost/blog/"),
                (3, "Authors", "http://localhost/blog/authors/"),
                (4, "Maya Okafor", url),
            ],
        )
        self.assert_publisher(nodes)

    def test_the_posts_author_is_the_same_person_node(self):
        post_people = self.graph("/blog/healing/")["Person"]
        profile_person = self.graph("/blog/authors/maya/")["Person"][0]
        self.assertIn(profile_person["@id"], [p["@id"] for p in post_people])

    def test_profile_edits_show_on_the_next_request(self):
        self.graph("/blog/authors/maya/")
        self.maya.role = "Consultant dermatologist"
        self.maya.save()
        person = self.graph("/blog/authors/maya/")["Person"][0]
        self.assertEqual(person["jobTitle"], "Consultant dermatologist")

    def test_other_pages_have_no_profile_graph(self):
        for path in ("/", "/blog/", "/blog/authors/"):
            with self.subTest(path):
                self.assertNotIn(b"ProfilePage", self.client.get(path).content)
