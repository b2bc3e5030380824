"""Rendition lookups for templates: Wagtail's renditions and markup, without writing cache hits
back to the renditions cache."""

from __future__ import annotations

from unittest import mock

from django.core.cache import cache
from django.template import Context, Template
from django.test import TestCase
from wagtail.images.models import Rendition

from pages.pictures import picture_specs
from pages.renditions import rendition, renditions
from tests.factories import make_image


class TestRenditions(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.image = make_image("Roller", size=(400, 300))

    def setUp(self):
        cache.clear()

    def render(self, markup: str) -> str:
        library = "{% load wagtailimages_tags page_tags %}"
        return Template(library + markup).render(Context({"photo": self.image}))

    def test_image_tag_gives_wagtails_img(self):
        wagtail = self.render('{% image photo fill-96x96 alt="" class="avatar" %}')
        ours = self.render('{% image_tag photo "fill-96x96" alt="" class="avatar" %}')
        self.assertEqual(ours, wagtail)
        self.assertEqual(self.render('{% image_tag None "fill-96x96" %}'), "")

    def test_the_same_renditions_as_wagtail_in_spec_order(self):
        specs = picture_specs("hero")
        wagtail = self.image.get_renditions(*specs)
        ours = renditions(self.image, specs)
        self.assertEqual(list(ours), specs)
        self.assertEqual({s: r.pk for s, r in ours.items()}, {s: r.pk for s, r in wagtail.items()})

    def test_cache_hits_are_not_written_back(self):
        specs = picture_specs("card")
        renditions(self.image, specs)  # made, and stored by Wagtail
        with (
            mock.patch.object(Rendition.cache_backend, "set_many") as set_many,
            mock.patch.object(Rendition.cache_backend, "set") as set_one,
            self.assertNumQueries(0),
        ):
            found = renditions(self.image, specs)
            rendition(self.image, specs[0])
        set_many.assert_not_called()
        set_one.assert_not_called()
        self.assertEqual(found[specs[0]].image, self.image)

    def test_a_missing_rendition_is_made(self):
        made = rendition(self.image, "width-120")
        self.assertEqual(made.width, 120)
        self.assertTrue(
            Rendition.objects.filter(image=self.image, filter_spec="width-120").exists()
        )
