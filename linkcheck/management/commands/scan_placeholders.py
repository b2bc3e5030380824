"""Scan one rich-text HTML fragment for placeholder spam and print findings and cleaned HTML."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from linkcheck.placeholders import ScanResult, scan


class Command(BaseCommand):
    help = (
        "Scan an HTML fragment in Wagtail's stored rich-text format for content-farm "
        "'related posts' spam and placeholder links. Reads a file (or '-' for standard input), "
        "touches no database, and prints what it found and the cleaned HTML."
    )
    # The fragment is read here, not from the database, so no checks or migrations are needed.
    requires_system_checks = []
    requires_migrations_checks = False
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            metavar="PATH",
            help="File holding the HTML fragment, UTF-8 encoded; '-' reads standard input.",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help='Print one JSON object {"findings": [...], "cleaned_html": "..."} and nothing else.',
        )
        parser.add_argument(
            "--page-url",
            metavar="URL",
            help="The page's own URL, so links pointing back at the page count as placeholders.",
        )
        parser.add_argument(
            "--site-host",
            action="append",
            default=[],
            metavar="HOST",
            help="A host name of this site; links to it are never removed. Repeat for several.",
        )

    def handle(self, *args, **options):
        html = self.read(options["path"], options.get("stdin") or sys.stdin)
        result = scan(
            html, page_url=options["page_url"], site_hosts=frozenset(options["site_host"])
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            self.report(result)

    def read(self, path: str, stdin) -> str:
        """The fragment's text; a clear CommandError when it cannot be read as UTF-8."""
        name = "standard input" if path == "-" else path
        try:
            if path == "-":
                data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
            else:
                with open(path, "rb") as handle:
                    data = handle.read()
            return data.decode("utf-8") if isinstance(data, bytes) else data
        except FileNotFoundError as err:
            raise CommandError(f"No such file: {path}") from err
        except IsADirectoryError as err:
            raise CommandError(f"{path} is a directory, not an HTML file.") from err
        except UnicodeDecodeError as err:
            raise CommandError(
                f"{name} is not UTF-8 text (bad byte at offset {err.start}); save it as UTF-8."
            ) from err
        except OSError as err:
            raise CommandError(f"Cannot read {name}: {err.strerror or err}") from err

    def report(self, result: ScanResult) -> None:
        """Human-readable findings, then the cleaned HTML."""
        if not result.findings:
            self.stdout.write("No placeholder spam found.")
        else:
            count = len(result.findings)
            self.stdout.write(f"{count} finding{'s' if count != 1 else ''}:")
            for finding in result.findings:
                target = f" -> {finding.href}" if finding.href else ""
                self.stdout.write(f"  [{finding.action}] {finding.kind}: {finding.text!r}{target}")
                self.stdout.write(f"      {finding.reason}")
        self.stdout.write("")
        self.stdout.write("Cleaned HTML:" if result.changed else "HTML (unchanged):")
        self.stdout.write(result.cleaned_html)
