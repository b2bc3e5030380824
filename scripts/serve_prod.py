"""Serve the site as in production, on this machine: gunicorn, a task worker, scheduled publishing.

    python -m scripts.serve_prod [--host H] [--port P] [--workers N] [--threads N] [--load-demo]

Runs `config.settings.production` against PostgreSQL and Redis (DATABASE_URL, REDIS_URL; local
defaults in scripts/prodstack.py), creates the database if needed, migrates, collects static
files (WhiteNoise serves them hashed and compressed), then starts one gunicorn node (gthread
workers), `manage.py db_worker` and `publish_scheduled` every minute. Ctrl-C stops all of it.
"""

from __future__ import annotations

import argparse
import sys

from scripts.prodstack import Stack, manage, prepare, production_env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to serve (default 8000)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (gthread)")
    parser.add_argument(
        "--scheduled-every", type=float, default=60.0, help="seconds between publish_scheduled"
    )
    parser.add_argument(
        "--load-demo",
        action="store_true",
        help="load the demo content and admin (idempotent), with the Site on this address",
    )
    parser.add_argument(
        "--no-collectstatic", action="store_true", help="skip collectstatic (already done)"
    )
    options = parser.parse_args(argv)

    base_url = f"http://{options.host}:{options.port}"
    env = production_env({"WAGTAILADMIN_BASE_URL": base_url})
    hosts = {h.strip() for h in env["DJANGO_ALLOWED_HOSTS"].split(",")}
    if options.host not in hosts and "*" not in hosts:
        env["DJANGO_ALLOWED_HOSTS"] += f",{options.host}"
    print(f"serve_prod: preparing {env['DATABASE_URL']} (migrate, collectstatic)", flush=True)
    prepare(env, collectstatic=not options.no_collectstatic)
    if options.load_demo:
        print(manage(env, "load_demo", "--host", options.host, "--port", str(options.port)))
    stack = Stack(env, workers=options.workers, threads=options.threads)
    try:
        stack.start_worker()
        stack.start_scheduler(options.scheduled_every)
        stack.start_node("web", options.port, options.host)
    except BaseException:
        stack.stop_all()
        raise
    print(
        f"serve_prod: serving {base_url}/ with gunicorn ({options.workers} x "
        f"{options.threads} threads), a task worker and publish_scheduled every "
        f"{options.scheduled_every:g} s. Ctrl-C stops all.",
        flush=True,
    )
    return stack.run_until_stopped()


if __name__ == "__main__":
    sys.exit(main())
