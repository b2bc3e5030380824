"""blog.representation.generation.remembered: loads each key once per generation."""

from __future__ import annotations

from django.core.cache import cache
from django.test import TestCase

from blog.representation.generation import bump_generation, remembered


class TestRemembered(TestCase):
    def setUp(self):
        cache.clear()
        self.calls: list[list] = []

    def load(self, keys):
        self.calls.append(list(keys))
        return {key: f"value-{key}" for key in keys}

    def test_loads_only_what_the_cache_lacks(self):
        self.assertEqual(remembered("t", [1, 2], self.load), {1: "value-1", 2: "value-2"})
        self.assertEqual(remembered("t", [2, 3, 3], self.load), {2: "value-2", 3: "value-3"})
        self.assertEqual(self.calls, [[1, 2], [3]])

    def test_a_new_generation_loads_again(self):
        remembered("t", [1], self.load)
        bump_generation()
        remembered("t", [1], self.load)
        self.assertEqual(self.calls, [[1], [1]])

    def test_namespaces_do_not_share_entries(self):
        remembered("a", [1], self.load)
        remembered("b", [1], self.load)
        self.assertEqual(self.calls, [[1], [1]])

    def test_a_falsy_value_is_remembered_too(self):
        def load(keys):
            self.calls.append(list(keys))
            return dict.fromkeys(keys, "")

        remembered("t", [7], load)
        self.assertEqual(remembered("t", [7], load), {7: ""})
        self.assertEqual(self.calls, [[7]])

    def test_no_keys_no_work(self):
        self.assertEqual(remembered("t", [], self.load), {})
        self.assertEqual(self.calls, [])
