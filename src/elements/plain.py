"""The result in plain words: every sentence a person reads about a result, for every view.

Facts and rules are named by their labels and the provision's citation, never by their ids
(the ids stay in the JSON). A provision whose wording was not read in an official copy has
its mark beside the citation, wherever the citation is shown.

Each builder takes `esc` (how text is escaped: nothing for a terminal, Markdown's escape for
the reports and the app) and `cite` (how a citation is written: with its mark; as a link to
the official text where the view can show one), so that text, Markdown, PDF and app say the
same sentences. Nothing here reasons about the law: the words only restate the Result.
"""
from __future__ import annotations

import re
from typing import Callable

from .markdown import escape as md_escape, link
from .model import Result, Step
from .vocabulary import vocabulary
from .whatif import AGE, Change, Effect, Flip, WhatIf
from .words import (ANSWER_NOW_WORDS, FACT_VALUE_WORDS, OUTCOME_WORDS, PLAIN_CLOSING, PLAIN_OPEN, PLAIN_OUTCOME,
                    PLAIN_STATUS, ROLES, STATUS_WORDS, VALUE_WORDS, confidence_mark, plain_child)

Escape = Callable[[str], str]
Cite = Callable[[str, str, str], str]  # (citation, url, confidence) -> the citation as written

# The caveat of the contract that is on every result: the paragraph's closing sentence says it.
EVERY_RESULT = "not_legal_advice"
CAVEATS_IN_SUMMARY = 2


def same(text: str) -> str:
    return text


def cite_text(citation: str, url: str = "", confidence: str = "verified") -> str:
    """'Art. 4(a) [wording from a secondary source]': a citation with its mark, for plain text."""
    mark = confidence_mark(confidence)
    return f"{citation} [{mark}]" if mark else citation


def cite_markdown(citation: str, url: str = "", confidence: str = "verified") -> str:
    """The citation as a Markdown link to the provision's official text, with its mark."""
    mark = confidence_mark(confidence)
    return link(citation, url) + (f" \\[{md_escape(mark)}\\]" if mark else "")


MARKDOWN: tuple[Escape, Cite] = (md_escape, cite_markdown)  # the reports' and the app's way


# ------------------------------------------------------------------ the paragraph for the public


def first_sentence(text: str) -> str:
    """A caveat's first sentence (its point; the whole caveat is shown further down)."""
    return re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", " ".join(text.split()), maxsplit=1)[0]


def _facts(ids: list[str]) -> str:
    vocab = vocabulary()
    labels = [vocab.label(i) for i in ids]
    return ", ".join(l[0].lower() + l[1:] if len(l) > 1 and not l[1].isupper() else l for l in labels)


def summary(result: Result) -> str:
    """One paragraph a member of the public understands: the outcome, each element's status by
    its label, whether the person counts as a child and the first caveats, taken from the
    Result as they are. It never says that someone is or is not a victim."""
    parts = []
    for role in ROLES:
        finding = result.elements[role]
        by = f" ({_facts(finding.satisfied_by)})" if finding.satisfied_by else ""
        parts.append(f"{finding.label} {PLAIN_STATUS[finding.status]}{by}")
    sentences = [f"Read against {result.framework_title}, {PLAIN_OUTCOME[result.outcome]}: "
                 + ", ".join(parts[:-1]) + f" and {parts[-1]}."]
    if result.outcome == "undetermined" and result.open_questions:
        sentences.append(PLAIN_OPEN)
    sentences.append(plain_child(result.child, result.child_line))
    shown = [c for c in result.caveats if c.id != EVERY_RESULT][:CAVEATS_IN_SUMMARY]
    sentences += [first_sentence(c.text) for c in shown]
    sentences.append(PLAIN_CLOSING)
    return " ".join(sentences)


# ------------------------------------------------------------------ the trace, by label


def rule_name(step: Step, esc: Escape = same, cite: Cite = cite_text) -> str:
    """'Action, Art. 3(a)'; a rule without a label goes by its provision alone."""
    citation = cite(step.citation, step.url, step.confidence)
    return f"{esc(step.label)}, {citation}" if step.label else citation


def because(result: Result, step: Step, esc: Escape = same, cite: Cite = cite_text) -> list[str]:
    """What a step relied on, in words: 'Recruitment: yes', 'age 16', 'Art. 3(d): holds'."""
    vocab = vocabulary()
    out = []
    for item in step.because:
        name, _, value = item.partition("=")
        if name == AGE:
            out.append(esc("age unknown" if value == "unknown" else f"age {value}"))
        elif name in step.depends_on:
            earlier = result.step(name)
            shown = rule_name(earlier, esc, cite) if earlier else esc(name)
            out.append(f"{shown}: {esc(VALUE_WORDS[value])}")
        else:
            out.append(esc(f"{vocab.label(name)}: {FACT_VALUE_WORDS.get(value, value)}"))
    return out


def open_label(item: str) -> str:
    """An open question in a few words: 'Deception', 'anything about the means', 'the age'."""
    vocab = vocabulary()
    if item == AGE:
        return "the age"
    if item.endswith(".*"):
        group = next((g for g in vocab.groups if g.id == item[:-2]), None)
        return f"anything about {group.title.lower() if group else item[:-2]}"
    return vocab.label(item)


# ------------------------------------------------------------------ what would change it


def _answer(flip: Flip, value) -> str:
    if flip.fact == AGE:
        return "not known" if value is None else str(value)
    return ANSWER_NOW_WORDS[value]


def flip_words(flip: Flip, esc: Escape = same) -> str:
    """'the answer on Recruitment were yes (now not answered)'; 'the person were 17 (now 22)'."""
    if flip.fact == AGE:
        now = "age now not known" if flip.before is None else f"now {flip.before}"
        return esc(f"the person were {flip.after} ({now})")
    return esc(f"the answer on {flip.label} were {_answer(flip, flip.after)} (now {_answer(flip, flip.before)})")


def _flips_words(flips: list[Flip], esc: Escape) -> str:
    """Several answers, any one of which makes the same change."""
    if len(flips) == 1:
        return flip_words(flips[0], esc)
    shared = {(f.before, f.after) for f in flips if f.fact != AGE}
    if len(shared) == 1 and all(f.fact != AGE for f in flips):
        (before, after), labels = shared.pop(), [f.label for f in flips]
        listed = ", ".join(labels[:-1]) + " or " + labels[-1]
        return esc(f"the answer on any one of {listed} were {_answer(flips[0], after)} (each now {_answer(flips[0], before)})")
    return "any one of these were so: " + "; ".join(flip_words(f, esc) for f in flips)


def effect_words(effect: Effect, esc: Escape = same, cite: Cite = cite_text) -> str:
    """'Action would change to met (now unknown; Art. 3(a))'."""
    words = OUTCOME_WORDS if effect.target == "outcome" else STATUS_WORDS
    name = "the outcome" if effect.target == "outcome" else effect.label
    return (esc(f"{name} would change to {words[effect.after]} (now {words[effect.before]};") + " "
            + cite(effect.citation, effect.url, effect.confidence) + ")")


def _effects_words(effects: list[Effect], esc: Escape, cite: Cite) -> str:
    words = [effect_words(e, esc, cite) for e in effects]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def change_words(changes: list[Change], esc: Escape = same, cite: Cite = cite_text) -> str:
    """One sentence: 'If the answer on Recruitment were yes (now not answered), then Action would
    change to met (now unknown; Art. 3(a)).' Several single answers that make the same change are one
    sentence; a pair is 'If ... and ..., then ...'."""
    first = changes[0]
    if len(first.flips) == 2:
        condition = flip_words(first.flips[0], esc) + " and " + flip_words(first.flips[1], esc)
    else:
        condition = _flips_words([c.flips[0] for c in changes], esc)
    return f"If {condition}, then {_effects_words(first.effects, esc, cite)}."


def unchanged_words(whatif: WhatIf, result: Result, esc: Escape = same) -> str:
    """What no single answer and no pair tried would change, or '' when everything can change."""
    if not whatif.unchanged:
        return ""
    names = ["the outcome" if t == "outcome" else result.elements[t].label for t in whatif.unchanged]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    text = f"No single answer, and no pair of answers tried, would change {listed}."
    if whatif.pairs_left:
        text += f" {whatif.pairs_left} more pairs were not tried (the search stops at {whatif.pairs_tried})."
    return esc(text)


def what_if_lines(whatif: WhatIf, result: Result, esc: Escape = same, cite: Cite = cite_text) -> list[str]:
    """Every sentence of 'what would change it', single answers first, then pairs."""
    lines = [change_words(group, esc, cite) for group in whatif.groups()]
    lines += [change_words([pair], esc, cite) for pair in whatif.pairs]
    closing = unchanged_words(whatif, result, esc)
    return lines + ([closing] if closing else [])
