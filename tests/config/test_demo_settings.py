"""The demo's settings (make demo, scripts/run_demo.py): DEBUG off so readers get the site's
own 404 and 500 pages, static files through WhiteNoise and media still served."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]
FACTS = (
    "import json, importlib; m = importlib.import_module('config.settings.demo'); "
    "print(json.dumps({'debug': m.DEBUG, 'hosts': m.ALLOWED_HOSTS, 'middleware': m.MIDDLEWARE, "
    "'finders': m.WHITENOISE_USE_FINDERS, 'media': m.SKINCARE_SERVE_MEDIA}))"
)


def demo_settings(**env: str) -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SKINCARE_", "WAGTAILADMIN_"))
    }
    run = subprocess.run(  # noqa: S603 (fixed interpreter and code)
        [sys.executable, "-c", FACTS],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


class TestDemoSettings(SimpleTestCase):
    def test_debug_is_off_with_static_and_media_still_served(self):
        facts = demo_settings()
        self.assertIs(facts["debug"], False)
        self.assertLessEqual({"127.0.0.1", "localhost"}, set(facts["hosts"]))
        middleware = facts["middleware"]
        security = middleware.index("django.middleware.security.SecurityMiddleware")
        self.assertEqual(middleware[security + 1], "whitenoise.middleware.WhiteNoiseMiddleware")
        self.assertIs(facts["finders"], True)
        self.assertIs(facts["media"], True)

    def test_the_host_make_demo_serves_on_is_allowed(self):
        # make demo HOST=192.168.1.20 PORT=8080 exports the address as WAGTAILADMIN_BASE_URL.
        facts = demo_settings(WAGTAILADMIN_BASE_URL="http://192.168.1.20:8080")
        self.assertIn("192.168.1.20", facts["hosts"])
        self.assertIn("127.0.0.1", facts["hosts"])
