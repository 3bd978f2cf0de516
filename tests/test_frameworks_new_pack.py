"""Adding a framework needs no Python change: a pack with a structure of its own (two offences,
no means element, its own age line), dropped into a rules folder, is evaluated, compared with
another framework and documented, all by the code that serves the shipped packs."""
from __future__ import annotations

import re
import shutil

import pytest

from elements.yamlfile import rules_dir

TOY = """\
# A toy statute, for this test only: two offences, no separate means element.
framework: toy
title: A toy statute with two offences
short_title: Toy statute, ss.1-2
instrument: Toy instrument
version: written for this test
in_force: 2020-01-01
source: written for this test
confidence: unconfirmed
summary: Harbouring a person for forced labour; or transporting a person under 16 for begging.
provisions:
  - id: s1
    citation: "s.1"
    text: "Described: harbouring a person for forced labour."
    confidence: unconfirmed
    source: test
    url: "https://www.legislation.gov.uk/"
    rules:
      - id: action
        role: action
        citation: "s.1, s.2"
        test: {any_of: [action.harbouring, action.transportation]}
        says: {true: "TOY-ACTION-MET", false: "TOY-ACTION-NOT-MET", unknown: "TOY-ACTION-OPEN"}
      - id: no_means
        waives: means
        test: {always: true}
        says: {true: "TOY-NO-MEANS-ELEMENT", false: "not reached", unknown: "not reached"}
      - id: means
        role: means
        test: means.deception
        says: {true: "deception described", false: "no deception", unknown: "deception unknown"}
      - id: purpose
        role: purpose
        test: {any_of: [purpose.forced_labour, purpose.begging]}
        says: {true: "TOY-PURPOSE-MET", false: "TOY-PURPOSE-NOT-MET", unknown: "TOY-PURPOSE-OPEN"}
      - id: first_offence
        test: {all_of: [action.harbouring, purpose.forced_labour]}
        says: {true: "s.1 met", false: "s.1 not met", unknown: "s.1 open"}
      - id: outcome
        role: outcome
        citation: "s.1, s.2"
        test: {any_of: [first_offence, second_offence]}
        says:
          true: "The described facts touch every element of the toy statute. This is an explanation of the definition, not a finding about anyone."
          false: "The described facts do not meet every element of the toy statute. This is not a finding that nothing wrong happened."
          unknown: "Open until the questions are answered."
  - id: s2
    citation: "s.2"
    text: "Described: transporting a person under 16 for begging."
    confidence: unconfirmed
    source: test
    url: "https://www.legislation.gov.uk/"
    rules:
      - id: young
        role: child
        test: {age_under: 16}
        says: {true: "under 16", false: "16 or over", unknown: "age unknown"}
      - id: second_offence
        test: {all_of: [action.transportation, purpose.begging, young]}
        says: {true: "s.2 met", false: "s.2 not met", unknown: "s.2 open"}
"""


@pytest.fixture
def toy_rules(tmp_path, monkeypatch):
    for name in ("vocabulary.yaml", "caveats.yaml", "referrals.yaml", "palermo.yaml", "frameworks.yaml"):
        shutil.copy(rules_dir() / name, tmp_path / name)
    (tmp_path / "toy.yaml").write_text(TOY)
    monkeypatch.setenv("ELEMENTS_RULES", str(tmp_path))
    return tmp_path


def test_the_new_pack_is_listed_and_evaluated(toy_rules):
    from elements import evaluate
    from elements.packs import framework_ids

    assert framework_ids() == ["palermo", "toy"]
    first = evaluate({"person": {"age": 40}, "facts": {"action.harbouring": True, "purpose.forced_labour": True}}, "toy")
    assert first.outcome == "all_elements_met"
    assert {k: v.status for k, v in first.elements.items()} == {"action": "met", "means": "not_required", "purpose": "met"}
    assert first.elements["means"].rule == "toy.no_means"

    begging = {"action.transportation": True, "action.harbouring": False, "purpose.begging": True, "purpose.forced_labour": False}
    assert evaluate({"person": {"age": 15}, "facts": begging}, "toy").outcome == "all_elements_met"
    assert evaluate({"person": {"age": 16}, "facts": begging}, "toy").outcome == "not_all_elements_met"
    unknown_age = evaluate({"facts": begging}, "toy")
    assert unknown_age.outcome == "undetermined" and "person.age" in unknown_age.open_questions
    assert unknown_age.child is None


def test_the_new_pack_is_compared_in_its_own_words(toy_rules):
    from elements import evaluate_all
    from elements.compare import comparison_table, render_comparison_markdown, render_comparison_text

    results = evaluate_all({"person": {"age": 40}, "facts": {
        "action.harbouring": True, "purpose.forced_labour": True, "means.deception": False,
        **{k: False for k in ("means.threat_of_force", "means.use_of_force", "means.other_coercion", "means.abduction",
                              "means.fraud", "means.abuse_of_power", "means.abuse_of_vulnerability",
                              "means.payments_to_controller", "means.threat_of_serious_harm",
                              "means.physical_restraint", "means.abuse_of_legal_process")}}})
    rows = {r["framework"]: r for r in comparison_table(results)}
    assert rows["toy"]["means"] == "not required" and rows["toy"]["outcome"] == "all elements met"
    assert rows["palermo"]["means"] == "not met" and rows["palermo"]["outcome"] == "not all elements met"
    text = render_comparison_text(results)
    markdown = render_comparison_markdown(results)
    for out in (text, markdown):
        assert "TOY-NO-MEANS-ELEMENT" in out  # the toy pack's own words explain its difference
        assert "Toy statute" in out


def test_the_new_pack_is_documented(toy_rules):
    from elements.docs import frameworks_markdown

    text = frameworks_markdown()
    assert "## Toy statute, ss.1-2 (`toy`)" in text
    assert "any of (`first_offence`, `second_offence`)" in text
    assert re.search(r"\*\*\[s\.2\]\(https://www\.legislation\.gov\.uk/\)\*\* \(wording unconfirmed;", text)
    assert "not a separate element" in text
