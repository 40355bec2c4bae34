"""A file's lines are split a piece at a time (the window keeps drawing), and come out the same."""

from __future__ import annotations

import random

import pytest

from companion.interchange import LINE_BREAKS, split_lines
from companion.interchange.vcard import parse_vcards


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 8, 64 * 1024])
def test_every_kind_of_line_end_comes_out_as_one_split_at_any_piece_size(piece: int) -> None:
    rng = random.Random(piece)
    ends = ["\n", "\r\n", "\r\r\n", "\r", ""]
    for _ in range(300):
        text = "".join(
            rng.choice(["Jo", "é", " ", "", "BEGIN:VCARD"]) + rng.choice(ends)
            for _ in range(rng.randrange(12))
        )
        assert split_lines(text, piece) == LINE_BREAKS.split(text), repr(text)


def test_a_break_is_never_cut_in_two_where_a_piece_ends() -> None:
    # The piece ends after the line feed of CR CR LF and of CR LF, never between the CRs.
    assert split_lines("ab\r\r\ncd\r\nef\rgh", 2) == ["ab", "cd", "ef", "gh"]
    assert split_lines("a\r\r\n\r\nb\n", 1) == ["a", "", "b", ""]
    assert split_lines("", 1) == [""]


def test_a_large_file_reads_the_same_people_as_before() -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nTEL:+44 20 7946 {n:04d}\r\n"
        "NOTE:a long note that is folded\r\n  onto a second line\r\nEND:VCARD\r\n"
        for n in range(3000)
    )
    read = parse_vcards(cards.encode())  # about 400 kB: several pieces
    assert len(cards) > 3 * 64 * 1024
    assert read.problems == []
    assert [p.name for p in read.people] == [f"Person {n}" for n in range(3000)]
    assert read.people[-1].notes == "a long note that is folded onto a second line"
