"""Run Wagtail's `publish_scheduled` every N seconds, as a cron job would.

    python -m scripts.publish_loop [--every SECONDS]

One loop per deployment (not per web node): go-live and expiry dates then take effect within
`--every` seconds. Each run is a fresh `manage.py publish_scheduled` process, so a failing run
is reported and the next one starts clean. SIGTERM or Ctrl-C stops it between runs.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time

from scripts.prodstack import MANAGE, ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--every", type=float, default=60.0, help="seconds between runs (default: 60)"
    )
    options = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            started = time.monotonic()
            try:
                done = subprocess.run(  # noqa: S603 (this interpreter, a fixed command)
                    [*MANAGE, "publish_scheduled"], cwd=ROOT, check=False, timeout=300
                )
                if done.returncode:
                    print(f"publish_loop: publish_scheduled exited {done.returncode}", flush=True)
            except subprocess.TimeoutExpired:
                print("publish_loop: publish_scheduled took over 5 minutes", flush=True)
            time.sleep(max(0.0, options.every - (time.monotonic() - started)))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
