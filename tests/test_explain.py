"""The justification diagram is drawn from the firing trace, names things as a person reads
them (labels and citations, never ids), has no colour of alarm, and is valid DOT."""
from __future__ import annotations

import re
import shutil
import subprocess

from elements import evaluate
from elements.explain import justification_dot
from elements.vocabulary import vocabulary
from elements.words import CONFIDENCE_WORDS, value_words

from ids import assert_no_ids

ADULT = {"person": {"age": 22}, "facts": {"action.recruitment": True, "means.other_coercion": True,
                                          "purpose.forced_labour": True, "consent.given": True}}


def labels(dot: str) -> list[str]:
    return [label.replace("\\n", "\n") for label in re.findall(r'label="((?:[^"\\]|\\.)*)"', dot)]


def boxes(dot: str) -> dict[str, tuple[str, str]]:
    """node name -> (fill colour, label) of every rule box."""
    return {name: (fill, label.replace("\\n", "\n")) for name, fill, label in
            re.findall(r'^  (\w+) \[shape=box, [^\]]*fillcolor="(#[0-9a-f]{6})", label="((?:[^"\\]|\\.)*)"\];$', dot, re.M)}


def test_every_fired_rule_is_a_box_with_its_label_citation_and_value_in_words():
    result = evaluate({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}})
    dot = justification_dot(result)
    drawn = list(boxes(dot).values())
    assert len(drawn) == len(result.explanation)
    for step, (_, label) in zip(result.explanation, drawn):
        lines = label.split("\n")
        assert step.citation in lines and value_words(step.value) in lines
        assert (step.label in lines) if step.label else len(lines) == 2
    # what the action rule relied on is drawn as a fact leading to it, by its label
    action = next(name for name, (_, label) in boxes(dot).items() if label.startswith(result.elements["action"].label))
    fact = next(name for name, label in re.findall(r'^  (\w+) \[shape=note, fontsize=11, label="([^"]*)"\];$', dot, re.M)
                if label == vocabulary().label("action.recruitment") + ": yes")
    assert f"  {fact} -> {action};" in dot
    # a real line break in the label, written as DOT's \n escape, never a doubled backslash
    assert "\\\\n" not in dot


def test_the_diagram_shows_no_ids():
    for framework in ("palermo", "us", "uk"):
        dot = justification_dot(evaluate(ADULT, framework))
        assert_no_ids("\n".join(labels(dot)))
        # node names are neutral too: svg titles and tooltips would show them
        assert not re.search(r"^  \"", dot, re.M)


def test_no_box_is_painted_in_alarm_red():
    # An adult's "not a child" is a rule that does not hold: it must not look like bad news.
    result = evaluate(ADULT, "palermo")
    assert result.child is False
    for fill, label in boxes(justification_dot(result)).values():
        red, green, blue = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
        assert not (red > green + 30 and red > blue + 30), (fill, label)


def test_a_provision_not_verified_carries_its_mark():
    # Whatever the packs' marks are today: every step of this result marked in turn.
    result = evaluate(ADULT, "palermo")
    for confidence in ("secondary", "unconfirmed"):
        marked = result.model_copy(update={"explanation": [s.model_copy(update={"confidence": confidence})
                                                           for s in result.explanation]})
        drawn = list(boxes(justification_dot(marked)).values())
        assert len(drawn) == len(result.explanation)
        for step, (_, label) in zip(result.explanation, drawn):
            assert f"{step.citation}\n[{CONFIDENCE_WORDS[confidence]}]" in label
    assert not any("[" in label for _, label in boxes(justification_dot(result)).values()
                   if all(s.confidence == "verified" for s in result.explanation))


def test_dot_parses():
    # make test installs graphviz; a missing dot is a failure, not a skip
    assert shutil.which("dot"), "graphviz's dot is missing (make test installs it)"
    dot = justification_dot(evaluate({"facts": {"action.recruitment": True}}))
    done = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Art. 3(a)" in done.stdout
