"""The spaCy pipeline and the pattern compiler: the lexicon's patterns as spaCy Matchers.

A blank English pipeline with a sentence splitter and the lookup lemmatizer from
spacy-lookups-data: no statistical model, nothing downloaded. Both the pipeline and the
compiled lexicon are built once per process (per rules folder) and shared under a lock, since
Streamlit runs each session in a thread of its own.

Pattern syntax (one string per pattern, tokens separated by spaces):
    took            any form of the word (matched on its lemma: take, takes, took, taken)
    =was            exactly this word form (lower case); =was|were: exactly one of these
    take|keep|hold  any one of these words
    HARM            any word of the word class HARM (rules/phrases.yaml, `words`); classes and
                    words mix: kill|HARM
    her?            an optional token (also: =her? or her|his?)
    ...             a gap of a few words (`gap` in rules/phrases.yaml): not over a clause's
                    punctuation or a stop word, but over quotation marks ("would 'pay'")
    NUM             a number ("16", "twelve")
    AGE             (age patterns only) the number that is the age
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import PackError
from .lexicon import BUILT_IN, CLASS_NAME, Lexicon, lexicon_path, load_lexicon

LOCK = threading.RLock()


@lru_cache(maxsize=1)
def nlp():
    """A blank English pipeline: sentence splitter and lookup lemmas, lower-cased. No model."""
    import spacy
    from spacy.language import Language

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()  # loads the lemma table from spacy-lookups-data, installed with the package
    table = pipeline.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")

    if not Language.has_factory("elements_lower_lemma"):

        @Language.component("elements_lower_lemma")
        def lower_lemma(doc):
            # The lookup table is case-sensitive ("Took" has no entry): look up the lower case.
            for token in doc:
                token.lemma_ = _lemma_in(table, token.lower_)
            return doc

    pipeline.add_pipe("elements_lower_lemma", last=True)
    return pipeline


def parse(text: str):
    with LOCK:
        return nlp()(text)


def _lemma_in(table, lower: str) -> str:
    # Only words are looked up: "'ll" stays "'ll", as it does in a parsed text.
    return table.get(lower, lower) if lower.isalpha() else lower


def lemma(word: str) -> str:
    """A word's lemma, as the pipeline gives it to the same word in a text."""
    return _lemma_in(nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup"), word.lower())


class PatternCompiler:
    """The pattern syntax above -> spaCy Matcher token dicts, with the lexicon's word classes."""

    def __init__(self, lexicon: Lexicon):
        self.classes = lexicon.words
        gap = lexicon.gap
        self.gap = {"IS_SPACE": False, "LOWER": {"NOT_IN": gap.stop + gap.breaks}, "OP": "{0,%d}" % gap.max}

    def _words(self, token: str) -> list[str]:
        words: list[str] = []
        for part in token.split("|"):
            if CLASS_NAME.match(part) and part not in BUILT_IN:
                if part not in self.classes:
                    raise ValueError(f"unknown word class {part} (see `words` in the lexicon)")
                words += self.classes[part]
            elif part:
                words.append(part)
        if not words:
            raise ValueError(f"empty token in pattern: {token!r}")
        return words

    def token(self, token: str, *, age: bool = False) -> dict[str, Any]:
        if token == "...":
            return dict(self.gap)
        optional = token.endswith("?") and len(token) > 1
        if optional:
            token = token[:-1]
        if token == "NUM" or (age and token == "AGE"):
            spec: dict[str, Any] = {"LIKE_NUM": True}
        elif token.startswith("="):
            words = sorted({w.lstrip("=").lower() for w in self._words(token[1:])})
            spec = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
        elif "=" in token:
            raise ValueError(f"{token!r}: '=' marks a whole token (=was|were), not one of its words")
        else:
            words = sorted({lemma(w) for w in self._words(token)})
            spec = {"LEMMA": words[0]} if len(words) == 1 else {"LEMMA": {"IN": words}}
        if optional:
            spec["OP"] = "?"
        return spec

    def compile(self, pattern: str, *, age: bool = False) -> list[dict]:
        specs = [self.token(t, age=age) for t in pattern.split()]
        if not specs or all("OP" in s for s in specs):
            raise ValueError(f"pattern {pattern!r} matches nothing definite")
        return specs


@dataclass(frozen=True)
class Pattern:
    kind: str  # "fact", "threat", "veto", "cue" (of `compose`) or "age"
    fact: str  # the fact id ("age" for an age pattern)
    text: str  # the pattern as written in the lexicon


class Compiled:
    """A lexicon's patterns compiled into Matchers, and its word lists as sets for lookups."""

    def __init__(self, lexicon: Lexicon, source: str):
        from spacy.matcher import Matcher

        vocab = nlp().vocab
        self.lexicon = lexicon
        compiler = PatternCompiler(lexicon)
        self.matcher = Matcher(vocab, validate=True)  # facts, and threats
        self.veto_matcher = Matcher(vocab, validate=True)
        self.age_matcher = Matcher(vocab, validate=True)
        # match id -> the patterns it stands for: a pattern written for several facts (the
        # same threat for three of them) is matched once.
        self.patterns: dict[int, list[Pattern]] = {}

        def add(matcher, pattern: Pattern, field: str) -> None:
            key = f"{pattern.kind}:{pattern.text}"
            match_id = vocab.strings.add(key)
            if match_id not in self.patterns:
                try:
                    matcher.add(key, [compiler.compile(pattern.text, age=pattern.kind == "age")])
                except ValueError as exc:  # a bad pattern names its file and place, never a traceback
                    raise PackError(source, field, str(exc)) from None
            self.patterns.setdefault(match_id, []).append(pattern)

        for section, kind, matcher in (
            (lexicon.facts, "fact", self.matcher),
            (lexicon.threats.facts, "threat", self.matcher),
            (lexicon.veto, "veto", self.veto_matcher),
        ):
            prefix = {"fact": "facts", "threat": "threats.facts", "veto": "veto"}[kind]
            for fact_id, patterns in section.items():
                for index, text in enumerate(patterns):
                    add(matcher, Pattern(kind, fact_id, text), f"{prefix}.{fact_id}[{index}]")
        self.cue_matcher = Matcher(vocab, validate=True)
        for fact_id, rules in lexicon.compose.items():
            for r, rule in enumerate(rules):
                for index, text in enumerate(rule.cues):
                    add(self.cue_matcher, Pattern("cue", fact_id, text), f"compose.{fact_id}[{r}].cues[{index}]")
        # (fact id, pattern) -> the signs one of which the narrative must propose besides
        self.beside: dict[tuple[str, str], frozenset[str]] = {}
        for rule in lexicon.beside:
            for fact_id, texts in rule.patterns.items():
                for text in texts:
                    self.beside[(fact_id, text)] = self.beside.get((fact_id, text), frozenset()) | frozenset(rule.signs)
        for index, text in enumerate(lexicon.ages.patterns):
            add(self.age_matcher, Pattern("age", "age", text), f"ages.patterns[{index}]")

    def word_set(self, name: str) -> frozenset[str]:
        """A word class as a set of lemmas and forms, for the scope rules ("SUBJECT")."""
        words = self.lexicon.words.get(name, [])
        return frozenset(words) | frozenset(lemma(w) for w in words)


@lru_cache(maxsize=4)
def _compiled_for(path: str) -> Compiled:
    return Compiled(load_lexicon(Path(path)), path)


def compiled() -> Compiled:
    """The lexicon of the current rules folder, compiled once per process, as the packs are."""
    return _compiled_for(str(lexicon_path()))


def reset() -> None:
    """Forget the pipeline and every compiled lexicon (after the rules folder changed)."""
    with LOCK:
        nlp.cache_clear()
        _compiled_for.cache_clear()

