"""The fetcher's public functions against loopback servers: results, order, streaming, loops."""

import asyncio
from datetime import UTC

from django.test import override_settings

from linkcheck import conf
from linkcheck.fetch import check_url, check_urls, iter_check_urls
from tests.linkcheck.loopback import BROKEN, FAST, OK, ServerTestCase


@override_settings(**FAST)
class TestFetchApi(ServerTestCase):
    """The public entry points: sync and async, lists and streams, order, duplicates, progress."""

    def test_results_keep_input_order_and_duplicates_are_checked_once(self):
        paths = ["/missing", "/ok", "/missing", "/301"]
        results = self.check(*paths)
        self.assertEqual([r.url for r in results], [self.url(p) for p in paths])
        self.assertIs(results[0], results[2])
        self.assertEqual(self.server.hits["GET /missing"], 1)

    def test_result_summary_is_plain_data(self):
        result = self.check("/301")
        self.assertEqual(
            result.as_dict(),
            {
                "url": self.url("/301"),
                "status": "redirected",
                "http_status": 200,
                "final_url": self.url("/ok"),
                "reason": result.reason,
            },
        )
        self.assertTrue(result.cacheable_as_final)
        self.assertEqual(result.checked_at.tzinfo, UTC)

    def test_progress_is_called_once_per_url(self):
        seen = []
        self.check("/ok", "/missing", "/302", progress=seen.append)
        self.assertEqual(
            sorted(r.url for r in seen), sorted(self.url(p) for p in ("/ok", "/missing", "/302"))
        )

    def test_iter_check_urls_streams_from_a_generator(self):
        def urls():
            for n in range(30):
                yield self.url(f"/ok/{n}")

        async def collect():
            return [result async for result in iter_check_urls(urls(), settings=conf.load())]

        results = asyncio.run(collect())
        self.assertEqual(len(results), 30)
        self.assertEqual({r.status for r in results}, {OK})

    def test_sync_wrapper_works_inside_a_running_loop(self):
        async def from_async_code():
            return check_url(self.url("/ok"))

        self.assertEqual(asyncio.run(from_async_code()).status, OK)

    def test_async_api_returns_one_result_per_url(self):
        results = asyncio.run(check_urls([self.url("/ok"), self.url("/gone")]))
        self.assertEqual([r.status for r in results], [OK, BROKEN])
