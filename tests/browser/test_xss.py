"""The public XSS corpus, stored through the ORM, executes nowhere a browser renders it.

Every payload goes into rich text (paragraph, benefits, FAQ, callout and phases blocks) and an
author bio, written straight into the rows as a script or an importer would. The browser then
loads each path that shows that content, with alert/confirm/prompt/print replaced by recorders
in every frame, dialogs and console messages hooked, and mouse, focus, key and toggle events
dispatched on every element so that interaction payloads fire too. What a naive front end or
feed reader would do (insert the HTML into a page) is done with the API and feed output.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree

from blog.models import ArticlePage
from tests.browser.base import BrowserTestCase
from tests.factories import make_site
from tests.security.content import BLOCK_KINDS, counts_by_kind, payload_article, payload_author
from tests.security.corpus import batches, payloads

RECORD_CALLS = """
(() => {
  window.__xss = [];
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const record = (...args) => { window.__xss.push(name + "(" + String(args[0]).slice(0, 40) + ")"); };
    try { Object.defineProperty(window, name, { value: record, configurable: false }); } catch (e) {}
  }
})();
"""

# Events whose inline handlers payloads use; click is not sent to links, buttons or forms,
# which would navigate away (a live javascript: link is reported by LIVE_SCRIPT_URLS instead).
INTERACT = """
() => {
  const types = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "mouseout",
    "mouseleave", "click", "dblclick", "contextmenu", "pointerover", "pointerenter",
    "pointerdown", "pointerup", "focus", "focusin", "blur", "focusout", "keydown", "keypress",
    "keyup", "input", "change", "select", "wheel", "scroll", "copy", "paste", "drag",
    "dragstart", "drop", "toggle", "animationstart", "animationend", "transitionend", "load",
    "error", "beforeprint", "afterprint", "hashchange", "pageshow", "resize"];
  let sent = 0;
  for (const el of document.querySelectorAll("body *")) {
    const navigates = el.closest("a[href], area[href], form, button, input, select, textarea");
    for (const type of types) {
      if (type === "click" && navigates) continue;
      el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
      sent++;
    }
    if (typeof el.focus === "function") el.focus();
    if (el.tagName === "DETAILS") el.open = !el.open;
  }
  for (const type of ["load", "resize", "scroll", "hashchange", "focus", "blur"]) {
    window.dispatchEvent(new Event(type));
  }
  return sent;
}
"""

LIVE_SCRIPT_URLS = """
() => {
  const found = [];
  const attrs = ["href", "src", "action", "formaction", "data", "xlink:href"];
  const active = new Set(["A", "AREA", "IFRAME", "FRAME", "OBJECT", "EMBED", "FORM", "BUTTON",
    "INPUT", "BASE"]);
  for (const el of document.querySelectorAll("*")) {
    for (const name of attrs) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let protocol = "";
      try { protocol = new URL(value, document.baseURI).protocol; } catch (e) { continue; }
      if (protocol === "javascript:" || protocol === "vbscript:" ||
          (protocol === "data:" && active.has(el.tagName))) {
        found.push("<" + el.tagName.toLowerCase() + " " + name + "=" + value.slice(0, 40) + ">");
      }
    }
  }
  return found;
}
"""


class TestPayloadCorpusInTheBrowser(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.home, self.index = make_site()
        self.articles, self.authors = [], []
        for n, batch in enumerate(batches()):
            author = payload_author(f"writer-{n}", batch)
            page = payload_article(self.index, f"p-{n}", batch, [author])
            # Cards on the home page print the standfirst: plain text, as escaped text.
            ArticlePage.objects.filter(pk=page.pk).update(dek=batch[0][:255])
            self.articles.append(page)
            self.authors.append(author)
        self.context.add_init_script(RECORD_CALLS)
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
        self.page.on("pageerror", lambda err: self.console.append(f"pageerror: {err}"))

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def executions(self) -> list[str]:
        """Everything that shows script ran or can run on the current page."""
        self.page.evaluate(INTERACT)
        self.page.wait_for_timeout(100)  # lets setTimeout payloads and load events settle
        found = list(self.dialogs)
        for frame in self.page.frames:
            try:
                found += frame.evaluate("window.__xss || []")
            except Exception as err:
                found.append(f"frame not inspectable: {err}")
        found += self.page.evaluate(LIVE_SCRIPT_URLS)
        # The site runs no script of its own: any console output means a payload ran.
        found += [m for m in self.console if "Failed to load resource" not in m]
        self.dialogs.clear()
        self.console.clear()
        return found

    def check(self, label: str, path: str) -> None:
        response = self.visit(path)
        self.assertEqual(response.status, 200, path)
        self.assertEqual(self.executions(), [], f"{label}: {path}")

    def render(self, fragments: Iterable[str]) -> list[str]:
        """Insert HTML as a naive front end or feed reader would; returns the executions."""
        markup = "<!DOCTYPE html><html><body>" + "".join(fragments) + "</body></html>"
        url = self.live_server_url + "/__render__/"
        self.page.route(url, lambda route: route.fulfill(body=markup, content_type="text/html"))
        self.page.goto(url)
        found = self.executions()
        self.page.unroute(url)
        return found

    def test_hooks_catch_raw_payloads(self):
        found = self.render(
            [
                "<img src=x onerror=alert(1)>",
                "<div onmouseover=confirm(2)>hover</div>",
                "<a href='javascript:prompt(3)'>link</a>",
                "<iframe srcdoc='<script>parent.print(4)</script>'></iframe>",
            ]
        )
        for expected in ("alert(1)", "confirm(2)", "<a href=javascript:prompt(3)>"):
            self.assertIn(expected, found)

    def test_site_pages(self):
        for page, author in zip(self.articles, self.authors, strict=True):
            self.check("article", page.url)
            self.check("author profile", self.index.author_url(author))
        self.check("home cards", self.home.url)
        for kind, count in counts_by_kind(payloads(), BLOCK_KINDS).items():
            print(f"browser, article {kind} block: {count} payloads tried")
        print(f"browser, author box and author profile bio: {len(payloads())} payloads tried")
        print(f"browser, home cards: {len(self.articles)} standfirsts tried")

    def test_api_output_inserted_as_html(self):
        for page in self.articles:
            v2 = self.page.request.get(
                f"{self.live_server_url}/api/v2/pages/{page.pk}/?rich_text_format=html"
            )
            self.assertEqual(v2.status, 200)
            self.assertEqual(self.render(strings(v2.json()["body"])), [], f"api v2 {page.slug}")
            v1 = self.page.request.get(f"{self.live_server_url}/api/v1/articles/{page.pk}")
            self.assertEqual(v1.status, 200)
            self.assertEqual(self.render(strings(v1.json()["body"])), [], f"api v1 {page.slug}")
        print(f"browser, api v2 body: {len(payloads())} payloads tried")
        print(f"browser, api v1 body: {len(payloads())} payloads tried")

    def test_feed_summaries_as_a_reader_shows_them(self):
        for page, batch in zip(self.articles, batches(), strict=True):
            ArticlePage.objects.filter(pk=page.pk).update(summary="".join(batch))
        for feed, item, field in (
            ("rss", "item", "description"),
            ("atom", "{http://www.w3.org/2005/Atom}entry", "{http://www.w3.org/2005/Atom}summary"),
        ):
            response = self.page.request.get(f"{self.live_server_url}/feeds/{feed}/")
            self.assertEqual(response.status, 200)
            root = ElementTree.fromstring(response.body())  # noqa: S314 - our own feed
            # ElementTree un-escapes the XML once, as a reader does before showing the HTML.
            summaries = [entry.findtext(field) or "" for entry in root.iter(item)]
            self.assertEqual(self.render(summaries), [], f"{feed} feed")
            print(f"browser, {feed} feed summaries: {len(payloads())} payloads tried")


def strings(data) -> list[str]:
    """Every string in a JSON value: all of it is inserted as HTML, rich text or not."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return []
