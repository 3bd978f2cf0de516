"""The lexicon's schema and loader: rules/phrases.yaml, every English word the reader uses.

Python holds no word lists: the patterns, the word classes patterns name (SUBJECT, MODAL, ...),
the number words, the negation and hedge cues, the clause boundaries and the words that make a
phrase a threat are all data, validated here so that a mistake names its file and field.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationError, field_validator, model_validator

from ..errors import PackError, from_validation
from ..loader import RulesModel
from ..vocabulary import vocabulary
from ..yamlfile import read_mapping, rules_dir

# A word class is named in a pattern in capitals (SUBJECT, HARM); NUM and AGE are built in.
CLASS_NAME = re.compile(r"^[A-Z][A-Z_]+$")
BUILT_IN = ("NUM", "AGE")


# Words are compared in lower case.
Words = Annotated[list[str], AfterValidator(lambda words: [w.lower() for w in words])]


class Gap(RulesModel):
    """`...` in a pattern: up to `max` words, none of them one of `stop` or of `breaks`
    (the punctuation that ends a clause; quotation marks do not)."""

    max: int = Field(default=3, ge=1, le=8)
    stop: Words = Field(default_factory=list)
    breaks: Words = Field(default_factory=list)


class Clauses(RulesModel):
    """Where a clause starts, so that a negation reaches only as far as its own clause."""

    # A clause starts after one of these ("... but he kept her passport").
    boundaries: Words = Field(default_factory=list)
    # One of these followed by a SUBJECT word or a capitalised name starts a clause
    # ("she was not paid, and he took her passport").
    joins: Words = Field(default_factory=list)
    # After a comma, one of these always does: "never paid, never went to school, and had no papers".
    after_comma: Words = Field(default_factory=list)
    # What ends a condition that opens a sentence: "if she complained, | the police ...".
    condition_ends: Words = Field(default_factory=list)
    # After one of `restart_after`, a word of `restarts` (an auxiliary, a determiner) or an
    # inflected word (its lemma not its form: "kept", "took") starts a clause, outside a
    # condition: "he did not pay her | and kept her passport", "she was never paid | and was
    # locked in", "she did not speak the language | and the boss took her passport".
    restart_after: Words = Field(default_factory=list)
    restarts: Words = Field(default_factory=list)
    restart_inflected: bool = False
    # After a join, a word of one of these word classes, after one of `determiners`, is a new
    # subject too: "when she said no, | her uncle hit her", "..., the boss took her passport".
    subject_classes: list[str] = Field(default_factory=list)
    determiners: Words = Field(default_factory=list)


class Negation(RulesModel):
    """A phrase after one of `cues` or `hedges` in its clause is seen but not proposed."""

    cues: Words = Field(min_length=1)
    hedges: Words = Field(default_factory=list)
    # Negative subjects reach every verb of theirs: "nobody took her passport and threatened
    # her" (a `restart` of the clauses does not stop them).
    subjects: Words = Field(default_factory=list)
    # Hedges that reach only over their own condition: "if she complained" is not stated, but
    # in "if she complained, the police would deport her" what follows the condition is.
    conditions: Words = Field(default_factory=list)
    # Words that open a condition only as a sentence's first word: "Had anyone threatened her, ...".
    inverted_conditions: Words = Field(default_factory=list)
    # Fact groups a condition does not take back: "she would be paid if she gave birth for a
    # couple" states what was intended, and a purpose is an intent.
    conditions_spare: Words = Field(default_factory=list)
    # Cues that reach only the few words after them: "without pay, and hit her" does not
    # take back "hit her".
    near: Words = Field(default_factory=list)
    # Phrases that take back everything after them in their clause, however long the list:
    # "No one took her passport, hit her or stopped her", "no evidence of debt bondage,
    # threats or confinement", "At no point was she held against her will".
    phrases: Words = Field(default_factory=list)
    # ... and these only as the clause's first words (a subject or an adverb that opens it): "No
    # one took her passport, hit her or ...", but not "she told no one that her boss beat her".
    opening_phrases: Words = Field(default_factory=list)
    near_window: int = Field(default=3, ge=1, le=30)
    near_stops: Words = Field(default_factory=list)  # and what a near cue does not reach over
    # Between a phrase and a cue after it ("threats were never made"): only these words.
    auxiliaries: Words = Field(default_factory=list)
    window: int = Field(default=8, ge=1, le=30)


class Quotes(RulesModel):
    """Quotation marks: someone's own words are between them."""

    either: list[str] = Field(default_factory=list)  # opens or closes: '"'
    opening: list[str] = Field(default_factory=list)
    closing: list[str] = Field(default_factory=list)


class Threats(RulesModel):
    """Harm promised: "if you leave, I will kill you", "he said the police would deport her".

    A pattern under `facts` here is proposed only where the harm is a threat: the phrase is
    the outcome of a condition (a negation's `conditions`, or `alternatives` such as "or else")
    or comes after a word of `speech` ("said", "warned") in its sentence, or inside quotation
    marks, or is said to someone (a word of `addressed`, "you", in its sentence: "Leave and I
    will kill you"). "He would beat her" alone may tell what he used to do, and is not a threat; after a
    word of `fears` ("she was afraid he would hurt her") it is what she feared, not a threat.
    """

    speech: Words = Field(min_length=1)
    alternatives: Words = Field(default_factory=list)
    addressed: Words = Field(default_factory=list)
    fears: Words = Field(default_factory=list)
    # A fear word followed by one of these is about a person, not a harm feared: "no one
    # would believe her if she spoke up, and that he would send her back" is still a threat.
    fear_objects: Words = Field(default_factory=list)
    # After a modal, one of these not followed by a person is what would have happened, not harm
    # promised: "she would have gone to the police" (but "he would have her deported").
    counterfactual: Words = Field(default_factory=list)
    quotes: Quotes = Field(default_factory=Quotes)
    # Harm promised is not harm done: a match of one of these facts inside a threat is dropped.
    instead_of: list[str] = Field(default_factory=list)
    facts: dict[str, list[str]] = Field(default_factory=dict)


class Own(RulesModel):
    """What a person keeps of their own is not taken from them: "he was paid every week and kept
    his passport". A match of one of `facts` whose keeping word (`verbs`) is followed by a
    possessive is dropped when the nearest subject before it in its sentence is the pronoun
    that possessive belongs to (`possessives`: subject -> possessive). Someone named between
    (a word of `others`: "the owner kept her passport") or a relative word ("who kept his
    passport") makes it someone else's keeping."""

    facts: list[str] = Field(default_factory=list)
    verbs: Words = Field(default_factory=list)
    possessives: dict[str, str] = Field(default_factory=dict)
    between: Words = Field(default_factory=list)  # "kept all her earnings"
    others: list[str] = Field(default_factory=list)  # word classes: KIN, OTHERS, PERSONS
    relatives: Words = Field(default_factory=list)
    # A capitalised word before the keeping is the person named ("Maria keeps her passport"),
    # unless it is one of these (a sentence's first word: "The", "Then").
    names: bool = False
    not_names: Words = Field(default_factory=list)
    # Someone named after one of these (within two words) is not the keeper: "shares a house
    # with other workers, keeps his passport".
    prepositions: Words = Field(default_factory=list)


class Compose(RulesModel):
    """A fact read from two things a narrative says, neither enough alone: work (a `cues`
    phrase, or one of `with_facts` proposed) done where a means of coercion was used (one of
    `facts` proposed) is work that could not be freely refused. The cue is the phrase shown."""

    facts: list[str] = Field(min_length=1)
    cues: list[str] = Field(default_factory=list)
    with_facts: list[str] = Field(default_factory=list)


class Beside(RulesModel):
    """Phrases of `facts` too plain to propose their fact alone: "repay", "owe", "deducted",
    "picked them up" are as often said of a fair loan, a lawful deduction or a lift as of debt
    bondage, fraud or a person received. Each pattern listed here (it must be one of the fact's
    patterns) proposes its fact only where the narrative's other phrases propose one of `signs`,
    a sign of exploitation or control; these plain phrases, and what they imply, are not signs."""

    signs: list[str] = Field(min_length=1)
    patterns: dict[str, list[str]] = Field(min_length=1)


class Ages(RulesModel):
    # The first match in a narrative is proposed; a person confirms the age at the time.
    patterns: list[str] = Field(min_length=1)
    # An age after one of these is what someone said, not a fact: offered, never proposed.
    reported: Words = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _age_marked(cls, value: list[str]) -> list[str]:
        for pattern in value:
            if [t.rstrip("?") for t in pattern.split()].count("AGE") != 1:
                raise ValueError(f"age pattern {pattern!r} must contain AGE exactly once")
        return value


class Lexicon(RulesModel):
    version: int
    words: dict[str, list[str]] = Field(default_factory=dict)
    numbers: dict[str, int] = Field(default_factory=dict)
    gap: Gap = Field(default_factory=Gap)
    clauses: Clauses = Field(default_factory=Clauses)
    negation: Negation
    threats: Threats
    ages: Ages
    own: Own = Field(default_factory=Own)
    facts: dict[str, list[str]]
    # fact id -> patterns that cancel a match of that fact where they overlap it
    # ("she keeps her passport" is not someone else taking it; "her mother agreed" is not
    # the person's consent).
    veto: dict[str, list[str]] = Field(default_factory=dict)
    # fact id -> facts that a phrase proposing it proposes as well, by what the facts mean:
    # a threat of violence is a threat of serious harm and causes fear for one's safety.
    implies: dict[str, list[str]] = Field(default_factory=dict)
    compose: dict[str, list[Compose]] = Field(default_factory=dict)
    # fact id -> facts one of which the narrative must also propose for it to be proposed:
    # a vulnerable situation is not its abuse, nor a debt bondage, until someone uses it.
    requires: dict[str, list[str]] = Field(default_factory=dict)
    beside: list[Beside] = Field(default_factory=list)

    @field_validator("words")
    @classmethod
    def _class_names(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, words in value.items():
            if not CLASS_NAME.match(name) or name in BUILT_IN:
                raise ValueError(f"word class {name!r} must be in capitals and not NUM or AGE")
            if not words:
                raise ValueError(f"word class {name}: no words")
        return {name: [w.lower() for w in words] for name, words in value.items()}

    @field_validator("numbers")
    @classmethod
    def _number_words(cls, value: dict[str, int]) -> dict[str, int]:
        return {word.lower(): n for word, n in value.items()}

    @field_validator("facts", "veto", "implies", "requires")
    @classmethod
    def _known_facts(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return _check_facts(value)

    @model_validator(mode="after")
    def _threat_facts(self) -> "Lexicon":
        _check_facts(self.threats.facts)
        _check_facts({fact_id: ["-"] for fact_id in self.own.facts})
        unknown = sorted(set(self.own.others) - set(self.words))
        if unknown:
            raise ValueError(f"own.others: unknown word classes {unknown} (see `words`)")
        unknown = sorted(set(self.clauses.subject_classes) - set(self.words))
        if unknown:
            raise ValueError(f"clauses.subject_classes: unknown word classes {unknown} (see `words`)")
        _check_facts({fact_id: ["-"] for fact_id in self.threats.instead_of})
        _check_facts({fact_id: ["-"] for fact_id in self.compose})
        for rules in self.compose.values():
            for rule in rules:
                _check_facts({fact_id: ["-"] for fact_id in rule.facts + rule.with_facts})
        for b, rule in enumerate(self.beside):
            _check_facts({fact_id: ["-"] for fact_id in rule.signs})
            _check_facts(rule.patterns)
            for fact_id, patterns in rule.patterns.items():
                unknown = [p for p in patterns if p not in self.facts.get(fact_id, [])]
                if unknown:
                    raise ValueError(f"beside[{b}].patterns.{fact_id}: {unknown} not among the patterns "
                                     f"of facts.{fact_id}")
        return self


def _check_facts(value: dict[str, list[str]]) -> dict[str, list[str]]:
    known = set(vocabulary().ids)
    for fact_id, patterns in value.items():
        if fact_id not in known:
            raise ValueError(f"unknown fact id {fact_id} (see rules/vocabulary.yaml)")
        if not patterns:
            raise ValueError(f"{fact_id}: no patterns")
    return value


def lexicon_path() -> Path:
    return rules_dir() / "phrases.yaml"


def load_lexicon(path: Path | None = None) -> Lexicon:
    path = path or lexicon_path()
    data = read_mapping(path, PackError)
    try:
        return Lexicon.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, str(path), PackError) from None
