"""The report's "Where": a stored field and block path in the words an editor sees."""

from django.test import SimpleTestCase

from blog.models import ArticlePage, Author
from linkcheck.locations import describe_location


class TestDescribeLocation(SimpleTestCase):
    def test_paths_read_as_the_editor_labels(self):
        cases = [
            (ArticlePage, "body", "7.citations.items.0.doi", "Body › Citations › item 1 › DOI"),
            (ArticlePage, "body", "7.citations.items.2.url", "Body › Citations › item 3 › URL"),
            (ArticlePage, "body", "0.paragraph", "Body › Paragraph"),
            (
                ArticlePage,
                "body",
                "3.benefits.items.1.explanation",
                "Body › Benefits › item 2 › Explanation",
            ),
            (Author, "website", "", "Website"),
            # "Url": the form label Django derives from the field name.
            (Author, "profile_links.1.url", "", "Profile links › item 2 › Url"),
        ]
        for model, field, path, expected in cases:
            with self.subTest(field=field, path=path):
                self.assertEqual(describe_location(model, field, path), expected)

    def test_paths_the_code_no_longer_knows_fall_back_to_their_names(self):
        cases = [
            (ArticlePage, "body", "4.retired_block.items.0", "Body › 4.retired_block.items.0"),
            (ArticlePage, "gone_field", "1.paragraph", "gone_field › 1.paragraph"),
            (ArticlePage, "body", "7.citations.items.x.doi", "Body › Citations › Items › x.doi"),
        ]
        for model, field, path, expected in cases:
            with self.subTest(field=field, path=path):
                self.assertEqual(describe_location(model, field, path), expected)
