"""Results as text for a terminal and as Markdown (the CLI formats and the app's export).

The result in plain words comes first (elements.plain), then the elements, then the rules
that fired, for professionals. Facts and rules appear by label and citation, never by id.
Status is always a word, never colour alone. User text (title, narrative) is quoted as
given; the narrative appears only when the caller asks for it.
"""
from __future__ import annotations

import textwrap
from typing import Callable, NamedTuple, Optional

from . import plain
from .markdown import escape as md_escape, href
from .model import Contact, Referral, Result, Scenario
from .referrals import DIALLED, dialled, directory
from .vocabulary import vocabulary
from .whatif import WhatIf
from .words import OUTCOME_WORDS, ROLES, STATUS_WORDS, age_words as _age_words, child_words, value_words


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
    return ", ".join(vocab.label(i) for i in ids)


def age_words(scenario: Optional[Scenario]) -> str:
    return _age_words(None if scenario is None else scenario.person.age)


def _child_words(result: Result) -> str:
    return child_words(result.child, result.child_line)


def render_text(result: Result, scenario: Optional[Scenario] = None, narrative: bool = False,
                whatif: Optional[WhatIf] = None) -> str:
    """The report for a terminal: the plain summary, the elements, the trace, then what would
    change it (when given), caveats and help. Labels and citations only: no ids."""
    wrap = lambda text, indent="    ": textwrap.fill(text, 92, initial_indent=indent, subsequent_indent=indent)  # noqa: E731
    out: list[str] = [f"Elements: {result.framework_title}"]
    if scenario is not None and (scenario.title or scenario.id):
        out.append(f"Scenario: {scenario.title or scenario.id}")
    if narrative and scenario is not None and scenario.narrative:
        out += ["", "Narrative (as given):", wrap(scenario.narrative)]
    out += ["", f"Outcome: {OUTCOME_WORDS[result.outcome].upper()}", wrap(plain.summary(result)), ""]
    out.append("Elements")
    for role in ROLES:
        finding = result.elements[role]
        line = f"  [{STATUS_WORDS[finding.status]:^12}] {finding.label:<8} {plain.cite_text(finding.citation, '', finding.confidence)}"
        if finding.satisfied_by:
            line += f"  by: {_facts_words(finding.satisfied_by)}"
        out.append(line)
    out.append(f"  Child: {_child_words(result)} ({age_words(scenario)})")
    out += ["", "For professionals: the rules that fired, in order"]
    for number, step in enumerate(result.explanation, 1):
        out.append(f"  {number}. {plain.rule_name(step)}: {value_words(step.value)}")
        out.append(wrap(step.text, "       "))
        if step.because:
            out.append(wrap("because: " + "; ".join(plain.because(result, step)), "       "))
    if result.open_questions:
        out += ["", "Open questions (answers could still change the outcome)"]
        for item in result.open_questions:
            out.append(wrap(f"- {question_for(item)}", "  "))
    if whatif is not None:
        out += ["", "What would change it"]
        out += [textwrap.fill(f"- {line}", 92, initial_indent="  ", subsequent_indent="    ")
                for line in plain.what_if_lines(whatif, result)]
    if result.related:
        out += ["", "Related offences"]
        for item in result.related:
            out.append(textwrap.fill(f"- {plain.cite_text(item.citation, '', item.confidence)}: {item.reason}", 92,
                                     initial_indent="  ", subsequent_indent="    "))
    out += ["", "Caveats"]
    for caveat in result.caveats:
        out.append(textwrap.fill(f"- {caveat.text}", 92, initial_indent="  ", subsequent_indent="    "))
    out += ["", "Where to get help", wrap(directory().advice, "  ")]
    for referral in result.referrals:
        head, rows = referral_rows(referral)
        out.append(_fill(f"- {_plain(head)}", "  ", "    "))
        out += [_fill(_plain(row), "      ", "        ") for row in rows]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ referrals, in every format
# One layout for the text report, the Markdown report (and so the PDF) and the app: a head line
# and the rows under it, each a list of pieces that may be a link or stand out.

CONTACT_LABELS = {
    "phone": "Phone", "text": "Text (SMS)", "tty": "TTY", "whatsapp": "WhatsApp",
    "chat": "Chat", "web": "Web", "email": "E-mail",
}


class Piece(NamedTuple):
    text: str
    href: str = ""  # tel:, sms:, mailto:, https:
    strong: bool = False


Row = list[Piece]


def _contact_row(contact: Contact, referral: Referral) -> Row:
    row = [Piece(f"{CONTACT_LABELS.get(contact.type, contact.type)}: "), Piece(contact.value, contact.href)]
    if dialled(contact):
        row.append(Piece(f" (dial {dialled(contact)})"))
    if contact.note:
        row.append(Piece(f" – {contact.note}"))
    if contact.confidence == "secondary" and referral.confidence != "secondary":
        row.append(Piece(f" ({directory().words.secondary_contact})"))
    if referral.alert and contact.type in DIALLED:
        # Beside every number: who answers matters before the call, not after it.
        stop = "" if _plain(row).endswith(".") else "."
        row += [Piece(stop + " "), Piece(referral.alert, strong=True)]
    return row


def referral_rows(referral: Referral) -> tuple[Row, list[Row]]:
    """A referral as a head (its name, hours) and rows: each contact, the alert where no number
    carries it, who it is for, who runs it, its languages, its cautions and its source."""
    head = [Piece(referral.name, strong=True)] + ([Piece(f" ({referral.hours})")] if referral.hours else [])
    rows = [_contact_row(c, referral) for c in referral.contacts]
    if not referral.contacts:
        rows.append([Piece(referral.contact, strong=referral.kind in ("emergency", "notice"))])
    if referral.alert and not any(c.type in DIALLED for c in referral.contacts):
        rows.append([Piece(referral.alert, strong=True)])
    if referral.note and referral.note != referral.contact:
        rows.append([Piece(referral.note)])
    if referral.serves:
        rows.append([Piece(referral.serves)])
    if referral.who_answers:
        rows.append([Piece(f"Run by {referral.who_answers}.")])
    if referral.languages:
        rows.append([Piece(f"Languages: {referral.languages}")])
    rows += [[Piece(caution, strong=True)] for caution in referral.cautions]
    rows.append([Piece(f"Source: {referral.source}. Checked {referral.checked}.")])
    return head, rows


def _plain(row: Row) -> str:
    return "".join(piece.text for piece in row)


def _fill(text: str, first: str, rest: str) -> str:
    # Addresses and numbers are never broken at a hyphen or in the middle.
    return textwrap.fill(text, 92, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


def row_markdown(row: Row, escape: Callable[[str], str]) -> str:
    """Pieces as Markdown, each text escaped with the caller's escape (the app escapes more)."""
    out = []
    for piece in row:
        # The spaces around a piece stay outside the escape (which may trim) and the emphasis.
        core = piece.text.strip()
        if not core:
            out.append(piece.text)
            continue
        lead, tail = piece.text[: len(piece.text) - len(piece.text.lstrip())], piece.text[len(piece.text.rstrip()):]
        text = escape(core)
        if piece.strong:
            text = f"**{text}**"
        if piece.href:
            text = f"[{text}]({href(piece.href)})"
        out.append(lead + text + tail)
    return "".join(out)


def referral_markdown(referral: Referral, escape: Callable[[str], str]) -> list[str]:
    """One referral as a Markdown list item with its rows nested under it."""
    head, rows = referral_rows(referral)
    return [f"- {row_markdown(head, escape)}"] + [f"  - {row_markdown(row, escape)}" for row in rows]


def render_markdown(result: Result, scenario: Optional[Scenario] = None, narrative: bool = False,
                    whatif: Optional[WhatIf] = None) -> str:
    """The report as Markdown (the app's export, and the PDF's text): the same order as the
    text report; every citation links to the provision's official text."""
    esc, cite = plain.MARKDOWN
    out: list[str] = [f"# Elements: {md_escape(result.framework_title)}", ""]
    if scenario is not None and (scenario.title or scenario.id):
        out += [f"**Scenario:** {md_escape(scenario.title or scenario.id or '')}", ""]
    if narrative and scenario is not None and scenario.narrative:
        out += ["## Narrative (as given)", "", "> " + md_escape(scenario.narrative), ""]
    out += [f"**Outcome: {OUTCOME_WORDS[result.outcome]}.** {md_escape(plain.summary(result))}", ""]
    out += ["## Elements", "", "| Element | Status | Provision | Satisfied by |", "|---|---|---|---|"]
    for role in ROLES:
        finding = result.elements[role]
        out.append(
            f"| {md_escape(finding.label)} | {STATUS_WORDS[finding.status]} | "
            f"{cite(finding.citation, finding.url, finding.confidence)} | "
            f"{md_escape(_facts_words(finding.satisfied_by)) or '—'} |"
        )
    out += ["", f"Child: {_child_words(result)} ({age_words(scenario)}).", ""]
    out += ["## For professionals: the rules that fired", "", "In the order the engine fired them.", ""]
    for number, step in enumerate(result.explanation, 1):
        reasons = plain.because(result, step, esc, cite)
        because = f" Because: {'; '.join(reasons)}." if reasons else ""
        out.append(f"{number}. **{plain.rule_name(step, esc, cite)}**: {value_words(step.value)}. {md_escape(step.text)}{because}")
    if result.open_questions:
        out += ["", "## Open questions", ""]
        out += [f"- {md_escape(question_for(q))}" for q in result.open_questions]
    if whatif is not None:
        out += ["", "## What would change it", ""]
        out += [f"- {line}" for line in plain.what_if_lines(whatif, result, esc, cite)]
    if result.related:
        out += ["", "## Related offences", ""]
        out += [f"- {cite(r.citation, r.url, r.confidence)}: {md_escape(r.reason)}" for r in result.related]
    out += ["", "## Caveats", ""]
    for caveat in result.caveats:
        out.append(f"- {md_escape(caveat.text)}")
        for source in caveat.sources:
            out.append(f"  - Source: {md_escape(source)}")
    out += ["", "## Where to get help", "", md_escape(directory().advice), ""]
    for referral in result.referrals:
        out += referral_markdown(referral, md_escape)
    return "\n".join(out) + "\n"
