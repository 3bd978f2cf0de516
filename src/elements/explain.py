"""The justification diagram: which rules fired, on which facts and earlier conclusions.

Built from Result.explanation only (the engine's trace), so the picture cannot say more
than the engine did. A person reads labels and citations in it, never ids: the nodes are
named n0, n1, ... inside the DOT text, and each box says its rule's label, its provision
(with the provision's mark where its wording is not verified) and its value in words.
"""
from __future__ import annotations

from . import plain
from .model import Result
from .words import confidence_mark, value_words

# Never colour alone (every box says its value in words and a symbol), and no colour of alarm:
# a rule that does not hold is often good news or no news ("the person is not a child"), so
# "does not hold" is plain white, "holds" a light blue, and "open" grey with a dashed border.
STYLE = {
    "true": 'style="rounded,filled", fillcolor="#dce8f5"',
    "false": 'style="rounded,filled", fillcolor="#ffffff"',
    "unknown": 'style="rounded,filled,dashed", fillcolor="#eeeeee"',
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def justification_dot(result: Result) -> str:
    """Graphviz DOT: facts -> rules -> the outcome, with values in words."""
    lines = [
        "digraph justification {",
        "  rankdir=LR;",
        '  node [fontname="DejaVu Sans", fontsize=12];',
        '  edge [color="#555555"];',
    ]
    node = {step.rule: f"n{index}" for index, step in enumerate(result.explanation)}
    facts: dict[str, str] = {}  # what a step relied on, in words -> its node
    for step in result.explanation:
        mark = confidence_mark(step.confidence)
        label = "\n".join(part for part in (step.label, step.citation, mark and f"[{mark}]", value_words(step.value)) if part)
        lines.append(f"  {node[step.rule]} [shape=box, {STYLE[step.value]}, label={_quote(label)}];")
        for item, words in zip(step.because, plain.because(result, step)):
            name = item.split("=", 1)[0]
            if name in step.depends_on and name in node:
                lines.append(f"  {node[name]} -> {node[step.rule]};")
            else:
                fact = facts.setdefault(words, f"f{len(facts)}")
                lines.append(f"  {fact} -> {node[step.rule]};")
    for words, fact in facts.items():
        lines.append(f"  {fact} [shape=note, fontsize=11, label={_quote(words)}];")
    lines.append("}")
    return "\n".join(lines)
