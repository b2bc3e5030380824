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
