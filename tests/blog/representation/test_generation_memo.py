"""blog.representation.generation.remembered: loads each key once per generation."""

from __future__ import annotations

from unittest import mock

from django.core.cache import cache
from django.test import TestCase

from blog.representation import generation as module
from blog.representation.generation import (
    Generation,
    bump_generation,
    current_generation,
    holding,
    remembered,
)


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


class TestHolding(TestCase):
    def setUp(self):
        cache.clear()

    def test_a_held_generation_is_answered_without_a_cache_read(self):
        held = module.current_generation()
        with module.holding(held), mock.patch.object(module, "generation_cache") as cache_of:
            self.assertEqual(module.current_generation(), held)
            cache_of.assert_not_called()

    def test_a_bump_inside_the_block_ends_the_hold(self):
        held = current_generation()
        with holding(held):
            bump_generation()
            self.assertNotEqual(current_generation().token, held.token)
        self.assertNotEqual(current_generation().token, held.token)

    def test_an_expired_generation_is_not_held(self):
        stale = Generation("stale", 0, valid_until=1.0)
        with holding(stale):
            self.assertNotEqual(current_generation().token, "stale")
