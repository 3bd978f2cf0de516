"""The segment renderer: the text cut into plain and marked pieces for a view, overlapping
phrases included, so that markup is never nested, never left open and never spans a line."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from elements.highlight import Mark, Suggestion, highlight, marks


def phrase(text: str, start: int, end: int, fact: str = "means.other_coercion") -> Suggestion:
    return Suggestion(fact=fact, start=start, end=end, text=text[start:end], pattern="test")


def check_pieces(text: str, suggestions: list[Suggestion], pieces: list[Mark]) -> None:
    assert "".join(p.text for p in pieces) == text, "nothing lost, nothing added"
    for p in pieces:
        if p.marked:
            assert p.text and p.text == p.text.strip(), "a marked piece neither starts nor ends with a space"
            assert "\n" not in p.text, "a marked piece stays on one line"
    numbered = [i for p in pieces for i in p.ends]
    assert sorted(numbered) == list(range(len(suggestions))), "every phrase numbered once"
    at = 0
    for p in pieces:  # each number follows the piece where its phrase ends
        at += len(p.text)
        for i in p.ends:
            assert text[:suggestions[i].end].rstrip() == text[:at].rstrip()
    for a, b in zip(pieces, pieces[1:]):
        assert not (a.marked and b.marked and not a.ends), "neighbouring marks are joined, not stacked"


def test_overlapping_phrases_are_one_marked_stretch():
    text = "He paid for the tickets and took her passport."
    suggestions = [
        phrase(text, 3, 23, "action.transportation"),  # paid for the tickets
        phrase(text, 16, 23, "movement.travel"),  # tickets
        phrase(text, 16, 45, "means.fraud"),  # tickets and took her passport
        phrase(text, 28, 45, "means.other_coercion"),  # took her passport
    ]
    pieces = marks(text, suggestions)
    check_pieces(text, suggestions, pieces)
    marked = [p.text for p in pieces if p.marked]
    assert marked == ["paid for the tickets", "and took her passport"]
    assert [p.ends for p in pieces if p.marked] == [(0, 1), (2, 3)]


def test_a_phrase_over_a_line_break_is_marked_on_each_line():
    text = "He took her\npassport away."
    pieces = marks(text, [phrase(text, 3, 20)])
    check_pieces(text, [phrase(text, 3, 20)], pieces)
    assert [p.text for p in pieces if p.marked] == ["took her", "passport"]


def test_a_phrase_of_spaces_only_still_gets_its_number():
    text = "a   b"
    suggestions = [phrase(text, 1, 4)]
    pieces = marks(text, suggestions)
    assert "".join(p.text for p in pieces) == text
    assert [i for p in pieces for i in p.ends] == [0] and not any(p.marked for p in pieces)


def test_plain_text_is_one_plain_piece():
    assert marks("Nothing here.", []) == [Mark(text="Nothing here.")]
    assert marks("", []) == []


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_phrases_render_cleanly(data):
    text = data.draw(st.text(alphabet="ab \n*_", min_size=1, max_size=40))
    words = [i for i, c in enumerate(text) if not c.isspace()]
    spans = []
    for _ in range(data.draw(st.integers(0, 5))):
        if not words:
            break
        a = data.draw(st.sampled_from(words))
        b = data.draw(st.sampled_from([i for i in words if i >= a]))
        spans.append((a, b + 1))  # a phrase starts and ends on a word, as the reader's do
    suggestions = [phrase(text, a, b) for a, b in spans]
    check_pieces(text, suggestions, marks(text, suggestions))


def test_the_readers_own_overlaps_render_cleanly():
    text = ("He paid for the tickets, drove her to hotels every night and back, kept her passport "
            "for safekeeping, and said that if she left he would post intimate videos of her online.")
    suggestions = highlight(text)
    assert any(a.start < b.end and b.start < a.end and a is not b for a in suggestions for b in suggestions)
    check_pieces(text, suggestions, marks(text, suggestions))
