"""The age a narrative states for a person ("she was 16", "a 14-year-old", "aged fifteen")."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict

from .pipeline import LOCK, Compiled, compiled, nlp


class AgeSuggestion(BaseModel):
    model_config = ConfigDict(frozen=True)

    age: int
    start: int
    end: int
    text: str
    pattern: str
    # True when the age is what someone said or claimed ("she says she is 19"): offered, but
    # never the one propose_age() picks.
    reported: bool = False
    cue: Optional[str] = None


def age_candidates(text: str) -> list[AgeSuggestion]:
    """Every phrase that seems to state a person's age, in the order they appear."""
    if not text or not text.strip():
        return []
    with LOCK:
        lexicon = compiled()
        doc = nlp()(text)
        matches = lexicon.age_matcher(doc, with_alignments=True)
    found: dict[int, AgeSuggestion] = {}
    for match_id, start, end, alignments in sorted(matches, key=lambda m: (m[1], -m[2])):
        pattern = lexicon.patterns[match_id][0].text
        age_index = [t.rstrip("?") for t in pattern.split()].index("AGE")
        tokens = [doc[start + k] for k, a in enumerate(alignments) if a == age_index]
        if not tokens or tokens[0].i in found:
            continue
        age = number(tokens[0].text, lexicon.lexicon.numbers)
        if age is None or not 0 <= age <= 130:
            continue
        span = doc[start:end]
        cue = _reported_cue(lexicon, doc, start)
        found[tokens[0].i] = AgeSuggestion(
            age=age, start=span.start_char, end=span.end_char, text=span.text, pattern=pattern,
            reported=cue is not None, cue=cue,
        )
    return [found[i] for i in sorted(found)]


def _reported_cue(compiled: Compiled, doc, start: int) -> Optional[str]:
    """The word that makes the age at doc[start] something someone said ("she says she is
    19", "told him she was 19"): a reported word before it, with a subject between, so that
    an age given beside a name ("told Linh, 24, that ...") stays the narrative's own."""
    reported = compiled.lexicon.ages.reported
    subjects = compiled.word_set("SUBJECT")
    first = max(doc[start].sent.start, start - compiled.lexicon.negation.window)
    subject_seen = False
    for j in range(start - 1, first - 1, -1):
        token = doc[j]
        if token.lower_ in reported or token.lemma_ in reported:
            return token.text if subject_seen else None
        subject_seen = subject_seen or token.lower_ in subjects
    return None


def propose_age(text: str) -> Optional[int]:
    """The age the narrative first states for a person ("she was 16", "a 14-year-old"), or None.

    A proposal only: the age that matters is the age at the time of the conduct, which a person
    must confirm. When a narrative gives several ages, the first is proposed; an age someone
    only said or claimed ("she says she is 19") is never proposed.
    """
    candidates = [c for c in age_candidates(text) if not c.reported]
    return candidates[0].age if candidates else None


def number(text: str, words: dict[str, int]) -> Optional[int]:
    """'16' -> 16; 'sixteen' -> 16 with the lexicon's number words; anything else -> None."""
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return words.get(text)
