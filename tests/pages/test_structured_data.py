"""Generic JSON-LD builders and the script-safe serialiser."""

from __future__ import annotations

import json
from datetime import date

from django.test import SimpleTestCase

from pages import structured_data as sd


class TestJsonForScript(SimpleTestCase):
    def test_nothing_can_close_the_script_or_open_a_comment(self):
        data = {"name": "</script><script>alert(1)</script><!-- & \u2028"}
        text = sd.json_for_script(data)
        for raw in ("</script", "<script", "<!--", "&", "\u2028"):
            self.assertNotIn(raw, text)
        self.assertEqual(json.loads(text), data)

    def test_unicode_stays_readable(self):
        self.assertEqual(sd.json_for_script({"n": "Crème"}), '{"n":"Crème"}')


class TestBuilders(SimpleTestCase):
    def test_graph_wraps_nodes_with_context(self):
        doc = sd.graph([sd.organization("#o", "Skin Notes", "https://x.example/"), {}])
        self.assertEqual(doc["@context"], "https://schema.org")
        self.assertEqual(len(doc["@graph"]), 1)

    def test_person_drops_empty_values(self):
        node = sd.person("#p", "Maya", url="https://x.example/maya", same_as=[])
        self.assertEqual(
            node, {"@type": "Person", "@id": "#p", "name": "Maya", "url": "https://x.example/maya"}
        )

    def test_article(self):
        node = sd.article(
            "#a",
            title="T" * 120,
            url="https://x.example/t/",
            page_id="#w",
            published=date(2026, 1, 2),
            author_ids=["#p"],
            minutes=7,
            citations=[sd.CreativeWorkRef(title="Study", year=2020, url="https://doi.org/10.1/x")],
        )
        self.assertEqual(node["@type"], "BlogPosting")
        self.assertEqual(len(node["headline"]), sd.HEADLINE_MAX)
        self.assertEqual(node["datePublished"], "2026-01-02")
        self.assertEqual(node["dateModified"], "2026-01-02")
        self.assertEqual(node["timeRequired"], "PT7M")
        self.assertEqual(node["author"], [{"@id": "#p"}])
        self.assertEqual(node["citation"][0]["datePublished"], "2020")

    def test_item_list_is_numbered(self):
        node = sd.item_list("#b", "Benefits", [("Firmer", "Collagen."), ("Smoother", "")])
        self.assertEqual(node["numberOfItems"], 2)
        self.assertEqual(
            node["itemListElement"][1], {"@type": "ListItem", "position": 2, "name": "Smoother"}
        )

    def test_faq_page(self):
        node = sd.faq_page("#f", [("Does it hurt?", "A little.")])
        self.assertEqual(node["mainEntity"][0]["acceptedAnswer"]["text"], "A little.")

    def test_product_and_review_reference_each_other(self):
        product = sd.product(
            "#prod",
            "Pen",
            brand="Lumen",
            price="89.00",
            currency="USD",
            offers=[sd.OfferRef("https://s.example/", "Shop", "PreOrder")],
            review_id="#rev",
        )
        review = sd.review("#rev", item_id="#prod", rating=4.5, best=5, pros=["Quiet"])
        self.assertEqual(product["review"], {"@id": "#rev"})
        self.assertEqual(product["offers"][0]["priceCurrency"], "USD")
        self.assertEqual(product["offers"][0]["availability"], "https://schema.org/PreOrder")
        self.assertEqual(product["offers"][0]["seller"]["name"], "Shop")
        self.assertEqual(review["itemReviewed"], {"@id": "#prod"})
        self.assertEqual(review["reviewRating"]["bestRating"], 5)
        self.assertEqual(review["positiveNotes"]["itemListElement"][0]["name"], "Quiet")

    def test_medical_web_page(self):
        node = sd.web_page(
            "#w",
            "https://x/",
            "T",
            reviewed_by_id="#m",
            last_reviewed=date(2026, 3, 4),
            medical=True,
        )
        self.assertEqual(node["@type"], "MedicalWebPage")
        self.assertEqual(node["lastReviewed"], "2026-03-04")
