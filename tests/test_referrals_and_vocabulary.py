"""The vocabulary against the contract's fact ids (referrals: tests/test_referrals.py)."""
from __future__ import annotations

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
