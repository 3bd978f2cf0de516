"""Independent, plain-Python readings of the six frameworks, for checking the engine.

Written from the statute texts (quoted in the comments beside the code each passage decides),
never from the rule packs in rules/: if a pack and its oracle disagree, one of them misreads
the law. Three-valued throughout (Kleene): True / False / None (unknown); an omitted fact is
unknown, and unknown is never "no".

Which facts a framework reads follows from its words and the vocabulary's questions:
1. the facts for the terms of its own text;
2. the facts the vocabulary's help says it reads (US: a lie about the job is fraud; UK s.3(3):
   controlled prostitution; s.3(5)-(6)'s services and benefits asked through
   purpose.work_or_services and purpose.benefits_for_others, Canada's "labour or a service"
   through purpose.work_or_services; s.2(4)(b) through purpose.another_likely_to_exploit);
3. a fact whose question is, by a statute's own definition, a case of the framework's term
   (threats of serious harm, physical restraint and the abuse of the legal process are
   "coercion" by 22 U.S.C. 7102(3); prostitution is a "commercial sex act", "any sex act on
   account of which anything of value is given to or received by any person", 7102(4));
4. in a list that is a minimum ("at a minimum", "as a minimum"), an established form of
   exploitation the list does not name leaves the purpose open (could_count);
5. any other fact does not touch the framework.
Readings of kind 3 (and the few others marked "reading:") are where a pack may have chosen
otherwise; the tests name them (READINGS) so that a disagreement there is reported as such.

Each oracle returns the outcome, the three element statuses of the contract, whether the
person is a child, and the facts that satisfy each element. A framework with no separate
means element (UK, Canada) reports means as not_required.
"""
from __future__ import annotations

from typing import Callable, Optional

from oracle_palermo import (
    ACTIONS as PALERMO_ACTIONS,
    COERCION_FORMS,
    LISTED as PALERMO_LISTED,
    MEANS as PALERMO_MEANS,
    UNLISTED as PALERMO_UNLISTED,
    and3,
    any_fact,
    child_of,
    contract_caveats,
    could_count,
    findings,
    or3,
    outcome_word,
    palermo_findings,
    palermo_shape,
    status,
    true_facts,
)

__all__ = ["ORACLES", "READS", "STRUCTURE", "FIXED", "READINGS", "HAS_MEANS", "AGE_CHANGES_AN_ELEMENT",
           "expected", "relevant_unknowns", "or3", "and3", "outcome_word"]


# ---------------------------------------------------------------- palermo: Protocol Art. 3 [V]
# tests/oracle_palermo.py holds the reading; it is repeated here only by name.


# ---------------------------------------------------------------- coe: Convention CETS 197, Art. 4 [V]
# 4(a): "the recruitment, transportation, transfer, harbouring or receipt of persons, by means of
# the threat or use of force or other forms of coercion, of abduction, of fraud, of deception, of
# the abuse of power or of a position of vulnerability or of the giving or receiving of payments
# or benefits to achieve the consent of a person having control over another person, for the
# purpose of exploitation. Exploitation shall include, at a minimum, the exploitation of the
# prostitution of others or other forms of sexual exploitation, forced labour or services,
# slavery or practices similar to slavery, servitude or the removal of organs" - Palermo's words.
# 4(b) consent irrelevant "where any of the means set forth in subparagraph a have been used";
# 4(c) a child "even if this does not involve any of the means"; 4(d) "'Child' shall mean any
# person under eighteen years of age".


def coe(facts: dict, age) -> dict:
    return palermo_shape(facts, age, PALERMO_ACTIONS, PALERMO_MEANS + COERCION_FORMS, PALERMO_LISTED, PALERMO_UNLISTED)


# ---------------------------------------------------------------- eu: Directive 2011/36/EU, Art. 2 [S]
# 2(1): "The recruitment, transportation, transfer, harbouring or reception of persons, including
# the exchange or transfer of control over those persons"
EU_ACTIONS = PALERMO_ACTIONS + ["action.exchanging_control"]
# 2(1): "by means of the threat or use of force or other forms of coercion, of abduction, of
# fraud, of deception, of the abuse of power or of a position of vulnerability or of the giving
# or receiving of payments or benefits ..." (2(2): "A position of vulnerability means a situation
# in which the person concerned has no real or acceptable alternative but to submit to the abuse
# involved.")
EU_MEANS = PALERMO_MEANS + COERCION_FORMS
# 2(3) as amended by Directive (EU) 2024/1712: "the exploitation of the prostitution of others or
# other forms of sexual exploitation, forced labour or services, including begging, slavery or
# practices similar to slavery, servitude, or the exploitation of criminal activities, or the
# removal of organs, or the exploitation of surrogacy, of forced marriage, or of illegal adoption"
EU_LISTED = PALERMO_LISTED + [
    "purpose.begging", "purpose.criminal_activities", "purpose.surrogacy_exploitation",
    "purpose.forced_marriage", "purpose.illegal_adoption",
]
# "Exploitation includes, as a minimum, ...": what it does not name stays open.
EU_UNLISTED = [p for p in PALERMO_UNLISTED if p not in EU_LISTED]
# 2(5)-(6) (not read in any source; FRAMEWORKS.md [R]): a child needs no means; a child is a
# person below 18 years of age.


def eu(facts: dict, age) -> dict:
    return palermo_shape(facts, age, EU_ACTIONS, EU_MEANS, EU_LISTED, EU_UNLISTED)


# ---------------------------------------------------------------- us: 22 U.S.C. 7102; 18 U.S.C. 1589-1591 [S]
#
# Three ways the texts reach the facts, summarised in the contract's three elements:
#   sex trafficking: 7102(11)(A) "sex trafficking in which a commercial sex act is induced by
#     force, fraud, or coercion, or in which the person induced to perform such act has not
#     attained 18 years of age", with 7102(12) "the recruitment, harboring, transportation,
#     provision, obtaining, patronizing, or soliciting of a person for the purpose of a
#     commercial sex act" and 1591(a)(1) "recruits, entices, harbors, transports, provides,
#     obtains, advertises, maintains, patronizes, or solicits by any means a person ... knowing
#     ... that means of force, threats of force, fraud, coercion described in subsection (e)(2),
#     or any combination of such means will be used to cause the person to engage in a
#     commercial sex act, or that the person has not attained the age of 18 years";
#   labour trafficking, 7102(11)(B): "the recruitment, harboring, transportation, provision, or
#     obtaining of a person for labor or services, through the use of force, fraud, or coercion
#     for the purpose of subjection to involuntary servitude, peonage, debt bondage, or slavery";
#   trafficking for forced labour, 1590(a): "recruits, harbors, transports, provides, or obtains
#     by any means, any person for labor or services in violation of this chapter", the
#     violation being 1589(a)'s forced labour: labour or services obtained "(1) by means of
#     force, threats of force, physical restraint, or threats of physical restraint ...; (2) by
#     means of serious harm or threats of serious harm ...; (3) by means of the abuse or
#     threatened abuse of law or legal process; or (4) by means of any scheme, plan, or pattern
#     intended to cause the person to believe that ... [they] would suffer serious harm or
#     physical restraint". 1589 names no fraud.
# The outcome is met when any of the three is. The summary (a presentation, not law):
#   action: an act of 7102(11)(B)/1590 (which all three share), or an act only 1591/7102(12)
#     name, together with the commercial sex act it must be for;
#   purpose: a commercial sex act, a 7102(11)(B) purpose, or forced labour (1589);
#   means: a 1589 means (which every one of the three accepts), or fraud where the purpose is
#     one that fraud serves (a commercial sex act, or a 7102(11)(B) purpose) - so fraud for
#     forced labour alone shows the means as not met, as 1589 reads, and the three elements
#     never contradict the outcome (with fraud counted for any purpose, fraud + forced labour
#     would show three elements met and the outcome not met);
#   the means are not required for a child and a commercial sex act (7102(11)(A), 1591(a)).
# Other offences the facts come near (1591(a)(2), 1589(b): benefiting from a venture) are
# related offences, not elements.

US_LABOUR_ACTIONS = ["action.recruitment", "action.harbouring", "action.transportation", "action.provision",
                     "action.obtaining"]  # 7102(11)(B); 1590(a) "recruits, harbors, transports, provides, or obtains"
US_SEX_ONLY_ACTIONS = ["action.enticement", "action.advertising", "action.maintaining", "action.patronizing",
                       "action.soliciting"]  # 1591(a)(1) "entices ... advertises, maintains, patronizes, or solicits"
US_SEX_ACTIONS = US_LABOUR_ACTIONS + US_SEX_ONLY_ACTIONS
# 1589(a)(1)-(4); also 1591(a) "force, threats of force ... coercion described in (e)(2)" with
# (e)(2) "(A) threats of serious harm to or physical restraint against any person; (B) any
# scheme, plan, or pattern intended to cause a person to believe that failure to perform an act
# would result in serious harm to or physical restraint against any person; or (C) the abuse or
# threatened abuse of law or the legal process", and 7102(3) in the same words.
US_1589_MEANS = ["means.use_of_force", "means.threat_of_force", "means.physical_restraint",
                 "means.threat_of_serious_harm", "means.abuse_of_legal_process"]
# 7102(11), 1591(a) "fraud"; the vocabulary: "a lie about the job, the pay or the conditions is
# fraud there: the US framework counts the deception question as fraud too".
US_FRAUD = ["means.fraud", "means.deception"]
US_MEANS = US_1589_MEANS + US_FRAUD
# 7102(4) / 1591(e)(3) "any sex act, on account of which anything of value is given to or
# received by any person"; prostitution ("selling sex") is such an act by that definition (reading).
US_CSA = ["purpose.commercial_sex_act", "purpose.prostitution_of_others"]
# Other sexual exploitation (content made for sale, being kept for sex) may or may not be a sex
# act for value: it leaves the commercial sex act open (reading).
US_CSA_COULD = ["purpose.other_sexual_exploitation"]
# 7102(11)(B) "involuntary servitude, peonage, debt bondage, or slavery"
US_LABOUR_PURPOSES = ["purpose.involuntary_servitude", "purpose.peonage", "purpose.debt_bondage", "purpose.slavery"]
# 1589 "Forced labor": labour or services obtained by its means (1590(a) "for labor or services
# in violation of this chapter").
US_FORCED_LABOUR = ["purpose.forced_labour"]


def us(facts: dict, age) -> dict:
    child = child_of(age)  # "has not attained 18 years of age"
    labour_act = any_fact(facts, US_LABOUR_ACTIONS)
    sex_act = any_fact(facts, US_SEX_ACTIONS)
    csa = or3(any_fact(facts, US_CSA), could_count(any_fact(facts, US_CSA_COULD)))
    labour_purpose = any_fact(facts, US_LABOUR_PURPOSES)
    forced_labour = any_fact(facts, US_FORCED_LABOUR)
    means_1589 = any_fact(facts, US_1589_MEANS)
    fraud = any_fact(facts, US_FRAUD)
    any_means = or3(means_1589, fraud)

    sex = and3(sex_act, csa, or3(any_means, child))            # 7102(11)(A), (12); 1591(a)(1)
    labour = and3(labour_act, labour_purpose, any_means)        # 7102(11)(B)
    forced = and3(labour_act, forced_labour, means_1589)        # 1590(a) with 1589(a)
    outcome = or3(sex, labour, forced)

    sex_only = and3(any_fact(facts, US_SEX_ONLY_ACTIONS), csa)
    action = or3(labour_act, sex_only)
    purpose = or3(csa, labour_purpose, forced_labour)
    # fraud is a means of the sex trafficking and 7102(11)(B) offences, not of 1589: it counts
    # towards the purposes it serves
    fraud_counts = and3(fraud, or3(csa, labour_purpose))
    means = or3(means_1589, fraud_counts)
    waived = and3(child, csa)
    elements = {
        "action": status(action),
        "means": "not_required" if waived is True else status(means),
        "purpose": status(purpose),
    }
    csa_facts = true_facts(facts, US_CSA) if csa is True else set()
    satisfied = {
        # an act only 1591 names counts together with the commercial sex act it is for
        "action": true_facts(facts, US_LABOUR_ACTIONS)
        | ((true_facts(facts, US_SEX_ONLY_ACTIONS) | csa_facts) if sex_only is True else set()),
        "means": true_facts(facts, US_1589_MEANS) | (true_facts(facts, US_FRAUD) if fraud_counts is True else set()),
        "purpose": csa_facts | true_facts(facts, US_LABOUR_PURPOSES + US_FORCED_LABOUR),
    }
    return findings(outcome, elements, child, satisfied)


# ---------------------------------------------------------------- uk: Modern Slavery Act 2015, ss.2-3 [V]
#
# s.2(1) "A person commits an offence if the person arranges or facilitates the travel of another
# person ('V') with a view to V being exploited." s.2(5): travel includes "travelling within any
# country". s.2(3)'s ways ("recruiting V, transporting or transferring V, harbouring or receiving
# V, or transferring or exchanging control over V") are how travel may be arranged, not acts of
# their own: the act is the travel.
UK_TRAVEL = "movement.travel"
# s.2(4): "with a view to V being exploited only if (a) the person intends to exploit V ... or
# (b) the person knows or ought to know that another person is likely to exploit V". The
# purpose facts say what exploitation was the aim; (b) is asked by its own question and names
# the route, without changing whether the exploitation is of a kind s.3 counts.
UK_ANOTHER = "purpose.another_likely_to_exploit"
# s.3(1) "a person is exploited only if one or more of the following subsections apply": a
# closed list - a form it does not reach is not exploitation under s.3.
# s.3(2) "The person is the victim of behaviour (a) which involves the commission of an offence
# under section 1" (slavery, servitude, forced or compulsory labour)
UK_S3_2 = ["purpose.slavery", "purpose.servitude", "purpose.forced_labour"]
# s.3(3) "Something is done to or in respect of the person (a) which involves the commission of
# an offence under ... (ii) Part 1 of the Sexual Offences Act 2003": Part 1 includes causing,
# inciting or controlling prostitution for gain (REVIEW item 1 [S]) - no force needed.
UK_S3_3 = ["purpose.prostitution_of_others", "purpose.other_sexual_exploitation"]
# ... and the offences of the sexual exploitation of a child (REVIEW item 1 [S], ss.48-50): a
# sex act for value with a person under 18 is one (reading).
UK_CSA = "purpose.commercial_sex_act"
# s.3(4) "The person is encouraged, required or expected to do anything (a) which involves the
# commission ... of an offence under section 32 or 33 of the Human Tissue Act 2004"
UK_S3_4 = ["purpose.organ_removal"]
# s.3(5) "The person is subjected to force, threats or deception designed to induce him or her
# (a) to provide services of any kind, (b) to provide another person with benefits of any kind,
# or (c) to enable another person to acquire benefits of any kind." Any threat counts: of
# violence, of serious harm, to report the person to the authorities (the legal process).
UK_INDUCEMENT = ["means.use_of_force", "means.threat_of_force", "means.deception",
                 "means.threat_of_serious_harm", "means.abuse_of_legal_process"]
# reading: restraint is force, its threat a threat; fraud (false documents, a false contract, a
# dishonest scheme "to get the person involved or keep them there") deceives the person
UK_INDUCEMENT_READ = ["means.physical_restraint", "means.fraud"]
# Other coercion (the vocabulary: "threats to shame them before their family", but also taking a
# passport) and conduct making the person fear for their safety may or may not be a threat:
# they leave s.3(5) open (reading).
UK_INDUCEMENT_COULD = ["means.other_coercion", "means.causing_fear_for_safety"]
# "services of any kind ... benefits of any kind": the facts whose question is a service or a
# benefit obtained from the person - work and sexual services included, so a form s.3(2)-(3)
# already counts is a s.3(5) service too (its inducement is then named with it).
UK_SERVICES = ["purpose.work_or_services", "purpose.benefits_for_others", "purpose.begging", "purpose.criminal_activities",
               "purpose.commercial_sex_act", "purpose.forced_labour", "purpose.servitude",
               "purpose.prostitution_of_others", "purpose.other_sexual_exploitation"]
UK_SERVICES_READ = ["purpose.involuntary_servitude", "purpose.peonage", "purpose.debt_bondage",
                    "purpose.surrogacy_exploitation"]  # reading: work, and acting as a surrogate, are services
# s.3(6) "Another person uses or attempts to use the person for a purpose within paragraph (a),
# (b) or (c) of subsection (5), having chosen him or her for that purpose on the grounds that
# (a) he or she is a child, is mentally or physically ill or disabled, or has a family
# relationship with a particular person, and (b) [an adult, or a person without the illness,
# disability, or family relationship, would be likely to refuse to be used for that purpose]"
# ((b) [R], REVIEW item 3): both limbs.
UK_CHOSEN = "means.chosen_for_vulnerability"
UK_OTHERS_REFUSE = "means.others_likely_to_refuse"


def uk(facts: dict, age) -> dict:
    child = child_of(age)
    travel = facts.get(UK_TRAVEL)
    services = any_fact(facts, UK_SERVICES + UK_SERVICES_READ)
    inducement = or3(any_fact(facts, UK_INDUCEMENT + UK_INDUCEMENT_READ), could_count(any_fact(facts, UK_INDUCEMENT_COULD)))
    s3_2 = any_fact(facts, UK_S3_2)
    child_sex = and3(facts.get(UK_CSA), child)
    s3_3 = or3(any_fact(facts, UK_S3_3), child_sex)
    s3_4 = any_fact(facts, UK_S3_4)
    s3_5 = and3(inducement, services)
    s3_6 = and3(facts.get(UK_CHOSEN), facts.get(UK_OTHERS_REFUSE), services)
    purpose = or3(s3_2, s3_3, s3_4, s3_5, s3_6)
    outcome = and3(travel, purpose)  # the same for an adult and a child
    elements = {"action": status(travel), "means": "not_required", "purpose": status(purpose)}
    service_facts = true_facts(facts, UK_SERVICES + UK_SERVICES_READ)
    satisfied = {
        "action": {UK_TRAVEL},
        "purpose": true_facts(facts, UK_S3_2 + UK_S3_3 + UK_S3_4)
        | ({UK_CSA} if child_sex is True else set())
        | ((true_facts(facts, UK_INDUCEMENT + UK_INDUCEMENT_READ) | service_facts) if s3_5 is True else set())
        | (({UK_CHOSEN, UK_OTHERS_REFUSE} | service_facts) if s3_6 is True else set())
        | (true_facts(facts, [UK_ANOTHER]) if purpose is True else set()),
    }
    return findings(outcome, elements, child, satisfied)


# ---------------------------------------------------------------- ca: Criminal Code ss.279.01-279.04 [V]
#
# 279.01(1) "Every person who recruits, transports, transfers, receives, holds, conceals or
# harbours a person, or exercises control, direction or influence over the movements of a
# person, for the purpose of exploiting them or facilitating their exploitation". No means
# element; 279.011 is the same offence for a person under 18 (heavier penalties only).
CA_ACTIONS = ["action.recruitment", "action.transportation", "action.transfer", "action.receipt",
              "action.holding", "action.concealing", "action.harbouring", "action.controlling_movements"]
# 279.04(1) "a person exploits another person if they cause them to provide, or offer to provide,
# labour or a service by engaging in conduct that, in all the circumstances, could reasonably be
# expected to cause the other person to believe that their safety or the safety of a person known
# to them would be threatened if they failed to provide, or offer to provide, the labour or
# service." 279.04(2)'s force, deception and abuse of trust are factors a court "may consider,
# among other factors", not the test.
CA_FEAR = "means.causing_fear_for_safety"
# "labour or a service": any kind of work or service, sexual services included (REVIEW item 6
# [S]); the vocabulary: begging, drug trafficking; REVIEW: servitude, slavery, debt bondage and
# commercial sex.
CA_LABOUR = ["purpose.forced_labour", "purpose.work_or_services", "purpose.prostitution_of_others",
             "purpose.other_sexual_exploitation", "purpose.commercial_sex_act", "purpose.begging",
             "purpose.criminal_activities", "purpose.slavery", "purpose.servitude", "purpose.debt_bondage"]
CA_LABOUR_READ = ["purpose.involuntary_servitude", "purpose.peonage", "purpose.practices_similar_to_slavery",
                  "purpose.surrogacy_exploitation"]  # reading: work, and a surrogacy, are labour or a service
# 279.04(3) "a person exploits another person if they cause them, by means of deception or the
# use or threat of force or of any other form of coercion, to have an organ or tissue removed."
CA_ORGAN = "purpose.organ_removal"
CA_ORGAN_MEANS = ["means.deception", "means.use_of_force", "means.threat_of_force", "means.other_coercion"]
# "any other form of coercion" (7102(3)'s coercion); fraud, used "to get the person involved",
# deceives them (reading)
CA_ORGAN_MEANS_READ = COERCION_FORMS + ["means.fraud"]


def ca(facts: dict, age) -> dict:
    child = child_of(age)  # 279.011: a heavier penalty, no element changes
    action = any_fact(facts, CA_ACTIONS)
    by_fear = and3(facts.get(CA_FEAR), any_fact(facts, CA_LABOUR + CA_LABOUR_READ))
    organ = and3(facts.get(CA_ORGAN), any_fact(facts, CA_ORGAN_MEANS + CA_ORGAN_MEANS_READ))
    purpose = or3(by_fear, organ)
    outcome = and3(action, purpose)
    elements = {"action": status(action), "means": "not_required", "purpose": status(purpose)}
    satisfied = {
        "action": true_facts(facts, CA_ACTIONS),
        "purpose": (true_facts(facts, [CA_FEAR] + CA_LABOUR + CA_LABOUR_READ) if by_fear is True else set())
        | (true_facts(facts, [CA_ORGAN] + CA_ORGAN_MEANS + CA_ORGAN_MEANS_READ) if organ is True else set()),
    }
    return findings(outcome, elements, child, satisfied)


# ---------------------------------------------------------------- the six, and what the tests need

ORACLES: dict[str, Callable[[dict, Optional[int]], dict]] = {
    "palermo": palermo_findings, "coe": coe, "eu": eu, "us": us, "uk": uk, "ca": ca,
}
HAS_MEANS = {"palermo": True, "coe": True, "eu": True, "us": True, "uk": False, "ca": False}
# Where the age can change an element: the means, for a child (Palermo, CoE, EU; the US for a
# commercial sex act); the UK's s.3(3) purpose, for a commercial sex act with a child. Not
# Canada, whose elements are the same at every age (s.279.011 changes the penalty only).
AGE_CHANGES_AN_ELEMENT = {"palermo": True, "coe": True, "eu": True, "us": True, "uk": True, "ca": False}

# The facts each reading uses (an unknown fact outside these never keeps an outcome open).
READS: dict[str, set[str]] = {
    "palermo": set(PALERMO_ACTIONS + PALERMO_MEANS + COERCION_FORMS + PALERMO_LISTED + PALERMO_UNLISTED),
    "coe": set(PALERMO_ACTIONS + PALERMO_MEANS + COERCION_FORMS + PALERMO_LISTED + PALERMO_UNLISTED),
    "eu": set(EU_ACTIONS + EU_MEANS + EU_LISTED + EU_UNLISTED),
    "us": set(US_SEX_ACTIONS + US_MEANS + US_CSA + US_CSA_COULD + US_LABOUR_PURPOSES + US_FORCED_LABOUR),
    "uk": {UK_TRAVEL, UK_ANOTHER, UK_CSA, UK_CHOSEN, UK_OTHERS_REFUSE, *UK_S3_2, *UK_S3_3, *UK_S3_4, *UK_INDUCEMENT,
           *UK_INDUCEMENT_READ, *UK_INDUCEMENT_COULD, *UK_SERVICES, *UK_SERVICES_READ},
    "ca": {CA_FEAR, CA_ORGAN, *CA_ACTIONS, *CA_LABOUR, *CA_LABOUR_READ, *CA_ORGAN_MEANS, *CA_ORGAN_MEANS_READ},
}

# The classes of facts each text treats alike, for the exhaustive sweep (each class true, false
# or unknown; its first member carries the value). Only facts read on the text's own words or
# the vocabulary's: the readings of kind 3 (READINGS) are held false there and swept one by one.
STRUCTURE: dict[str, list[list[str]]] = {
    "palermo": [PALERMO_ACTIONS, PALERMO_MEANS, PALERMO_LISTED, PALERMO_UNLISTED],
    "coe": [PALERMO_ACTIONS, PALERMO_MEANS, PALERMO_LISTED, PALERMO_UNLISTED],
    "eu": [EU_ACTIONS, PALERMO_MEANS, EU_LISTED, EU_UNLISTED],
    "us": [US_LABOUR_ACTIONS, US_SEX_ONLY_ACTIONS, US_1589_MEANS, US_FRAUD, ["purpose.commercial_sex_act"],
           US_LABOUR_PURPOSES, US_FORCED_LABOUR],
    # (forms s.3(2)-(3) count that are services too; services that are exploitation only under
    # s.3(5)-(6))
    "uk": [[UK_TRAVEL], UK_SERVICES[4:], UK_SERVICES[:3], UK_INDUCEMENT, [UK_CHOSEN], [UK_OTHERS_REFUSE]],
    "ca": [CA_ACTIONS, [CA_FEAR], CA_LABOUR, [CA_ORGAN], CA_ORGAN_MEANS],
}
# Facts a reading uses that no class holds: false in the structure sweep, swept one by one.
FIXED: dict[str, list[str]] = {
    fw: sorted(READS[fw] - {f for members in STRUCTURE[fw] for f in members}) for fw in ORACLES
}
# The readings beyond the text's own words and the vocabulary's help (kind 3 above, and those
# marked "reading:"), per framework: where a pack may reasonably have chosen otherwise.
READINGS: dict[str, set[str]] = {
    "palermo": set(COERCION_FORMS),
    "coe": set(COERCION_FORMS),
    "eu": set(COERCION_FORMS),
    "us": {"purpose.prostitution_of_others", "purpose.other_sexual_exploitation"},
    # (the child's commercial sex act under s.3(3) is a reading too, but the fact is swept in its
    # services class, so it is not held false on its own)
    "uk": {*UK_INDUCEMENT_READ, *UK_INDUCEMENT_COULD, *UK_SERVICES_READ},
    "ca": set(CA_LABOUR_READ + CA_ORGAN_MEANS_READ),
}


def expected(fw: str, facts: dict, age) -> dict:
    """The oracle's findings, with the contract's caveats as DESIGN.md raises them."""
    found = ORACLES[fw](facts, age)
    found["caveats"] = contract_caveats(found, facts, age, HAS_MEANS[fw])
    return found


def relevant_unknowns(fw: str, facts: dict, age) -> set[str]:
    """The unknowns that would each settle an undetermined outcome on their own: an unknown fact
    the reading uses that, answered yes or no, makes the outcome met or not met; the age, if
    unknown, when a child's or an adult's age would. Any list of open questions must name
    these (it may name more: facts that settle it only together)."""
    oracle = ORACLES[fw]
    if oracle(facts, age)["outcome"] != "undetermined":
        return set()
    out = {f for f in READS[fw] if facts.get(f) is None
           and any(oracle({**facts, f: v}, age)["outcome"] != "undetermined" for v in (True, False))}
    if age is None and any(oracle(facts, a)["outcome"] != "undetermined" for a in (15, 30)):
        out.add("person.age")
    return out


assert {f for members in STRUCTURE.values() for cls in members for f in cls} <= set().union(*READS.values())
assert all(set(READINGS[fw]) <= READS[fw] for fw in ORACLES)
