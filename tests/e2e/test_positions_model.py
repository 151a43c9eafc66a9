"""The suite's own position model (conftest.py), checked on its own: a wrong model would make
every other test wrong in the same way as the server."""

from conftest import apply_edits, offset_of, position_of, rng, split_lines, units
from lsprotocol import types as T

LINE = "“Hi” — 😀👍🏽!"


def test_code_units_of_wide_characters():
    assert [units(c, "utf-16") for c in "“”—😀👍🏽"] == [1, 1, 1, 2, 2, 2]
    assert [units(c, "utf-8") for c in "“”—😀👍🏽"] == [3, 3, 3, 4, 4, 4]


def test_positions_round_trip_in_both_encodings():
    text = "a\r\n" + LINE + "\nz"
    i = text.index("!")
    # UTF-16: “ H i ” sp — sp 😀(2) 👍🏽(4) = 13; UTF-8: 3+2+3+1+3+1+4+8 = 25.
    assert position_of(text, i, "utf-16") == T.Position(line=1, character=13)
    assert position_of(text, i, "utf-8") == T.Position(line=1, character=25)
    assert offset_of(text, T.Position(line=1, character=13), "utf-16") == i
    assert offset_of(text, T.Position(line=1, character=25), "utf-8") == i
    # Past the line end clamps to the line end; past the last line to the end of the text.
    assert offset_of(text, T.Position(line=0, character=99), "utf-16") == 1
    assert offset_of(text, T.Position(line=9, character=0), "utf-8") == len(text)
    assert split_lines("a\r\nb\rc\n") == ["a\r\n", "b\r", "c\n", ""]


def test_edits_apply_against_the_original_text():
    text = "one two three"
    edits = [
        T.TextEdit(range=rng(0, 8, 0, 13), new_text="3"),
        T.TextEdit(range=rng(0, 0, 0, 3), new_text="1"),
    ]
    assert apply_edits(text, edits, "utf-16") == "1 two 3"
