from unknot.core.words import noun, plural


def test_plural() -> None:
    assert [plural(n, "move") for n in (0, 1, 2)] == ["0 moves", "1 move", "2 moves"]
    assert plural(1, "hold") == "1 hold" and plural(3, "hold") == "3 holds"
    assert plural(2, "body area", "body areas") == "2 body areas"
    assert noun(1, "session") == "session" and noun(5, "session") == "sessions"
