"""The justification graph is drawn from the firing trace, and valid DOT."""
from __future__ import annotations

import shutil
import subprocess

from elements import evaluate
from elements.explain import justification_dot


def test_graph_has_every_fired_rule_and_its_inputs():
    result = evaluate({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}})
    dot = justification_dot(result)
    for step in result.explanation:
        assert f'"{step.rule}" [shape=box' in dot
    assert '"action.recruitment=true" -> "palermo.action";' in dot
    assert '"palermo.child" -> "palermo.child_exception";' in dot
    # a real line break in the label, written as DOT's \n escape, never a doubled backslash
    assert 'label="child\\nArt. 3(d)\\n✔ true"' in dot
    assert "\\\\n" not in dot


def test_dot_parses():
    # make test installs graphviz; a missing dot is a failure, not a skip
    assert shutil.which("dot"), "graphviz's dot is missing (make test installs it)"
    dot = justification_dot(evaluate({"facts": {"action.recruitment": True}}))
    done = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Art. 3(a)" in done.stdout
