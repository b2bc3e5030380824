"""Two web nodes on one machine sharing one PostgreSQL database, one Redis cache, one worker.

    python -m scripts.two_nodes [--ports 8001 8002] [--load-demo]

The smallest picture of a multi-node deployment: two gunicorn masters (as two machines would
run), each with its own gthread workers and process memory, and the state they must share kept
where it is shared: content and the task queue in PostgreSQL, the response cache and the
content generation in Redis. One `db_worker` and one `publish_scheduled` loop serve both, so
a publish's webhooks, link checks and purges run once. Ctrl-C stops everything.
"""

from __future__ import annotations

import argparse
import sys

from scripts.prodstack import Stack, manage, prepare, production_env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--ports", type=int, nargs=2, default=[8001, 8002], help="the two nodes' ports"
    )
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per node")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (gthread)")
    parser.add_argument("--load-demo", action="store_true", help="load the demo content first")
    options = parser.parse_args(argv)

    first, second = options.ports
    env = production_env({"WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{first}"})
    print(f"two_nodes: preparing {env['DATABASE_URL']} (migrate, collectstatic)", flush=True)
    prepare(env)
    if options.load_demo:
        # The demo Site is the default site, so both ports serve it.
        print(manage(env, "load_demo", "--host", "127.0.0.1", "--port", str(first)))
    stack = Stack(env, workers=options.workers, threads=options.threads)
    try:
        stack.start_worker()
        stack.start_scheduler()
        stack.start_node("node-a", first)
        stack.start_node("node-b", second)
    except BaseException:
        stack.stop_all()
        raise
    print(
        f"two_nodes: node A http://127.0.0.1:{first}/ and node B http://127.0.0.1:{second}/, "
        f"one database ({env['DATABASE_URL']}), one cache ({env['REDIS_URL']}), one worker. "
        "Ctrl-C stops all.",
        flush=True,
    )
    return stack.run_until_stopped()


if __name__ == "__main__":
    sys.exit(main())
