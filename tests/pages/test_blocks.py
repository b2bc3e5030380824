from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailTestUtils

from pages.blocks import (
    BenefitsBlock,
    BodyStreamBlock,
    CitationBlock,
    PhasesBlock,
    parse_citation_refs,
)
from pages.blocks.representation import ANCHOR, RENDERING, ApiRendering
from tests.factories import benefits_value, phase, phases_value


class TestPhasesBlock(SimpleTestCase):
    def clean(self, value):
        block = PhasesBlock()
        return block.clean(block.to_python(value))

    def test_accepts_ordered_phases_with_open_end(self):
        cleaned = self.clean(phases_value())
        self.assertEqual(len(cleaned["items"]), 3)

    def test_rejects_phase_that_starts_before_the_previous_one_on_that_phase(self):
        value = phases_value(
            phase("Late", (2, "weeks")), phase("Early", (1, "days")), phase("Later", (3, "weeks"))
        )
        with self.assertRaises(StructBlockValidationError) as ctx:
            self.clean(value)
        items_error = ctx.exception.block_errors["items"]
        self.assertIsInstance(items_error, ListBlockValidationError)
        self.assertEqual(list(items_error.block_errors), [1])
        message = items_error.block_errors[1].non_block_errors.as_data()[0].messages[0]
        self.assertIn("starts (1 day) before the previous phase starts (2 weeks)", message)

    def test_rejects_phase_that_ends_before_it_starts(self):
        with self.assertRaises(StructBlockValidationError) as ctx:
            self.clean(phases_value(phase("Odd", (3, "weeks"), (2, "days"))))
        self.assertEqual(list(ctx.exception.block_errors["items"].block_errors), [0])

    def test_requires_a_start(self):
        with self.assertRaises(ValidationError):
            self.clean(phases_value(phase("No start", None)))


class TestBenefitsBlock(SimpleTestCase):
    def test_requires_at_least_one_item(self):
        block = BenefitsBlock()
        with self.assertRaises(ValidationError):
            block.clean(block.to_python({"heading": "B", "intro": "", "items": []}))

    def test_citation_refs_are_validated_and_parsed(self):
        block = BenefitsBlock()
        with self.assertRaises(ValidationError):
            block.clean(block.to_python(benefits_value(citations="one and two")))
        value = block.clean(block.to_python(benefits_value(citations="1, 3")))
        self.assertEqual(value["items"][0].citation_refs(), [1, 3])
        self.assertEqual(parse_citation_refs(""), [])


class TestCitationBlock(SimpleTestCase):
    def test_rejects_malformed_doi_and_pmid(self):
        block = CitationBlock()
        base = {"authors": "", "title": "T", "publisher": "", "year": None, "url": ""}
        for field, bad in (("doi", "doi.org/10.1"), ("pmid", "PMID123")):
            with self.subTest(field=field), self.assertRaises(ValidationError):
                block.clean(block.to_python({**base, "doi": "", "pmid": "", field: bad}))


class TestBlockPreviews(WagtailTestUtils, TestCase):
    def test_every_body_block_has_a_template_and_description(self):
        for name, child in BodyStreamBlock().child_blocks.items():
            with self.subTest(block=name):
                self.assertTrue(child.meta.description, f"{name} has no picker description")
                self.assertTrue(getattr(child.meta, "template", None), f"{name} has no template")

    def test_every_body_block_is_previewable_in_the_picker(self):
        for name, child in BodyStreamBlock().child_blocks.items():
            with self.subTest(block=name):
                self.assertTrue(child.is_previewable)

    def test_previews_render_with_sample_content(self):
        get_image_model().objects.create(title="Sample", file=get_test_image_file())
        for name, child in BodyStreamBlock().child_blocks.items():
            if name == "embed":  # its picker preview is a static card; rendering would fetch
                continue
            with self.subTest(block=name):
                html = child.render(child.get_preview_value())
                self.assertTrue(html.strip())
                self.assertNotIn("None", html)

    def test_picker_preview_view_responds(self):
        self.login()
        expected = {
            "benefits": "Benefits of a gentle routine",
            "phases": "Recovery timeline",
            "citations": "Collagen induction therapy",
            "embed": "embedded from its URL",
        }
        for name, text in expected.items():
            with self.subTest(block=name):
                block = BodyStreamBlock().child_blocks[name]
                response = self.client.get(
                    reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
                )
                self.assertContains(response, text)
                self.assertContains(response, "css/site.css")


class TestApiRepresentation(SimpleTestCase):
    """Each block builds its typed API dict from the stored JSON and the request's resolvers."""

    rendering = ApiRendering(
        render=lambda markup: f"<rendered>{markup}</rendered>" if markup else "",
        image=lambda image_id, alt: {"id": image_id, "alt": alt} if image_id else None,
    )

    def represent(self, kind, value, anchor=None):
        block = BodyStreamBlock().child_blocks[kind]
        return block.get_api_representation(value, {RENDERING: self.rendering, ANCHOR: anchor})

    def test_benefits_are_numbered_with_rendered_explanations_and_citations(self):
        data = self.represent("benefits", benefits_value(("Calm", "Hydrated"), "1, 3"), "perks")
        self.assertEqual(data["anchor"], "perks")
        self.assertEqual(data["heading"], "Benefits")
        self.assertEqual(
            data["items"][1],
            {
                "position": 2,
                "title": "Hydrated",
                "explanation": "<rendered><p>Why: Hydrated.</p></rendered>",
                "citations": [1, 3],
            },
        )

    def test_phases_are_numbered_with_iso_8601_timeframes(self):
        data = self.represent("phases", phases_value())
        self.assertEqual(
            [(p["position"], p["start"], p["end"]) for p in data["items"]],
            [(1, "PT0H", "P3D"), (2, "P2D", "P3W"), (3, "P3W", None)],
        )

    def test_heading_has_its_level_and_the_page_anchor_else_its_own(self):
        value = {"text": "Aftercare tips", "level": "h3", "anchor": ""}
        self.assertEqual(
            self.represent("heading", value, "aftercare-tips-2"),
            {"text": "Aftercare tips", "level": 3, "anchor": "aftercare-tips-2"},
        )
        self.assertEqual(self.represent("heading", value)["anchor"], "aftercare-tips")

    def test_paragraph_callout_and_citation_links_go_through_the_resolvers(self):
        self.assertEqual(
            self.represent("paragraph", "<p>x</p>"), {"html": "<rendered><p>x</p></rendered>"}
        )
        callout = self.represent("callout", {"kind": "bogus", "title": "T", "body": "<p>b</p>"})
        self.assertEqual(callout["kind"], "note")
        citations = self.represent(
            "citations",
            {
                "heading": "R",
                "items": [{"title": "T", "doi": "10.1/x", "url": "javascript:alert(1)"}],
            },
        )
        self.assertEqual(citations["items"][0]["url"], "https://doi.org/10.1/x")
        self.assertEqual(self.represent("embed", "javascript:alert(1)"), {"url": ""})
        image = self.represent("image", {"image": 7, "alt_text": "A jar"})
        self.assertEqual(image["image"], {"id": 7, "alt": "A jar"})

    def test_without_a_rendering_blocks_give_wagtails_representation(self):
        block = BodyStreamBlock().child_blocks["heading"]
        value = block.to_python({"text": "Hi", "level": "h2", "anchor": ""})
        self.assertEqual(
            block.get_api_representation(value, {}), {"text": "Hi", "level": "h2", "anchor": ""}
        )
