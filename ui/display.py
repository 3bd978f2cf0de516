"""Pieces of a result shown on several pages: statuses, elements, reasons, caveats, referrals.

Presentation only: every status, text and citation comes from the Result the engine built.
A status is always a symbol and a word, never a colour alone. Every text that is not
written here is escaped, so a rule text or a title is shown as written.
"""
from __future__ import annotations

from typing import Iterable, Optional

import streamlit as st

from elements import Result, Scenario
from elements.model import Caveat, Referral
from elements.api import directory
from elements.report import age_words  # noqa: F401 - the pages use display.age_words
from elements.report import Piece, question_for, referral_markdown, row_markdown
from elements.vocabulary import vocabulary
from elements.words import ROLES, child_words, outcome_words, status_words  # noqa: F401 - pages use them
from safe import md_escape, md_escape_inline as esc


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
            st.caption(f"Provision: {esc(finding.citation)}")
            if finding.satisfied_by:
                st.markdown("By: " + esc(fact_names(finding.satisfied_by)))
            step = next((s for s in result.explanation if s.rule == finding.rule), None)
            if step is not None:
                st.markdown(esc(step.text))


def reasons(result: Result) -> None:
    """The engine's firing trace, in order, each step with its citation."""
    lines = []
    for number, step in enumerate(result.explanation, 1):
        because = f"  \n  *Because:* {esc(', '.join(step.because))}" if step.because else ""
        lines.append(
            f"{number}. **{esc(step.rule)}** ({esc(step.citation)}): "
            f"{status_step(step.value)}. {esc(step.text)}{because}"
        )
    st.markdown("\n".join(lines))


def status_step(value: str) -> str:
    return {"true": "✔ holds", "false": "✘ does not hold", "unknown": "? open"}[value]


def open_questions(result: Result) -> None:
    if not result.open_questions:
        st.markdown("None: every question that could change the outcome has an answer.")
        return
    st.markdown("\n".join(f"- {esc(question_for(item))} (`{item}`)" for item in result.open_questions))


def what_would_change(result: Result) -> None:
    if not result.what_would_change:
        st.markdown("No single answer left open would change the outcome.")
        return
    st.markdown("\n".join(f"- {esc(sentence)}" for sentence in result.what_would_change))


def caveats(items: list[Caveat]) -> None:
    for caveat in items:
        with st.container(border=True):
            st.markdown(f"**Caveat** ({esc(caveat.id)}): {esc(caveat.text)}")
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
    """The outcome in the engine's own careful words (its summary); never a verdict on a person."""
    # One neutral style for every outcome: colour must not suggest "good" or "bad" news.
    st.info(f"**Outcome: {outcome_words(result.outcome)}.** {esc(result.summary)}", icon="ℹ️")


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
