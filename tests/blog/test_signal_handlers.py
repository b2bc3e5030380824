from unittest import mock

from django.test import TestCase

from tests.factories import make_image


class RenditionDeleteTests(TestCase):
    """A generation starts once per change, not once per row a change cascades to."""

    def setUp(self):
        self.image = make_image("Serum bottle")
        for spec in ("fill-100x100", "width-200", "width-400"):
            self.image.get_rendition(spec)

    def bumps(self, delete) -> int:
        with mock.patch("blog.signal_handlers.bump_generation") as bump:
            delete()
        return bump.call_count

    def test_deleting_an_image_starts_one_generation(self):
        self.assertEqual(self.bumps(self.image.delete), 1)

    def test_deleting_images_as_a_queryset_starts_one_generation(self):
        self.assertEqual(self.bumps(type(self.image).objects.filter(pk=self.image.pk).delete), 1)

    def test_deleting_renditions_alone_still_starts_a_generation(self):
        renditions = self.image.renditions.all()
        self.assertGreaterEqual(self.bumps(renditions.delete), 1)
        self.assertFalse(renditions.exists())
        self.assertEqual(self.bumps(self.image.get_rendition("width-200").delete), 1)
