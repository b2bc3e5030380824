from django.test import SimpleTestCase

from pages.timeframes import Timeframe, phase_order_errors, span_label, timeframe_from


class TestTimeframe(SimpleTestCase):
    def test_iso8601_keeps_the_authors_unit(self):
        cases = [
            ((0, "hours"), "PT0H"),
            ((3, "days"), "P3D"),
            ((2, "weeks"), "P2W"),
            ((6, "months"), "P6M"),
        ]
        for (value, unit), expected in cases:
            with self.subTest(unit=unit):
                self.assertEqual(Timeframe(value, unit).iso8601(), expected)

    def test_blank_value_means_open_ended(self):
        self.assertIsNone(timeframe_from({"value": None, "unit": "days"}))
        self.assertIsNone(timeframe_from({"value": "", "unit": "days"}))
        self.assertEqual(timeframe_from({"value": "4", "unit": "weeks"}), Timeframe(4, "weeks"))

    def test_units_compare_by_length(self):
        self.assertLess(Timeframe(6, "days").hours, Timeframe(1, "weeks").hours)
        self.assertGreater(Timeframe(5, "weeks").hours, Timeframe(1, "months").hours)


class TestPhaseOrder(SimpleTestCase):
    def test_ordered_phases_pass(self):
        phases = [
            (Timeframe(0, "hours"), Timeframe(3, "days")),
            (Timeframe(2, "days"), Timeframe(3, "weeks")),
            (Timeframe(3, "weeks"), None),
        ]
        self.assertEqual(phase_order_errors(phases), [])

    def test_phase_starting_before_previous_is_reported_on_that_phase(self):
        phases = [(Timeframe(1, "weeks"), None), (Timeframe(2, "days"), None)]
        errors = phase_order_errors(phases)
        self.assertEqual([e.index for e in errors], [1])
        self.assertIn("before the previous phase", errors[0].message)

    def test_phase_ending_before_it_starts_is_reported(self):
        errors = phase_order_errors([(Timeframe(2, "weeks"), Timeframe(3, "days"))])
        self.assertEqual([e.index for e in errors], [0])
        self.assertIn("ends (3 days) before it starts (2 weeks)", errors[0].message)

    def test_equal_starts_are_allowed(self):
        self.assertEqual(
            phase_order_errors([(Timeframe(1, "days"), None), (Timeframe(24, "hours"), None)]), []
        )


class TestSpanLabel(SimpleTestCase):
    def test_reads_like_a_timeline(self):
        T = Timeframe
        cases = [
            ((T(0, "hours"), None), "Day 0 onwards"),
            ((T(0, "days"), T(0, "days")), "Day 0"),
            ((T(0, "hours"), T(3, "days")), "Days 0–3"),
            ((T(2, "days"), T(5, "days")), "Days 2–5"),
            ((T(2, "weeks"), T(12, "weeks")), "Weeks 2–12"),
            ((T(2, "days"), T(3, "weeks")), "Day 2 – week 3"),
            ((T(3, "months"), None), "Month 3 onwards"),
            ((None, None), ""),
        ]
        for (start, end), expected in cases:
            with self.subTest(start=start, end=end):
                self.assertEqual(span_label(start, end), expected)
