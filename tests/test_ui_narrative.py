"""The narrative page (ui/views/narrative.py) through the app: overlapping highlights render as
clean Markdown, and each proposal carries the phrase that suggested it into the walkthrough."""
from __future__ import annotations

import re

from ui_apptest import draft, new_app, next_step, ok, shown, stay_on

# Overlapping phrases: "paid for the tickets" (transportation) holds "tickets" (travel);
# "drove her to hotels every night" holds "drove her to" (transportation) and more.
OVERLAPPING = (
    "Mia was 16. He paid for the tickets and drove her to hotels every night. "
    "He took her passport *for safekeeping* and said that if she left he would hurt her sister."
)


DIRECTIVE = r":orange-background\[((?:\\.|[^\\\]])*)\]"


def open_narrative(text: str):
    at = new_app()
    at.switch_page("views/narrative.py")
    ok(at.run())
    at.text_area(key="nar.text").set_value(text)
    return ok(at.run())


def highlighted_markdown(at) -> str:
    (body,) = [m.value for m in at.markdown if ":orange-background[" in m.value]
    return body


def test_overlapping_highlights_render_without_stray_markdown():
    at = open_narrative(OVERLAPPING)
    body = highlighted_markdown(at)
    assert not re.search(r"(?<!\\)[*_]", body), "no emphasis markup at all: nothing to leave open"
    assert body.count("\\*") == 2, "the user's own asterisks are escaped"
    # Each marked stretch is one directive, never nested, never empty, never padded with spaces.
    inner = re.findall(DIRECTIVE, body)
    assert inner and all(t and t == t.strip() and ":orange-background" not in t for t in inner)
    assert body.count(":orange-background[") == len(inner)
    # The reader sees the whole narrative, once, in order.
    unmarked = re.sub(DIRECTIVE, r"\1", re.sub(r"\\\[\d+\\\]", "", body))
    words = re.sub(r"\\(.)", r"\1", unmarked)
    assert " ".join(words.split()) == " ".join(OVERLAPPING.split())
    # Overlapping phrases share one stretch: "paid for the tickets" is not split at "tickets".
    assert any("paid for the tickets" in t for t in inner)


def test_a_proposal_carries_its_phrase_into_the_walkthrough():
    at = open_narrative(OVERLAPPING)
    at.button(key="nar.go").click()
    at = stay_on(ok(at.run()), "views/walkthrough.py")
    assert draft(at).phrases["means.other_coercion"] == ["took her passport", "for safekeeping"]
    next_step(at)  # the action
    page = shown(at)
    assert "Suggested answer: **Yes**, suggested by: 'paid for the tickets', 'drove her to'" in page
    next_step(at)  # the means
    assert "suggested by: 'took her passport', 'for safekeeping'" in shown(at)
    at.button(key="accept.means.other_coercion").click()
    ok(at.run())
    assert draft(at).answers == {"means.other_coercion": True}
    page = shown(at)
    assert "From the narrative: suggested by: 'took her passport', 'for safekeeping'." in page
    assert "Accept the suggestion (Yes) for: Other coercion" not in [b.label for b in at.button]


def test_a_fact_ticked_on_the_narrative_page_keeps_its_phrase():
    at = open_narrative(OVERLAPPING)
    at.checkbox(key="nar.ok.means.threat_of_force").check()
    ok(at.run())
    at.button(key="nar.go").click()
    at = stay_on(ok(at.run()), "views/walkthrough.py")
    assert draft(at).answers == {"means.threat_of_force": True}
    next_step(at)
    next_step(at)
    assert "From the narrative: suggested by: 'would hurt'." in shown(at)


def test_starting_again_forgets_the_phrases():
    at = open_narrative(OVERLAPPING)
    at.button(key="nar.go").click()
    at = stay_on(ok(at.run()), "views/walkthrough.py")
    assert draft(at).phrases
    at.button(key="nav.reset").click()
    ok(at.run())
    assert draft(at).phrases == {} and draft(at).proposals == {}
