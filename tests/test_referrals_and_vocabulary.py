"""Referrals by jurisdiction, and the vocabulary against the contract's fact ids."""
from __future__ import annotations

import pytest

from elements import evaluate
from elements.referrals import directory, referrals_for
from elements.vocabulary import vocabulary

CONTRACT_FACTS = """
action.recruitment action.transportation action.transfer action.harbouring action.receipt
action.enticement action.provision action.obtaining action.advertising action.maintaining
action.patronizing action.soliciting action.exchanging_control action.holding action.concealing
action.controlling_movements means.threat_of_force means.use_of_force means.other_coercion
means.abduction means.fraud means.deception means.abuse_of_power means.abuse_of_vulnerability
means.payments_to_controller means.threat_of_serious_harm means.abuse_of_legal_process
means.physical_restraint means.causing_fear_for_safety purpose.prostitution_of_others
purpose.other_sexual_exploitation purpose.forced_labour purpose.slavery
purpose.practices_similar_to_slavery purpose.servitude purpose.organ_removal purpose.begging
purpose.criminal_activities purpose.forced_marriage purpose.illegal_adoption
purpose.surrogacy_exploitation purpose.commercial_sex_act purpose.involuntary_servitude
purpose.peonage purpose.debt_bondage consent.given movement.travel movement.crossed_border
""".split()


def test_every_contract_fact_has_a_question_help_and_example():
    vocab = vocabulary()
    assert set(CONTRACT_FACTS) <= set(vocab.ids)
    for fact in vocab.facts:
        assert fact.question.endswith("?"), fact.id
        assert fact.help and fact.example and fact.label, fact.id
        assert fact.group == {"action": "action", "means": "means", "purpose": "purpose"}.get(fact.id.split(".")[0], "context")
        assert "is a victim" not in (fact.question + fact.help + fact.example).lower()
    assert vocab.age.question


def names(country, caveats=frozenset()):
    return [r.name for r in referrals_for(country, caveats)]


@pytest.mark.parametrize("country,first,number", [
    ("US", "Emergency services", "911"), ("GB", "Emergency services", "999"),
    ("FR", "European emergency number", "112"), ("AU", "Emergency services", "000"),
])
def test_the_emergency_number_comes_first(country, first, number):
    referrals = referrals_for(country)
    assert referrals[0].kind == "emergency"
    assert any(c.value == number for c in referrals[0].contacts)


def test_country_services_come_before_everywhere_services():
    us = referrals_for("US")
    assert us[1].name == "National Human Trafficking Hotline"
    assert "1-888-373-7888" in us[1].contact
    gb = referrals_for("GB")
    assert any("08000 121 700" in r.contact for r in gb)
    assert not any("1-888-373-7888" in r.contact for r in gb)


def test_116_006_only_where_it_runs():
    assert any("116 006" in r.contact for r in referrals_for("FR"))
    assert not any("116 006" in r.contact for r in referrals_for("ES"))
    assert not any("116 006" in r.contact for r in referrals_for("US"))


def test_an_unconfirmed_number_is_never_offered_as_a_number_to_call():
    ca = referrals_for("CA")
    # our sources do not confirm Canada's emergency number: the plain advice comes first
    assert ca[0].kind == "emergency" and "local emergency number" in ca[0].contact and not ca[0].contacts
    listed = ca[1]
    assert listed.kind == "emergency" and listed.confidence == "unconfirmed"
    assert listed.contact.startswith("unconfirmed in our sources")
    assert [c.confirmed for c in listed.contacts] == [False]
    assert "1-833-900-1010" in ca[2].contact and all(c.confirmed for c in ca[2].contacts)


def test_the_app_never_offers_an_unconfirmed_number_to_call():
    from streamlit.testing.v1 import AppTest

    def page():
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path.cwd() / "ui"))  # the app's modules import each other by name
        from display import emergency_line

        from elements import evaluate

        emergency_line(evaluate({"jurisdiction": "CA"}).referrals[0])

    at = AppTest.from_function(page).run()
    assert not at.exception, at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "local emergency number" in shown and "911" not in shown


def test_without_a_jurisdiction_the_local_emergency_number_comes_first():
    referrals = referrals_for(None)
    assert referrals[0].kind == "emergency" and "local emergency number" in referrals[0].contact
    unknown_country = referrals_for("ZZ")
    assert unknown_country[0].kind == "emergency"


def test_sex_worker_led_services_come_with_the_sex_work_caveat_only():
    assert "Global Network of Sex Work Projects (NSWP)" not in names("US")
    assert "Global Network of Sex Work Projects (NSWP)" in names("US", frozenset({"sex_work_distinction"}))
    result = evaluate({"jurisdiction": "US", "person": {"age": 30}, "facts": {
        "action.recruitment": True, "purpose.prostitution_of_others": True, "means.deception": False}})
    assert "sex_work_distinction" in {c.id for c in result.caveats}
    assert any(r.name.startswith("SWOP") for r in result.referrals)


def test_every_referral_carries_its_source_and_date():
    for service in directory().services:
        assert service.source and service.checked, service.id
    result = evaluate({"jurisdiction": "GB"})
    assert result.referrals and all(r.source and r.checked for r in result.referrals)


def test_uk_is_read_as_gb():
    assert evaluate({"jurisdiction": "uk"}).referrals[0].contacts[0].value == "999"
