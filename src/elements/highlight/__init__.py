"""Narrative highlighting: phrases in a free-text narrative that suggest facts, proposed for a
person to confirm.

Nothing here sets a fact. `highlight(text)` returns Suggestions (a fact id, the value it would
propose, and the span of text that suggested it); `propose_age(text)` returns an age the text
seems to state. A person reads each one and decides; only `confirm()` turns the suggestions a
person accepted into answers, and it returns a new mapping rather than changing one.

The phrases and every English word list are data, in rules/phrases.yaml. The modules:
    lexicon    its schema and loader
    pipeline   the blank spaCy pipeline (no model, nothing downloaded) and the pattern compiler
    scope      clauses, negations and hedges, and what makes a phrase a threat
    reader     highlight(): the matches, kept or set aside
    ages       age_candidates(), propose_age()
    proposals  proposed_facts(), confirm()
    view       segments(), marks(): the text cut for a view to mark
"""
from .ages import AgeSuggestion, age_candidates, propose_age
from .lexicon import load_lexicon
from .proposals import confirm, proposed_facts
from .reader import Suggestion, highlight
from .view import Mark, Segment, marks, segments

__all__ = [
    "AgeSuggestion",
    "Mark",
    "Segment",
    "Suggestion",
    "age_candidates",
    "confirm",
    "highlight",
    "load_lexicon",
    "marks",
    "propose_age",
    "proposed_facts",
    "segments",
]
