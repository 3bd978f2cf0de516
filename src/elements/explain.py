"""The justification tree: which rules fired, on which facts and earlier conclusions.

Built from Result.explanation only (the engine's trace), so the picture cannot say more
than the engine did.
"""
from __future__ import annotations

from .model import Result
from .words import VALUE_SYMBOL as SYMBOL  # never colour alone: every node has a word and a symbol


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def justification_dot(result: Result) -> str:
    """Graphviz DOT: facts -> rules -> the outcome, with values in words."""
    lines = [
        "digraph justification {",
        "  rankdir=LR;",
        '  node [fontname="DejaVu Sans", fontsize=11];',
    ]
    fill = {"true": "#d8f0d8", "false": "#f6d6d6", "unknown": "#eeeeee"}
    facts: set[str] = set()
    for step in result.explanation:
        label = f"{step.rule.split('.', 1)[1]}\n{step.citation}\n{SYMBOL[step.value]} {step.value}"
        lines.append(
            f"  {_quote(step.rule)} [shape=box, style=\"rounded,filled\", fillcolor=\"{fill[step.value]}\", label={_quote(label)}];"
        )
        for item in step.because:
            name = item.split("=")[0]
            if name in step.depends_on:
                lines.append(f"  {_quote(name)} -> {_quote(step.rule)};")
            else:
                facts.add(item)
                lines.append(f"  {_quote(item)} -> {_quote(step.rule)};")
    for item in sorted(facts):
        lines.append(f"  {_quote(item)} [shape=note, fontsize=10];")
    lines.append("}")
    return "\n".join(lines)
