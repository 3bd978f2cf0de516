"""The result page, driven with AppTest: the result in plain words first, then the elements,
the trace behind an expander for professionals; labels and citations, never ids; what would
change it for every outcome, each with a "try it" toggle showing the new result beside the old."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from elements import api, evaluate, plain
from elements.packs import framework_ids, get_pack
from elements.whatif import apply
from elements.words import CONFIDENCE_WORDS, outcome_words, status_words
from ids import assert_no_ids
from ui_apptest import new_app, ok, shown, walk

ADULT = {"action.recruitment": "yes", "means.deception": "yes", "purpose.forced_labour": "yes"}
ADULT_SCENARIO = api.validate_scenario({"person": {"age": 30}, "facts": {k: True for k in ADULT}})


def result_page(framework: str | None = None, age=30, answers=ADULT) -> AppTest:
    at = walk(new_app(), age, answers)
    if framework:
        at.selectbox(key="w.framework").set_value(framework)
        ok(at.run())
    return at


def in_order(at: AppTest) -> list[str]:
    """The main area's blocks as a person meets them: the kind of each top-level element."""
    return [type(node).__name__ + ":" + str(getattr(node, "label", "") or getattr(node, "value", ""))[:40]
            for node in at.main.children.values()]


def test_plain_words_first_then_the_elements_then_the_trace_behind_an_expander():
    at = result_page()
    result = evaluate(ADULT_SCENARIO)
    banner = at.info[0].value
    assert banner.startswith(f"**Outcome: {outcome_words(result.outcome)}.**")
    assert plain.summary(result) in shown(at)
    order = in_order(at)
    kinds = [text.split(":", 1)[0] for text in order]
    # the outcome in plain words, then the elements, then the trace for professionals
    assert kinds.index("Info") < order.index("Header:The elements") < kinds.index("Expander")
    assert kinds.index("Expander") < order.index("Header:What would change it")
    expander = at.expander[0]
    assert expander.label.startswith("For professionals")
    trace = "\n".join(m.value for m in expander.markdown)
    for step in result.explanation:  # every step of the trace is inside the expander
        assert plain.rule_name(step, *plain.MARKDOWN) in trace


@pytest.mark.parametrize("framework", framework_ids())
def test_the_page_names_no_ids(framework):
    for age, answers in ((30, ADULT), (None, {"action.transportation": "yes", "movement.crossed_border": "yes",
                                               "consent.given": "yes"})):
        at = result_page(framework, age, answers)
        assert_no_ids(shown(at) + "\n".join(t.label for t in at.toggle), f"{framework} page")


def test_citations_link_to_the_official_text_with_their_mark():
    # a framework with a provision not verified, where there is one today (the links are checked anyway)
    marked = [fw for fw in framework_ids() if any(p.confidence != "verified" for p in get_pack(fw).provisions)]
    framework = (marked or framework_ids())[0]
    at = result_page(framework)
    result = evaluate(ADULT_SCENARIO, framework)
    captions = [c.value for c in at.caption if c.value.startswith("Provision")]
    for role, caption in zip(("action", "means", "purpose"), captions):
        finding = result.elements[role]
        assert f"[{finding.citation}]({finding.url})" in caption
        if finding.confidence != "verified":
            assert CONFIDENCE_WORDS[finding.confidence] in caption


@pytest.mark.parametrize("age, answers", [
    (30, ADULT),  # all elements met
    (30, {"action.recruitment": "yes", "purpose.forced_labour": "yes", "means.deception": "no"}),
    (None, {"action.recruitment": "yes", "purpose.forced_labour": "yes"}),  # undetermined
])
def test_what_would_change_it_for_every_outcome(age, answers):
    at = result_page(None, age, answers)
    scenario = api.validate_scenario({"person": {"age": age}, "facts": {k: v == "yes" for k, v in answers.items()}})
    result = evaluate(scenario)
    lines = plain.what_if_lines(api.what_if(scenario), result, *plain.MARKDOWN)
    page = "\n".join(m.value for m in at.markdown)
    assert lines and all(line in page for line in lines)
    assert at.toggle, "each change has its try-it toggle"


def test_try_it_shows_the_new_result_beside_the_old_and_keeps_the_answers():
    at = result_page()
    whatif = api.what_if(ADULT_SCENARIO)
    before = evaluate(ADULT_SCENARIO)
    toggle = at.toggle[0]
    change = whatif.groups()[0][0]
    assert "As answered" not in shown(at)
    toggle.set_value(True)
    ok(at.run())
    page = shown(at)
    tried = evaluate(apply(ADULT_SCENARIO, change.flips))
    assert "As answered" in page and f"Outcome: {outcome_words(before.outcome)}" in page
    assert f"Outcome: {outcome_words(tried.outcome)} *(changed)*" in page
    for effect in change.effects:
        if effect.target != "outcome":
            assert f"{tried.elements[effect.target].label}: {status_words(effect.after)} *(changed)*" in page
    at.switch_page("views/result.py")  # the answers themselves did not change
    at.toggle[0].set_value(False)
    ok(at.run())
    assert "As answered" not in shown(at) and at.info[0].value.startswith(f"**Outcome: {outcome_words(before.outcome)}")


def test_try_it_on_a_group_picks_which_answer_to_try():
    at = result_page(None, None, {"purpose.forced_labour": "yes"})
    scenario = api.validate_scenario({"facts": {"purpose.forced_labour": True}})
    groups = api.what_if(scenario).groups()
    number = next(i for i, g in enumerate(groups) if len(g) > 1)
    toggle = at.toggle[number]
    assert "one of" in toggle.label
    toggle.set_value(True)
    ok(at.run())
    which = at.selectbox(key=toggle.key + ".which")
    which.set_value(len(groups[number]) - 1)
    ok(at.run())
    last = groups[number][-1]
    assert f"With {last.flips[0].label}" in shown(at)


def test_related_offences_are_shown_by_citation_with_their_reason():
    def page():
        import display
        from elements import evaluate as run
        from elements.model import RelatedProvision

        result = run({"facts": {"action.recruitment": True}})
        display.related(result.model_copy(update={"related": [RelatedProvision(
            rule="palermo.x", citation="Art. 9", text="The provision's words.", reason="Why it is pointed to.",
            url="https://example.org/art9", confidence="secondary")]}))

    import ui_apptest  # noqa: F401

    at = AppTest.from_function(page, default_timeout=30)
    ok(at.run())
    text = "\n".join(m.value for m in at.markdown)
    assert "[Art. 9](https://example.org/art9) \\[wording from a secondary source\\]" in text
    assert "Why it is pointed to." in text and "palermo.x" not in text
