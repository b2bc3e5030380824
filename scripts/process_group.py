"""Stopping a child started in its own process group (``start_new_session=True``).

The launchers (run_demo.py, prodstack.py) start each server or worker as a group leader so a
signal reaches the master and the children it forked (gunicorn's workers, runserver's
autoreloader) together. Standard library only: run_demo.py needs nothing but Python.
"""

from __future__ import annotations

import os
import signal
import subprocess


def stop_group(process: subprocess.Popen, sig: int, *, grace: float) -> None:
    """Send `sig` to the process group, then SIGKILL it if it has not exited within `grace`."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=grace)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
