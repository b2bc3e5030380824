"""Large runs over forked worker processes (checker/shards.py): same results, same limits.

``MIN_URLS`` is lowered so a few dozen URLs take the sharded path; the servers count the most
requests each host ever had in flight, across every process.
"""

import asyncio
import os
from unittest import mock

from django.test import SimpleTestCase, override_settings

from linkcheck import conf
from linkcheck.checker import loops, shards
from linkcheck.checker.settings import LinkcheckSettings
from linkcheck.checker.sources import UrlReader
from linkcheck.fetch import check_urls_sync, iter_check_urls
from tests.linkcheck.httpserver import LinkServer
from tests.linkcheck.loopback import BROKEN, FAST, OK, REDIRECTED, REFUSED, LoopbackOnly

SHARDED = {
    **FAST,
    "SKINCARE_LINKCHECK_PROCESSES": 2,
    "SKINCARE_LINKCHECK_PER_HOST_CONCURRENCY": 2,
    # The servers on 127.0.0.11-13; the one on 127.0.0.14 stays forbidden.
    "SKINCARE_LINKCHECK_ALLOWLIST": ["127.0.0.11/32", "127.0.0.12/32", "127.0.0.13/32"],
}


@override_settings(**SHARDED)
class TestShardedRun(SimpleTestCase):
    """Checks split over two processes give what one process gives, within the same limits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = LoopbackOnly.for_class(cls)
        cls.servers = [LinkServer(f"127.0.0.{n}").start() for n in (11, 12, 13, 14)]
        for server in cls.servers:
            cls.addClassCleanup(server.stop)

    def setUp(self):
        for server in self.servers:
            server.reset()
        patcher = mock.patch.object(shards, "MIN_URLS", 10)
        patcher.start()
        self.addCleanup(patcher.stop)

    def urls(self, count, path="/ok/{n}"):
        allowed = self.servers[:3]
        return [allowed[n % 3].url(path.format(n=n)) for n in range(count)]

    def test_results_match_a_single_process_run_in_input_order(self):
        forbidden = self.servers[3].url("/ok")
        urls = [*self.urls(12), self.servers[0].url("/missing"), self.servers[1].url("/301")]
        urls += [forbidden, urls[0]]
        with mock.patch.object(shards, "run_sharded", wraps=shards.run_sharded) as spy:
            sharded = check_urls_sync(urls)
        self.assertEqual(spy.call_args.args[2], 2)  # two worker processes
        with override_settings(SKINCARE_LINKCHECK_PROCESSES=1):
            single = check_urls_sync(urls)
        self.assertEqual([r.url for r in sharded], urls)
        self.assertEqual([r.status for r in sharded], [r.status for r in single])
        self.assertEqual([r.status for r in sharded[-4:]], [BROKEN, REDIRECTED, REFUSED, OK])
        self.assertEqual([r.redirect_chain for r in sharded], [r.redirect_chain for r in single])
        self.assertEqual(self.servers[3].total_hits, 0)

    def test_each_host_keeps_its_limit_across_processes(self):
        results = check_urls_sync(self.urls(60, "/sleep?ms=30&n={n}"))
        self.assertEqual({r.status for r in results}, {OK})
        for server in self.servers[:3]:
            self.assertEqual(server.total_hits, 20)
            self.assertLessEqual(server.max_in_flight, 2)

    def test_streams_a_generator_with_progress_once_per_url(self):
        seen = []

        async def collect():
            return [
                result
                async for result in iter_check_urls(
                    iter(self.urls(30)), settings=conf.load(), progress=seen.append
                )
            ]

        results = asyncio.run(collect())
        self.assertEqual(len(results), 30)
        self.assertEqual(sorted(r.url for r in seen), sorted(self.urls(30)))

    def test_a_failing_input_iterator_is_the_callers_error(self):
        def urls():
            yield from self.urls(15)
            raise ValueError("the query failed")

        async def collect():
            return [result async for result in iter_check_urls(urls(), settings=conf.load())]

        with self.assertRaisesMessage(ValueError, "the query failed"):
            asyncio.run(collect())

    def test_a_small_run_stays_in_this_process(self):
        with mock.patch.object(shards, "run_sharded") as sharded:
            results = check_urls_sync(self.urls(9))
        sharded.assert_not_called()
        self.assertEqual({r.status for r in results}, {OK})


class TestWorkers(SimpleTestCase):
    """The worker pipes: a child that fails or dies is an error in the parent, never a hang."""

    def run_with(self, body, count=20):
        urls = [f"http://127.0.0.{n % 5 + 1}/{n}" for n in range(count)]

        async def collect():
            stream = shards.run_sharded(UrlReader(urls), LinkcheckSettings(), 2, body)
            return [item async for item in stream]

        return loops.run(asyncio.wait_for(collect(), 30))

    def test_a_worker_error_is_raised(self):
        async def failing(reader, settings):
            await reader.take(1)
            raise LookupError("no such thing")
            yield  # an async generator, as the real body

        with self.assertRaisesMessage(RuntimeError, "LookupError: no such thing"):
            self.run_with(failing)

    def test_a_worker_that_dies_is_an_error(self):
        async def dying(reader, settings):
            await reader.take(1)
            os._exit(3)
            yield

        with self.assertRaisesMessage(RuntimeError, "ended without finishing"):
            self.run_with(dying)

    def test_positions_come_back_to_the_parent(self):
        async def echo(reader, settings):
            index = 0
            while chunk := await reader.take(7):
                for _url in chunk:
                    yield index, index
                    index += 1

        self.assertEqual(
            sorted(position for position, _ in self.run_with(echo, 50)), list(range(50))
        )


class TestRouter(SimpleTestCase):
    """A host belongs to one worker while any of its URLs is out; new hosts go to the idlest."""

    def test_a_host_stays_with_its_worker_until_its_urls_are_answered(self):
        router = shards._Router(2)
        self.assertEqual(router.route(0, "a"), 0)
        self.assertEqual(router.route(1, "b"), 1)
        self.assertEqual(router.route(2, "a"), 0)
        self.assertEqual(router.route(3, "c"), 1)  # worker 0 holds two URLs, worker 1 one
        router.finished(0)
        router.finished(2)
        self.assertEqual(router.load, [0, 2])
        self.assertEqual(router.route(4, "a"), 0)  # "a" was forgotten: the idlest takes it

    def test_the_input_waits_while_the_limit_is_out(self):
        async def scenario():
            router = shards._Router(2, limit=2)
            router.route(0, "a")
            router.route(1, "b")
            waiting = asyncio.create_task(router.room())
            await asyncio.sleep(0)
            self.assertFalse(waiting.done())
            router.finished(1)
            await asyncio.wait_for(waiting, 1)

        asyncio.run(scenario())

    def test_process_count(self):
        self.assertEqual(shards.process_count(LinkcheckSettings(processes=3)), 3)
        auto = shards.process_count(LinkcheckSettings(processes=0))
        self.assertEqual(auto, min(shards.MAX_PROCESSES, len(os.sched_getaffinity(0))))
