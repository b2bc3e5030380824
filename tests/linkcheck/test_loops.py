"""Running the checker's coroutines from blocking code (commands, tasks, views)."""

import asyncio
import threading

from django.test import SimpleTestCase

from linkcheck.checker.loops import run_blocking


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
