"""The names a result is made of, and the words a person reads for each: one home for both.

Statuses, outcomes, roles, rule values and confidence marks are typed here (the models use
these types) and put into words here (every view - text, Markdown, PDF, app, diagram - uses
these words). No view defines its own.
"""
from __future__ import annotations

from typing import Literal, Optional

Status = Literal["met", "not_met", "unknown", "not_required"]
Outcome = Literal["all_elements_met", "not_all_elements_met", "undetermined"]
ElementRole = Literal["action", "means", "purpose"]
# What a rule gives the result. `related_offence`: when the rule holds, the result points to
# its provision as an offence of its own, beside the elements (a pack may have several).
Role = Literal["action", "means", "purpose", "child", "outcome", "consent_irrelevant", "related_offence"]
Confidence = Literal["verified", "secondary", "unconfirmed"]
Value = Literal["true", "false", "unknown"]  # a rule's value, as a Step records it

ROLES: tuple[ElementRole, ...] = ("action", "means", "purpose")  # the contract's elements, in order
STATUSES: tuple[Status, ...] = ("met", "not_met", "unknown", "not_required")

STATUS_WORDS: dict[str, str] = {
    "met": "met",
    "not_met": "not met",
    "unknown": "unknown",
    "not_required": "not required",
}
# A status is never shown by colour alone: a symbol and its word go together.
STATUS_SYMBOL = {"met": "✔", "not_met": "✘", "unknown": "?", "not_required": "–"}

OUTCOME_WORDS: dict[str, str] = {
    "all_elements_met": "all elements met",
    "not_all_elements_met": "not all elements met",
    "undetermined": "undetermined",
}
OUTCOME_SYMBOL = {"all_elements_met": "✔", "not_all_elements_met": "✘", "undetermined": "?"}

VALUE_WORDS = {"true": "holds", "false": "does not hold", "unknown": "open"}
VALUE_SYMBOL = {"true": "✔", "false": "✘", "unknown": "?"}

# Roles as a caveat's condition names them, and in words.
ROLE_WORDS = {
    "action": "the action element",
    "means": "the means element",
    "purpose": "the purpose element",
    "child": "whether the person is a child",
    "outcome": "the outcome",
    "consent_irrelevant": "whether consent is irrelevant",
    "related_offence": "a related offence",
}

# Shown beside a provision whose wording was not read in an official copy.
CONFIDENCE_WORDS = {
    "verified": "read in an official copy",
    "secondary": "wording from a secondary source",
    "unconfirmed": "wording unconfirmed",
}

# A fact's answer, as the walkthrough offers it: "Not sure" is unknown, never "No".
ANSWER_WORDS = {True: "Yes", False: "No", None: "Not sure"}


def status_words(status: str) -> str:
    """'not_met' -> '✘ not met': the symbol and the word together."""
    return f"{STATUS_SYMBOL[status]} {STATUS_WORDS[status]}"


def outcome_words(outcome: str) -> str:
    return f"{OUTCOME_SYMBOL[outcome]} {OUTCOME_WORDS[outcome]}"


def value_words(value: str) -> str:
    """A rule's value: '✔ holds', '✘ does not hold', '? open'."""
    return f"{VALUE_SYMBOL[value]} {VALUE_WORDS[value]}"


def child_words(child: Optional[bool], under: Optional[int]) -> str:
    """Whether the person is a child, with the framework's own line ('yes, under 18')."""
    if child is None:
        return "unknown"
    if under is None:
        return "yes" if child else "no"
    return f"yes, under {under}" if child else f"no, {under} or over"


def age_words(age: Optional[int]) -> str:
    return "age unknown" if age is None else f"age {age}"


def confidence_mark(confidence: str) -> str:
    """'' for a verified provision, otherwise the mark to show beside it."""
    return "" if confidence == "verified" else CONFIDENCE_WORDS[confidence]


# ------------------------------------------------------------------ the result in plain words
# (elements.plain builds its sentences from these; a person reads them on every view.)

# A fact's value as a step of the trace used it: "Recruitment: yes".
FACT_VALUE_WORDS = {"true": "yes", "false": "no", "unknown": "not known"}
# An answer as "what would change it" names it: "were yes (now not answered)".
ANSWER_NOW_WORDS = {True: "yes", False: "no", None: "not answered"}

# The outcome and an element's status inside a sentence of the plain summary.
PLAIN_OUTCOME = {
    "all_elements_met": "the answers given touch every element of the definition",
    "not_all_elements_met": "the answers given do not touch every element of the definition",
    "undetermined": "the answers given do not yet settle whether they touch every element of the definition",
}
PLAIN_STATUS = {"met": "is met", "not_met": "is not met", "unknown": "is still open", "not_required": "is not required"}
PLAIN_OPEN = "Answers to the open questions could settle it."
# The last sentence of every plain summary: what the paragraph is, and what it never is.
PLAIN_CLOSING = "This explains the legal definition only: it is not legal advice and it decides nothing about any person."


def plain_child(child: Optional[bool], under: Optional[int]) -> str:
    """Whether the person counts as a child, as a sentence of the plain summary."""
    if child is None:
        return "The person's age is not given, so whether they count as a child here is open."
    line = "" if under is None else (f" (under {under})" if child else f" ({under} or over)")
    return f"The person counts as {'a child' if child else 'an adult'} under this definition{line}."
