"""GTIN check digits and GS1 Digital Link build/parse, against tables of valid and invalid keys."""

from datetime import date

import pytest

from traceability import gs1

VALID_GTINS = [
    ("8930000000019", "08930000000019"),  # GTIN-13, Vietnam's prefix 893
    ("8930000000026", "08930000000026"),
    ("4006381333931", "04006381333931"),
    ("96385074", "00000096385074"),  # GTIN-8
    ("036000291452", "00036000291452"),  # GTIN-12 (UPC-A)
    ("10614141000415", "10614141000415"),  # GTIN-14
    ("09506000134352", "09506000134352"),
]
INVALID_GTINS = [
    "8930000000018",  # wrong check digit
    "4006381333932",
    "96385075",
    "036000291453",
    "10614141000416",
    "893000000001",  # 12 digits whose last is not the check digit
    "08930000000018",  # 14 digits, wrong check
    "893000000001X",
    "",
    "123",
    "893000000000190",  # 15 digits
    "８９３００００００００１９",  # full-width digits
]


@pytest.mark.parametrize(("value", "gtin14"), VALID_GTINS)
def test_valid_gtins_normalise_to_14_digits(value, gtin14):
    assert gs1.is_valid_gtin(value)
    assert gs1.to_gtin14(value) == gtin14


@pytest.mark.parametrize("value", INVALID_GTINS)
def test_invalid_gtins_are_refused(value):
    assert not gs1.is_valid_gtin(value)
    with pytest.raises(gs1.GS1Error):
        gs1.to_gtin14(value)


@pytest.mark.parametrize(("data", "digit"), [("893000000001", 9), ("400638133393", 1), ("9638507", 4)])
def test_check_digit_weights_three_one_from_the_right(data, digit):
    assert gs1.check_digit(data) == digit


ROUND_TRIPS = [
    ("8930000000019", "AK26-01", "", {}),
    ("08930000000026", "LO/1", "", {}),
    ("8930000000033", "A&B+C/2", "", {}),
    ("8930000000040", "L%1", "S-001", {}),
    ("8930000000057", "ABC", "", {"17": date(2027, 5, 31)}),
    ("8930000000064", "X'Y(Z)", "7", {"15": date(2026, 12, 1), "11": date(2026, 4, 8)}),
]


@pytest.mark.parametrize(("gtin", "lot", "serial", "attributes"), ROUND_TRIPS)
def test_digital_link_round_trip(gtin, lot, serial, attributes):
    uri = gs1.build_digital_link(
        base="https://ocop.example/", gtin=gtin, lot=lot, serial=serial, attributes=attributes
    )
    assert uri.startswith(f"https://ocop.example/01/{gs1.to_gtin14(gtin)}/10/")
    parsed = gs1.parse_digital_link(uri, today=date(2026, 11, 28))
    assert parsed.gtin == gs1.to_gtin14(gtin)
    assert parsed.lot == lot
    assert parsed.serial == serial
    assert parsed.attributes == {ai: gs1.yymmdd(day) for ai, day in attributes.items()}
    assert parsed.uri("https://ocop.example") == uri


def test_digital_link_percent_encodes_the_lot_and_keeps_qualifier_order():
    uri = gs1.build_digital_link(
        base="https://x.vn",
        gtin="8930000000019",
        lot="A&B/1",
        serial="9",
        attributes={"17": date(2027, 1, 31)},
    )
    assert uri == "https://x.vn/01/08930000000019/10/A%26B%2F1/21/9?17=270131"


@pytest.mark.parametrize(
    "path",
    [
        "/01/08930000000018/10/A",  # check digit
        "/01/abc/10/A",
        "/10/A/01/08930000000019",  # wrong order
        "/01/08930000000019/10",  # a qualifier without its value
        "/01/08930000000019/21/S/10/A",  # serial before lot
        "/01/08930000000019/10/" + "A" * 21,  # lot too long
        "/01/08930000000019/10/A/22/B",  # the variant comes before the lot
        "/01/08930000000019/10/A/11/B",  # not a qualifier
        "/01/08930000000019?15=abc",
        "/01/08930000000019?17=991399",
        "/01/08930000000019/10/A%20B",  # a space is not a GS1 lot character
        "/01/08930000000019/10/A?17=271340",  # no month 13
        "/01/08930000000019/10/A?17=27013",
    ],
)
def test_malformed_digital_links_are_refused(path):
    with pytest.raises(gs1.GS1Error):
        gs1.parse_digital_link(path, today=date(2026, 11, 28))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("270131", date(2027, 1, 31)),
        ("270200", date(2027, 2, 28)),  # DD=00: last day of the month
        ("280200", date(2028, 2, 29)),
        ("991231", date(1999, 12, 31)),  # more than 50 years ahead: last century
        ("760101", date(2076, 1, 1)),
    ],
)
def test_gs1_dates_use_the_sliding_century(value, expected):
    assert gs1.parse_yymmdd(value, today=date(2026, 11, 28)) == expected
