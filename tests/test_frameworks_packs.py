"""The six framework packs as documents: their texts against the sources, their confidence marks,
their dates, their links, and their shape.

The passages below were copied from the statute texts the packs were written from
(/work/shared/legal/texts/, each file with the place it was read and its mark), and, for the few
provisions those files do not hold, from the reference notes beside them (FRAMEWORKS.md, the
December 2026 review), which say where each was read. Nothing here reads those files at run
time: a pack whose wording drifts from its source fails here. Whitespace, typographic quotes,
the lead-in dashes the copies dropped ("knowingly—", "behaviour—") and the form of a paragraph
label ("a)" / "(a)") are not differences.
"""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

import pytest

from elements.expressions import Always, leaves as iter_leaves
from elements.packs import framework_ids, frameworks_reading, get_pack
from elements.vocabulary import vocabulary

SIX = ["palermo", "coe", "eu", "us", "uk", "ca"]
RANK = {"unconfirmed": 0, "secondary": 1, "verified": 2}

# ---------------------------------------------------------------- the sources' words

# texts/palermo_art3_en.md [V] (English authentic text, Netherlands treaty database BWBV0001749)
PALERMO_3A = ("``Trafficking in persons\" shall mean the recruitment, transportation, transfer, harbouring or receipt "
              "of persons, by means of the threat or use of force or other forms of coercion, of abduction, of fraud, "
              "of deception, of the abuse of power or of a position of vulnerability or of the giving or receiving of "
              "payments or benefits to achieve the consent of a person having control over another person, for the "
              "purpose of exploitation. Exploitation shall include, at a minimum, the exploitation of the prostitution "
              "of others or other forms of sexual exploitation, forced labour or services, slavery or practices similar "
              "to slavery, servitude or the removal of organs;")
PALERMO_3B = ("The consent of a victim of trafficking in persons to the intended exploitation set forth in subparagraph "
              "a) of this article shall be irrelevant where any of the means set forth in subparagraph a) have been used;")
PALERMO_3C = ("The recruitment, transportation, transfer, harbouring or receipt of a child for the purpose of "
              "exploitation shall be considered ``trafficking in persons\" even if this does not involve any of the "
              "means set forth in subparagraph a) of this article;")
PALERMO_3D = "``Child\" shall mean any person under eighteen years of age."

# texts/coe_art4_en.md [V] (English authentic text, Netherlands treaty database BWBV0004138)
COE_4A = ("“Trafficking in human beings” shall mean the recruitment, transportation, transfer, harbouring or receipt "
          "of persons, by means of the threat or use of force or other forms of coercion, of abduction, of fraud, of "
          "deception, of the abuse of power or of a position of vulnerability or of the giving or receiving of "
          "payments or benefits to achieve the consent of a person having control over another person, for the "
          "purpose of exploitation. Exploitation shall include, at a minimum, the exploitation of the prostitution of "
          "others or other forms of sexual exploitation, forced labour or services, slavery or practices similar to "
          "slavery, servitude or the removal of organs;")
COE_4B = ("The consent of a victim of “trafficking in human beings” to the intended exploitation set forth in "
          "subparagraph a of this article shall be irrelevant where any of the means set forth in subparagraph a have "
          "been used;")
COE_4C = ("The recruitment, transportation, transfer, harbouring or receipt of a child for the purpose of exploitation "
          "shall be considered “trafficking in human beings” even if this does not involve any of the means set forth "
          "in subparagraph a of this article;")
COE_4D = "“Child” shall mean any person under eighteen years of age;"
COE_4E = "“Victim” shall mean any natural person who is subject to trafficking in human beings as defined in this article."

# texts/eu_directive_2011_36_art2.md [S] (EMN glossary; child-identity.org for the 2024 list)
EU_2_1 = ("The recruitment, transportation, transfer, harbouring or reception of persons, including the exchange or "
          "transfer of control over those persons, by means of the threat or use of force or other forms of coercion, "
          "of abduction, of fraud, of deception, of the abuse of power or of a position of vulnerability or of the "
          "giving or receiving of payments or benefits to achieve the consent of a person having control over another "
          "person, for the purpose of exploitation.")
EU_2_2 = ("A position of vulnerability means a situation in which the person concerned has no real or acceptable "
          "alternative but to submit to the abuse involved.")
EU_2_3_2024 = ("the exploitation of the prostitution of others or other forms of sexual exploitation, forced labour or "
               "services, including begging, slavery or practices similar to slavery, servitude, or the exploitation of "
               "criminal activities, or the removal of organs, or the exploitation of surrogacy, of forced marriage, or "
               "of illegal adoption")

# texts/us_18usc_1589_1590_1591.md [S] (unofficial markdown copy of the Code)
US_1589_A = ("Whoever knowingly provides or obtains the labor or services of a person by any one of, or by any "
             "combination of, the following means (1) by means of force, threats of force, physical restraint, or "
             "threats of physical restraint to that person or another person; (2) by means of serious harm or threats "
             "of serious harm to that person or another person; (3) by means of the abuse or threatened abuse of law or "
             "legal process; or (4) by means of any scheme, plan, or pattern intended to cause the person to believe "
             "that, if that person did not perform such labor or services, that person or another person would suffer "
             "serious harm or physical restraint, shall be punished as provided under subsection (d).")
US_1589_B = ("Whoever knowingly benefits, financially or by receiving anything of value, from participation in a venture "
             "which has engaged in the providing or obtaining of labor or services by any of the means described in "
             "subsection (a), knowing or in reckless disregard of the fact that the venture has engaged in the "
             "providing or obtaining of labor or services by any of such means, shall be punished as provided in "
             "subsection (d).")
US_1590_A = ("Whoever knowingly recruits, harbors, transports, provides, or obtains by any means, any person for labor or "
             "services in violation of this chapter shall be fined under this title or imprisoned not more than 20 "
             "years, or both.")
US_1591_A = ("Whoever knowingly (1) in or affecting interstate or foreign commerce, or within the special maritime and "
             "territorial jurisdiction of the United States, recruits, entices, harbors, transports, provides, obtains, "
             "advertises, maintains, patronizes, or solicits by any means a person; or (2) benefits, financially or by "
             "receiving anything of value, from participation in a venture which has engaged in an act described in "
             "violation of paragraph (1), knowing, or, except where the act constituting the violation of paragraph (1) "
             "is advertising, in reckless disregard of the fact, that means of force, threats of force, fraud, coercion "
             "described in subsection (e)(2), or any combination of such means will be used to cause the person to "
             "engage in a commercial sex act, or that the person has not attained the age of 18 years and will be "
             "caused to engage in a commercial sex act, shall be punished as provided in subsection (b).")
US_1591_C = ("In a prosecution under subsection (a)(1) in which the defendant had a reasonable opportunity to observe the "
             "person so recruited, enticed, harbored, transported, provided, obtained, maintained, patronized, or "
             "solicited, the Government need not prove that the defendant knew, or recklessly disregarded the fact, "
             "that the person had not attained the age of 18 years.")
# 22 U.S.C. 7102 is not among texts/; FRAMEWORKS.md gives these [V] (source not named there).
US_7102_3 = ("(A) threats of serious harm to or physical restraint against any person; (B) any scheme, plan, or pattern "
             "intended to cause a person to believe that failure to perform an act would result in serious harm to or "
             "physical restraint against any person; or (C) the abuse or threatened abuse of the legal process.")
US_7102_4 = "any sex act on account of which anything of value is given to or received by any person."
US_7102_11 = ("(A) sex trafficking in which a commercial sex act is induced by force, fraud, or coercion, or in which the "
              "person induced to perform such act has not attained 18 years of age; or (B) the recruitment, harboring, "
              "transportation, provision, or obtaining of a person for labor or services, through the use of force, "
              "fraud, or coercion for the purpose of subjection to involuntary servitude, peonage, debt bondage, or "
              "slavery.")
US_7102_12 = ("the recruitment, harboring, transportation, provision, obtaining, patronizing, or soliciting of a person "
              "for the purpose of a commercial sex act.")

# texts/uk_msa2015_s3.md [V] (legislation.gov.uk, revised text; read up to "or has" in s.3(6)(a))
UK_3_1 = ("For the purposes of section 2 a person is exploited only if one or more of the following subsections apply in "
          "relation to the person.")
UK_3_2 = ("The person is the victim of behaviour— (a) which involves the commission of an offence under section 1, or "
          "(b) which would involve the commission of an offence under that section if it took place in England and Wales.")
UK_3_3 = ("Something is done to or in respect of the person— (a) which involves the commission of an offence under— (i) "
          "section 1(1)(a) of the Protection of Children Act 1978 (indecent photographs of children), or (ii) Part 1 of "
          "the Sexual Offences Act 2003 (sexual offences), as it has effect in England and Wales, or (b) which would "
          "involve the commission of such an offence if it were done in England and Wales.")
UK_3_4 = ("The person is encouraged, required or expected to do anything— (a) which involves the commission, by him or "
          "her or another person, of an offence under section 32 or 33 of the Human Tissue Act 2004 (prohibition of "
          "commercial dealings in organs and restrictions on use of live donors) as it has effect in England and Wales, "
          "or (b) which would involve the commission of such an offence, by him or her or another person, if it were "
          "done in England and Wales.")
UK_3_5 = ("The person is subjected to force, threats or deception designed to induce him or her— (a) to provide services "
          "of any kind, (b) to provide another person with benefits of any kind, or (c) to enable another person to "
          "acquire benefits of any kind.")
UK_3_6_READ = ("Another person uses or attempts to use the person for a purpose within paragraph (a), (b) or (c) of "
               "subsection (5), having chosen him or her for that purpose on the grounds that— (a) he or she is a child, "
               "is mentally or physically ill or disabled, or has")
# the same file, [V] (enacted version, s.1(4)(b))
UK_1_4_B = "including work or services provided in circumstances which constitute exploitation within section 3(3) to (6)."
# s.2 is not among texts/; FRAMEWORKS.md gives it [V: legislation.gov.uk], and the review quotes s.2(4) [V] whole.
UK_2_1 = "arranges or facilitates the travel of another person ('V') with a view to V being exploited."
UK_2_2 = "It is irrelevant whether V consents to the travel (whether V is an adult or a child)."
UK_2_3 = "recruiting V, transporting or transferring V, harbouring or receiving V, or transferring or exchanging control over V."
UK_2_4 = ("with a view to V being exploited only if (a) the person intends to exploit V (in any part of the world) during or after the travel, or (b) the "
          "person knows or ought to know that another person is likely to exploit V (in any part of the world) during "
          "or after the travel.")
UK_2_5 = "(a) arriving in, or entering, any country, (b) departing from any country, (c) travelling within any country."

# texts/canada_cc_279_en.md [V] (Justice Canada's official consolidated XML)
CA_279_01_1 = ("Every person who recruits, transports, transfers, receives, holds, conceals or harbours a person, or "
               "exercises control, direction or influence over the movements of a person, for the purpose of exploiting "
               "them or facilitating their exploitation is guilty of an indictable offence and liable")
CA_279_01_2 = "No consent to the activity that forms the subject-matter of a charge under subsection (1) is valid."
CA_279_01_3 = ("For the purposes of subsections (1) and 279.011(1), evidence that a person who is not exploited lives with "
               "or is habitually in the company of a person who is exploited is, in the absence of evidence to the "
               "contrary, proof that the person exercises control, direction or influence over the movements of that "
               "person for the purpose of exploiting them or facilitating their exploitation.")
CA_279_011_1 = ("Every person who recruits, transports, transfers, receives, holds, conceals or harbours a person under the "
                "age of eighteen years, or exercises control, direction or influence over the movements of a person "
                "under the age of eighteen years, for the purpose of exploiting them or facilitating their exploitation "
                "is guilty of an indictable offence and liable")
CA_279_04_1 = ("For the purposes of sections 279.01 to 279.03, a person exploits another person if they cause them to "
               "provide, or offer to provide, labour or a service by engaging in conduct that, in all the circumstances, "
               "could reasonably be expected to cause the other person to believe that their safety or the safety of a "
               "person known to them would be threatened if they failed to provide, or offer to provide, the labour or "
               "service.")
CA_279_04_2 = ("In determining whether an accused exploits another person under subsection (1), the Court may consider, "
               "among other factors, whether the accused (a) used or threatened to use force or another form of "
               "coercion; (b) used deception; or (c) abused a position of trust, power or authority.")
CA_279_04_3 = ("For the purposes of sections 279.01 to 279.03, a person exploits another person if they cause them, by "
               "means of deception or the use or threat of force or of any other form of coercion, to have an organ or "
               "tissue removed.")

# Per provision: the mark its source gives it, and the passages its text must contain. "Described"
# provisions (wording not read in any source) are marked unconfirmed and may quote only what was
# read (s.1 quotes s.1(4)(b)).
SOURCES: dict[tuple[str, str], tuple[str, list[str]]] = {
    ("palermo", "art3a"): ("verified", [PALERMO_3A]),
    ("palermo", "art3b"): ("verified", [PALERMO_3B]),
    ("palermo", "art3c"): ("verified", [PALERMO_3C]),
    ("palermo", "art3d"): ("verified", [PALERMO_3D]),
    ("coe", "art4a"): ("verified", [COE_4A]),
    ("coe", "art4b"): ("verified", [COE_4B]),
    ("coe", "art4c"): ("verified", [COE_4C]),
    ("coe", "art4d"): ("verified", [COE_4D.rstrip(";")]),  # the Dutch copy ends (d) with ";", the list's separator
    ("coe", "art4e"): ("verified", [COE_4E]),
    ("eu", "art2_1"): ("secondary", [EU_2_1]),
    ("eu", "art2_2"): ("secondary", [EU_2_2]),
    ("eu", "art2_3"): ("secondary", [EU_2_3_2024]),
    ("eu", "art2_4"): ("unconfirmed", []),
    ("eu", "art2_5"): ("unconfirmed", []),
    ("eu", "art2_6"): ("unconfirmed", []),
    ("us", "usc22_7102_3"): ("verified", [US_7102_3]),
    ("us", "usc22_7102_4"): ("verified", [US_7102_4]),
    ("us", "usc22_7102_11"): ("verified", [US_7102_11]),
    ("us", "usc22_7102_12"): ("verified", [US_7102_12]),
    ("us", "usc18_1589_a"): ("secondary", [US_1589_A]),
    ("us", "usc18_1589_b"): ("secondary", [US_1589_B]),
    ("us", "usc18_1590_a"): ("secondary", [US_1590_A]),
    ("us", "usc18_1591_a"): ("secondary", [US_1591_A]),
    ("us", "usc18_1591_c"): ("secondary", [US_1591_C]),
    ("uk", "s1"): ("unconfirmed", [UK_1_4_B]),
    ("uk", "s2_1"): ("verified", [UK_2_1]),
    ("uk", "s2_2"): ("verified", [UK_2_2]),
    ("uk", "s2_3"): ("verified", [UK_2_3]),
    ("uk", "s2_4"): ("verified", [UK_2_4]),
    ("uk", "s2_5"): ("verified", [UK_2_5]),
    ("uk", "s3_1"): ("verified", [UK_3_1]),
    ("uk", "s3_2"): ("verified", [UK_3_2]),
    ("uk", "s3_3"): ("verified", [UK_3_3]),
    ("uk", "s3_4"): ("verified", [UK_3_4]),
    ("uk", "s3_5"): ("verified", [UK_3_5]),
    ("uk", "s3_6"): ("unconfirmed", [UK_3_6_READ]),  # read only up to "or has"
    ("ca", "s279_01_1"): ("verified", [CA_279_01_1]),
    ("ca", "s279_01_2"): ("verified", [CA_279_01_2]),
    ("ca", "s279_01_3"): ("verified", [CA_279_01_3]),
    ("ca", "s279_011"): ("verified", [CA_279_011_1]),
    ("ca", "s279_02"): ("unconfirmed", []),  # named in the review, not read
    ("ca", "s279_03"): ("unconfirmed", []),
    ("ca", "s279_04_1"): ("verified", [CA_279_04_1]),
    ("ca", "s279_04_2"): ("verified", [CA_279_04_2]),
    ("ca", "s279_04_3"): ("verified", [CA_279_04_3]),
}
# Provisions whose text is the source's passage and nothing more (besides quotation marks and a
# closing ";" or ".").
WHOLE = {("palermo", "art3a"), ("palermo", "art3b"), ("palermo", "art3c"), ("palermo", "art3d"), ("coe", "art4a"),
         ("coe", "art4b"), ("coe", "art4c"), ("coe", "art4d"), ("coe", "art4e"), ("eu", "art2_1"), ("eu", "art2_2"),
         ("us", "usc18_1589_a"), ("us", "usc18_1589_b"), ("us", "usc18_1591_a"), ("us", "usc18_1591_c"),
         ("uk", "s2_2"), ("uk", "s3_1"), ("ca", "s279_01_2"), ("ca", "s279_01_3"), ("ca", "s279_04_1"),
         ("ca", "s279_04_2"), ("ca", "s279_04_3")}

IN_FORCE = {"us": date(2000, 10, 28), "ca": date(2005, 11, 25), "uk": date(2015, 7, 31)}
OFFICIAL_HOST = {"palermo": "treaties.un.org", "coe": "coe.int", "eu": "eur-lex.europa.eu", "us": "uscode.house.gov",
                 "uk": "legislation.gov.uk", "ca": "laws-lois.justice.gc.ca"}


def norm(text: str) -> str:
    """Whitespace, double quotation marks (straight, typographic, doubled backticks), the dropped
    lead-in dashes and paragraph labels ("a)" / "(a)") are not differences."""
    text = re.sub(r"``|''|[\"\u201c\u201d\u201e\u00ab\u00bb]", "", text)  # a partial quote may open anywhere
    text = re.sub(r"[\u2018\u2019]", "'", text)
    text = re.sub(r"[\u2014\u2015]", " ", text)
    text = re.sub(r"(?<![\w(])\(([a-z]|[ivx]+|\d+)\)", r"\1)", text)
    return re.sub(r"\s+", " ", text).strip()


def test_the_six_frameworks_in_the_contract_order():
    assert framework_ids()[:6] == SIX


def test_every_provision_has_its_source_mark():
    """Every provision of the six packs is accounted for here, no more and no fewer."""
    assert {(fw, p.id) for fw in SIX for p in get_pack(fw).provisions} == set(SOURCES)


@pytest.mark.parametrize("fw,provision", sorted(SOURCES))
def test_confidence_as_the_source_marks_it(fw, provision):
    assert get_pack(fw).provision(provision).confidence == SOURCES[(fw, provision)][0]


@pytest.mark.parametrize("fw", SIX)
def test_a_pack_is_as_sure_as_its_least_sure_rule(fw):
    """The pack's mark is that of the least sure provision a rule rests on (a provision shown for
    reference only, such as Canada's s.279.02, carries its own mark)."""
    pack = get_pack(fw)
    assert pack.confidence == min((p.confidence for p in pack.provisions if p.rules), key=RANK.get)


@pytest.mark.parametrize("fw,provision", sorted(k for k, (_, passages) in SOURCES.items() if passages))
def test_quoted_words_are_the_sources_words(fw, provision):
    text = norm(get_pack(fw).provision(provision).text)
    for passage in SOURCES[(fw, provision)][1]:
        assert norm(passage) in text, passage[:70]
    if (fw, provision) in WHOLE:
        assert text.rstrip(";.") == norm(SOURCES[(fw, provision)][1][0]).rstrip(";.")


@pytest.mark.parametrize("fw,provision", sorted(SOURCES))
def test_unread_wording_says_described_and_read_wording_does_not(fw, provision):
    """A provision whose wording no source gave is described, says so, and is unconfirmed; a
    quoted one is never presented as a description."""
    p = get_pack(fw).provision(provision)
    mark, passages = SOURCES[(fw, provision)]
    if not passages or (fw, provision) == ("uk", "s1"):
        assert p.text.startswith("Described"), p.text[:60]
        assert p.confidence == "unconfirmed"
    else:
        assert not p.text.startswith("Described"), p.text[:60]


@pytest.mark.parametrize("fw", SIX)
def test_every_provision_links_to_the_official_text(fw):
    for p in get_pack(fw).provisions:
        host = urlparse(p.url).hostname or ""
        assert p.url.startswith("https://") and (host == OFFICIAL_HOST[fw] or host.endswith("." + OFFICIAL_HOST[fw])), \
            (p.id, p.url)


@pytest.mark.parametrize("fw", ["us", "ca", "uk"])
def test_in_force_dates_as_the_review_confirms_them(fw):
    """REVIEW: "US Pub. L. 106-386, 28 October 2000; Canada 25 November 2005 (R v T.J.F., 2024 SCC 38,
    para 53); UK MSA ss.1-3 in force 31 July 2015. They need not say 'recalled'."""
    pack = get_pack(fw)
    assert pack.in_force == IN_FORCE[fw]
    for words in [pack.version, pack.source, pack.summary] + [p.source for p in pack.provisions]:
        assert "recalled" not in words.lower()


@pytest.mark.parametrize("fw", SIX)
def test_dates_and_sources(fw):
    pack = get_pack(fw)
    assert pack.in_force <= date.today() and pack.source and pack.instrument


def test_eu_says_what_2024_1712_added_and_that_its_deadline_has_passed():
    """REVIEW: "begging and the exploitation of criminal activities were in the 2011 text; Directive
    (EU) 2024/1712 added the exploitation of surrogacy, of forced marriage and of illegal adoption.
    The transposition deadline (15 July 2026) has passed: say so in the present tense.\""""
    pack = get_pack("eu")
    words = " ".join([pack.version, pack.summary, pack.source])
    assert "2024/1712" in words and "15 July 2026" in words
    assert not re.search(r"(must|are to|will) (be )?transpos", words)
    assert re.search(r"begging and (the exploitation of )?criminal activities \(since 2011\)", pack.summary)
    assert all(term in pack.summary for term in ("surrogacy", "forced marriage", "illegal adoption"))


@pytest.mark.parametrize("fw", SIX)
def test_every_rule_sits_under_its_provision_or_in_combined(fw):
    """Read top to bottom, a pack is its instrument: each rule under the provision it encodes,
    and the outcome, which joins them, in `combined` after all of them, naming what it joins."""
    pack = get_pack(fw)
    under = [rule for p in pack.provisions for rule in p.rules]
    assert pack.rules == under + list(pack.combined)
    assert pack.role_rule("outcome") in pack.combined
    assert all(rule.role != "outcome" for rule in under)
    provision_ids = {p.id for p in pack.provisions}
    for rule in pack.combined:
        assert rule.joins and set(rule.joins) <= provision_ids
    for rule in pack.rules:
        assert pack.citation(rule)


FORBIDDEN = re.compile(r"\b(is|was|are|were|be) (not )?(a |the )?(trafficking )?victims?\b|\b(was|is|were|been) trafficked\b", re.I)


@pytest.mark.parametrize("fw", framework_ids())
def test_says_never_labels_a_person(fw):
    pack = get_pack(fw)
    for rule in pack.rules:
        for text in (rule.says.true, rule.says.false, rule.says.unknown, rule.if_unknown or ""):
            assert not FORBIDDEN.search(text), f"{fw}.{rule.id}: {text}"
    outcome = pack.role_rule("outcome")
    assert "not a finding about anyone" in outcome.says.true
    assert "not a finding that nothing wrong happened" in outcome.says.false


def test_which_framework_reads_a_fact_is_derived_from_the_packs():
    """The walkthrough asks a framework's own terms first: derived from what its rules test,
    never kept by hand beside the vocabulary (where it had drifted)."""
    assert frameworks_reading("action.recruitment") == framework_ids()
    assert frameworks_reading("means.causing_fear_for_safety") == ["uk", "ca"]  # UK: it may be a threat (s.3(5))
    assert frameworks_reading("movement.travel") == ["uk"]
    assert frameworks_reading("purpose.another_likely_to_exploit") == ["uk"]
    assert frameworks_reading("movement.crossed_border") == []  # only a caveat reads it
    assert "frameworks" not in vocabulary().facts[0].model_dump()


def test_no_separate_means_element_in_uk_and_canada():
    for fw in ("uk", "ca"):
        waiver = get_pack(fw).waiver_of("means")
        assert waiver is not None and isinstance(waiver.test, Always)


def test_us_means_waived_only_for_a_child_and_a_commercial_sex_act():
    """7102(11)(A) "or in which the person induced to perform such act has not attained 18 years of
    age"; there is no child exception for labour (7102(11)(B), 1589, 1590)."""
    pack = get_pack("us")
    waiver = pack.waiver_of("means")
    assert set(iter_leaves(waiver.test)) == {"child", "commercial_sex_act"}
    assert "purpose.commercial_sex_act" in pack.facts_read(vocabulary(), "commercial_sex_act")
