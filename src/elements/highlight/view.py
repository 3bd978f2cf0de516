"""Showing the highlights: the text cut where phrases start and end, for a view to mark."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .reader import Suggestion


class Segment(BaseModel):
    """A stretch of the text, and the suggestions (by index) whose phrase covers it."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    text: str
    suggestions: tuple[int, ...] = ()


def segments(text: str, suggestions: list[Suggestion]) -> list[Segment]:
    """The whole text cut into consecutive segments at every phrase boundary, so a view can
    mark the highlighted ones (overlapping phrases included) without rebuilding the text."""
    cuts = {0, len(text)}
    for s in suggestions:
        cuts.update((max(0, min(s.start, len(text))), max(0, min(s.end, len(text)))))
    points = sorted(cuts)
    out: list[Segment] = []
    for a, b in zip(points, points[1:]):
        if a == b:
            continue
        covering = tuple(i for i, s in enumerate(suggestions) if s.start <= a and b <= s.end)
        out.append(Segment(start=a, end=b, text=text[a:b], suggestions=covering))
    return out


class Mark(BaseModel):
    """One piece of the text as a view shows it: plain or marked, on one line, followed by the
    numbers (indexes) of the phrases that end with it."""

    model_config = ConfigDict(frozen=True)

    text: str
    marked: bool = False
    ends: tuple[int, ...] = ()


def marks(text: str, suggestions: list[Suggestion]) -> list[Mark]:
    """The text as plain and marked pieces, for markup that cannot nest or span lines.

    Overlapping phrases become one marked stretch, broken only where a phrase ends (its number
    follows there) and at line breaks. A marked piece never starts or ends with whitespace,
    which goes into a plain piece (Markdown's emphasis, for one, does not close after a space).
    The pieces' texts, joined, are the text.
    """
    pieces: list[Mark] = []
    for seg in segments(text, suggestions):
        if not seg.suggestions:
            pieces.append(Mark(text=seg.text))
            continue
        first = len(pieces)
        for n, line in enumerate(seg.text.split("\n")):
            if n:
                pieces.append(Mark(text="\n"))
            body = line.strip()
            if not body:
                pieces.append(Mark(text=line))
                continue
            at = line.index(body)
            pieces += [Mark(text=line[:at]), Mark(text=body, marked=True), Mark(text=line[at + len(body):])]
        ends = tuple(i for i in seg.suggestions if suggestions[i].end == seg.end)
        if ends:  # a reader's phrase ends with its last word, so its number follows that word
            marked = [i for i in range(first, len(pieces)) if pieces[i].marked]
            if marked:
                pieces[marked[-1]] = pieces[marked[-1]].model_copy(update={"ends": ends})
            else:  # a phrase of whitespace only: its number still shows
                pieces.append(Mark(text="", ends=ends))
    return _joined([p for p in pieces if p.text or p.ends])


def _joined(pieces: list[Mark]) -> list[Mark]:
    """Neighbours of one kind as one piece; a marked stretch goes on over the spaces in it."""
    out: list[Mark] = []
    for piece in pieces:
        if out and not out[-1].ends and out[-1].marked == piece.marked:
            out[-1] = Mark(text=out[-1].text + piece.text, marked=piece.marked, ends=piece.ends)
        elif (
            piece.marked and len(out) >= 2 and out[-2].marked and not out[-2].ends
            and not out[-1].marked and out[-1].text.isspace() and "\n" not in out[-1].text
        ):
            space = out.pop()
            out[-1] = Mark(text=out[-1].text + space.text + piece.text, marked=True, ends=piece.ends)
        else:
            out.append(piece)
    return out
