"""Renditions read as rows give exactly what Wagtail's get_renditions() gives."""

from __future__ import annotations

from blog.representation.renditions import rendition_rows, renditions_for
from tests.content_api.helpers import ApiTestCase, make_image

SPECS = ("width-320", "width-640", "fill-96x96")


def wagtail_view(image, specs):
    return [
        {"spec": spec, "url": r.url, "width": r.width, "height": r.height}
        for spec, r in image.get_renditions(*specs).items()
    ]


class TestRenditionRows(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plain = make_image("Plain", size=(800, 450))
        cls.focused = make_image("Focused", size=(800, 450))
        cls.focused.focal_point_x, cls.focused.focal_point_y = 600, 100
        cls.focused.focal_point_width = cls.focused.focal_point_height = 50
        cls.focused.save()

    def test_rows_match_wagtail_including_focal_points(self):
        for image in (self.plain, self.focused):
            with self.subTest(image=image.title):
                expected = wagtail_view(image, SPECS)  # creates them
                rows, facts = rendition_rows([image.pk], SPECS, with_images=True)
                self.assertEqual(renditions_for(facts[image.pk], SPECS, rows[image.pk]), expected)
                self.assertEqual(renditions_for(image, SPECS, rows[image.pk]), expected)

    def test_stale_focal_point_renditions_are_not_reused(self):
        wagtail_view(self.plain, SPECS)
        self.plain.focal_point_x, self.plain.focal_point_y = 10, 10
        self.plain.focal_point_width = self.plain.focal_point_height = 20
        self.plain.save()
        rows, _facts = rendition_rows([self.plain.pk], SPECS)
        result = renditions_for(self.plain, SPECS, rows[self.plain.pk])
        self.assertEqual(result, wagtail_view(self.plain, SPECS))

    def test_missing_renditions_are_made_once_then_read(self):
        image = make_image("Fresh", size=(500, 500))
        rows, _facts = rendition_rows([image.pk], SPECS)
        self.assertEqual(rows[image.pk], [])
        made = renditions_for(image, SPECS, rows[image.pk])
        self.assertEqual([r["spec"] for r in made], list(SPECS))
        rows, _facts = rendition_rows([image.pk], SPECS)
        with self.assertNumQueries(0):
            self.assertEqual(renditions_for(image, SPECS, rows[image.pk]), made)
