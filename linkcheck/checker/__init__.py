"""The pure link checker: an async, polite, SSRF-guarded fetcher and its classification.

Nothing here imports Django, Wagtail or settings: callers pass a ``LinkcheckSettings`` snapshot
(``linkcheck.conf.load()`` builds one from Django settings), so benchmarks and scripts run it as
it is. The webhook sender in ``content_api`` uses the same guarded transport.
"""
