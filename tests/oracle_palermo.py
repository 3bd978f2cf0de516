"""An independent, plain-Python reading of Palermo Protocol Art. 3, for checking the engine.

Written from the text of Article 3, not from rules/palermo.yaml: if the pack and this
disagree, one of them misreads the law. Three-valued: True / False / None (unknown).
"""
from __future__ import annotations

ACTIONS = ["action.recruitment", "action.transportation", "action.transfer", "action.harbouring", "action.receipt"]
MEANS = [
    "means.threat_of_force", "means.use_of_force", "means.other_coercion", "means.abduction", "means.fraud",
    "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability", "means.payments_to_controller",
]
PURPOSES = [
    "purpose.prostitution_of_others", "purpose.other_sexual_exploitation", "purpose.forced_labour",
    "purpose.slavery", "purpose.practices_similar_to_slavery", "purpose.servitude", "purpose.organ_removal",
]
SEXUAL = ["purpose.prostitution_of_others", "purpose.other_sexual_exploitation", "purpose.commercial_sex_act"]


def any3(values):
    values = list(values)
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def and3(*values):
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def or3(*values):
    return any3(values)


def status(value):
    return {True: "met", False: "not_met", None: "unknown"}[value]


def palermo(facts: dict, age):
    get = lambda k: facts.get(k)  # noqa: E731 - omitted is unknown
    action = any3(get(k) for k in ACTIONS)
    means = any3(get(k) for k in MEANS)
    purpose = any3(get(k) for k in PURPOSES)
    child = None if age is None else age < 18  # Art. 3(d)
    # Art. 3(a) for everyone; Art. 3(c): a child needs no means.
    outcome = and3(action, purpose, or3(means, child))
    elements = {
        "action": status(action),
        "means": "not_required" if child is True else status(means),
        "purpose": status(purpose),
    }
    consent = get("consent.given")
    consent_irrelevant = and3(consent, or3(means, child))  # Art. 3(b), 3(c)
    caveats = {"not_legal_advice"}
    if consent_irrelevant is True:
        caveats.add("consent_irrelevant")
    if child is False and any3(get(k) for k in SEXUAL) is True and elements["means"] in ("not_met", "unknown"):
        caveats.add("sex_work_distinction")
    if get("movement.crossed_border") is True and consent is True and (
        elements["means"] == "not_met" or elements["purpose"] == "not_met"
    ):
        caveats.add("smuggling_distinction")
    open_questions = set()
    if outcome is None:
        if action is None:
            open_questions |= {k for k in ACTIONS if get(k) is None}
        if purpose is None:
            open_questions |= {k for k in PURPOSES if get(k) is None}
        if means is None and child is not True:
            open_questions |= {k for k in MEANS if get(k) is None}
        if child is None and means is not True:
            open_questions.add("person.age")
    return {
        "outcome": {True: "all_elements_met", False: "not_all_elements_met", None: "undetermined"}[outcome],
        "elements": elements,
        "child": child,
        "satisfied_by": {
            "action": sorted(k for k in ACTIONS if get(k) is True) if action is True else [],
            "purpose": sorted(k for k in PURPOSES if get(k) is True) if purpose is True else [],
            "means": sorted(k for k in MEANS if get(k) is True) if means is True and child is not True else [],
        },
        "caveats": caveats,
        "open_questions": open_questions,
    }
