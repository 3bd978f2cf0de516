"""Independent, plain-Python readings of the five other frameworks, for checking the engine.

Written from the texts (the provisions quoted in each function's comments), not from the rule
packs in rules/: if a pack and its oracle disagree, one of them misreads the law. Three-valued
throughout: True / False / None (unknown; an omitted fact is unknown).

Each oracle returns the outcome, the three element statuses of the contract, whether the person
is a child, which facts satisfy each element, and whether the framework makes consent
irrelevant. Where a framework has no separate means element (UK, Canada) the contract reports
means as not_required.

How the US elements summarise its two definitions is a presentation choice, not law; it is
written down once, in rules/us.yaml's header, and repeated here so that the engine is checked
against it.
"""
from __future__ import annotations

from typing import Callable, Optional

Value = Optional[bool]


# ---------------------------------------------------------------- Kleene's three-valued logic


def or3(*values: Value) -> Value:
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def and3(*values: Value) -> Value:
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def any_fact(facts: dict, ids) -> Value:
    return or3(*[facts.get(k) for k in ids])


def status(value: Value) -> str:
    return {True: "met", False: "not_met", None: "unknown"}[value]


def outcome_word(value: Value) -> str:
    return {True: "all_elements_met", False: "not_all_elements_met", None: "undetermined"}[value]


def child_of(age) -> Value:
    return None if age is None else age < 18


def true_facts(facts: dict, ids) -> set[str]:
    return {k for k in ids if facts.get(k) is True}


def finding(outcome: Value, elements: dict, child: Value, satisfied: dict, consent_irrelevant: Value) -> dict:
    return {
        "outcome": outcome_word(outcome),
        "elements": elements,
        "child": child,
        "satisfied_by": {role: (sorted(satisfied.get(role, ())) if elements[role] == "met" else []) for role in elements},
        "consent_irrelevant": consent_irrelevant,
    }


# ---------------------------------------------------------------- Council of Europe, Art. 4

# Art. 4(a): the same acts, means and forms of exploitation as Palermo Art. 3(a).
COE_ACTIONS = ["action.recruitment", "action.transportation", "action.transfer", "action.harbouring", "action.receipt"]
COE_MEANS = [
    "means.threat_of_force", "means.use_of_force", "means.other_coercion", "means.abduction", "means.fraud",
    "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability", "means.payments_to_controller",
]
COE_PURPOSES = [
    "purpose.prostitution_of_others", "purpose.other_sexual_exploitation", "purpose.forced_labour",
    "purpose.slavery", "purpose.practices_similar_to_slavery", "purpose.servitude", "purpose.organ_removal",
]


def _palermo_shape(facts: dict, age, actions, means_ids, purposes) -> dict:
    action = any_fact(facts, actions)
    means = any_fact(facts, means_ids)
    purpose = any_fact(facts, purposes)
    child = child_of(age)  # a child is a person under 18
    # an adult needs action, means and purpose; a child needs action and purpose
    outcome = and3(action, purpose, or3(means, child))
    elements = {
        "action": status(action),
        "means": "not_required" if child is True else status(means),
        "purpose": status(purpose),
    }
    satisfied = {
        "action": true_facts(facts, actions),
        "means": true_facts(facts, means_ids),
        "purpose": true_facts(facts, purposes),
    }
    # consent is irrelevant where a means was used, and for a child
    consent_irrelevant = and3(facts.get("consent.given"), or3(means, child))
    return finding(outcome, elements, child, satisfied, consent_irrelevant)


def coe(facts: dict, age) -> dict:
    """Art. 4(a)-(d): Palermo's structure, applied to national and transnational trafficking."""
    return _palermo_shape(facts, age, COE_ACTIONS, COE_MEANS, COE_PURPOSES)


# ---------------------------------------------------------------- EU Directive 2011/36/EU, Art. 2 (2024)

# 2(1): "The recruitment, transportation, transfer, harbouring or reception of persons, including
# the exchange or transfer of control over those persons"
EU_ACTIONS = COE_ACTIONS + ["action.exchanging_control"]
# 2(1): the Palermo means; 2(2) defines the position of vulnerability
EU_MEANS = list(COE_MEANS)
# 2(3) as amended: "... forced labour or services, including begging, ... or the exploitation of
# criminal activities, ... or the exploitation of surrogacy, of forced marriage, or of illegal adoption"
EU_PURPOSES = COE_PURPOSES + [
    "purpose.begging", "purpose.criminal_activities", "purpose.surrogacy_exploitation",
    "purpose.forced_marriage", "purpose.illegal_adoption",
]


def eu(facts: dict, age) -> dict:
    """Art. 2(1)-(6): action (with exchange of control), means, purpose; a child needs no means."""
    return _palermo_shape(facts, age, EU_ACTIONS, EU_MEANS, EU_PURPOSES)


# ---------------------------------------------------------------- US: 22 U.S.C. 7102, 18 U.S.C. 1591

# 7102(11)(B): "the recruitment, harboring, transportation, provision, or obtaining of a person"
US_LABOUR_ACTIONS = ["action.recruitment", "action.harbouring", "action.transportation", "action.provision", "action.obtaining"]
# 7102(12) adds "patronizing, or soliciting"; 1591(a) "entices, ... advertises, maintains"
US_SEX_ONLY_ACTIONS = ["action.enticement", "action.advertising", "action.maintaining", "action.patronizing", "action.soliciting"]
US_SEX_ACTIONS = US_LABOUR_ACTIONS + US_SEX_ONLY_ACTIONS
# "force, fraud, or coercion" (7102(11)); "force, threats of force, fraud, coercion" (1591(a));
# coercion (7102(3)): threats of serious harm or physical restraint, a scheme to make the person
# believe in them, abuse of the legal process
US_MEANS = [
    "means.use_of_force", "means.threat_of_force", "means.fraud",
    "means.threat_of_serious_harm", "means.physical_restraint", "means.abuse_of_legal_process",
]
US_SEX_PURPOSE = "purpose.commercial_sex_act"  # 7102(4), (12)
# 7102(11)(B): "involuntary servitude, peonage, debt bondage, or slavery"
US_LABOUR_PURPOSES = ["purpose.involuntary_servitude", "purpose.peonage", "purpose.debt_bondage", "purpose.slavery"]


def us(facts: dict, age) -> dict:
    """Sex trafficking (7102(11)(A), (12); 1591(a)) or labour trafficking (7102(11)(B))."""
    child = child_of(age)  # "has not attained 18 years of age"
    csa = facts.get(US_SEX_PURPOSE)
    means = any_fact(facts, US_MEANS)
    # (A) / 1591(a): an act, for a commercial sex act, by force, fraud or coercion, or under 18
    sex = and3(any_fact(facts, US_SEX_ACTIONS), csa, or3(means, child))
    # (B): an act, for labour, through force, fraud or coercion, for the listed purposes: any age
    labour = and3(any_fact(facts, US_LABOUR_ACTIONS), any_fact(facts, US_LABOUR_PURPOSES), means)
    outcome = or3(sex, labour)

    # The summary of the two definitions in three elements (rules/us.yaml, header).
    sex_only = and3(any_fact(facts, US_SEX_ONLY_ACTIONS), csa)
    action = or3(any_fact(facts, US_LABOUR_ACTIONS), sex_only)
    purpose = or3(csa, any_fact(facts, US_LABOUR_PURPOSES))
    waived = and3(child, csa)
    elements = {
        "action": status(action),
        "means": "not_required" if waived is True else status(means),
        "purpose": status(purpose),
    }
    satisfied = {
        # a 1591-only act counts together with the commercial sex act it is for
        "action": true_facts(facts, US_LABOUR_ACTIONS)
        | (true_facts(facts, US_SEX_ONLY_ACTIONS + [US_SEX_PURPOSE]) if sex_only is True else set()),
        "means": true_facts(facts, US_MEANS),
        "purpose": true_facts(facts, [US_SEX_PURPOSE] + US_LABOUR_PURPOSES),
    }
    # No consent clause in 7102(11) or 1591(a): the framework draws no consent conclusion.
    return finding(outcome, elements, child, satisfied, consent_irrelevant=False)


# ---------------------------------------------------------------- UK: Modern Slavery Act 2015, ss.2-3

# s.2(1) "arranges or facilitates the travel of another person"; s.2(5) travel within a country counts
UK_TRAVEL = "movement.travel"
# s.2(3): ways of arranging or facilitating travel - not actions on their own
UK_WAYS = ["action.recruitment", "action.transportation", "action.transfer", "action.harbouring",
           "action.receipt", "action.exchanging_control"]
# s.3(2) slavery, servitude, forced or compulsory labour; s.3(3) sexual exploitation; s.3(4) organs
UK_DIRECT = ["purpose.slavery", "purpose.servitude", "purpose.forced_labour", "purpose.other_sexual_exploitation",
             "purpose.organ_removal"]
# s.3(5) services or benefits, such as begging and shop theft (Explanatory Notes), induced by
# "force, threats or deception"
UK_SERVICES = ["purpose.begging", "purpose.criminal_activities"]
UK_INDUCEMENT = ["means.use_of_force", "means.threat_of_force", "means.deception"]
# s.3(6): used for such services, chosen because a child, ill or disabled, or a relative
UK_CHOSEN = "means.chosen_for_vulnerability"


def uk(facts: dict, age) -> dict:
    """s.2(1): travel arranged or facilitated with a view to exploitation (s.3). No means element."""
    child = child_of(age)
    action = facts.get(UK_TRAVEL)
    direct = any_fact(facts, UK_DIRECT)
    s3_5 = and3(any_fact(facts, UK_INDUCEMENT), any_fact(facts, UK_SERVICES))
    s3_6 = and3(facts.get(UK_CHOSEN), any_fact(facts, UK_SERVICES))
    purpose = or3(direct, s3_5, s3_6)
    outcome = and3(action, purpose)  # the same for adults and children
    elements = {"action": status(action), "means": "not_required", "purpose": status(purpose)}
    satisfied = {
        "action": {UK_TRAVEL},
        "purpose": true_facts(facts, UK_DIRECT)
        | (true_facts(facts, UK_INDUCEMENT + UK_SERVICES) if s3_5 is True else set())
        | (true_facts(facts, [UK_CHOSEN] + UK_SERVICES) if s3_6 is True else set()),
    }
    # s.2(2): consent to the travel irrelevant, adult or child (drawn where travel and purpose are met)
    consent_irrelevant = and3(facts.get("consent.given"), action, purpose)
    return finding(outcome, elements, child, satisfied, consent_irrelevant)


# ---------------------------------------------------------------- Canada: Criminal Code ss.279.01-279.04

# s.279.01(1): "recruits, transports, transfers, receives, holds, conceals or harbours a person, or
# exercises control, direction or influence over the movements of a person"
CA_ACTIONS = ["action.recruitment", "action.transportation", "action.transfer", "action.receipt",
              "action.holding", "action.concealing", "action.harbouring", "action.controlling_movements"]
# s.279.04(1): labour or a service (including sexual services, drug trafficking, begging) caused by
# conduct that could reasonably be expected to make the person fear for their safety or another's
CA_FEAR = "means.causing_fear_for_safety"
CA_SERVICES = ["purpose.forced_labour", "purpose.prostitution_of_others", "purpose.other_sexual_exploitation",
               "purpose.criminal_activities", "purpose.begging"]
# ... or organ or tissue removal by deception, force or coercion
CA_ORGAN = "purpose.organ_removal"
CA_ORGAN_MEANS = ["means.deception", "means.use_of_force", "means.threat_of_force", "means.other_coercion"]


def ca(facts: dict, age) -> dict:
    """s.279.01(1): an act for the purpose of exploitation (s.279.04). No means element, no child rule."""
    child = child_of(age)  # s.279.011: heavier penalties only
    action = any_fact(facts, CA_ACTIONS)
    by_fear = and3(facts.get(CA_FEAR), any_fact(facts, CA_SERVICES))
    organ = and3(facts.get(CA_ORGAN), any_fact(facts, CA_ORGAN_MEANS))
    purpose = or3(by_fear, organ)
    outcome = and3(action, purpose)
    elements = {"action": status(action), "means": "not_required", "purpose": status(purpose)}
    satisfied = {
        "action": true_facts(facts, CA_ACTIONS),
        "purpose": (true_facts(facts, [CA_FEAR] + CA_SERVICES) if by_fear is True else set())
        | (true_facts(facts, [CA_ORGAN] + CA_ORGAN_MEANS) if organ is True else set()),
    }
    # s.279.01(2): no consent to the activity is valid
    consent_irrelevant = and3(facts.get("consent.given"), action, purpose)
    return finding(outcome, elements, child, satisfied, consent_irrelevant)


ORACLES: dict[str, Callable[[dict, Optional[int]], dict]] = {"coe": coe, "eu": eu, "us": us, "uk": uk, "ca": ca}

# The facts each framework's text reaches, for the exhaustive tests: the groups and the classes
# of facts the law treats alike (the first of each class stands for it in the cross product).
STRUCTURE: dict[str, list[list[str]]] = {
    "coe": [COE_ACTIONS, COE_MEANS, COE_PURPOSES],
    "eu": [EU_ACTIONS, EU_MEANS, EU_PURPOSES],
    "us": [US_LABOUR_ACTIONS, US_SEX_ONLY_ACTIONS, US_MEANS, [US_SEX_PURPOSE], US_LABOUR_PURPOSES],
    "uk": [[UK_TRAVEL], UK_DIRECT, UK_SERVICES, UK_INDUCEMENT, [UK_CHOSEN]],
    "ca": [CA_ACTIONS, [CA_FEAR], CA_SERVICES, [CA_ORGAN], CA_ORGAN_MEANS],
}

# Contract caveats, from their definitions in DESIGN (not from rules/caveats.yaml).
ALL_MEANS = [
    "means.threat_of_force", "means.use_of_force", "means.other_coercion", "means.abduction", "means.fraud",
    "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability", "means.payments_to_controller",
    "means.threat_of_serious_harm", "means.abuse_of_legal_process", "means.physical_restraint",
    "means.causing_fear_for_safety", "means.chosen_for_vulnerability",
]
SEXUAL_PURPOSES = ["purpose.prostitution_of_others", "purpose.other_sexual_exploitation", "purpose.commercial_sex_act"]


def contract_caveats(expected: dict, facts: dict, age) -> set[str]:
    out = {"not_legal_advice"}
    means, purpose = expected["elements"]["means"], expected["elements"]["purpose"]
    if expected["consent_irrelevant"] is True:
        out.add("consent_irrelevant")
    adult = age is not None and age >= 18
    # No means established: under the framework's means element, or, where it has none,
    # among all the means facts (none of them true).
    no_means = means in ("not_met", "unknown") or (
        means == "not_required" and any_fact(facts, ALL_MEANS) is not True)
    if adult and any_fact(facts, SEXUAL_PURPOSES) is True and no_means:
        out.add("sex_work_distinction")
    if facts.get("movement.crossed_border") is True and facts.get("consent.given") is True and (
        means == "not_met" or purpose == "not_met"
    ):
        out.add("smuggling_distinction")
    return out
