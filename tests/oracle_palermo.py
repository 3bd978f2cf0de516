"""An independent, plain-Python reading of Palermo Protocol Art. 3, for checking the engine.

Written from the text of Article 3 (the English authentic text, as read in the Dutch treaty
database copy, marked [V]), not from rules/palermo.yaml: if the pack and this disagree, one of
them misreads the law. Three-valued (Kleene): True / False / None (unknown); an omitted fact is
unknown, and unknown is never read as "no".

The Kleene helpers here are shared by the other frameworks' oracles (oracles_frameworks.py).
"""
from __future__ import annotations

from typing import Iterable, Optional

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


def not3(value: Value) -> Value:
    return None if value is None else not value


def could_count(value: Value) -> Value:
    """A form that a minimum list ("shall include, at a minimum") does not name: if it is the
    aim, the list neither includes nor excludes it, so the purpose is left open - never met on
    the list's words, never "not met" either. False stays false."""
    return False if value is False else None


def any_fact(facts: dict, ids: Iterable[str]) -> Value:
    return or3(*[facts.get(k) for k in ids])  # an omitted fact is unknown


def true_facts(facts: dict, ids: Iterable[str]) -> set[str]:
    return {k for k in ids if facts.get(k) is True}


def status(value: Value) -> str:
    return {True: "met", False: "not_met", None: "unknown"}[value]


def outcome_word(value: Value) -> str:
    return {True: "all_elements_met", False: "not_all_elements_met", None: "undetermined"}[value]


def child_of(age: Optional[int], under: int = 18) -> Value:
    return None if age is None else age < under


# ---------------------------------------------------------------- Art. 3(a)

# "the recruitment, transportation, transfer, harbouring or receipt of persons" - a closed list
# of acts (no "at a minimum" here). Buying, holding, or exchanging control over a person are
# not among its words.
ACTIONS = ["action.recruitment", "action.transportation", "action.transfer", "action.harbouring", "action.receipt"]

# "by means of the threat or use of force or other forms of coercion, of abduction, of fraud, of
# deception, of the abuse of power or of a position of vulnerability or of the giving or
# receiving of payments or benefits to achieve the consent of a person having control over
# another person"
MEANS = [
    "means.threat_of_force", "means.use_of_force", "means.other_coercion", "means.abduction", "means.fraud",
    "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability", "means.payments_to_controller",
]
# "... or other forms of coercion": threats of serious harm, physical restraint and the abuse of
# the legal process are forms of coercion by the very definition that names them (22 U.S.C.
# 7102(3); 18 U.S.C. 1591(e)(2): 'The term "coercion" means (A) threats of serious harm to or
# physical restraint against any person; ... (C) the abuse or threatened abuse of law or the
# legal process'). A scenario answering one of them yes has described "other forms of coercion".
COERCION_FORMS = ["means.threat_of_serious_harm", "means.physical_restraint", "means.abuse_of_legal_process"]

# "Exploitation shall include, at a minimum, the exploitation of the prostitution of others or
# other forms of sexual exploitation, forced labour or services, slavery or practices similar to
# slavery, servitude or the removal of organs"
LISTED = [
    "purpose.prostitution_of_others", "purpose.other_sexual_exploitation", "purpose.forced_labour",
    "purpose.slavery", "purpose.practices_similar_to_slavery", "purpose.servitude", "purpose.organ_removal",
]
# "at a minimum": the list is open. Forms of exploitation that are established (named by other
# instruments: Directive 2011/36/EU Art. 2(3) and its 2024 amendment; 22 U.S.C. 7102(11)(B)) but
# that these words do not name leave the purpose open, never "not met".
UNLISTED = [
    "purpose.begging", "purpose.criminal_activities", "purpose.forced_marriage", "purpose.illegal_adoption",
    "purpose.surrogacy_exploitation", "purpose.involuntary_servitude", "purpose.peonage", "purpose.debt_bondage",
]
# Every purpose fact Art. 3 reads (other tests draw scenarios from these).
PURPOSES = LISTED + UNLISTED
# Not exploitation on their own, so they do not touch the purpose: a commercial sex act (a sex
# act for value, which may go to the person), work, services or benefits as such, and s.2(4)(b)
# of the UK Act (who knew what), which is not a form of exploitation at all.

# (d) "'Child' shall mean any person under eighteen years of age."
CHILD_UNDER = 18


def palermo_shape(facts: dict, age, actions, means, listed, unlisted) -> dict:
    """The structure Palermo Art. 3, CoE Art. 4 and Directive 2011/36/EU Art. 2 share:
    (a) an act, by a means, for the purpose of exploitation; (c) for a child, an act for the
    purpose of exploitation "even if this does not involve any of the means"."""
    action = any_fact(facts, actions)
    means_value = any_fact(facts, means)
    purpose = or3(any_fact(facts, listed), could_count(any_fact(facts, unlisted)))
    child = child_of(age, CHILD_UNDER)
    outcome = and3(action, purpose, or3(means_value, child))
    elements = {
        "action": status(action),
        "means": "not_required" if child is True else status(means_value),
        "purpose": status(purpose),
    }
    satisfied = {
        "action": true_facts(facts, actions),
        "means": true_facts(facts, means),
        "purpose": true_facts(facts, listed),  # an unlisted form is never what meets it
    }
    return findings(outcome, elements, child, satisfied)


def findings(outcome: Value, elements: dict, child: Value, satisfied: dict) -> dict:
    return {
        "outcome": outcome_word(outcome),
        "elements": elements,
        "child": child,
        "satisfied_by": {role: (sorted(satisfied.get(role, ())) if elements[role] == "met" else [])
                         for role in ("action", "means", "purpose")},
    }


def palermo_findings(facts: dict, age) -> dict:
    return palermo_shape(facts, age, ACTIONS, MEANS + COERCION_FORMS, LISTED, UNLISTED)


# ---------------------------------------------------------------- the contract's caveats

SEXUAL_PURPOSES = ["purpose.prostitution_of_others", "purpose.other_sexual_exploitation", "purpose.commercial_sex_act"]
# Every means fact of the vocabulary: where a law has no means element, none of them true is "no means".
ALL_MEANS = MEANS + COERCION_FORMS + [
    "means.causing_fear_for_safety", "means.chosen_for_vulnerability", "means.others_likely_to_refuse",
]


def contract_caveats(found: dict, facts: dict, age, has_means_element: bool = True) -> set[str]:
    """DESIGN.md's conditions, for any framework (the wording differs; when they are raised
    does not):
    - not_legal_advice: on every result;
    - consent_irrelevant: consent was given, and the means element is met (or a child, i.e.
      no means is required: Palermo Art. 3(b)-(c)). Where a law has no means element at all
      (UK s.2(2), Canada s.279.01(2)) no means is ever required, and consent never matters;
    - sex_work_distinction: an adult, a sexual purpose or a commercial sex act named, and the
      means element not met (not shown to be met: not_met or unknown). Where a law has no means
      element, no means of any kind is stated to have been used;
    - smuggling_distinction: the person crossed a border with their consent, and the means or
      the purpose element is not met (not merely unknown)."""
    out = {"not_legal_advice"}
    means, purpose = found["elements"]["means"], found["elements"]["purpose"]
    consent = facts.get("consent.given")
    if consent is True and means in ("met", "not_required"):
        out.add("consent_irrelevant")
    no_means = means in ("not_met", "unknown") if has_means_element else any_fact(facts, ALL_MEANS) is not True
    if age is not None and age >= 18 and any_fact(facts, SEXUAL_PURPOSES) is True and no_means:
        out.add("sex_work_distinction")
    if facts.get("movement.crossed_border") is True and consent is True and "not_met" in (means, purpose):
        out.add("smuggling_distinction")
    return out


def open_questions(facts: dict, age, found: dict) -> set[str]:
    """The facts (and the age) that keep an undetermined outcome open, as Art. 3 reads:
    the unknown acts while the act is open; the unknown listed forms while the purpose is open,
    and the unknown unlisted forms too unless one of them is already the aim (another could only
    leave it open again); the unknown means while the means matter (not a child, not already
    met); the age while the means are not met."""
    if found["outcome"] != "undetermined":
        return set()
    unknown = {k for k in ACTIONS + MEANS + COERCION_FORMS + LISTED + UNLISTED if facts.get(k) is None}
    out: set[str] = set()
    elements = found["elements"]
    if elements["action"] == "unknown":
        out |= unknown & set(ACTIONS)
    if elements["purpose"] == "unknown":
        out |= unknown & set(LISTED)
        if any_fact(facts, UNLISTED) is not True:
            out |= unknown & set(UNLISTED)
    means_value = any_fact(facts, MEANS + COERCION_FORMS)
    child = found["child"]
    if means_value is None and child is not True:
        out |= unknown & set(MEANS + COERCION_FORMS)
    if child is None and means_value is not True:
        out.add("person.age")
    return out


def palermo(facts: dict, age) -> dict:
    """Findings, contract caveats and open questions, in the shape benchmarks/oracle_batch.py prints."""
    found = palermo_findings(facts, age)
    found["caveats"] = contract_caveats(found, facts, age)
    found["open_questions"] = open_questions(facts, age, found)
    return found
