"""Cases taken from the legal texts, each citing the provision it tests and quoting the words that
decide it. Written from the provisions (the statute texts and the December 2026 review of the
packs against them), not from the packs; the scenarios are plain dicts, so that each reads as
its own small fact pattern.

Two parts: a table of cases, many of them the contrasts between frameworks that the definitions
are known for; then one test per defect of the review that the packs must get right, each of
which fails against the packs as they stood before the review (commit 077415e).
"""
from __future__ import annotations

import re

import pytest

from elements import evaluate
from elements.api import facts_read

PALERMO_MEANS = [
    "means.threat_of_force", "means.use_of_force", "means.other_coercion", "means.abduction", "means.fraud",
    "means.deception", "means.abuse_of_power", "means.abuse_of_vulnerability", "means.payments_to_controller",
]
OTHER_MEANS = ["means.threat_of_serious_harm", "means.physical_restraint", "means.abuse_of_legal_process",
               "means.causing_fear_for_safety", "means.chosen_for_vulnerability", "means.others_likely_to_refuse"]
NO_MEANS = {k: False for k in PALERMO_MEANS + OTHER_MEANS}
PALERMO_PURPOSES = ["purpose.prostitution_of_others", "purpose.other_sexual_exploitation", "purpose.forced_labour",
                    "purpose.slavery", "purpose.practices_similar_to_slavery", "purpose.servitude", "purpose.organ_removal"]
UNLISTED = ["purpose.begging", "purpose.criminal_activities", "purpose.forced_marriage", "purpose.illegal_adoption",
            "purpose.surrogacy_exploitation", "purpose.involuntary_servitude", "purpose.peonage", "purpose.debt_bondage"]
US_LABOUR_PURPOSES = ["purpose.involuntary_servitude", "purpose.peonage", "purpose.debt_bondage", "purpose.slavery"]
NO_PURPOSE = {k: False for k in PALERMO_PURPOSES + UNLISTED + ["purpose.commercial_sex_act", "purpose.work_or_services", "purpose.benefits_for_others"]}
PALERMO_ACTIONS = ["action.recruitment", "action.transportation", "action.transfer", "action.harbouring", "action.receipt"]


def case(cid, fw, cite, age, facts, outcome, elements=None, caveats=(), no_caveats=(), open_has=(), text_has=None):
    return pytest.param(cite, fw, age, facts, outcome, elements or {}, set(caveats), set(no_caveats), set(open_has),
                        text_has, id=f"{cid}-{fw}")


def run(fw: str, age, facts: dict):
    return evaluate({"person": {"age": age}, "facts": facts}, fw)


def statuses(result) -> dict:
    return {role: finding.status for role, finding in result.elements.items()}


def caveat_ids(result) -> set[str]:
    return {c.id for c in result.caveats}


# A child recruited for forced labour; nobody used any means.
# (No sexual purpose at all: prostitution is a commercial sex act by 7102(4), and other sexual
# exploitation may be one, so both are answered no too.)
NOT_SEXUAL = {"purpose.commercial_sex_act": False, "purpose.prostitution_of_others": False,
              "purpose.other_sexual_exploitation": False}
CHILD_LABOUR = {"action.recruitment": True, "purpose.forced_labour": True, "purpose.involuntary_servitude": True,
                **NOT_SEXUAL, **NO_MEANS}
# Recruited, moved and housed for forced labour by force - but no travel was ever arranged.
NO_TRIP = {"action.recruitment": True, "action.transportation": True, "action.harbouring": True,
           "movement.travel": False, "means.use_of_force": True, "purpose.forced_labour": True}
# A 16-year-old kept working under someone's control, without conduct that could make her fear for anyone's safety.
MINOR_NO_FEAR = {"action.recruitment": True, "action.controlling_movements": True, "purpose.prostitution_of_others": True,
                 "purpose.forced_labour": False, "purpose.organ_removal": False, "means.causing_fear_for_safety": False}
# A buyer pays for a sex act with a 14-year-old (United States v Jungers).
BUYER = {"action.patronizing": True, "action.obtaining": True, "purpose.commercial_sex_act": True,
         **{k: False for k in PALERMO_ACTIONS}, **NO_MEANS}
# Control over an adult passed on for a forced marriage, under threat.
EXCHANGE = {"action.exchanging_control": True, **{k: False for k in PALERMO_ACTIONS}, "means.threat_of_force": True,
            "purpose.forced_marriage": True, **{k: False for k in PALERMO_PURPOSES}}
# An adult's journey within the country arranged for forced labour, with no force, threats or deception.
TRIP_NO_MEANS = {"movement.travel": True, "movement.crossed_border": False, "action.recruitment": True,
                 "purpose.forced_labour": True, **NO_MEANS}
# UK: every route to s.3 exploitation closed, to add one route at a time.
UK_NOTHING = {"movement.travel": True, **NO_MEANS, **NO_PURPOSE}

CASES = [
    # ---- the contrasts between frameworks
    case("child-labour-no-means", "palermo", "Palermo Art. 3(c)", 15, CHILD_LABOUR, "all_elements_met",
         {"action": "met", "means": "not_required", "purpose": "met"}),
    case("child-labour-no-means", "coe", "CoE Convention Art. 4(c)", 15, CHILD_LABOUR, "all_elements_met",
         {"means": "not_required"}),
    case("child-labour-no-means", "eu", "Directive 2011/36/EU Art. 2(5)", 15, CHILD_LABOUR, "all_elements_met",
         {"means": "not_required"}),
    case("child-labour-no-means", "us", "22 U.S.C. 7102(11)(B); 18 U.S.C. 1589(a): no child exception for labour", 15,
         CHILD_LABOUR, "not_all_elements_met", {"action": "met", "means": "not_met", "purpose": "met"}),
    case("trip-never-arranged", "uk", "Modern Slavery Act 2015 s.2(1), (3)", 30, NO_TRIP, "not_all_elements_met",
         {"action": "not_met", "means": "not_required", "purpose": "met"}, text_has="no travel was arranged or facilitated"),
    case("trip-never-arranged", "palermo", "Palermo Art. 3(a): no movement needed", 30, NO_TRIP, "all_elements_met",
         {"action": "met", "means": "met", "purpose": "met"}),
    case("minor-no-fear", "ca", "Criminal Code s.279.04(1); no child exception", 16, MINOR_NO_FEAR, "not_all_elements_met",
         {"action": "met", "means": "not_required", "purpose": "not_met"}, text_has="there is no child exception"),
    case("minor-no-fear", "palermo", "Palermo Art. 3(c)", 16, MINOR_NO_FEAR, "all_elements_met",
         {"means": "not_required", "purpose": "met"}),

    # ---- Council of Europe, Art. 4
    case("adult-deceived", "coe", "CoE Convention Art. 4(a)", 25,
         {"action.recruitment": True, "means.deception": True, "purpose.forced_labour": True}, "all_elements_met",
         {"action": "met", "means": "met", "purpose": "met"}),
    case("eighteen-no-means", "coe", "CoE Convention Art. 4(d): 'under eighteen years of age'", 18, CHILD_LABOUR,
         "not_all_elements_met", {"means": "not_met"}),
    case("consent-with-means", "coe", "CoE Convention Art. 4(b)", 30,
         {"action.recruitment": True, "means.deception": True, "purpose.forced_labour": True, "consent.given": True},
         "all_elements_met", caveats={"consent_irrelevant"}),

    # ---- EU Directive, Art. 2 as amended in 2024
    case("exchange-of-control", "eu", "Directive 2011/36/EU Art. 2(1), 2(3) as amended", 24, EXCHANGE, "all_elements_met",
         {"action": "met", "means": "met", "purpose": "met"}),
    # Palermo names neither the act nor the purpose; its list of forms is a minimum, so the
    # purpose is open, and the act decides.
    case("exchange-of-control", "palermo", "Palermo Art. 3(a): the act not listed; forced marriage not on the minimum list",
         24, EXCHANGE, "not_all_elements_met", {"action": "not_met", "purpose": "unknown"}),
    case("vulnerability", "eu", "Directive 2011/36/EU Art. 2(2)", 35,
         {"action.recruitment": True, "means.abuse_of_vulnerability": True, "purpose.forced_labour": True},
         "all_elements_met", {"means": "met"}),
    *[case(f"eu-2024-{p.split('.')[1]}", "eu", "Directive 2011/36/EU Art. 2(3) as amended by Directive (EU) 2024/1712", 28,
           {"action.recruitment": True, "means.deception": True, p: True}, "all_elements_met", {"purpose": "met"})
      for p in ("purpose.begging", "purpose.criminal_activities", "purpose.surrogacy_exploitation",
                "purpose.forced_marriage", "purpose.illegal_adoption")],
    case("consent-with-means", "eu", "Directive 2011/36/EU Art. 2(4)", 30,
         {"action.recruitment": True, "means.fraud": True, "purpose.begging": True, "consent.given": True},
         "all_elements_met", caveats={"consent_irrelevant"}),

    # ---- US federal law
    case("buyer-of-a-child", "us", "22 U.S.C. 7102(11)(A), (12); 18 U.S.C. 1591(a) 'obtains', 'patronizes'", 14, BUYER,
         "all_elements_met", {"action": "met", "means": "not_required", "purpose": "met"}),
    case("buyer-of-a-child", "palermo", "Palermo Art. 3(a): buying is not a listed act", 14, BUYER, "not_all_elements_met",
         {"action": "not_met"}),
    case("advertised-for-labour", "us", "18 U.S.C. 1591(a): advertising is an act of sex trafficking only", 30,
         {"action.advertising": True, **{k: False for k in PALERMO_ACTIONS}, "action.provision": False, "action.obtaining": False,
          "means.fraud": True, "purpose.peonage": True, **NOT_SEXUAL},
         "not_all_elements_met", {"action": "not_met", "means": "met", "purpose": "met"}),
    case("exactly-18", "us", "22 U.S.C. 7102(11)(A): 'has not attained 18 years of age'", 18,
         {"action.recruitment": True, "purpose.commercial_sex_act": True, **NO_MEANS}, "not_all_elements_met",
         {"means": "not_met"}, caveats={"sex_work_distinction"}),
    case("seventeen", "us", "22 U.S.C. 7102(11)(A); United States v Robinson", 17,
         {"action.recruitment": True, "purpose.commercial_sex_act": True, **NO_MEANS}, "all_elements_met",
         {"means": "not_required"}),
    case("psychological-coercion", "us", "22 U.S.C. 7102(3)(B); United States v Kozminski", 40,
         {"action.harbouring": True, "means.threat_of_serious_harm": True, "purpose.involuntary_servitude": True},
         "all_elements_met", {"means": "met"}),
    case("legal-process", "us", "22 U.S.C. 7102(3)(C); United States v Dann", 33,
         {"action.obtaining": True, "means.abuse_of_legal_process": True, "purpose.debt_bondage": True},
         "all_elements_met", {"means": "met"}),
    case("adult-sex-work", "us", "22 U.S.C. 7102(11)(A): force, fraud or coercion for an adult", 25,
         {"action.recruitment": True, "purpose.commercial_sex_act": True, **NO_MEANS}, "not_all_elements_met",
         {"means": "not_met"}, caveats={"sex_work_distinction"}),
    case("forced-labour-by-force", "us", "18 U.S.C. 1590(a), 1589(a)(1) 'by means of force'", 30,
         {"action.recruitment": True, "means.use_of_force": True, "purpose.forced_labour": True,
          "purpose.commercial_sex_act": False, **{k: False for k in US_LABOUR_PURPOSES}}, "all_elements_met",
         {"purpose": "met", "means": "met"}),

    # ---- UK Modern Slavery Act 2015
    case("trip-in-country-no-means", "uk", "Modern Slavery Act 2015 s.2(1), s.2(5)(c)", 30, TRIP_NO_MEANS, "all_elements_met",
         {"action": "met", "means": "not_required", "purpose": "met"}),
    case("trip-in-country-no-means", "palermo", "Palermo Art. 3(a): an adult needs a means", 30, TRIP_NO_MEANS,
         "not_all_elements_met", {"means": "not_met"}),
    case("age-unknown", "uk", "Modern Slavery Act 2015 s.2(2): adult or child alike", None, TRIP_NO_MEANS, "all_elements_met",
         {"means": "not_required"}),
    case("age-unknown", "palermo", "Palermo Art. 3(c)-(d)", None, TRIP_NO_MEANS, "undetermined", open_has={"person.age"}),
    case("begging-by-deception", "uk", "Modern Slavery Act 2015 s.3(5); Explanatory Notes paras 30-35", 35,
         {"movement.travel": True, "means.deception": True, "purpose.begging": True}, "all_elements_met", {"purpose": "met"}),
    case("begging-no-inducement", "uk", "Modern Slavery Act 2015 s.3(5)-(6)", 35, {**UK_NOTHING, "purpose.begging": True},
         "not_all_elements_met", {"purpose": "not_met"}),
    case("county-lines-not-known-why", "uk", "Modern Slavery Act 2015 s.3(6)", 14,
         {"movement.travel": True, "purpose.criminal_activities": True}, "undetermined", {"purpose": "unknown"},
         open_has={"means.chosen_for_vulnerability"}),
    case("consent-to-travel", "uk", "Modern Slavery Act 2015 s.2(2)", 30, {**TRIP_NO_MEANS, "consent.given": True},
         "all_elements_met", caveats={"consent_irrelevant"}),

    # ---- Canada, Criminal Code
    case("control-no-movement", "ca", "Criminal Code s.279.01(1); Urizar c. R", 18,
         {"action.controlling_movements": True, "movement.travel": False, "means.causing_fear_for_safety": True,
          "purpose.prostitution_of_others": True}, "all_elements_met", {"action": "met", "means": "not_required", "purpose": "met"}),
    case("child-with-fear", "ca", "Criminal Code s.279.011, s.279.04(1); R v A.A.", 16,
         {"action.recruitment": True, "means.causing_fear_for_safety": True, "purpose.other_sexual_exploitation": True},
         "all_elements_met", {"means": "not_required"}),
    case("organ-freely", "ca", "Criminal Code s.279.04(3)", 40,
         {"action.recruitment": True, **NO_PURPOSE, "purpose.organ_removal": True, **NO_MEANS}, "not_all_elements_met",
         {"purpose": "not_met"}),
    case("force-but-fear-unknown", "ca", "Criminal Code s.279.04(2): a factor, not the test", 30,
         {"action.holding": True, "means.use_of_force": True, "purpose.forced_labour": True}, "undetermined",
         {"purpose": "unknown"}, open_has={"means.causing_fear_for_safety"}),
    case("consent-invalid", "ca", "Criminal Code s.279.01(2)", 30,
         {"action.holding": True, "means.causing_fear_for_safety": True, "purpose.forced_labour": True, "consent.given": True},
         "all_elements_met", caveats={"consent_irrelevant"}),
]


def open_facts(result, fw) -> set[str]:
    """Open questions with a group wildcard ('means.*') spelled out as the facts the pack uses."""
    used = set(facts_read(fw))
    out = set()
    for question in result.open_questions:
        out |= {f for f in used if f.startswith(question[:-1])} if question.endswith(".*") else {question}
    return out


LABEL = re.compile(r"\b(is|was|are|were) (a )?(trafficking )?victims?\b")


def assert_no_label(result) -> None:
    """What the packs say never labels a person (caveats may say, in the negative, that no one is labelled)."""
    words = " ".join([result.summary] + [s.text for s in result.explanation] + [r.reason for r in result.related]).lower()
    assert not LABEL.search(words)
    assert "was trafficked" not in words and "is trafficked" not in words


@pytest.mark.parametrize("cite,fw,age,facts,outcome,elements,caveats,no_caveats,open_has,text_has", CASES)
def test_case_from_the_text(cite, fw, age, facts, outcome, elements, caveats, no_caveats, open_has, text_has):
    result = run(fw, age, facts)
    assert result.outcome == outcome
    for role, want in elements.items():
        assert result.elements[role].status == want, role
    ids = caveat_ids(result)
    assert caveats <= ids and not (no_caveats & ids)
    assert open_has <= open_facts(result, fw)
    if text_has:
        assert any(text_has in step.text for step in result.explanation), text_has
    assert_no_label(result)


def test_every_case_cites_a_provision():
    for param in CASES:
        assert re.search(r"(Art\.|s\.|U\.S\.C\.)", param.values[0]), param.id


def test_us_summary_of_the_definitions_is_documented_in_the_result():
    """The US action element: an act only 1591 adds counts only with a commercial sex act, and says so."""
    result = run("us", 30, {"action.advertising": True, "purpose.commercial_sex_act": True, "means.threat_of_force": True})
    assert result.outcome == "all_elements_met"
    assert set(result.elements["action"].satisfied_by) == {"action.advertising", "purpose.commercial_sex_act"}


# ==================================================================== the review's defects, one by one
# Each names its provision and quotes the words that decide it (texts/ beside REVIEW-2026-12.md).


def test_uk_s3_3_travel_for_forced_prostitution_is_sexual_exploitation():
    """REVIEW 1. s.3(3): "Something is done to or in respect of the person (a) which involves the
    commission of an offence under ... (ii) Part 1 of the Sexual Offences Act 2003" - Part 1
    includes causing, inciting and controlling prostitution for gain. Travel arranged for someone
    else to control an adult's prostitution under threat: the purpose is met, as under Palermo."""
    facts = {"movement.travel": True, "action.recruitment": True, "means.threat_of_force": True,
             "purpose.prostitution_of_others": True}
    uk = run("uk", 24, facts)
    assert (uk.outcome, statuses(uk)["purpose"]) == ("all_elements_met", "met")
    assert "purpose.prostitution_of_others" in uk.elements["purpose"].satisfied_by
    assert run("palermo", 24, facts).elements["purpose"].status == "met"  # the compare page shows no false difference


def test_uk_s3_3_needs_no_force():
    """REVIEW 1: "no force or deception is needed for s.3(3); controlling an adult's prostitution
    for gain is enough" - and the sex-work caveat, still raised (an adult, a sexual purpose, no
    means), says in the UK's words that the Act reaches further than Palermo."""
    result = run("uk", 30, {**UK_NOTHING, "purpose.prostitution_of_others": True})
    assert result.outcome == "all_elements_met"
    caveat = next(c for c in result.caveats if c.id == "sex_work_distinction")
    assert "s.3(3)" in caveat.text and "Part 1 of the Sexual Offences Act 2003" in caveat.text


def test_uk_s3_3_a_child_paid_for_sex_is_sexually_exploited():
    """s.3(3)(a)(ii): Part 1 of the Sexual Offences Act 2003 includes "the offences of sexual
    exploitation of a child (ss.48-50)" (REVIEW 1): a sex act for value with a person under 18 is
    one of them whoever keeps the money, so travel arranged for it is with a view to s.3(3)
    exploitation, with nothing else shown. Under 18 or not, the age settles it."""
    facts = {**UK_NOTHING, "purpose.commercial_sex_act": True}
    child = run("uk", 15, facts)
    assert (child.outcome, child.elements["purpose"].status) == ("all_elements_met", "met")
    unknown_age = run("uk", None, facts)
    assert unknown_age.outcome == "undetermined" and "person.age" in unknown_age.open_questions
    assert run("uk", 30, facts).elements["purpose"].status == "not_met"  # an adult's, alone, is no Part 1 offence


def test_uk_s3_5_any_threat_for_any_service():
    """REVIEW 2. s.3(5): "The person is subjected to force, threats or deception designed to induce
    him or her (a) to provide services of any kind ...". A threat to report the person to
    immigration, to get ordinary work out of them: met."""
    result = run("uk", 35, {**UK_NOTHING, "means.abuse_of_legal_process": True, "purpose.work_or_services": True})
    assert (result.outcome, result.elements["purpose"].status) == ("all_elements_met", "met")
    assert {"means.abuse_of_legal_process", "purpose.work_or_services"} <= set(result.elements["purpose"].satisfied_by)
    # "(b) to provide another person with benefits of any kind": a threat of serious harm for benefits
    benefits = run("uk", 35, {**UK_NOTHING, "means.threat_of_serious_harm": True, "purpose.benefits_for_others": True})
    assert benefits.elements["purpose"].status == "met"
    # without the force, threats or deception, the same work is not s.3(5) exploitation
    assert run("uk", 35, {**UK_NOTHING, "purpose.work_or_services": True}).elements["purpose"].status == "not_met"


def test_uk_s3_5_a_threat_to_shame_is_never_read_as_no_threat():
    """REVIEW 2: under s.3(5) "any threat counts (to report someone to immigration, to harm family,
    to shame)". The vocabulary asks a threat to shame through other coercion ("threats to shame
    them before their family"), which also covers pressure that is no threat (a passport kept): so
    other coercion used to get ordinary work out of someone may be s.3(5) exploitation - the
    purpose is met or open, never "not met"."""
    result = run("uk", 35, {**UK_NOTHING, "means.other_coercion": True, "purpose.work_or_services": True})
    assert result.elements["purpose"].status != "not_met"
    assert result.outcome != "not_all_elements_met"


def test_uk_s3_6_needs_both_limbs():
    """REVIEW 3. s.3(6): used for a s.3(5) purpose, "having chosen him or her for that purpose on the
    grounds that (a) he or she is a child, is mentally or physically ill or disabled, or has a
    family relationship with a particular person, and (b) an adult, or a person without the
    illness, disability, or family relationship, would be likely to refuse". Both limbs, and
    any s.3(5) purpose, not only begging and crime."""
    chosen = {**UK_NOTHING, "means.chosen_for_vulnerability": True, "purpose.criminal_activities": True}
    both = run("uk", 14, {**chosen, "means.others_likely_to_refuse": True})
    assert (both.outcome, both.elements["purpose"].status) == ("all_elements_met", "met")
    assert {"means.chosen_for_vulnerability", "means.others_likely_to_refuse"} <= set(both.elements["purpose"].satisfied_by)
    assert run("uk", 14, chosen).elements["purpose"].status == "not_met"  # (b) answered no
    open_b = run("uk", 14, {**chosen, "means.others_likely_to_refuse": None})
    assert open_b.elements["purpose"].status == "unknown" and "means.others_likely_to_refuse" in open_facts(open_b, "uk")
    any_service = run("uk", 40, {**UK_NOTHING, "means.chosen_for_vulnerability": True, "means.others_likely_to_refuse": True,
                                 "purpose.work_or_services": True})
    assert any_service.elements["purpose"].status == "met"


def test_uk_s2_4_b_someone_who_ought_to_know():
    """REVIEW 4. s.2(4): travel is with a view to V being exploited "only if (a) the person intends
    to exploit V ... or (b) the person knows or ought to know that another person is likely to
    exploit V". A driver who does not intend the exploitation but ought to know of it can be
    described, and the result says it rests on (b)."""
    result = run("uk", 20, {"movement.travel": True, "purpose.another_likely_to_exploit": True,
                            "purpose.forced_labour": True})
    assert result.outcome == "all_elements_met"
    assert "purpose.another_likely_to_exploit" in result.elements["purpose"].satisfied_by
    assert any("2(4)(b)" in step.citation and step.value == "true" for step in result.explanation)


def test_uk_s1_pointed_to_where_travel_fails():
    """REVIEW 5. s.1: slavery, servitude and forced or compulsory labour are an offence of their own,
    with no travel. Where s.2 fails for want of travel, the result points to s.1, with its text."""
    result = run("uk", 30, NO_TRIP)
    assert result.elements["action"].status == "not_met"
    s1 = [r for r in result.related if re.match(r"s\.1\b", r.citation)]
    assert s1 and s1[0].text and s1[0].url.startswith("https://www.legislation.gov.uk/")
    assert_no_label(result)
    # with travel arranged, s.2 applies and s.1 is not pointed to as the way out
    assert not [r for r in run("uk", 30, {**NO_TRIP, "movement.travel": True}).related if re.match(r"s\.1\b", r.citation)]


@pytest.mark.parametrize("form", ["purpose.servitude", "purpose.slavery", "purpose.debt_bondage", "purpose.commercial_sex_act"])
def test_canada_any_labour_or_service_with_fear_for_safety(form):
    """REVIEW 6. s.279.04(1): "a person exploits another person if they cause them to provide, or
    offer to provide, labour or a service by engaging in conduct that ... could reasonably be
    expected to cause the other person to believe that their safety or the safety of a person
    known to them would be threatened". Domestic servitude under threats to safety: met (and
    slavery, debt bondage, commercial sex alike)."""
    result = run("ca", 30, {"action.holding": True, "means.causing_fear_for_safety": True, form: True})
    assert (result.outcome, result.elements["purpose"].status) == ("all_elements_met", "met")
    assert {form, "means.causing_fear_for_safety"} <= set(result.elements["purpose"].satisfied_by)


def test_canada_organ_removal_under_s279_04_3():
    """REVIEW 6. s.279.04(3): "a person exploits another person if they cause them, by means of
    deception or the use or threat of force or of any other form of coercion, to have an organ or
    tissue removed" - the result cites (3), not (1)."""
    result = run("ca", 40, {"action.recruitment": True, "purpose.organ_removal": True, "means.deception": True})
    assert result.outcome == "all_elements_met"
    cited = [step.citation for step in result.explanation if step.value == "true"]
    assert any("279.04(3)" in c for c in cited), cited
    assert "279.04(3)" in result.elements["purpose"].citation or any("279.04(3)" in c for c in cited)


def test_us_forced_labour_by_threats_of_serious_harm():
    """REVIEW 7. 18 U.S.C. 1590(a): "Whoever knowingly recruits, harbors, transports, provides, or
    obtains by any means, any person for labor or services in violation of this chapter", with
    1589(a)(2) "by means of serious harm or threats of serious harm": recruitment for forced
    labour by threats of serious harm is met."""
    result = run("us", 30, {"action.recruitment": True, "means.threat_of_serious_harm": True,
                            "purpose.forced_labour": True, "purpose.commercial_sex_act": False,
                            **{k: False for k in US_LABOUR_PURPOSES}})
    assert (result.outcome, statuses(result)) == ("all_elements_met", {"action": "met", "means": "met", "purpose": "met"})


def test_us_forced_labour_by_fraud_alone():
    """REVIEW 7: "1589's means are not 7102(11)(B)'s (1589 names no fraud)". Fraud alone, for
    forced labour, meets neither 1589/1590 nor 7102(11)(B), whose purposes are "involuntary
    servitude, peonage, debt bondage, or slavery" - so not all elements are met, and (the
    contract) the elements say which is not: the means, for the only purpose described. For one
    of 7102(11)(B)'s purposes, fraud is enough ("through the use of force, fraud, or coercion")."""
    facts = {"action.recruitment": True, "means.fraud": True, "purpose.forced_labour": True,
             **NOT_SEXUAL, **{k: False for k in US_LABOUR_PURPOSES},
             **{k: False for k in ["means.use_of_force", "means.threat_of_force", "means.physical_restraint",
                                   "means.threat_of_serious_harm", "means.abuse_of_legal_process", "means.deception"]}}
    result = run("us", 30, facts)
    assert result.outcome == "not_all_elements_met"
    assert statuses(result)["means"] == "not_met", statuses(result)
    servitude = run("us", 30, {**facts, "purpose.involuntary_servitude": True})
    assert servitude.outcome == "all_elements_met"


def test_us_1591_a_2_shown_as_related():
    """REVIEW 8. 1591(a)(2): "benefits, financially or by receiving anything of value, from
    participation in a venture which has engaged in an act described in violation of paragraph
    (1)" - shown beside the elements where the (a)(1) act is described; not where there is no
    commercial sex act at all."""
    result = run("us", 30, {"action.recruitment": True, "purpose.commercial_sex_act": True, "means.threat_of_force": True})
    related = [r for r in result.related if "1591(a)(2)" in r.citation]
    assert related and "venture" in related[0].text and related[0].url.startswith("https://uscode.house.gov/")
    assert_no_label(result)
    none = run("us", 30, {"action.recruitment": True, "purpose.commercial_sex_act": False, "means.threat_of_force": True,
                          **{k: False for k in US_LABOUR_PURPOSES + ["purpose.forced_labour"]}})
    assert not [r for r in none.related if "1591(a)(2)" in r.citation]


def test_us_a_lie_about_the_job_is_fraud():
    """REVIEW 9: "a lie about the job is the commonest fraud in 1591 cases" - 1591(a) "means of
    force, threats of force, fraud, coercion"; answering "deception: yes, fraud: no" meets the US
    means."""
    result = run("us", 22, {"action.recruitment": True, "purpose.commercial_sex_act": True, **NO_MEANS,
                            "means.deception": True})
    assert (result.outcome, result.elements["means"].status) == ("all_elements_met", "met")
    assert "means.deception" in result.elements["means"].satisfied_by


@pytest.mark.parametrize("fw,form", [("palermo", "purpose.criminal_activities"), ("palermo", "purpose.begging"),
                                     ("coe", "purpose.forced_marriage"), ("coe", "purpose.illegal_adoption"),
                                     ("eu", "purpose.debt_bondage")])
def test_an_established_unlisted_form_leaves_the_purpose_open(fw, form):
    """REVIEW 10. Palermo Art. 3(a) and CoE Art. 4(a): "Exploitation shall include, at a minimum,
    ..."; EU Art. 2(3) "as a minimum". A form the list does not name leaves the purpose open,
    with the reason (the list is a minimum), never "not met"."""
    listed = {k: False for k in PALERMO_PURPOSES + ["purpose.begging", "purpose.criminal_activities",
                                                     "purpose.forced_marriage", "purpose.illegal_adoption",
                                                     "purpose.surrogacy_exploitation"] if k != form}
    result = run(fw, 30, {"action.recruitment": True, "means.deception": True, **listed, form: True})
    assert (result.outcome, result.elements["purpose"].status) == ("undetermined", "unknown")
    reasons = " ".join([result.element_step("purpose").text] + result.what_would_change).lower()
    assert "minimum" in reasons, reasons


# ---------------------------------------------------------------- the caveats (REVIEW, Caveats)


def test_age_unknown_only_where_the_age_can_change_an_element():
    """REVIEW: "`age_unknown` appears under Canada, where age changes no element (it only separates
    s.279.01 from s.279.011)". Under Palermo, where a child needs no means (Art. 3(c)), it is
    raised while the age is all that is open."""
    facts = {"action.recruitment": True, "purpose.forced_labour": True, **NO_MEANS}
    palermo = run("palermo", None, facts)
    assert palermo.outcome == "undetermined" and "age_unknown" in caveat_ids(palermo)
    canada = run("ca", None, {"action.recruitment": True, "purpose.forced_labour": True})
    assert canada.outcome == "undetermined" and "age_unknown" not in caveat_ids(canada)
    assert "age_unknown" not in caveat_ids(run("ca", None, {"action.holding": True, "purpose.forced_labour": True,
                                                            "means.causing_fear_for_safety": True}))


def test_sex_work_caveat_says_per_framework_what_is_true():
    """REVIEW: the sex-work distinction "is wrong for the UK (controlling prostitution for gain is
    exploitation without any means) and only partly right for the US (7102(12) "sex trafficking"
    names no means; "severe forms" and 1591 need force, fraud or coercion for an adult). Say, per
    framework, what is true." It is raised on the contract's condition (an adult, a sexual
    purpose, no means) under every framework."""
    facts = {"action.recruitment": True, "movement.travel": True, "purpose.commercial_sex_act": True, **NO_MEANS}
    texts = {}
    for fw in ("palermo", "coe", "eu", "us", "uk", "ca"):
        result = run(fw, 28, facts)
        texts[fw] = next(c.text for c in result.caveats if c.id == "sex_work_distinction")
    assert "7102(12)" in texts["us"] and "7102(11)(A)" in texts["us"] and "1591" in texts["us"]
    assert "s.3(3)" in texts["uk"] and texts["uk"] != texts["palermo"]


def test_smuggling_caveat_describes_without_labelling():
    """Smuggling Protocol Art. 3(a): "the procurement, in order to obtain, directly or indirectly, a
    financial or other material benefit, of the illegal entry of a person into a State Party of
    which the person is not a national or a permanent resident". REVIEW: lawful assisted
    migration is not smuggling; "describe the difference; don't label the scenario"."""
    facts = {"action.transportation": True, "consent.given": True, "movement.crossed_border": True,
             "movement.travel": True, **NO_MEANS, **NO_PURPOSE}
    for fw in ("palermo", "coe", "eu", "us", "uk", "ca"):
        result = run(fw, 30, facts)
        caveat = next(c for c in result.caveats if c.id == "smuggling_distinction")
        assert "illegal entry" in caveat.text, fw
        assert not re.search(r"looks like (migrant )?smuggling|this (is|was) (migrant )?smuggling|was smuggled", caveat.text, re.I), fw


def test_consent_caveat_never_speaks_of_the_finding():
    """REVIEW: consent texts said consent "does not change the finding", while the outcome text says
    "not a finding about anyone": "use words like 'does not change whether the elements are
    met'". And per framework: UK s.2(2) (consent to the travel, adult or child), Canada
    s.279.01(2) (no consent to the activity is valid)."""
    facts = {"action.holding": True, "action.recruitment": True, "movement.travel": True, "means.deception": True,
             "means.threat_of_force": True, "means.causing_fear_for_safety": True, "purpose.forced_labour": True,
             "purpose.involuntary_servitude": True, "consent.given": True}
    seen = {}
    for fw in ("palermo", "coe", "eu", "us", "uk", "ca"):
        for caveat in run(fw, 30, facts).caveats:
            assert "the finding" not in caveat.text.lower(), (fw, caveat.id)
            if caveat.id == "consent_irrelevant":
                seen[fw] = caveat.text
                assert "whether the elements" in caveat.text, fw
    assert {"palermo", "coe", "eu", "uk", "ca"} <= set(seen)
    assert "s.2(2)" in seen["uk"] and "travel" in seen["uk"]
    assert "s.279.01(2)" in seen["ca"] and "valid" in seen["ca"]
