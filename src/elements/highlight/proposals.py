"""From proposals to answers: only what a person accepted becomes an answer."""
from __future__ import annotations

from typing import Iterable, Mapping, Optional

from ..vocabulary import vocabulary
from .reader import Suggestion


def proposed_facts(suggestions: Iterable[Suggestion]) -> dict[str, list[Suggestion]]:
    """Suggestions grouped by fact, in the vocabulary's order; negated ones left out."""
    order = {fact_id: i for i, fact_id in enumerate(vocabulary().ids)}
    grouped: dict[str, list[Suggestion]] = {}
    for s in suggestions:
        if not s.negated:
            grouped.setdefault(s.fact, []).append(s)
    return dict(sorted(grouped.items(), key=lambda kv: order.get(kv[0], len(order))))


def confirm(
    facts: Mapping[str, Optional[bool]],
    suggestions: Iterable[Suggestion],
    accepted: Iterable[str],
) -> dict[str, Optional[bool]]:
    """A new facts mapping: `facts` plus the accepted proposals, each set to its proposed value.

    Only facts a person accepted, and that some non-negated suggestion proposed, are set;
    everything else is left as it was (an unanswered fact stays unknown). `facts` is not changed.
    """
    proposals = proposed_facts(suggestions)
    out = dict(facts)
    for fact_id in accepted:
        if fact_id not in proposals:
            raise ValueError(f"{fact_id} was not proposed by any highlighted phrase")
        out[fact_id] = proposals[fact_id][0].value
    return out
