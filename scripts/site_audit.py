"""Audit the reader site as browsers and crawlers get it, on a throwaway copy of the demo.

    python scripts/site_audit.py [--html] [--lighthouse] [--screenshots DIR] [--write-results]

With no choice, runs the HTML check and Lighthouse. Each page type of tools/audit/pages.json:
- HTML: the Nu HTML checker (vnu.jar from npm, tools/audit; Java), zero errors allowed;
- Lighthouse (npm, tools/audit; Debian's Chromium via CHROME_PATH; mobile emulation with its
  simulated slow-4G throttling, no network beyond 127.0.0.1): performance, accessibility, best
  practices and SEO each >= 95 (SEO is not scored on pages that ask not to be indexed).
--screenshots DIR saves the README's article and review screenshots (Playwright, 1280 px).
--write-results records the figures in benchmarks/RESULTS.md (section `audit`).
Exits non-zero when a page misses a threshold.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIT = ROOT / "tools" / "audit"
LIGHTHOUSE = AUDIT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# The Nu HTML checker from npm (vnu-jar, pinned in tools/audit/package-lock.json), run with the
# system's Java: the npm wrapper would download a Java runtime where none is found.
VNU_JAR = AUDIT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THRESHOLD = 95
SCREENSHOTS = {"article": "/blog/skin-recovery-phases/", "review": "/blog/lumen-glide-pen-review/"}
COMMAND = "make audit"
# The heading of templates/404.html: Django's debug 404 (DEBUG on) does not have it.
BRANDED_404 = "We could not find that page"


def audited_pages() -> list[dict]:
    return json.loads((AUDIT / "pages.json").read_text())["pages"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(args: list[str], env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


class DemoServer:
    """The demo loaded into a temporary SQLite file and cache, served by runserver."""

    def __init__(self, workdir: Path, port: int | None = None):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            # What `make demo` serves: DEBUG off, so errors are the site's own pages.
            "DJANGO_SETTINGS_MODULE": "config.settings.demo",
            "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
            "SKINCARE_CACHE_DIR": str(workdir / "cache"),
            "WAGTAILADMIN_BASE_URL": self.base,
        }
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> DemoServer:
        manage(["migrate", "--noinput", "-v", "0"], self.env)
        manage(
            ["load_demo", "--host", "127.0.0.1", "--port", str(self.port), "--no-admin"], self.env
        )
        self.process = subprocess.Popen(  # noqa: S603 (this interpreter, manage.py)
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).close()  # noqa: S310
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError("the demo server did not answer within 60 s")

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def fetch(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=120) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def validate_html(documents: dict[str, str]) -> dict[str, list[str]]:
    """Nu HTML checker errors (warnings not counted) per document name, all in one JVM run."""
    errors: dict[str, list[str]] = {name: [] for name in documents}
    with tempfile.TemporaryDirectory(prefix="skincare-html-") as tmp:
        files = {}
        for n, (name, html) in enumerate(documents.items()):
            path = Path(tmp) / f"page-{n}.html"
            path.write_text(html)
            files[path.name] = name
        run = subprocess.run(  # noqa: S603 (the pinned vnu.jar on our own files)
            [
                shutil.which("java") or "java",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                *(str(Path(tmp) / f) for f in files),
            ],
            capture_output=True,
            text=True,
        )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    output = (run.stderr or run.stdout).strip()
    messages = json.loads(output)["messages"] if output.startswith("{") else []
    if run.returncode and not messages:
        raise RuntimeError(f"vnu.jar failed: {output[-2000:]}")
    for message in messages:
        if message.get("type") == "error":
            # vnu names files "file:/tmp/...": matched by file name, never dropped.
            url = message.get("url", "?")
            name = files.get(url.rsplit("/", 1)[-1], url)
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']}"
            )
    return errors


def check_html(server: DemoServer, pages: list[dict]) -> dict[str, list[str]]:
    documents = {}
    for page in pages:
        status, html = server.fetch(page["path"])
        if status != page.get("status", 200):
            raise RuntimeError(f"{page['path']}: HTTP {status}")
        if status == 404 and BRANDED_404 not in html:
            raise RuntimeError(f"{page['path']}: the 404 is not the site's own page")
        documents[page["name"]] = html
    return validate_html(documents)


def lighthouse(server: DemoServer, page: dict, workdir: Path) -> dict[str, int]:
    """Lighthouse's category scores (0-100) for one page, mobile settings."""
    # Measured cold: Lighthouse's load is the page's first view since load_demo, which made the
    # image renditions ahead (blog.pictures), so it includes no Pillow resizing.
    report = workdir / f"lighthouse-{page['name'].replace(' ', '-')}.json"
    command = [
        shutil.which("node") or "node",
        str(LIGHTHOUSE),
        server.base + page["path"],
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--max-wait-for-load=90000",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for attempt in range(2):
        # One retry: on a busy machine Chromium sometimes misses Lighthouse's connect timeout.
        run = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
        if run.returncode == 0:
            break
        if attempt:
            raise RuntimeError(f"lighthouse {page['path']}: {run.stderr[-3000:]}")
    result = json.loads(report.read_text())
    return {key: round(cat["score"] * 100) for key, cat in result["categories"].items()}


def take_screenshots(server: DemoServer, folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        for name, path in SCREENSHOTS.items():
            page.goto(server.base + path, wait_until="networkidle")
            page.screenshot(path=str(folder / f"{name}.png"))
        browser.close()


def report(html: dict | None, scores: dict | None, pages: list[dict]) -> tuple[str, list[str]]:
    """A Markdown table of the figures, and what missed a threshold."""
    failures, rows = [], []
    head = ["Page", "Path", *(["HTML errors"] if html is not None else [])]
    if scores is not None:
        head += [c.replace("-", " ").capitalize() for c in CATEGORIES]
    for page in pages:
        name = page["name"]
        row = [name, f"`{page['path']}`"]
        if html is not None:
            row.append(str(len(html.get(name, []))))
            failures += [f"{name}: {e}" for e in html.get(name, [])]
        if scores is not None:
            for category in CATEGORIES:
                # Not scored (the 404): n/a.
                score = scores.get(name, {}).get(category, "n/a")
                exempt = category == "seo" and page.get("noindex")
                row.append(f"{score}{' (noindex)' if exempt else ''}")
                if isinstance(score, int) and score < THRESHOLD and not exempt:
                    failures.append(f"{name}: {category} {score} < {THRESHOLD}")
        rows.append(row)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines), failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", action="store_true", help="Run the Nu HTML checker.")
    parser.add_argument("--lighthouse", action="store_true", help="Run Lighthouse (mobile).")
    parser.add_argument("--screenshots", type=Path, help="Save README screenshots into DIR.")
    parser.add_argument(
        "--write-results", action="store_true", help="Record figures in benchmarks/RESULTS.md."
    )
    parser.add_argument("--port", type=int, help="Serve the demo here (default: a free port).")
    args = parser.parse_args()
    run_all = not (args.html or args.lighthouse or args.screenshots)
    pages = audited_pages()
    html = scores = None
    with tempfile.TemporaryDirectory(prefix="skincare-audit-") as tmp:
        workdir = Path(tmp)
        with DemoServer(workdir, args.port) as server:
            # Lighthouse scores pages readers land on; the HTML check covers the 404 too.
            served = [page for page in pages if page.get("status", 200) == 200]
            if args.html or run_all:
                html = check_html(server, pages)
            if args.lighthouse or run_all:
                scores = {page["name"]: lighthouse(server, page, workdir) for page in served}
            if args.screenshots:
                take_screenshots(server, args.screenshots)
    table, failures = report(html, scores, pages)
    known = {page["name"] for page in pages}
    failures += [f"{name}: {errors}" for name, errors in (html or {}).items() if name not in known]
    if html is not None or scores is not None:
        print(table)
    if args.write_results:
        sys.path.insert(0, str(ROOT))
        from benchmarks.report import write_section

        note = (
            f"Thresholds: zero Nu HTML checker errors; every Lighthouse category >= {THRESHOLD} "
            "(mobile: Moto G Power emulation, simulated slow 4G and 4x CPU slowdown; Lighthouse "
            "from tools/audit/package.json on Debian's Chromium). Served by `runserver` from a "
            "fresh demo, on a 2-core machine shared with other work: performance varies by a few "
            "points between runs. Each page is measured cold, Lighthouse's load being its first "
            "view since load_demo (which makes the image renditions ahead)."
        )
        write_section("audit", f"{note}\n\n{table}", COMMAND)
    for failure in failures:
        print("FAIL", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
