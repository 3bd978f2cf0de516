"""Frameworks side by side: the same facts under several packs. Generated, deciding nothing.

One row per framework with the status of each element and the outcome, in words; then the
columns on which the frameworks part ways, and for each framework that departs from the
others, the engine's own explanation steps for those elements (the packs' `says` texts).
No sentence here is written for a particular framework or pair of frameworks: every reason
comes from a Result. (The packs themselves, side by side, are docs.py.)
"""
from __future__ import annotations

import textwrap
from collections import Counter
from typing import Sequence

from .markdown import escape as _md
from .model import Result
from .packs import get_pack
from .plain import cite_markdown, cite_text, open_label
from .words import OUTCOME_WORDS, ROLES, STATUS_WORDS

COLUMNS = ROLES + ("outcome",)
WIDTH = 92


# ---------------------------------------------------------------- comparing results


def _name(result: Result) -> str:
    """A framework's short name: its pack's short title up to the first comma."""
    return result.framework_title.split(",")[0].strip()


def _status(result: Result, column: str) -> str:
    """The word for one cell: an element's status, or the outcome."""
    if column == "outcome":
        return OUTCOME_WORDS[result.outcome]
    return STATUS_WORDS[result.elements[column].status]


def comparison_table(results: Sequence[Result]) -> list[dict[str, str]]:
    """One row per framework, in the order given: its id and title, and the status of each
    element and of the outcome in words (never colour)."""
    return [
        {"framework": r.framework, "title": r.framework_title, **{c: _status(r, c) for c in COLUMNS}}
        for r in results
    ]


def _baseline(results: Sequence[Result], column: str) -> str:
    """The status most frameworks share on a column (a tie goes to the one met first)."""
    words = [_status(r, column) for r in results]
    counts = Counter(words)
    return max(words, key=lambda w: (counts[w], -words.index(w)))


def _groups(results: Sequence[Result], column: str) -> list[tuple[str, list[Result]]]:
    groups: dict[str, list[Result]] = {}
    for r in results:
        groups.setdefault(_status(r, column), []).append(r)
    return list(groups.items())


def _reasons(result: Result, role: str) -> list[str]:
    """Why an element has its status under one framework: the explanation steps of the rule
    that decided it and, when the element is still required but not met, of the rule that
    would have waived it."""
    steps = [result.element_step(role)]
    if result.elements[role].status in ("not_met", "unknown"):
        waiver = get_pack(result.framework).waiver_of(role)
        if waiver is not None:
            steps.append(result.step(f"{result.framework}.{waiver.id}"))
    return list(dict.fromkeys(step.text for step in steps if step is not None))


def differences(results: Sequence[Result]) -> list[dict]:
    """The columns on which the frameworks part ways: for each, every status with the
    frameworks that have it, and the baseline (the status most of them share)."""
    out = []
    for column in COLUMNS:
        groups = _groups(results, column)
        if len(groups) > 1:
            out.append({"column": column, "baseline": _baseline(results, column), "groups": groups})
    return out


def departures(results: Sequence[Result]) -> list[dict]:
    """Each framework that departs from the baseline on some column, with the elements on
    which it departs and the reasons its own explanation gives."""
    diffs = differences(results)
    out = []
    for r in results:
        departed = [d["column"] for d in diffs if _status(r, d["column"]) != d["baseline"]]
        if not departed:
            continue
        items = []
        for role in ROLES:
            if role in departed:
                finding = r.elements[role]
                items.append({
                    "label": finding.label,
                    "status": STATUS_WORDS[finding.status],
                    "citation": finding.citation,
                    "url": finding.url,  # the citation links to the official text, with its mark
                    "confidence": finding.confidence,
                    "reasons": _reasons(r, role),
                })
        if not items:  # only the outcome departs: the outcome's own words, and what is open
            items.append({"label": "Outcome", "status": OUTCOME_WORDS[r.outcome], "citation": "", "url": "",
                          "confidence": "verified", "reasons": [r.summary]})
        out.append({"result": r, "items": items})
    return out


def _agreement(results: Sequence[Result]) -> str:
    if len(results) < 2:
        return "Only one framework was evaluated: there is nothing to compare."
    return "The frameworks agree on every element and on the outcome for these facts."


def _group_line(column: str, groups: list[tuple[str, list[Result]]]) -> str:
    label = column.title()
    parts = [f"{word} under {', '.join(_name(r) for r in members)}" for word, members in groups]
    return f"{label}: " + "; ".join(parts) + "."


def render_comparison_text(results: Sequence[Result]) -> str:
    """The comparison for a terminal: a table with status words, then the differences, each
    explained by the framework's own explanation steps."""
    results = list(results)
    rows = comparison_table(results)
    first = max([len(r["framework"]) for r in rows] + [len("Framework")])
    widths = [max(len(c), *(len(r[c]) for r in rows)) for c in COLUMNS]
    line = lambda cells: "  ".join(  # noqa: E731
        [cells[0].ljust(first)] + [cell.ljust(w) for cell, w in zip(cells[1:], widths)]).rstrip()
    out = [f"Comparison across {len(results)} frameworks: the same facts under each definition.",
           "It explains the definitions; it decides nothing about anyone.", ""]
    out.append(line(["Framework"] + [c.title() for c in COLUMNS]))
    out.append(line(["-" * first] + ["-" * w for w in widths]))
    for r in rows:
        out.append(line([r["framework"]] + [r[c] for c in COLUMNS]))
    out.append("")
    for r in rows:
        out.append(textwrap.fill(f"{r['framework']}: {r['title']}", WIDTH, initial_indent="  ",
                                 subsequent_indent="    "))
    out.append("")
    diffs = differences(results)
    if not diffs:
        out.append(_agreement(results))
        return "\n".join(out) + "\n"
    out.append("Where they differ")
    for d in diffs:
        out.append(textwrap.fill(_group_line(d["column"], d["groups"]), WIDTH, initial_indent="  - ",
                                 subsequent_indent="    "))
    out += ["", "Why, in each framework's own terms"]
    for dep in departures(results):
        r = dep["result"]
        out.append(f"  {r.framework_title} ({r.framework}): {OUTCOME_WORDS[r.outcome]}")
        for item in dep["items"]:
            where = f" ({cite_text(item['citation'], '', item['confidence'])})" if item["citation"] else ""
            head = f"{item['label']}, {item['status']}{where}: "
            out.append(textwrap.fill(head + " ".join(item["reasons"]), WIDTH, initial_indent="    - ",
                                     subsequent_indent="      "))
        if r.open_questions:
            out.append(textwrap.fill("Still open: " + ", ".join(map(open_label, r.open_questions)), WIDTH,
                                     initial_indent="    ", subsequent_indent="      "))
    return "\n".join(out) + "\n"


def render_comparison_markdown(results: Sequence[Result]) -> str:
    """The comparison as Markdown: a table with status words, then the differences, each
    explained by the framework's own explanation steps."""
    results = list(results)
    out = ["## Comparison across frameworks", "",
           f"The same facts under {len(results)} definitions. This explains the definitions; "
           "it decides nothing about anyone.", "",
           "| Framework | " + " | ".join(c.title() for c in COLUMNS) + " |",
           "|---" * (len(COLUMNS) + 1) + "|"]
    for r in comparison_table(results):
        out.append(f"| {_md(r['title'])} | " + " | ".join(_md(r[c]) for c in COLUMNS) + " |")
    out.append("")
    diffs = differences(results)
    if not diffs:
        out.append(_agreement(results))
        return "\n".join(out) + "\n"
    out += ["### Where they differ", ""]
    out += [f"- {_md(_group_line(d['column'], d['groups']))}" for d in diffs]
    out += ["", "### Why, in each framework's own terms", ""]
    for dep in departures(results):
        r = dep["result"]
        out.append(f"**{_md(r.framework_title)}**: {_md(OUTCOME_WORDS[r.outcome])}.")
        out.append("")
        for item in dep["items"]:
            where = f" ({cite_markdown(item['citation'], item['url'], item['confidence'])})" if item["citation"] else ""
            out.append(f"- *{_md(item['label'])}, {_md(item['status'])}*{where}: {_md(' '.join(item['reasons']))}")
        if r.open_questions:
            out.append(f"- Still open: {_md(', '.join(map(open_label, r.open_questions)))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = [
    "comparison_table",
    "departures",
    "differences",
    "render_comparison_markdown",
    "render_comparison_text",
]
