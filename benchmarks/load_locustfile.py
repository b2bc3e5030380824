"""Locust users for the load benchmark (benchmarks/bench_load.py), one endpoint per run.

LOAD_TARGET names the endpoint (api_list, api_detail, article, search) and LOAD_URLS the JSON
file of sample paths the benchmark wrote; each user requests back to back, with no think time,
so N users keep N requests in flight. Any status but 200 counts as a failure.
"""

from __future__ import annotations

import itertools
import json
import os

from locust import FastHttpUser, constant, task

TARGET = os.environ.get("LOAD_TARGET", "api_list")
with open(os.environ["LOAD_URLS"], encoding="utf-8") as handle:
    PATHS: list[str] = json.load(handle)[TARGET]
_cycle = itertools.cycle(PATHS)


class Reader(FastHttpUser):
    wait_time = constant(0)
    # Real API consumers and browsers accept gzip; responses are stored that way.
    default_headers = {"Accept-Encoding": "gzip"}

    @task
    def fetch(self) -> None:
        # One name per endpoint, so the stats aggregate over the sample paths.
        self.client.get(next(_cycle), name=TARGET)
