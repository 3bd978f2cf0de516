"""Results as text for a terminal and as Markdown (the CLI formats and the app's export).

Status is always a word, never colour alone. User text (title, narrative) is quoted as
given; the narrative appears only when the caller asks for it.
"""
from __future__ import annotations

import textwrap
from typing import Optional

from .markdown import escape as md_escape
from .model import Result, Scenario
from .vocabulary import vocabulary
from .words import OUTCOME_WORDS, ROLES, STATUS_WORDS, age_words as _age_words, child_words


def question_for(item: str) -> str:
    """An open question id ('means.deception', 'means.*', 'person.age') in plain words."""
    vocab = vocabulary()
    if item == "person.age":
        return vocab.age.question
    if item.endswith(".*"):
        group = item[:-2]
        info = next((g for g in vocab.groups if g.id == group), None)
        return f"Anything about {info.title.lower() if info else group}: none of its questions has an answer yet."
    if item in vocab.ids:
        return vocab.fact(item).question
    return item


def _facts_words(ids: list[str]) -> str:
    vocab = vocabulary()
    return ", ".join(f"{vocab.label(i)} ({i})" for i in ids)


def age_words(scenario: Optional[Scenario]) -> str:
    return _age_words(None if scenario is None else scenario.person.age)


def _child_words(result: Result) -> str:
    return child_words(result.child, result.child_line)


def render_text(result: Result, scenario: Optional[Scenario] = None, narrative: bool = False) -> str:
    wrap = lambda text, indent="    ": textwrap.fill(text, 92, initial_indent=indent, subsequent_indent=indent)  # noqa: E731
    out: list[str] = [f"Elements: {result.framework_title} ({result.framework})"]
    if scenario is not None and (scenario.title or scenario.id):
        out.append(f"Scenario: {scenario.title or scenario.id}")
    if narrative and scenario is not None and scenario.narrative:
        out += ["", "Narrative (as given):", wrap(scenario.narrative)]
    out += ["", f"Outcome: {OUTCOME_WORDS[result.outcome].upper()}", wrap(result.summary), ""]
    out.append("Elements")
    for role in ROLES:
        finding = result.elements[role]
        line = f"  [{STATUS_WORDS[finding.status]:^12}] {finding.label:<8} {finding.citation}"
        if finding.satisfied_by:
            line += f"  by: {_facts_words(finding.satisfied_by)}"
        out.append(line)
    out.append(f"  Child: {_child_words(result)} ({age_words(scenario)})")
    out += ["", "Reasons (the rules that fired, in order)"]
    for number, step in enumerate(result.explanation, 1):
        out.append(f"  {number}. {step.rule} ({step.citation}): {step.value}")
        out.append(wrap(step.text, "       "))
        if step.because:
            out.append(wrap("because: " + ", ".join(step.because), "       "))
    if result.open_questions:
        out += ["", "Open questions (answers could still change the outcome)"]
        for item in result.open_questions:
            out.append(wrap(f"- {item}: {question_for(item)}", "  "))
    if result.what_would_change:
        out += ["", "What would change the outcome"]
        for sentence in result.what_would_change:
            out.append(wrap(f"- {sentence}", "  "))
    out += ["", "Caveats"]
    for caveat in result.caveats:
        out.append(textwrap.fill(f"- [{caveat.id}] {caveat.text}", 92, initial_indent="  ", subsequent_indent="    "))
    out += ["", "Where to get help (check a number before relying on it)"]
    for referral in result.referrals:
        line = f"- {referral.name}: {referral.contact}" + (f" ({referral.hours})" if referral.hours else "")
        out.append(textwrap.fill(line, 92, initial_indent="  ", subsequent_indent="    "))
    return "\n".join(out) + "\n"


def render_markdown(result: Result, scenario: Optional[Scenario] = None, narrative: bool = False) -> str:
    out: list[str] = [f"# Elements: {md_escape(result.framework_title)}", ""]
    if scenario is not None and (scenario.title or scenario.id):
        out += [f"**Scenario:** {md_escape(scenario.title or scenario.id or '')}", ""]
    if narrative and scenario is not None and scenario.narrative:
        out += ["## Narrative (as given)", "", "> " + md_escape(scenario.narrative), ""]
    out += [f"**Outcome: {OUTCOME_WORDS[result.outcome]}.** {md_escape(result.summary)}", ""]
    out += ["## Elements", "", "| Element | Status | Provision | Satisfied by |", "|---|---|---|---|"]
    for role in ROLES:
        finding = result.elements[role]
        out.append(
            f"| {finding.label} | {STATUS_WORDS[finding.status]} | {md_escape(finding.citation)} | "
            f"{md_escape(_facts_words(finding.satisfied_by)) or '—'} |"
        )
    out += ["", f"Child: {_child_words(result)} ({age_words(scenario)}).", ""]
    out += ["## Reasons", "", "The rules that fired, in order.", ""]
    for number, step in enumerate(result.explanation, 1):
        because = f" Because: {md_escape(', '.join(step.because))}." if step.because else ""
        out.append(f"{number}. **{step.rule}** ({md_escape(step.citation)}): {step.value}. {md_escape(step.text)}{because}")
    if result.open_questions:
        out += ["", "## Open questions", ""]
        out += [f"- `{q}`: {md_escape(question_for(q))}" for q in result.open_questions]
    if result.what_would_change:
        out += ["", "## What would change the outcome", ""]
        out += [f"- {md_escape(s)}" for s in result.what_would_change]
    out += ["", "## Caveats", ""]
    for caveat in result.caveats:
        out.append(f"- **{caveat.id}**: {md_escape(caveat.text)}")
        for source in caveat.sources:
            out.append(f"  - Source: {md_escape(source)}")
    out += ["", "## Where to get help", "", "Check a number before relying on it. If someone is in immediate danger, call the emergency number.", ""]
    for referral in result.referrals:
        hours = f" ({md_escape(referral.hours)})" if referral.hours else ""
        source = f" Source: {md_escape(referral.source)}, checked {referral.checked}." if referral.checked else ""
        out.append(f"- **{md_escape(referral.name)}**: {md_escape(referral.contact)}{hours}.{source}")
    return "\n".join(out) + "\n"
