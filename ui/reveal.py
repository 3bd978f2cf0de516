"""The classroom's order of play, as one number: the narrative alone, then for each element the
class's vote (a show of hands, unless the lecturer turned voting off) and the engine's finding,
then the outcome, then each caveat on a step of its own (a caveat is read whole, in large type:
beside the outcome it would not fit a projector's window). Forward and back step through it;
nothing here knows the law.

Positions: 0 is the narrative alone; for the i-th element (from 0) 2i+1 is its vote and 2i+2
its finding; LAST is the outcome; LAST + 1 + j is the j-th caveat (from 0), up to end(caveats).
"""
from __future__ import annotations

from typing import Optional

from elements.words import ROLES

LAST = 2 * len(ROLES) + 1
# A show of hands: how many said met, not met, and open (cannot tell from the facts).
Vote = tuple[int, int, int]
VOTE_CHOICES = ("met", "not met", "open")


def end(caveats: int = 0) -> int:
    """The last position: the outcome, or the last of its caveats."""
    return LAST + max(caveats, 0)


def kind(position: int) -> str:
    """'start', 'vote', 'finding', 'outcome' or 'caveat'."""
    if position <= 0:
        return "start"
    if position > LAST:
        return "caveat"
    if position == LAST:
        return "outcome"
    return "vote" if position % 2 else "finding"


def caveat(position: int) -> Optional[int]:
    """Which caveat (from 0) a caveat step shows."""
    return position - LAST - 1 if kind(position) == "caveat" else None


def role(position: int) -> Optional[str]:
    """The element a vote or a finding is about."""
    if kind(position) not in ("vote", "finding"):
        return None
    return ROLES[(position - 1) // 2]


def revealed(position: int) -> int:
    """How many elements' findings are shown (all of them at the outcome)."""
    return min(max(position, 0) // 2, len(ROLES))


def settle(position: int, voting: bool, caveats: int = 0) -> int:
    """The position as shown: with voting off, a vote on screen gives way to the step before;
    past the last caveat (a framework with caveats of its own turned off), the last step."""
    position = max(0, min(position, end(caveats)))
    return position - 1 if not voting and kind(position) == "vote" else position


def forward(position: int, voting: bool, caveats: int = 0) -> int:
    after = settle(position, voting, caveats) + 1
    if not voting and kind(after) == "vote":
        after += 1
    return min(after, end(caveats))


def backward(position: int, voting: bool, caveats: int = 0) -> int:
    before = settle(position, voting, caveats) - 1
    if not voting and kind(before) == "vote":
        before -= 1
    return max(before, 0)


def counted(met: int, not_met: int, open_: int) -> Optional[Vote]:
    """The counts as a vote; no hands counted at all is no vote taken."""
    vote = (int(met), int(not_met), int(open_))
    return vote if any(vote) else None


def vote_words(vote: Optional[Vote]) -> str:
    if vote is None:
        return "no vote taken"
    return " · ".join(f"{choice} {count}" for choice, count in zip(VOTE_CHOICES, vote))
