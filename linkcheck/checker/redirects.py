"""One URL's check: its redirect chain hop by hop, each hop SSRF-checked, ending in a result.

Redirects are followed here rather than by the HTTP client so that every hop passes
``check_url_safety`` (safety.py) and the per-host gate before anything is sent.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookies import CookieError, SimpleCookie

from yarl import URL

from linkcheck.checker import loops
from linkcheck.checker.addresses import Allowlist
from linkcheck.checker.politeness import HostGate, host_key
from linkcheck.checker.safety import check_url_safety
from linkcheck.checker.settings import LinkcheckSettings
from linkcheck.checker.status import (
    PERMANENT_REDIRECT_CODES,
    REDIRECT_CODES,
    LinkResult,
    LinkStatus,
    RedirectHop,
    classify_exception,
    classify_response,
)
from linkcheck.checker.transport import Client, Failure, Transport


@dataclass(eq=False)  # hashed by identity: loops.Watch holds it
class _Trace:
    """What one URL's check found so far (kept when the deadline cuts it short)."""

    chain: list[RedirectHop] = field(default_factory=list)
    current: str = ""
    expired: bool = False  # the deadline cancelled the check
    task: asyncio.Task | None = None
    expires: float = 0.0  # loop time


class UrlChecker:
    """Checks one URL at a time through a shared client and gate."""

    def __init__(
        self,
        client: Client,
        settings: LinkcheckSettings,
        allowlist: Allowlist,
        gate: HostGate,
    ) -> None:
        self.settings = settings
        self.allowlist = allowlist
        self.transport = Transport(client, settings, gate)
        # Every check's deadline on one timer, so a check ends up to an eighth of it late.
        self._deadlines: loops.Watch[_Trace] = loops.Watch(
            max(0.01, settings.deadline / 8), _expire
        )

    async def check(self, url: str) -> LinkResult:
        """Check one URL; every failure becomes a result."""
        checked_at = datetime.now(UTC)
        started = time.monotonic()
        trace = _Trace(current=url)
        task = asyncio.current_task()
        assert task is not None
        cancelling = task.cancelling()
        trace.task = task
        trace.expires = asyncio.get_running_loop().time() + self.settings.deadline
        self._deadlines.add(trace)
        try:
            status, http_status, reason = await self._follow(url, trace)
        except asyncio.CancelledError:
            if not trace.expired or task.uncancel() > cancelling:
                raise  # cancelled from outside, not by the deadline
            status, http_status = LinkStatus.TEMPORARY, None
            reason = f"check took longer than {self.settings.deadline:g} s"
        except TimeoutError as exc:
            http_status = None
            status, reason = classify_exception(exc)
        except Exception as exc:  # the contract: errors are results, never raised
            status, reason = classify_exception(exc)
            http_status = None
        finally:
            self._deadlines.discard(trace)
        chain = tuple(trace.chain)
        suggested = None
        if chain and chain[0].http_status in PERMANENT_REDIRECT_CODES:
            suggested = _permanent_target(chain)
            if status is LinkStatus.OK:
                status = LinkStatus.REDIRECTED
                reason = f"permanent redirect ({chain[0].http_status}) to {suggested}; {reason}"
        return LinkResult(
            url=url,
            status=status,
            http_status=http_status,
            final_url=trace.current if chain else None,
            reason=reason,
            redirect_chain=chain,
            checked_at=checked_at,
            elapsed_ms=round((time.monotonic() - started) * 1000),
            suggested_url=suggested if status is LinkStatus.REDIRECTED else None,
        )

    async def _follow(self, url: str, trace: _Trace) -> tuple[LinkStatus, int | None, str]:
        seen: set[str] = set()
        cookies: dict[str, dict[str, str]] = {}
        current = url
        for hop in range(self.settings.max_redirects + 1):
            verdict = check_url_safety(current, allowlist=self.allowlist)
            trace.current = current
            if not verdict.allowed:
                if hop:
                    return (
                        LinkStatus.REFUSED,
                        None,
                        f"redirect to {current} refused: {verdict.reason}",
                    )
                return LinkStatus.REFUSED, None, f"refused: {verdict.reason}"
            target = verdict.url
            host = host_key(target)
            seen.add(_loop_key(target))
            reply = await self.transport.request(
                target, host, cookies.get(host, {}), verdict.parsed
            )
            if isinstance(reply, Failure):
                status, reason = classify_exception(reply.exc)
                return status, None, reason
            location = reply.headers.get("location")
            if reply.status in REDIRECT_CODES and location:
                try:
                    base = verdict.parsed or URL(target)
                    next_url = str(base.join(URL(location.strip())))
                except (ValueError, TypeError):
                    return LinkStatus.BROKEN, reply.status, f"invalid redirect target {location!r}"
                trace.chain.append(RedirectHop(target, reply.status, next_url))
                _remember_cookies(cookies, host, reply.set_cookies)
                # A redirect to itself that sets a cookie is a cookie check, not a loop.
                if _loop_key(next_url) in seen and not reply.set_cookies:
                    trace.current = next_url
                    return LinkStatus.BROKEN, reply.status, f"redirect loop back to {next_url}"
                if hop == self.settings.max_redirects:
                    trace.current = next_url
                    limit = self.settings.max_redirects
                    return LinkStatus.BROKEN, reply.status, f"more than {limit} redirects"
                current = next_url
                continue
            status, reason = classify_response(reply.status, reply.headers, reply.body)
            if reply.note:
                reason = f"{reason}; {reply.note}"
            return status, reply.status, reason
        raise AssertionError("unreachable: the loop returns on its last hop")


def _expire(trace: _Trace, now: float) -> None:
    if now >= trace.expires and not trace.expired and trace.task is not None:
        trace.expired = True
        trace.task.cancel()


def _permanent_target(chain: tuple[RedirectHop, ...]) -> str:
    """Where the leading run of permanent redirects ends."""
    target = chain[0].location
    for hop in chain:
        if hop.http_status not in PERMANENT_REDIRECT_CODES:
            break
        target = hop.location
    return target


def _loop_key(url: str) -> str:
    return url.split("#", 1)[0]


def _remember_cookies(
    cookies: dict[str, dict[str, str]], host: str, set_cookies: tuple[str, ...]
) -> None:
    # Per check and per host only: no cookie outlives the check or crosses hosts.
    for header in set_cookies:
        jar = SimpleCookie()
        try:
            jar.load(header)
        except CookieError:
            continue
        for name, morsel in jar.items():
            cookies.setdefault(host, {})[name] = morsel.value
