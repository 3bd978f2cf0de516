"""Reading a narrative: the phrases that suggest facts, each a Suggestion for a person to confirm.

A phrase of the lexicon's `facts` is proposed unless a negation or hedge in its clause takes
it back ("did not take her passport", "it is not known whether anyone threatened him"), or a
`veto` pattern overlaps it ("she keeps her passport", "her mother agreed"). A phrase of the
lexicon's `threats` (harm promised: "I will kill you", "the police would deport her") is
proposed only where scope.Scope finds it a threat: after a condition, in someone's words.
A plain phrase of the lexicon's `beside` ("repay", "picked them up", "twelve hours a day") is
proposed only where another phrase proposes a sign of exploitation or control.
"""
from __future__ import annotations

import bisect

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .pipeline import LOCK, Pattern, compiled, nlp
from .scope import Scope


class Suggestion(BaseModel):
    """One phrase that suggests a fact. A proposal for a person to confirm, never an answer."""

    model_config = ConfigDict(frozen=True)

    fact: str
    value: Literal[True] = True
    start: int = Field(description="character offset where the phrase starts")
    end: int = Field(description="character offset just past the phrase")
    text: str
    pattern: str
    negated: bool = False
    cue: Optional[str] = Field(default=None, description="the negation, hedge or fear word, when negated")


def highlight(text: str, *, include_negated: bool = False) -> list[Suggestion]:
    """Phrases in `text` that suggest facts, in the order they appear.

    Each Suggestion proposes one fact as true, for a person to confirm. A phrase under a
    negation or hedge in its clause is left out, or, with include_negated=True, returned with
    negated=True and the cue that caused it.
    """
    if not text or not text.strip():
        return []
    with LOCK:
        lexicon = compiled()
        doc = nlp()(text)
        matches = lexicon.matcher(doc)
        vetoes: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in lexicon.veto_matcher(doc):
            for pattern in lexicon.patterns[match_id]:
                vetoes.setdefault(pattern.fact, []).append((start, end))
        cues = lexicon.cue_matcher(doc) if lexicon.lexicon.compose else []
    scope = Scope(lexicon, doc)
    owned = set(lexicon.lexicon.own.facts)
    found: dict[tuple[str, int, int], Suggestion] = {}
    threats: list[tuple[int, int]] = []  # the character spans of harm promised, not done
    for match_id, start, end in matches:
        for pattern in lexicon.patterns[match_id]:
            if _overlaps(vetoes.get(pattern.fact, ()), start, end):
                continue
            if pattern.fact in owned and scope.owns(start, end):
                continue  # the person's own, kept: "(he) ... kept his passport"
            seen, cue = _reading(pattern, scope, start, end)
            if not seen or (cue and not include_negated):
                continue
            span = doc[start:end]
            if pattern.kind == "threat" and not cue:
                threats.append((span.start_char, span.end_char))
            key = (pattern.fact, span.start_char, span.end_char)
            if key not in found or (found[key].negated and not cue):
                found[key] = Suggestion(
                    fact=pattern.fact, start=span.start_char, end=span.end_char, text=span.text,
                    pattern=pattern.text, negated=cue is not None, cue=cue,
                )
    instead_of = set(lexicon.lexicon.threats.instead_of)
    done = [s for s in found.values() if not (s.fact in instead_of and _overlaps(threats, s.start, s.end))]
    done = _beside(done, lexicon.beside, lexicon.lexicon.implies)
    done += _implied(done, lexicon.lexicon.implies)
    composed = _composed(lexicon, doc, scope, cues, done)
    done += composed + _implied(composed, lexicon.lexicon.implies)
    return _longest(_required(done, lexicon.lexicon.requires))


def _beside(suggestions: list[Suggestion], beside, implies) -> list[Suggestion]:
    """Without the plain phrases of the lexicon's `beside` ("repay", "picked them up") where no
    other phrase of the narrative proposes a sign of exploitation or control. Plain phrases
    never vouch for each other: "she owed her cousin and repaid him" is a loan."""
    if not beside:
        return suggestions
    plain = [s for s in suggestions if (s.fact, s.pattern) in beside]
    if not plain:
        return suggestions
    signs_of = [s for s in suggestions if (s.fact, s.pattern) not in beside and not s.negated]
    proposed = {s.fact for s in signs_of} | {s.fact for s in _implied(signs_of, implies)}
    return [s for s in suggestions
            if (s.fact, s.pattern) not in beside or s.negated or proposed & beside[(s.fact, s.pattern)]]


def _required(suggestions: list[Suggestion], requires: dict[str, list[str]]) -> list[Suggestion]:
    """Without the proposals of a fact the lexicon's `requires` ties to others, when the
    narrative proposes none of those others: nothing took the phrase back, but it is not
    enough alone."""
    proposed = {s.fact for s in suggestions if not s.negated}
    return [s for s in suggestions if not (requires.get(s.fact) and not proposed.intersection(requires[s.fact]))]


def _composed(lexicon, doc, scope: Scope, cues, done: list[Suggestion]) -> list[Suggestion]:
    """Facts read from two things the narrative says (the lexicon's `compose`): a means of
    coercion, and work or a service (a cue phrase not taken back, or a fact proposed) in the
    same sentence, where the means can be what the work was done under. A means anywhere else
    in the narrative proves nothing of the work: "she works as an escort. Years ago a former
    boyfriend hit her" is no forced labour."""
    proposed = {s.fact for s in done if not s.negated}
    starts = [sent.start_char for sent in doc.sents]

    def sentence_of(char: int) -> int:
        """The first character of the sentence that holds `char`."""
        return starts[bisect.bisect_right(starts, char) - 1]

    out: list[Suggestion] = []
    for fact_id, rules in lexicon.lexicon.compose.items():
        if fact_id in proposed:
            continue
        for rule in rules:
            means_at = {}  # sentence -> the first means proposed in it
            for s in done:
                if s.fact in rule.facts and not s.negated:
                    means_at.setdefault(sentence_of(s.start), s.fact)
            if not means_at:
                continue
            work = [s for s in done if s.fact in rule.with_facts and not s.negated and sentence_of(s.start) in means_at]
            if work:
                means = means_at[sentence_of(work[0].start)]
                out.append(work[0].model_copy(update={"fact": fact_id, "pattern": f"{work[0].pattern} (with {means})"}))
                break
            for match_id, start, end in sorted(cues, key=lambda m: m[1]):
                pattern = lexicon.patterns[match_id][0]
                if pattern.fact != fact_id or pattern.text not in rule.cues or scope.negation_cue(start, end, conditions=False):
                    continue
                means = means_at.get(sentence_of(doc[start].idx))
                if means is None:
                    continue
                span = doc[start:end]
                out.append(Suggestion(fact=fact_id, start=span.start_char, end=span.end_char, text=span.text,
                                      pattern=f"{pattern.text} (with {means})"))
                break
            if out and out[-1].fact == fact_id:
                break
    return out


def _implied(suggestions: list[Suggestion], implies: dict[str, list[str]]) -> list[Suggestion]:
    """What the proposed phrases propose besides, by the lexicon's `implies` (followed
    through: what an implied fact implies is implied too). Only from phrases not taken back."""
    out: list[Suggestion] = []
    for s in suggestions:
        if s.negated:
            continue
        seen, todo = {s.fact}, list(implies.get(s.fact, ()))
        while todo:
            fact = todo.pop()
            if fact in seen:
                continue
            seen.add(fact)
            todo += implies.get(fact, ())
            out.append(s.model_copy(update={"fact": fact, "pattern": f"{s.pattern} (as {s.fact})"}))
    return out


def _reading(pattern: Pattern, scope: Scope, start: int, end: int) -> tuple[bool, Optional[str]]:
    """(whether the phrase is one to show at all, the cue that takes it back if any)."""
    cue = None
    if pattern.kind == "threat":
        threat, cue = scope.threat_context(start)
        if not threat and cue is None:
            return False, None  # harm told, not promised: no threat to show
    # A condition makes a threat of harm promised, and states a purpose (an intent).
    conditions = pattern.kind != "threat" and pattern.fact.split(".")[0] not in scope.negation.conditions_spare
    return True, cue or scope.negation_cue(start, end, conditions)


def _overlaps(spans, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _longest(suggestions) -> list[Suggestion]:
    """Where phrases of one fact overlap, the longest: one highlight per phrase. A phrase set
    aside that overlaps one proposed for the same fact is left out, as nothing new."""
    kept: list[Suggestion] = []
    for s in sorted(suggestions, key=lambda s: (s.fact, s.negated, s.start, -(s.end - s.start))):
        if any(k.fact == s.fact and k.start < s.end and s.start < k.end for k in kept[-8:]):
            continue
        kept.append(s)
    return sorted(kept, key=lambda s: (s.start, s.end, s.fact))
