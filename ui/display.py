"""Pieces of a result shown on several pages: statuses, elements, reasons, caveats, referrals.

Presentation only: every status, text and citation comes from the Result the engine built.
A status is always a symbol and a word, never a colour alone. Every text that is not
written here is escaped, so a rule text or a title is shown as written.
"""
from __future__ import annotations

from typing import Iterable, Optional

import streamlit as st

from elements import Result, Scenario, evaluate
from elements.api import AGE, Change, Piece, WhatIf, apply, directory, expected_differences, plain, question_for, referral_markdown, row_markdown, vocabulary
from elements.api import age_words  # noqa: F401 - the pages use display.age_words
from elements.model import Caveat, Referral
from elements.words import ANSWER_NOW_WORDS, ROLES, child_words, outcome_words, status_words, value_words  # noqa: F401 - pages use them
from safe import md_escape, md_escape_inline as esc

# Sentences as Markdown: escaped, each citation a link to the official text, with its mark.
_, cite = plain.MARKDOWN


def child_line(result: Result) -> str:
    """'yes, under 18': whether the person is a child, with the framework's own line."""
    return child_words(result.child, result.child_line)


def fact_names(ids: Iterable[str]) -> str:
    vocab = vocabulary()
    return ", ".join(vocab.label(i) for i in ids)


def element_checklist(result: Result, scenario: Optional[Scenario] = None) -> None:
    """The three elements and the child question, one line each (the walkthrough's sidebar)."""
    lines = []
    for role in ROLES:
        finding = result.elements[role]
        by = f" ({esc(fact_names(finding.satisfied_by))})" if finding.satisfied_by else ""
        lines.append(f"- **{esc(finding.label)}**: {status_words(finding.status)}{by}")
    lines.append(f"- **Child**: {child_line(result)} ({esc(age_words(scenario))})")
    st.markdown("\n".join(lines))
    st.caption(f"{outcome_words(result.outcome)}. {esc(result.framework_title)}.")


def element_cards(result: Result) -> None:
    """The three elements side by side, with status, provision and the facts that satisfy them."""
    columns = st.columns(3)
    for column, role in zip(columns, ROLES):
        finding = result.elements[role]
        with column.container(border=True):
            # Bold text, not a heading: three "met" headings would clutter a screen reader's outline.
            st.markdown(f"**{esc(finding.label)}: {status_words(finding.status)}**")
            st.caption("Provision: " + cite(finding.citation, finding.url, finding.confidence))
            if finding.satisfied_by:
                st.markdown("By: " + esc(fact_names(finding.satisfied_by)))
            step = result.element_step(role)
            if step is not None:
                st.markdown(esc(step.text))


def reasons(result: Result) -> None:
    """The engine's firing trace, in order: each rule by its label and provision, never its id."""
    lines = []
    for number, step in enumerate(result.explanation, 1):
        relied = plain.because(result, step, esc, cite)
        because = f"  \n  *Because:* {'; '.join(relied)}" if relied else ""
        lines.append(
            f"{number}. **{plain.rule_name(step, esc, cite)}**: "
            f"{value_words(step.value)}. {esc(step.text)}{because}"
        )
    st.markdown("\n".join(lines))


def open_questions(result: Result) -> None:
    if not result.open_questions:
        st.markdown("None: every question that could change the outcome has an answer.")
        return
    st.markdown("\n".join(f"- {esc(question_for(item))}" for item in result.open_questions))


def _short(flips) -> str:
    """'Recruitment: yes', 'age 17': a changed answer in a few words (a toggle's name)."""
    return ", ".join(f"age {f.after}" if f.fact == AGE else f"{f.label}: {ANSWER_NOW_WORDS[f.after]}" for f in flips)


def _side(title: str, result: Result, before: Optional[Result] = None) -> None:
    """One result in a few lines, marking in words what differs from `before`."""
    changed = " *(changed)*"
    lines = [f"**{esc(title)}**",
             f"- Outcome: {outcome_words(result.outcome)}"
             + (changed if before and before.outcome != result.outcome else "")]
    for role in ROLES:
        finding = result.elements[role]
        moved = before and before.elements[role].status != finding.status
        lines.append(f"- {esc(finding.label)}: {status_words(finding.status)}" + (changed if moved else ""))
    lines.append(f"- Child: {child_line(result)}" + (changed if before and before.child != result.child else ""))
    st.markdown("\n".join(lines))


def _try_it(number: int, changes: list[Change], result: Result, scenario: Scenario) -> None:
    """A toggle that tries the change: the result with it, beside the result as answered.
    The answers themselves stay as they are."""
    first = changes[0].flips
    more = f", or one of {len(changes) - 1} more" if len(changes) > 1 else ""
    key = f"result.try.{result.framework}.{number}." + ".".join(f"{f.fact}={f.after}" for f in first)
    if not st.toggle(f"Try it: {_short(first)}{more}", key=key,
                     help="Shows the result with this answer beside the result as answered. Your answers do not change."):
        return
    chosen = changes[0]
    if len(changes) > 1:
        index = st.selectbox("Answer to try", range(len(changes)), format_func=lambda i: _short(changes[i].flips),
                             key=key + ".which")
        chosen = changes[index]
    tried = evaluate(apply(scenario, chosen.flips), result.framework)
    now, then = st.columns(2)
    with now:
        _side("As answered", result)
    with then:
        _side("With " + _short(chosen.flips), tried, result)


def what_would_change(result: Result, whatif: WhatIf, scenario: Scenario) -> None:
    """Which answers would change an element or the outcome, found by evaluating again; each
    with a "try it" toggle. Single answers first (those making the same change together)."""
    items = whatif.groups() + [[pair] for pair in whatif.pairs]
    if not items:
        st.markdown("No single answer, and no pair of answers tried, would change an element or the outcome.")
    for number, changes in enumerate(items):
        with st.container(border=True):
            st.markdown(plain.change_words(changes, esc, cite))
            _try_it(number, changes, result, scenario)
    closing = plain.unchanged_words(whatif, result, esc)
    if closing and items:
        st.markdown(closing)


def related(result: Result) -> None:
    """Offences of their own that the described facts come near, with the provision's text."""
    for item in result.related:
        with st.container(border=True):
            st.markdown(f"**{cite(item.citation, item.url, item.confidence)}**: {esc(item.reason)}")
            st.caption(esc(item.text))


def caveats(items: list[Caveat]) -> None:
    for caveat in items:
        with st.container(border=True):
            st.markdown(f"**Caveat:** {esc(caveat.text)}")
            if caveat.sources:
                st.caption("Sources: " + "; ".join(esc(s) for s in caveat.sources))


def emergency_line(emergency: Referral, more: str = "More help is listed under *Where to get help*.") -> None:
    """The first referral (the core puts the emergency numbers first), in one line at the top."""
    # A Result carries only numbers our sources confirm: each is a tel: link, with who answers.
    numbers = [c for c in emergency.contacts if c.type == "phone"]
    if numbers:
        links = " or ".join(row_markdown([Piece(c.value, c.href)], esc) for c in numbers)
        alert = f" **{esc(emergency.alert)}**" if emergency.alert else ""
        st.markdown(f"**If someone is in immediate danger, call {links}** ({esc(emergency.name)}).{alert} "
                    + more)
    else:
        note = f" {esc(emergency.note)}" if emergency.note else ""
        st.markdown(f"**{esc(emergency.contact)}**{note}")


def referrals(items: list[Referral]) -> None:
    """Where to get help, in the order the core gives: the emergency numbers first. Numbers are
    tel: links and sites are links; the layout is the Markdown report's."""
    st.markdown(f"**{esc(directory().advice)}**")
    lines = []
    for referral in items:
        lines += referral_markdown(referral, esc)
    st.markdown("\n".join(lines))


def outcome_banner(result: Result) -> None:
    """The result in plain words first: the outcome and one paragraph a member of the public
    understands (elements.plain.summary), never a verdict on a person."""
    # One neutral style for every outcome: colour must not suggest "good" or "bad" news.
    st.info(f"**Outcome: {outcome_words(result.outcome)}.** {esc(plain.summary(result))}", icon="ℹ️")


def provision(item, note: str = "") -> None:
    """A provision's verbatim text with its citation and source.

    In a bordered box rather than a Markdown quote: Streamlit draws quotes in a light grey
    that is too faint to read comfortably, and this text is the point of the page.
    """
    with st.container(border=True):
        st.markdown(f"**{esc(item.citation)}**")
        st.markdown(esc(item.text))
        st.caption(f"Source: {esc(item.source)}" + (f"; {note}" if note else "") + ".")


def narrative_block(text: Optional[str]) -> None:
    if text:
        with st.expander("The narrative, as given (shown, never evaluated)"):
            st.markdown(md_escape(text))


def differing_expectations(scenarios: Iterable[Scenario], what_happens: str) -> None:
    """A warning, one line per difference, where a file's own expected findings are not what
    the engine finds (a file written by hand, or for other rules): the trainer should know
    before teaching from it. Nothing is shown when they agree."""
    lines = []
    for scenario in scenarios:
        for d in expected_differences(scenario):
            title = esc(scenario.title or scenario.id or 'The scenario')
            if d.found is None:
                lines.append(f"- {title}: the file states findings under “{esc(d.framework)}”, a framework "
                             "Elements does not have.")
                continue
            result = evaluate(scenario, d.framework)
            if d.element is None:
                what, stated, found = "outcome", outcome_words(d.stated), outcome_words(d.found)
            else:
                what, stated, found = result.elements[d.element].label, status_words(d.stated), status_words(d.found)
            lines.append(f"- {title}, {esc(result.framework_title)}, "
                         f"{esc(what)}: the file says {stated}, the engine finds {found}.")
    if lines:
        st.warning("The file's expected findings differ from what the engine finds:\n" + "\n".join(lines)
                   + "\n\n" + what_happens, icon="⚠️")
