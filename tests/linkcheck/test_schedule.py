"""The promotion policy: when temporary failures become broken, and when to check next."""

from datetime import UTC, datetime, timedelta

from django.test import SimpleTestCase, override_settings

from linkcheck.checker.status import LinkStatus
from linkcheck.schedule import decide

OK, REDIRECTED, BROKEN = LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.BROKEN
UNVERIFIABLE, TEMPORARY, REFUSED = LinkStatus.UNVERIFIABLE, LinkStatus.TEMPORARY, LinkStatus.REFUSED


class TestPromotionPolicy(SimpleTestCase):
    """Temporary failures become broken after 3 failures spread over at least 24 hours."""

    t0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    def at(self, hours):
        return self.t0 + timedelta(hours=hours)

    def test_three_failures_over_a_day_become_broken(self):
        decision = decide(
            [(self.at(0), "temporary"), (self.at(5), "temporary"), (self.at(24), "temporary")]
        )
        self.assertEqual(decision.status, BROKEN)
        self.assertTrue(decision.promoted)
        self.assertEqual(decision.failures, 3)

    def test_failures_close_together_stay_temporary(self):
        for hours in ([0, 1, 2], [0, 1, 2, 3, 23.9]):
            with self.subTest(hours=hours):
                decision = decide([(self.at(h), TEMPORARY) for h in hours])
                self.assertEqual(decision.status, TEMPORARY)
                self.assertFalse(decision.promoted)

    def test_two_failures_over_a_week_stay_temporary(self):
        decision = decide([(self.at(0), TEMPORARY), (self.at(24 * 7), TEMPORARY)])
        self.assertEqual(decision.status, TEMPORARY)

    def test_a_success_resets_the_streak(self):
        history = [
            (self.at(0), TEMPORARY),
            (self.at(12), OK),
            (self.at(24), TEMPORARY),
            (self.at(30), TEMPORARY),
        ]
        decision = decide(history)
        self.assertEqual((decision.status, decision.failures), (TEMPORARY, 2))

    def test_history_order_does_not_matter(self):
        history = [(self.at(24), TEMPORARY), (self.at(0), TEMPORARY), (self.at(5), TEMPORARY)]
        self.assertEqual(decide(history).status, BROKEN)

    def test_temporary_rechecks_back_off_then_wait_for_the_window(self):
        first = decide([(self.at(0), TEMPORARY)])
        self.assertEqual(first.next_check_at, self.at(1))
        # The next failure could be the third: no point checking before the window closes.
        second = decide([(self.at(0), TEMPORARY), (self.at(1), TEMPORARY)])
        self.assertEqual(second.next_check_at, self.at(24))

    @override_settings(
        SKINCARE_LINKCHECK_PROMOTE_AFTER_FAILURES=2, SKINCARE_LINKCHECK_PROMOTE_WINDOW_HOURS=1
    )
    def test_thresholds_are_settings(self):
        decision = decide([(self.at(0), TEMPORARY), (self.at(1), TEMPORARY)])
        self.assertEqual(decision.status, BROKEN)

    def test_next_check_per_status(self):
        cases = {OK: 24 * 7, REDIRECTED: 24 * 7, BROKEN: 72, UNVERIFIABLE: 72, REFUSED: 24 * 30}
        for status, hours in cases.items():
            with self.subTest(status=status):
                self.assertEqual(decide([(self.at(0), status)]).next_check_at, self.at(hours))

    def test_empty_history_is_an_error(self):
        with self.assertRaises(ValueError):
            decide([])
