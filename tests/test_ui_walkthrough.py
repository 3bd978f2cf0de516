"""The walkthrough, driven with AppTest to a result: a child, an adult, an unknown age."""
from __future__ import annotations

import pytest

from elements import api, interview
from elements.packs import get_pack
from ui_apptest import answer, back, draft, new_app, next_step, ok, open_folds, plain, said, set_age, shown, step_title, walk

# Every means fact the Palermo pack's rules test, read from the pack (it changes with the law).
PALERMO_MEANS = [f.id for f in api.vocabulary().in_group("means") if "palermo" in api.frameworks_reading(f.id)]
NO_MEANS = {fact: "no" for fact in PALERMO_MEANS}


def test_child_without_means_touches_every_element():
    at = walk(new_app(), 16, {"action.recruitment": "yes", "purpose.other_sexual_exploitation": "yes",
                              "consent.given": "yes", **NO_MEANS}, country="US")
    page = shown(at)
    assert at.title[0].value == "Result"
    assert "Outcome: ✔ all elements met" in page
    assert "touch every element of the definition" in page  # the engine's own summary
    assert "– not required" in page and "Because the person is a child" in page
    assert "Child:** yes, under 18 (age 16)" in page
    # The emergency number comes first, as a tel: link, and the US hotline is listed.
    assert "call [911](tel:911)" in page
    assert page.index("Emergency services") < page.index("National Human Trafficking Hotline")
    assert said("consent_irrelevant") in page


def test_adult_without_means_does_not_meet_the_means_element():
    at = walk(new_app(), 30, {"action.recruitment": "yes", "purpose.forced_labour": "yes", **NO_MEANS})
    page = shown(at)
    assert "Outcome: ✘ not all elements met" in page
    assert "do not meet every element" in page
    assert "✘ not met" in page and "The means element is not met" in page
    assert "The child provision, Art. 3(c), does not apply: the means element is required." in page
    # Without a country, the generic emergency advice still comes first.
    assert "call the local emergency number" in page


def test_adult_sex_work_without_means_says_it_is_not_trafficking_under_the_definition():
    at = walk(new_app(), 24, {"action.recruitment": "yes", "purpose.prostitution_of_others": "yes",
                              "consent.given": "yes", **NO_MEANS})
    page = shown(at)
    assert said("sex_work_distinction") in page
    assert "Consensual sex work between adults is not trafficking under this definition" in page
    assert "NSWP" in page


def test_unknown_age_leaves_the_outcome_open_and_asks_for_it():
    at = walk(new_app(), None, {"action.recruitment": "yes", "purpose.forced_labour": "yes"})
    page = shown(at)
    assert "Outcome: ? undetermined" in page
    assert "cannot be settled" in page
    assert "Child:** unknown (age unknown)" in page
    assert "How old was the person when this happened?" in page  # an open question
    line = get_pack("palermo").child_line()  # what would change it: a child's age waives the means
    assert f"If the person were {line - 1} (age now not known)" in page
    assert said("age_unknown") in page


def test_back_and_next_keep_answers():
    at = new_app()
    set_age(at, 15)
    next_step(at)
    assert step_title(at) == "The action"
    answer(at, "action.harbouring", "yes")
    answer(at, "action.transfer", "no")
    next_step(at)
    assert step_title(at) == "The means"
    open_folds(at, "means")  # a child: the means are folded away under Palermo
    answer(at, "means.deception", "yes")
    back(at)
    assert step_title(at) == "The action"
    assert at.radio(key="w.action.harbouring").value == "yes"
    assert at.radio(key="w.action.transfer").value == "no"
    assert at.radio(key="w.action.recruitment").value is None  # not answered: nothing chosen
    back(at)
    assert at.radio(key="w.age_known").value == "known"
    assert at.number_input(key="w.age").value == 15
    next_step(at)
    next_step(at)
    open_folds(at, "means")
    assert at.radio(key="w.means.deception").value == "yes"
    # Leaving the page and coming back keeps them too, at whichever step the address names.
    at.switch_page("views/definitions.py")
    ok(at.run())
    at.switch_page("views/walkthrough.py")
    at.query_params["step"] = "means"
    ok(at.run())
    assert step_title(at) == "The means"
    open_folds(at, "means")
    assert at.radio(key="w.means.deception").value == "yes"
    assert draft(at).answers == {"action.harbouring": True, "action.transfer": False, "means.deception": True}


def test_every_step_has_its_own_address():
    at = new_app()
    assert step_title(at) == "The person"
    next_step(at)
    assert at.query_params["step"] == "action"
    next_step(at)
    assert at.query_params["step"] == "means"
    # The browser's Back and Forward ask for an address: the step it names is shown.
    at.query_params["step"] = "action"
    ok(at.run())
    assert step_title(at) == "The action"
    at.query_params["step"] = "check"
    ok(at.run())
    assert step_title(at) == "Check your answers"
    at.query_params["step"] = "no-such-step"
    ok(at.run())
    assert step_title(at) == "The person"


def test_check_your_answers_has_a_change_link_per_row():
    at = new_app()
    set_age(at, 30)
    at.query_params["step"] = "means"
    ok(at.run())
    answer(at, "means.deception", "yes")
    answer(at, "means.fraud", "unsure")
    at.query_params["step"] = "check"
    ok(at.run())
    rows = [m.value for m in at.markdown if m.value.startswith("**")]
    changes = [b for b in at.button if b.key and b.key.startswith("change.")]
    assert len(changes) == len(rows) == 4  # age, country, deception, fraud
    assert any("Not sure" in row and "Fraud" in plain(row) for row in rows), rows
    assert "Not answered" not in " ".join(rows)
    change = next(b for b, row in zip(changes, rows) if "Deception" in plain(row))
    change.click()
    ok(at.run())
    assert step_title(at) == "The means" and at.query_params["step"] == "means"


def test_not_sure_stays_unknown_never_no_and_differs_from_not_answered():
    at = new_app()
    next_step(at)
    assert at.radio(key="w.action.recruitment").value is None  # nothing pre-selected
    answer(at, "action.recruitment", "yes")
    answer(at, "action.recruitment", "unsure")
    assert at.radio(key="w.action.recruitment").value == "unsure"  # the person sees "Not sure"
    assert draft(at).answers == {"action.recruitment": None}
    assert draft(at).scenario().facts == {"action.recruitment": None}  # unknown to the engine
    assert "Action**: ? unknown" in shown(at)
    at.query_params["step"] = "check"
    ok(at.run())
    page = shown(at)
    assert "Recruitment**: Not sure" in page and "Age at the time**: Not answered" in page


def test_checklist_updates_live_beside_the_steps():
    at = new_app()
    assert "Action**: ? unknown" in shown(at)
    next_step(at)
    answer(at, "action.recruitment", "yes")
    assert "Action**: ✔ met (Recruitment)" in shown(at)
    answer(at, "action.recruitment", "no")
    for fact in ("action.transportation", "action.transfer", "action.harbouring", "action.receipt"):
        answer(at, fact, "no")
    assert "Action**: ✘ not met" in shown(at)


def test_age_not_sure_keeps_the_number_for_later_but_counts_as_unknown():
    at = new_app()
    set_age(at, 17)
    at.radio(key="w.age_known").set_value("unsure")
    ok(at.run())
    assert "Child**: unknown (age unknown)" in shown(at)
    at.radio(key="w.age_known").set_value("known")
    ok(at.run())
    assert at.number_input(key="w.age").value == 17
    assert "Child**: yes, under 18 (age 17)" in shown(at)


def test_every_step_has_a_progress_indicator_and_labelled_inputs():
    at = new_app()
    seen = []
    for _ in range(6):
        seen.append(at.get("progress")[0].proto.text)
        for radio in at.radio:
            assert radio.label.strip()
        if step_title(at) == "Check your answers":
            break
        next_step(at)
    assert seen[0] == "Step 1 of 6: The person" and seen[-1] == "Step 6 of 6: Check your answers"


@pytest.mark.parametrize("framework", ["palermo"])
def test_the_provision_wording_is_on_demand(framework):
    at = new_app()
    next_step(at)
    labels = [e.label for e in at.expander]
    assert any(label.startswith("What the law says") and "Art. 3(a)" in label for label in labels)
    assert "the recruitment, transportation, transfer, harbouring or receipt of persons" in shown(at)


def test_other_frameworks_terms_are_asked_too():
    at = new_app()
    next_step(at)
    assert any(e.label.startswith("More questions: terms other frameworks use") for e in at.expander)
    open_folds(at, "action")
    answer(at, "action.enticement", "yes")
    assert draft(at).answers == {"action.enticement": True}


def test_proposed_facts_count_only_once_confirmed():
    at = new_app()
    draft(at).propose("action.recruitment", True)
    draft(at).phrases["action.recruitment"] = ["promised her a job"]
    ok(at.run())
    next_step(at)
    assert "Suggested answer: **Yes**, suggested by: 'promised her a job'." in shown(at)
    assert "Action**: ? unknown" in shown(at)
    at.button(key="accept.action.recruitment").click()
    ok(at.run())
    assert draft(at).answers == {"action.recruitment": True} and not draft(at).proposals
    assert "Action**: ✔ met (Recruitment)" in shown(at)
    assert at.radio(key="w.action.recruitment").value == "yes"


def terms(framework: str, group: str) -> list[str]:
    """The facts of a step that the framework's own rules test, in the walkthrough's order."""
    return [f.id for f in api.vocabulary().in_group(group) if framework in api.frameworks_reading(f.id)]


def in_fold(at, fact_id: str) -> bool:
    """Whether the question sits in the step's "Not needed" fold (opened)."""
    open_folds(at, fact_id.split(".")[0])
    return any(e.label.startswith("Not needed") and any(r.key == "w." + fact_id for r in e.radio)
               for e in at.expander)


def test_a_settled_element_folds_its_remaining_questions_and_they_stay_there():
    at = new_app()
    set_age(at, 30)
    next_step(at)
    acts = terms("palermo", "action")
    assert len(acts) > 2 and not any(in_fold(at, f) for f in acts)
    answer(at, acts[0], "yes")
    at.session_state["fold.action"] = False
    ok(at.run())
    assert not [r for r in at.radio if r.key in {"w." + f for f in acts[1:]}]  # folded, closed: not drawn
    open_folds(at, "action")
    result = api.evaluate(draft(at).scenario(), "palermo")
    assert result.elements["action"].status == "met"
    fold = next(e for e in at.expander if e.label.startswith("Not needed"))
    assert fold.label.startswith(interview.not_needed(result, "action"))
    assert result.element_step("action").text in shown(at)  # the engine's reason, inside the fold
    assert not in_fold(at, acts[0]) and all(in_fold(at, f) for f in acts[1:])
    answer(at, acts[1], "no")  # answered inside the fold, it stays there
    assert in_fold(at, acts[1])
    answer(at, acts[0], "no")  # no longer settled: every question is asked again
    assert not any(in_fold(at, f) for f in acts)


def test_a_child_is_not_asked_the_means_where_the_framework_waives_them():
    at = new_app()
    set_age(at, 15)
    at.query_params["step"] = "means"
    ok(at.run())
    result = api.evaluate(draft(at).scenario(), "palermo")
    assert result.elements["means"].status == "not_required"
    assert all(in_fold(at, f) for f in terms("palermo", "means"))
    assert result.element_step("means").text in shown(at)
    at.query_params["step"] = "person"
    ok(at.run())
    set_age(at, 30)  # an adult: the means matter again
    at.query_params["step"] = "means"
    ok(at.run())
    assert not any(in_fold(at, f) for f in terms("palermo", "means"))


@pytest.mark.parametrize("framework", ["palermo", "us", "uk"])
def test_each_question_says_why_it_is_asked_from_the_frameworks_rules(framework):
    at = new_app()
    at.selectbox(key="w.framework").set_value(framework)
    ok(at.run())
    assert interview.why_age(framework) in plain("\n".join(c.value for c in at.caption))
    for group in ("action", "means", "purpose", "context"):
        at.query_params["step"] = group
        open_folds(at, group)
        captions = plain("\n".join(c.value for c in at.caption))
        for info in api.vocabulary().in_group(group):
            assert "Why this is asked:* " + interview.why_asked(framework, info.id) in captions, info.id
