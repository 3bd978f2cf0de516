"""The walkthrough, driven with AppTest to a result: a child, an adult, an unknown age."""
from __future__ import annotations

import pytest

from elements.packs import get_pack
from ui_apptest import answer, back, new_app, next_step, ok, said, set_age, shown, step_title, walk

PALERMO_MEANS = [
    "means.threat_of_force", "means.use_of_force", "means.other_coercion", "means.abduction", "means.fraud",
    "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability", "means.payments_to_controller",
    # "other forms of coercion", asked apart as US law defines them
    "means.threat_of_serious_harm", "means.physical_restraint", "means.abuse_of_legal_process",
]
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
    answer(at, "means.deception", "yes")
    back(at)
    assert step_title(at) == "The action"
    assert at.radio(key="w.action.harbouring").value == "yes"
    assert at.radio(key="w.action.transfer").value == "no"
    assert at.radio(key="w.action.recruitment").value == "unsure"
    back(at)
    assert at.radio(key="w.age_known").value == "known"
    assert at.number_input(key="w.age").value == 15
    next_step(at)
    next_step(at)
    assert at.radio(key="w.means.deception").value == "yes"
    # Leaving the page and coming back keeps them too.
    at.switch_page("views/definitions.py")
    ok(at.run())
    at.switch_page("views/walkthrough.py")
    ok(at.run())
    assert step_title(at) == "The means"
    assert at.radio(key="w.means.deception").value == "yes"
    assert at.session_state["el.facts"] == {"action.harbouring": True, "action.transfer": False, "means.deception": True}


def test_not_sure_stays_unknown_never_no():
    at = new_app()
    next_step(at)
    answer(at, "action.recruitment", "yes")
    answer(at, "action.recruitment", "unsure")
    assert "action.recruitment" not in at.session_state["el.facts"]
    assert "Action**: ? unknown" in shown(at)


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
    answer(at, "action.enticement", "yes")
    assert at.session_state["el.facts"] == {"action.enticement": True}


def test_proposed_facts_count_only_once_confirmed():
    at = new_app()
    at.session_state["el.proposed"] = {"action.recruitment": True}
    ok(at.run())
    next_step(at)
    assert "Suggested answer: **Yes**" in shown(at)
    assert "Action**: ? unknown" in shown(at)
    at.button(key="accept.action.recruitment").click()
    ok(at.run())
    assert at.session_state["el.facts"] == {"action.recruitment": True}
    assert "Action**: ✔ met (Recruitment)" in shown(at)
    assert at.radio(key="w.action.recruitment").value == "yes"
