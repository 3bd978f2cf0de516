"""Narrative highlighting: phrases in a free-text narrative that suggest facts, proposed for a
person to confirm.

Nothing here sets a fact. `highlight(text)` returns Suggestions (a fact id, the value it would
propose, and the span of text that suggested it); `propose_age(text)` returns an age the text
seems to state. A person reads each one and decides; only `confirm()` turns the suggestions a
person accepted into answers, and it returns a new mapping rather than changing one.

The phrases are data, in rules/phrases.yaml (fact id -> patterns). They are matched with
spaCy's rule-based Matcher on a blank English pipeline with the lookup lemmatizer from
spacy-lookups-data: no statistical model, nothing downloaded. A phrase that follows a negation
or a hedge in the same clause ("did not take her passport", "it is not known whether anyone
threatened him") is not proposed; `include_negated=True` returns it flagged, so a view can show
that it was seen and set aside.

Pattern syntax (one string per pattern, tokens separated by spaces):
    took            any form of the word (matched on its lemma: take, takes, took, taken)
    =was            exactly this word form (lower case); =was|were: exactly one of these
    take|keep|hold  any one of these words
    her?            an optional token (also: =her? or her|his?)
    ...             a gap of up to three words (no punctuation, no "own", "but")
    NUM             a number ("16", "twelve")
    AGE             (age patterns only) the number that is the age
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import PackError, from_validation
from .vocabulary import vocabulary
from .yamlfile import read_mapping, rules_dir

GAP_MAX = 3
GAP_STOP = ["own", "but", "not", "never", "n't", "no"]


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
    cue: Optional[str] = Field(default=None, description="the negation or hedge word, when negated")


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


# ---------------------------------------------------------------- the lexicon (rules/phrases.yaml)


class Negation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cues: list[str] = Field(min_length=1)
    hedges: list[str] = Field(default_factory=list)
    boundaries: list[str] = Field(default_factory=list)
    window: int = Field(default=8, ge=1, le=30)
    # Words that make an age something a person said rather than a fact ("she says she is 19").
    reported: list[str] = Field(default_factory=list)


class Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    negation: Negation
    age: list[str] = Field(min_length=1)
    facts: dict[str, list[str]]
    # fact id -> patterns that cancel a match of that fact where they overlap it
    # ("she keeps her passport" is not someone else taking it).
    veto: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("facts", "veto")
    @classmethod
    def _known_facts(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        known = set(vocabulary().ids)
        for fact_id, patterns in value.items():
            if fact_id not in known:
                raise ValueError(f"unknown fact id {fact_id} (see rules/vocabulary.yaml)")
            if not patterns:
                raise ValueError(f"{fact_id}: no patterns")
        return value

    @field_validator("age")
    @classmethod
    def _age_marked(cls, value: list[str]) -> list[str]:
        for pattern in value:
            if pattern.split().count("AGE") != 1:
                raise ValueError(f"age pattern {pattern!r} must contain AGE exactly once")
        return value


def load_lexicon(path: Path | None = None) -> Lexicon:
    path = path or rules_dir() / "phrases.yaml"
    data = read_mapping(path, PackError)
    try:
        return Lexicon.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, str(path), PackError) from None


# ---------------------------------------------------------------- the pipeline


_LOCK = threading.RLock()


@lru_cache(maxsize=1)
def _nlp():
    """A blank English pipeline: sentence splitter and lookup lemmas, lower-cased. No model."""
    import spacy
    from spacy.language import Language

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lemma table from spacy-lookups-data, installed with the package
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")

    if not Language.has_factory("elements_lower_lemma"):

        @Language.component("elements_lower_lemma")
        def lower_lemma(doc):
            # The lookup table is case-sensitive ("Took" has no entry): look up the lower case.
            for token in doc:
                lower = token.lower_
                token.lemma_ = table.get(lower, lower) if lower.isalpha() else lower
            return doc

    nlp.add_pipe("elements_lower_lemma", last=True)
    return nlp


def _lemma(word: str) -> str:
    table = _nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    word = word.lower()
    return table.get(word, word)


def _token_spec(token: str, *, age: bool = False) -> list[dict]:
    """One token of the pattern syntax -> one or more spaCy Matcher token dicts."""
    if token == "...":
        return [{"IS_PUNCT": False, "LOWER": {"NOT_IN": GAP_STOP}, "OP": "{0,%d}" % GAP_MAX}]
    optional = token.endswith("?") and len(token) > 1
    if optional:
        token = token[:-1]
    if token == "NUM" or (age and token == "AGE"):
        spec: dict[str, Any] = {"LIKE_NUM": True}
    elif token.startswith("="):
        words = [w.lstrip("=") for w in token[1:].lower().split("|")]
        spec = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
    else:
        words = sorted({_lemma(w) for w in token.split("|") if w})
        if not words:
            raise ValueError(f"empty token in pattern: {token!r}")
        spec = {"LEMMA": words[0]} if len(words) == 1 else {"LEMMA": {"IN": words}}
    if optional:
        spec["OP"] = "?"
    return [spec]


def compile_pattern(pattern: str, *, age: bool = False) -> list[dict]:
    specs: list[dict] = []
    for token in pattern.split():
        specs += _token_spec(token, age=age)
    if not specs or all(s.get("OP") in ("?", "{0,%d}" % GAP_MAX) for s in specs):
        raise ValueError(f"pattern {pattern!r} matches nothing definite")
    return specs


class _Compiled:
    def __init__(self, lexicon: Lexicon, source: str):
        from spacy.matcher import Matcher

        nlp = _nlp()
        self.lexicon = lexicon
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.age_matcher = Matcher(nlp.vocab, validate=True)
        self.veto_matcher = Matcher(nlp.vocab, validate=True)
        self.keys: dict[int, tuple[str, str]] = {}

        def add(matcher, key: str, name: str, pattern: str, field: str, age: bool = False) -> None:
            try:
                matcher.add(key, [compile_pattern(pattern, age=age)])
            except ValueError as exc:  # a bad pattern names its file and place, never a traceback
                raise PackError(source, field, str(exc)) from None
            self.keys[nlp.vocab.strings[key]] = (name, pattern)

        for fact_id, patterns in lexicon.facts.items():
            for index, pattern in enumerate(patterns):
                add(self.matcher, f"{fact_id}#{index}", fact_id, pattern, f"facts.{fact_id}[{index}]")
        for fact_id, patterns in lexicon.veto.items():
            for index, pattern in enumerate(patterns):
                add(self.veto_matcher, f"veto:{fact_id}#{index}", fact_id, pattern, f"veto.{fact_id}[{index}]")
        for index, pattern in enumerate(lexicon.age):
            add(self.age_matcher, f"age#{index}", "age", pattern, f"age[{index}]", age=True)
        neg = lexicon.negation
        self.cues = {c.lower() for c in neg.cues}
        self.hedges = {h.lower() for h in neg.hedges}
        self.boundaries = {b.lower() for b in neg.boundaries}
        self.window = neg.window
        self.reported = {r.lower() for r in neg.reported}


@lru_cache(maxsize=4)
def _compiled_for(path: str) -> _Compiled:
    return _Compiled(load_lexicon(Path(path)), path)


def _compiled() -> _Compiled:
    """The lexicon of the current rules folder, compiled once per process, as the packs are."""
    return _compiled_for(str(rules_dir() / "phrases.yaml"))


SUBJECTS = {"i", "you", "he", "she", "it", "we", "they", "someone", "somebody", "anyone"}


def _clause_start(doc, i: int, boundaries: set[str]) -> int:
    """The first token of the clause that token i is in (looking back only)."""
    sent_start = doc[i].sent.start
    j = i - 1
    while j >= sent_start:
        tok = doc[j]
        low = tok.lower_
        if low in boundaries:
            return j + 1
        if low == "and" and j - 1 >= sent_start and doc[j - 1].text == ",":
            return j + 1  # "never paid, never went to school, and had no papers"
        # "..., and she kept", "..., he took": a new subject starts a new clause
        if low in {",", "and", "or"} and j + 1 < i:
            nxt = doc[j + 1]
            if nxt.lower_ in SUBJECTS or (nxt.is_title and nxt.lower_ not in {"i"} and nxt.i != sent_start):
                return j + 1
        j -= 1
    return sent_start


def _negation_cue(compiled: _Compiled, doc, start: int) -> Optional[str]:
    first = max(_clause_start(doc, start, compiled.boundaries), start - compiled.window)
    for j in range(start - 1, first - 1, -1):
        tok = doc[j]
        if tok.lower_ in compiled.cues or tok.lemma_ in compiled.cues:
            return tok.text
        if tok.lower_ in compiled.hedges:
            return tok.text
    return None


def _doc(text: str):
    with _LOCK:
        return _nlp()(text)


def highlight(text: str, *, include_negated: bool = False) -> list[Suggestion]:
    """Phrases in `text` that suggest facts, in the order they appear.

    Each Suggestion proposes one fact as true, for a person to confirm. A phrase under a
    negation or hedge in its clause is left out, or, with include_negated=True, returned with
    negated=True and the cue that caused it.
    """
    if not text or not text.strip():
        return []
    with _LOCK:
        compiled = _compiled()
        doc = _nlp()(text)
        matches = compiled.matcher(doc)
        vetoes: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in compiled.veto_matcher(doc):
            vetoes.setdefault(compiled.keys[match_id][0], []).append((start, end))
    out: dict[tuple[str, int, int], Suggestion] = {}
    for match_id, start, end in matches:
        fact_id, pattern = compiled.keys[match_id]
        if any(vs < end and start < ve for vs, ve in vetoes.get(fact_id, ())):
            continue
        cue = _negation_cue(compiled, doc, start)
        if cue and not include_negated:
            continue
        span = doc[start:end]
        key = (fact_id, span.start_char, span.end_char)
        if key in out:
            continue
        out[key] = Suggestion(
            fact=fact_id, start=span.start_char, end=span.end_char, text=span.text,
            pattern=pattern, negated=cue is not None, cue=cue,
        )
    # Where spans of one fact overlap, keep the longest: one highlight per phrase.
    kept: list[Suggestion] = []
    for s in sorted(out.values(), key=lambda s: (s.fact, s.start, -(s.end - s.start))):
        if kept and kept[-1].fact == s.fact and s.start < kept[-1].end and s.negated == kept[-1].negated:
            continue
        kept.append(s)
    return sorted(kept, key=lambda s: (s.start, s.end, s.fact))


def age_candidates(text: str) -> list[AgeSuggestion]:
    """Every phrase that seems to state a person's age, in the order they appear."""
    if not text or not text.strip():
        return []
    with _LOCK:
        compiled = _compiled()
        doc = _nlp()(text)
        matches = compiled.age_matcher(doc, with_alignments=True)
    found: dict[int, AgeSuggestion] = {}
    for match_id, start, end, alignments in sorted(matches, key=lambda m: (m[1], -m[2])):
        _, pattern = compiled.keys[match_id]
        age_index = [t.rstrip("?") for t in pattern.split()].index("AGE")
        tokens = [doc[start + k] for k, a in enumerate(alignments) if a == age_index]
        if not tokens or tokens[0].i in found:
            continue
        age = _number(tokens[0].text)
        if age is None or not 0 <= age <= 130:
            continue
        span = doc[start:end]
        cue = _reported_cue(compiled, doc, start)
        found[tokens[0].i] = AgeSuggestion(
            age=age, start=span.start_char, end=span.end_char, text=span.text, pattern=pattern,
            reported=cue is not None, cue=cue,
        )
    return [found[i] for i in sorted(found)]


def _reported_cue(compiled: _Compiled, doc, start: int) -> Optional[str]:
    first = max(doc[start].sent.start, start - compiled.window)
    for j in range(start - 1, first - 1, -1):
        if doc[j].lower_ in compiled.reported or doc[j].lemma_ in compiled.reported:
            return doc[j].text
    return None


def propose_age(text: str) -> Optional[int]:
    """The age the narrative first states for a person ("she was 16", "a 14-year-old"), or None.

    A proposal only: the age that matters is the age at the time of the conduct, which a person
    must confirm. When a narrative gives several ages, the first is proposed; an age someone
    only said or claimed ("she says she is 19") is never proposed.
    """
    candidates = [c for c in age_candidates(text) if not c.reported]
    return candidates[0].age if candidates else None


_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}


def _number(text: str) -> Optional[int]:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return _WORDS.get(text)


# ---------------------------------------------------------------- showing the highlights


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


# ---------------------------------------------------------------- from proposals to answers


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


__all__ = [
    "AgeSuggestion",
    "Segment",
    "Suggestion",
    "age_candidates",
    "confirm",
    "highlight",
    "load_lexicon",
    "propose_age",
    "proposed_facts",
    "segments",
]
