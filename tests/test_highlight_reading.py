"""How the highlighter reads: threats (conditional, reported, quoted), negation and hedges,
and whose agreement counts as consent."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from elements.highlight import highlight
from elements.vocabulary import vocabulary

THREATS = {"means.threat_of_force", "means.threat_of_serious_harm", "means.causing_fear_for_safety"}


def facts_in(text: str) -> set[str]:
    return {s.fact for s in highlight(text)}


def set_aside(text: str) -> dict[str, str]:
    """fact -> cue, for the phrases seen but not proposed."""
    return {s.fact: s.cue for s in highlight(text, include_negated=True) if s.negated}


# ---------------------------------------------------------------- threats


@pytest.mark.parametrize(
    "text,facts",
    [
        ("If you leave, I will kill you.", THREATS),
        ("If you leave I'll kill you.", THREATS),
        ("If she complained, the police would deport her.", {"means.abuse_of_legal_process", "means.threat_of_serious_harm"}),
        ("Unless you pay, we will hurt your family.", THREATS),
        ("You will work tonight, or else I will beat you.", THREATS),
        ("He said that if she told anyone he would hurt her family.", THREATS),
        ("They would hurt her family if she left.", THREATS),
        ("The boss warned them that anyone who stopped work would be sent back home.", {"means.threat_of_serious_harm"}),
        ('"You will be deported tomorrow," the manager said.', {"means.abuse_of_legal_process", "means.threat_of_serious_harm"}),
        ("He told her that if she stopped, he would post the videos online.", {"means.threat_of_serious_harm", "means.other_coercion"}),
        # Said to "you", with no word of speech and no quotation marks: still someone's words.
        ("Leave and I will kill you.", THREATS),
        ("Should you try to run, we will find you.", THREATS),
        ("If he told his social worker, he would end up on the street.", {"means.threat_of_serious_harm"}),
        ("The boss said anyone who tried to escape would be sold to another compound.", {"means.threat_of_serious_harm"}),
    ],
)
def test_a_conditional_or_reported_threat_is_proposed_as_a_threat(text, facts):
    found = facts_in(text)
    assert facts <= found, (text, sorted(facts - found))


def test_harm_promised_is_not_harm_done():
    found = facts_in("If she tried to leave, he would beat her.")
    assert "means.threat_of_force" in found
    assert "means.use_of_force" not in found, "a beating threatened has not happened"
    assert "purpose.other_sexual_exploitation" not in facts_in("He said he would send intimate videos of her to her parents.")


def test_harm_done_after_a_condition_is_stated():
    assert "means.use_of_force" in facts_in("If she brought back less money, the man hit her.")


def test_harm_told_to_no_one_and_without_a_condition_is_no_threat():
    found = facts_in("He would beat her every night, and they would find her crying.")
    promised = {"means.threat_of_force", "means.threat_of_serious_harm"}  # (a beating done makes one fear: proposed)
    assert not promised & found, "told of, not promised: no 'you', no condition, no word of speech"


def test_a_threat_of_something_other_than_harm_is_no_threat_of_force():
    found = facts_in("Her manager once threatened to give her a bad review.")
    assert "means.threat_of_force" not in found and "means.threat_of_serious_harm" not in found
    assert "means.threat_of_force" not in facts_in("He told him that if he ran away, his family would have to pay what he owed.")


def test_harm_told_without_a_condition_or_words_is_no_threat():
    found = facts_in("He would beat her every night.")
    assert "means.use_of_force" in found
    assert "means.threat_of_force" not in found


def test_a_person_believed_is_no_harm_feared():
    text = "He told her no one would believe her if she spoke up and that he would send her back to her village."
    assert "means.threat_of_serious_harm" in facts_in(text)
    assert "means.threat_of_serious_harm" not in facts_in("She believed they would send her back to her village.")


def test_what_would_have_happened_is_no_threat():
    assert not THREATS & facts_in("If she had been threatened, she would have gone to the police.")
    assert "means.abuse_of_legal_process" in facts_in("He said that if she tried to leave he would have her deported.")


def test_a_sentence_opening_had_or_were_is_a_condition():
    assert "means.threat_of_force" not in facts_in("Had anyone threatened her, she says she would have left.")
    assert "means.threat_of_force" in facts_in("Were she to leave, they would hurt her family.")


def test_a_condition_hedges_only_itself():
    assert "means.other_coercion" not in facts_in("If anyone took her passport, she was to tell the agency.")
    assert "means.other_coercion" in facts_in("If she complained, the employer took her passport.")


def test_harm_feared_is_not_a_threat():
    text = "She was afraid that they would deport her."
    found = facts_in(text)
    assert "means.abuse_of_legal_process" not in found and "means.threat_of_serious_harm" not in found
    assert set_aside(text).get("means.abuse_of_legal_process") == "afraid", "seen, and set aside as a fear"
    assert "means.causing_fear_for_safety" in found, "the fear itself is a fact to propose"


# ---------------------------------------------------------------- negation still works


@pytest.mark.parametrize(
    "text,fact",
    [
        ("He never threatened her.", "means.threat_of_force"),
        ("He did not take her passport.", "means.other_coercion"),
        ("He never said he would hurt her.", "means.threat_of_force"),
        ("Nobody threatened to kill him if he left.", "means.threat_of_force"),
        ("Threats were never made.", "means.threat_of_force"),
        ("It is not known whether anyone hit her.", "means.use_of_force"),
        ("She worries that he might take her passport.", "means.other_coercion"),
    ],
)
def test_negated_and_hedged_phrases_are_not_proposed(text, fact):
    assert fact not in facts_in(text)
    assert fact in set_aside(text), "seen, and set aside with its cue"


@pytest.mark.parametrize(
    "text,fact",
    [
        ("He did not pay her and kept her passport.", "means.other_coercion"),
        ("She was never paid and was locked in at night.", "action.holding"),
        ("She did not speak the language and the boss took her passport.", "means.other_coercion"),
    ],
)
def test_a_negation_does_not_reach_the_next_verb_after_and(text, fact):
    assert fact in facts_in(text)


def test_a_negative_subject_reaches_all_its_verbs_and_a_condition_all_of_itself():
    assert "means.threat_of_force" not in facts_in("Nobody took her passport and threatened her.")
    assert "means.use_of_force" not in facts_in("If she complained and was beaten, she would leave.")


def test_a_negation_reaches_no_further_than_its_words():
    found = facts_in("She worked without pay and was beaten.")
    assert {"means.use_of_force", "purpose.forced_labour"} <= found
    assert "action.holding" in facts_in('They kept her passport "so it would not get lost" and never let her leave.')


# ---------------------------------------------------------------- consent is the person's own


@pytest.mark.parametrize(
    "text",
    [
        "Her mother agreed.",
        "His parents consented.",
        "The family accepted the money.",
        "Her uncle agreed to the arrangement and signed for her.",
        "The employer agreed to let her stay.",
        "Her cousin agreed to pay a smuggler for her.",
        "Her father agreed because the family promised to send her to school.",
    ],
)
def test_someone_elses_agreement_is_not_the_persons_consent(text):
    assert "consent.given" not in facts_in(text)


def test_a_family_taking_money_suggests_a_payment_to_a_controller():
    assert "means.payments_to_controller" in facts_in("The family accepted the money.")
    assert "means.payments_to_controller" in facts_in("Her father accepted an advance of 200 dollars.")


@pytest.mark.parametrize(
    "text",
    ["She agreed to go.", "He accepted the job offer.", "Her mother agreed, and then she agreed too.", "She chose this work herself."],
)
def test_the_persons_own_agreement_is_proposed(text):
    assert "consent.given" in facts_in(text)


@pytest.mark.parametrize(
    "text,fact",
    [
        ("She sold crack from a flat belonging to a woman she barely knew.", "purpose.slavery"),
        ("She rents her apartment herself.", "action.harbouring"),
        ("He made his own way to Athens and applied for asylum.", "means.abuse_of_vulnerability"),
        ("She applied to the college herself.", "action.recruitment"),
    ],
)
def test_the_persons_own_doings_are_not_someone_elses(text, fact):
    assert fact not in facts_in(text)


@pytest.mark.parametrize(
    "text,fact",
    [
        ("Client (17) says an older man gave her lifts.", None),
        ("The girl was handed by her grandmother to a woman in the city.", "action.receipt"),
        ("The men were brought here in a van.", "action.transportation"),
        ("He said he would divorce her and keep their son if she disobeyed.", "means.threat_of_serious_harm"),
        ("The men on the boat were never allowed ashore.", "action.holding"),
        ("He was sent by train to another city and kept in a flat to sell heroin.", "action.holding"),
        ("A man enlisted him for a building job.", "action.recruitment"),
        ("She was moved to a farm in the north.", "action.transportation"),
        ("The workers were sheltered in a barn.", "action.harbouring"),
        ("She was only allowed out with him.", "action.controlling_movements"),
        ("He was promised a job in a hotel, but ended up on a farm.", "means.deception"),
        ("He kept her working in the bar for two years.", "action.maintaining"),
    ],
)
def test_other_voices_are_read(text, fact):
    if fact is None:
        from elements.highlight import propose_age

        assert propose_age(text) == 17, "an age in brackets, as case notes give it"
    else:
        assert fact in facts_in(text)


@pytest.mark.parametrize(
    "text,fact,proposed",
    [
        ("He signed a contract, was paid every week and kept his passport.", "means.other_coercion", False),
        ("She sees clients at home and kept all her earnings.", "purpose.prostitution_of_others", False),
        ("The owner kept her passport.", "means.other_coercion", True),
        ("The boss paid him every week and kept his passport.", "means.other_coercion", True),
        ("He worked for the farmer, who kept his passport.", "means.other_coercion", True),
        ("He kept his workers' passports.", "means.other_coercion", True),
        ("He kept all of her earnings.", "purpose.prostitution_of_others", True),
    ],
)
def test_what_the_subject_keeps_of_its_own_is_not_taken(text, fact, proposed):
    assert (fact in facts_in(text)) is proposed, text


def test_running_away_from_them_is_no_vulnerability_abused():
    assert "means.abuse_of_vulnerability" not in facts_in("He beat her when she tried to run away.")


def test_wanting_to_stop_is_not_consent():
    assert "consent.given" not in facts_in("When she said she wanted to go home, he pushed her.")


@pytest.mark.parametrize(
    "text,fact,proposed",
    [
        # A loan repaid, a lawful deduction, a lift, long hours, a nanny's work: plain phrases alone.
        ("She borrowed from her cousin and agreed to repay 100 pounds a month from her salary.",
         "purpose.debt_bondage", False),
        ("The employer deducted the airfare from his wages over ten weeks.", "means.fraud", False),
        ("Border Force picked them up in the Channel.", "action.receipt", False),
        ("He works twelve hours a day, seven days a week on the rig.", "purpose.forced_labour", False),
        ("She looks after their two children and does light housework.", "purpose.servitude", False),
        ("He was not paid for the kidney he gave his sister.", "purpose.forced_labour", False),
        # ... and the same phrases beside a sign of exploitation or control.
        ("She had to repay the cost of the trip, and he beat her when she refused.", "purpose.debt_bondage", True),
        ("He took their passports and deducted rent from their wages.", "means.fraud", True),
        ("The men were locked in at night and worked twelve hours a day.", "purpose.forced_labour", True),
        ("She cooked and cleaned for the family, who locked her in the house.", "purpose.servitude", True),
        # A debt for the journey is the recruiter's hold, a sign in itself.
        ("He said she owed a debt for the journey.", "purpose.debt_bondage", True),
    ],
)
def test_plain_phrases_are_proposed_only_beside_a_sign_of_exploitation(text, fact, proposed):
    assert (fact in facts_in(text)) is proposed, text


def test_a_plain_phrase_must_be_one_of_its_facts_patterns(tmp_path, monkeypatch):
    import shutil

    import yaml

    from elements.errors import PackError
    from elements.yamlfile import rules_dir

    for name in ("vocabulary.yaml", "phrases.yaml"):
        shutil.copy(rules_dir() / name, tmp_path / name)
    lexicon = yaml.safe_load((tmp_path / "phrases.yaml").read_text())
    lexicon["beside"][0]["patterns"]["purpose.debt_bondage"].append("not a pattern of the fact")
    (tmp_path / "phrases.yaml").write_text(yaml.safe_dump(lexicon))
    monkeypatch.setenv("ELEMENTS_RULES", str(tmp_path))
    with pytest.raises(PackError) as caught:
        highlight("She was 16.")
    assert "beside" in caught.value.line() and "purpose.debt_bondage" in caught.value.line()


@pytest.mark.parametrize(
    "text,fact",
    [
        ("No one took her passport, hit her or stopped her from leaving.", "means.use_of_force"),
        ("Investigators found no evidence of debt bondage, threats or confinement.", "means.threat_of_force"),
        ("At no point was she held against her will or sold.", "purpose.involuntary_servitude"),
        ("Nobody has recruited him, moved him, housed him or made him work for them.", "purpose.forced_labour"),
    ],
)
def test_a_negation_over_a_list_takes_back_all_of_it(text, fact):
    assert fact not in facts_in(text), text


def test_a_negation_over_a_list_stops_where_someone_else_acts():
    assert "means.use_of_force" in facts_in("No one helped her, and he beat her.")


# ---------------------------------------------------------------- the sets the lexicon is measured on

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from narrative_sets import HELDOUT, TUNING, load_set  # noqa: E402


def test_the_tuning_set_is_large_enough_and_well_formed():
    narratives = load_set(TUNING)
    assert len(narratives) >= 30 and sum(n.contrast for n in narratives) >= 10
    known = set(vocabulary().ids)
    for n in narratives:
        assert n.facts <= known and n.text.strip()


def test_a_bad_narrative_file_names_the_file_and_field(tmp_path):
    from elements.errors import InputError

    bad = tmp_path / "set.yaml"
    bad.write_text("narratives:\n  - {id: a, text: 'He left.', facts: [means.nonsense]}\n")
    with pytest.raises(InputError) as caught:
        load_set(bad)
    assert str(bad) in caught.value.line() and "narratives[0].facts" in caught.value.line()


def test_the_benchmark_reports_every_set_and_runs_without_the_held_out_file(capsys):
    import bench_highlight

    assert bench_highlight.main([]) == 0
    out = capsys.readouterr().out
    assert "\nlibrary " in out and "\ntuning " in out
    assert ("\nheldout " in out) if HELDOUT.is_file() else ("is absent" in out)
    assert "Highlighting 500 words: median" in out and "ratio" in out


def test_while_tuning_the_benchmark_leaves_the_held_out_set_unscored(capsys, monkeypatch):
    import bench_highlight

    def never(path):
        raise AssertionError(f"{path} was read")

    real = bench_highlight.load_set
    monkeypatch.setattr(bench_highlight, "load_set", lambda path: never(path) if path == HELDOUT else real(path))
    assert bench_highlight.main(["--no-heldout"]) == 0
    out = capsys.readouterr().out
    assert "\nheldout " not in out and "left unscored (--no-heldout)" in out and "\ntuning " in out


def test_an_unreadable_held_out_file_is_reported_and_the_benchmark_goes_on(capsys, tmp_path, monkeypatch):
    import bench_highlight

    bad = tmp_path / "tests" / "data" / "narratives_heldout.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_text("narratives:\n  - {id: h1, text: 'She left.', facts: [means.nonsense]}\n")
    monkeypatch.setattr(bench_highlight, "HELDOUT", bad)
    assert bench_highlight.main([]) == 0
    out = capsys.readouterr().out
    assert "heldout: cannot be read: " in out and "narratives[0].facts" in out
    assert "\ntuning " in out and "Highlighting 500 words" in out


# ---------------------------------------------------------------- the two distinctions, and what must not vanish

@pytest.mark.parametrize(
    "text,fact",
    [
        # violence in another sentence, long ago, says nothing of the work
        ("Ana, 29, works independently as an escort. Years ago a former boyfriend hit her.", "purpose.forced_labour"),
        ("She sells sex in a licensed brothel. Last year a client threatened her.", "purpose.forced_labour"),
        # sex work, chosen in hard times, is no abuse of a vulnerability
        ("After losing her job she decided to start sex work.", "means.abuse_of_vulnerability"),
        ("She is an asylum seeker and sells sex to pay the rent.", "means.abuse_of_vulnerability"),
        # how a shared flat or an agency runs
        ("She hands over the takings to the receptionist, who pays her the agreed share.", "purpose.prostitution_of_others"),
        # a journey within one country, a name that is also a city's
        ("Sofia, 30, moved from Leeds to London.", "movement.crossed_border"),
        ("Florence worked in a cafe in Manchester.", "movement.crossed_border"),
        ("A Romanian employer hired her in Leeds.", "movement.crossed_border"),
    ],
)
def test_sex_work_and_a_move_are_not_read_as_exploitation(text, fact):
    assert fact not in facts_in(text), text


@pytest.mark.parametrize(
    "text,fact",
    [
        ("Marco kept her passport.", "means.other_coercion"),
        ("Her boss Ivan kept her passport.", "means.other_coercion"),
        ("She told no one that her boss beat her.", "means.use_of_force"),
        ("He said no one would believe her, locked her in the room.", "means.physical_restraint"),
        ("The men were locked in at night and worked twelve hours a day.", "purpose.forced_labour"),
    ],
)
def test_a_sign_is_not_lost_to_a_name_or_an_object_no_one(text, fact):
    assert fact in facts_in(text), text


def test_there_was_no_is_deception_only_of_the_job_or_the_school():
    assert "means.deception" not in facts_in("There was no evidence of threats.")
    assert "means.deception" in facts_in("When she arrived there was no job.")
