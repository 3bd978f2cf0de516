"""Finding the verbatim provisions behind a walkthrough question, for "what the law says".

This only looks up which provisions a pack's rules cite for the facts a step asks about;
what those facts mean in law stays in the pack.
"""
from __future__ import annotations

from elements import api


def provisions_for_facts(pack, fact_ids: list[str]) -> list:
    """The pack's provisions whose rules name any of these facts, in the pack's order."""
    vocab, wanted = api.vocabulary(), set(fact_ids)
    return [p for p in pack.provisions if any(wanted & set(vocab.facts_in(r.test)) for r in p.rules)]


def provisions_for_age(pack) -> list:
    """The provisions behind the child rule and any element a child does not need."""
    return [p for p in pack.provisions if any(r.role == "child" or r.waives for r in p.rules)]
