"""The link checker's settings: documented defaults, overrides and unknown names."""

import os
from unittest import mock

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from linkcheck import conf


class TestSettings(SimpleTestCase):
    """Settings have documented defaults and follow override_settings."""

    def test_defaults(self):
        settings = conf.load()
        self.assertEqual(settings.per_host_concurrency, 2)
        self.assertEqual(settings.max_redirects, 5)
        self.assertEqual(settings.promote_after_failures, 3)
        self.assertEqual(settings.promote_window_hours, 24)
        self.assertTrue(settings.user_agent_header.startswith("SkincareLinkChecker/"))

    @override_settings(
        SKINCARE_LINKCHECK_MAX_REDIRECTS=2,
        SKINCARE_LINKCHECK_CONTACT_URL="https://clinic.example/bots",
        SKINCARE_LINKCHECK_RECHECK_HOURS={"ok": 1},
    )
    def test_overrides(self):
        settings = conf.load()
        self.assertEqual(settings.max_redirects, 2)
        self.assertIn("(+https://clinic.example/bots)", settings.user_agent_header)
        recheck = dict(settings.recheck_hours)
        self.assertEqual((recheck["ok"], recheck["broken"]), (1, 72))

    def test_unknown_setting_names_are_errors(self):
        with self.assertRaises(KeyError):
            conf.setting("NO_SUCH_THING")


class TestAllowlistSource(SimpleTestCase):
    """The allowlist is a setting like any other: linkcheck never reads the environment."""

    def test_environment_is_not_read_by_the_app(self):
        with (
            mock.patch.dict(os.environ, {"SKINCARE_LINKCHECK_ALLOWLIST": "127.0.0.0/8"}),
            self.settings(),
        ):
            if hasattr(settings, "SKINCARE_LINKCHECK_ALLOWLIST"):
                del settings.SKINCARE_LINKCHECK_ALLOWLIST
            self.assertEqual(conf.load().allowlist, ())

    @override_settings(SKINCARE_LINKCHECK_ALLOWLIST="127.0.0.0/8, ci.test ,")
    def test_a_comma_separated_string_is_accepted(self):
        self.assertEqual(conf.load().allowlist, ("127.0.0.0/8", "ci.test"))
