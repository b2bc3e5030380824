from decimal import Decimal

from django.test import SimpleTestCase

from pages.money import format_price


class TestFormatPrice(SimpleTestCase):
    def test_currency_symbol_and_number_format_follow_the_locale(self):
        cases = [
            ((Decimal("89"), "USD", "en_US"), "$89.00"),
            ((Decimal("89"), "USD", "en_GB"), "US$89.00"),
            ((Decimal("19.5"), "GBP", "en_GB"), "£19.50"),
            ((Decimal("1249.9"), "EUR", "de_DE"), "1.249,90\xa0€"),
            (("24.00", "CAD", "en_US"), "CA$24.00"),
        ]
        for args, expected in cases:
            with self.subTest(args=args):
                self.assertEqual(format_price(*args), expected)

    def test_no_amount_gives_nothing_and_an_unknown_locale_falls_back(self):
        self.assertEqual(format_price(None, "USD"), "")
        self.assertEqual(format_price("", "USD"), "")
        self.assertEqual(format_price(5, "USD", "xx_YY"), "$5.00")
