"""When a link counts as broken after temporary failures, and when to check it next."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from linkcheck import conf
from linkcheck.checker.settings import LinkcheckSettings
from linkcheck.checker.status import LinkStatus

# Results that count toward the failure streak; anything else ends it.
FAILURES = frozenset({LinkStatus.TEMPORARY, LinkStatus.BROKEN})


@dataclass(frozen=True)
class CheckDecision:
    """The status to show for a link and when to check it again."""

    status: LinkStatus
    next_check_at: datetime
    failures: int  # consecutive failed checks, the latest included
    failing_since: datetime | None
    promoted: bool  # temporary failures that now count as broken
    reason: str


def decide(
    history: Iterable[tuple[datetime, LinkStatus | str]],
    *,
    settings: LinkcheckSettings | None = None,
) -> CheckDecision:
    """Decide a link's effective status and next check from its results, latest included.

    A temporary failure (timeout, 5xx) becomes broken only after ``promote_after_failures``
    consecutive failures spread over at least ``promote_window_hours``, so one bad night at a
    publisher does not flag every link to it.
    """
    settings = settings or conf.load()
    entries = sorted((when, LinkStatus(status)) for when, status in history)
    if not entries:
        raise ValueError("decide() needs at least one result")
    last_at, last_status = entries[-1]
    streak: list[datetime] = []
    for when, status in reversed(entries):
        if status not in FAILURES:
            break
        streak.append(when)
    failures = len(streak)
    failing_since = streak[-1] if streak else None
    window = timedelta(hours=settings.promote_window_hours)
    recheck = dict(settings.recheck_hours)

    if last_status is not LinkStatus.TEMPORARY:
        return CheckDecision(
            status=last_status,
            next_check_at=last_at + timedelta(hours=recheck.get(str(last_status), 24)),
            failures=failures,
            failing_since=failing_since,
            promoted=False,
            reason=f"last check: {last_status}",
        )

    assert failing_since is not None  # the latest entry is a failure
    spread = last_at - failing_since
    if failures >= settings.promote_after_failures and spread >= window:
        return CheckDecision(
            status=LinkStatus.BROKEN,
            next_check_at=last_at + timedelta(hours=recheck.get("broken", 72)),
            failures=failures,
            failing_since=failing_since,
            promoted=True,
            reason=f"failed {failures} checks in a row over {_hours(spread)}",
        )

    steps = settings.temporary_retry_hours or (1,)
    wait = timedelta(hours=steps[min(failures, len(steps)) - 1])
    next_check_at = last_at + wait
    if failures + 1 >= settings.promote_after_failures:
        # The next failure could settle it: check no earlier than the window allows, so no
        # check is spent on a failure that cannot yet count.
        next_check_at = max(next_check_at, failing_since + window)
    return CheckDecision(
        status=LinkStatus.TEMPORARY,
        next_check_at=next_check_at,
        failures=failures,
        failing_since=failing_since,
        promoted=False,
        reason=f"temporary failure {failures} of {settings.promote_after_failures}",
    )


def _hours(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 3600:.1f} h"
