import pytest

from unknot.core.durations import format_clock, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [(90, 90), ("90s", 90), ("2m", 120), ("1m30s", 90), (" 1m 5s ", 65), (30.0, 30)],
)
def test_parses_durations(text: object, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "abc", "1h", "-5s", "1.5m", True, None, [1], 2.5, "s"])
def test_rejects_what_is_not_a_duration(bad: object) -> None:
    with pytest.raises(ValueError, match=r"duration|whole number"):
        parse_duration(bad)


def test_clock_format() -> None:
    assert format_clock(0) == "0:00"
    assert format_clock(125.9) == "2:05"
    assert format_clock(3725) == "1:02:05"
    assert format_clock(-3) == "0:00"
