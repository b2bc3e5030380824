"""Parser accuracy per field over the labelled corpus (tests/fixtures/importer/): a floor per field.

Run with -s to see the table: `.venv/bin/pytest tests/importer/test_corpus_quality.py -s -q`.
"""

from __future__ import annotations

from django.test import SimpleTestCase

from importer.scoring import FIELDS, misses, summarise
from tests.importer.corpus import evaluate, expectations

# Just below what the parser achieves on the corpus (see benchmarks/RESULTS.md, bench:import):
# a rule change that loses accuracy on any field fails here.
FLOORS = dict.fromkeys(FIELDS, 0.97)


class TestCorpusQuality(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scores, cls.posts = evaluate()
        cls.summary = summarise(list(cls.scores.values()))
        print(f"\nImporter corpus: {len(cls.scores)} posts")
        for name in FIELDS:
            print(f"  {name:<12} {cls.summary[name]:.3f}")
        for name, posts in misses(cls.scores).items():
            print(f"  misses {name}: {', '.join(posts)}")

    def test_corpus_covers_every_format_with_at_least_forty_posts(self):
        files = {e["file"].rsplit(".", 1)[-1] for e in expectations().values()}
        self.assertGreaterEqual(len(self.scores), 40)
        self.assertEqual(files, {"txt", "html", "md", "docx", "xml"})
        self.assertEqual(set(self.posts), set(self.scores), "every labelled post was parsed")

    def test_each_field_stays_above_its_floor(self):
        for name, floor in FLOORS.items():
            with self.subTest(field=name):
                self.assertGreaterEqual(round(self.summary[name], 3), floor)
