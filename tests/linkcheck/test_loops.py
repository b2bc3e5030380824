"""Running the checker's coroutines from blocking code (commands, tasks, views), and the one
timer that watches many timeouts."""

import asyncio
import threading

from django.test import SimpleTestCase

from linkcheck.checker.loops import Watch, run, run_blocking


async def _thread_name() -> str:
    await asyncio.sleep(0)
    return threading.current_thread().name


class TestRunBlocking(SimpleTestCase):
    def test_a_blocking_caller_runs_the_coroutine_on_its_own_thread(self):
        self.assertEqual(run_blocking(_thread_name), threading.current_thread().name)

    def test_a_caller_inside_a_running_loop_gets_the_result_from_a_private_thread(self):
        async def caller() -> str:
            # asyncio.run here would raise: a loop cannot run inside a running loop.
            return run_blocking(_thread_name)

        self.assertNotEqual(asyncio.run(caller()), threading.current_thread().name)


class TestWatch(SimpleTestCase):
    """Each watched item is looked at every tick until discarded; an empty watch stops."""

    def test_items_are_ticked_until_discarded_and_the_timer_stops_when_none_are_left(self):
        seen: list[str] = []
        watch: Watch[str] = Watch(0.01, lambda item, now: seen.append(item))

        async def go() -> None:
            watch.add("a")
            watch.add("b")
            await asyncio.sleep(0.035)
            watch.discard("a")
            seen.clear()
            await asyncio.sleep(0.035)
            watch.discard("b")
            await asyncio.sleep(0.03)
            self.assertIsNone(watch._handle)

        run(go())
        self.assertIn("b", seen)
        self.assertNotIn("a", seen)
