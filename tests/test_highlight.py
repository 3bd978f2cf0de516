"""Narrative highlighting: phrases propose facts for a person to confirm, and never set them."""
from __future__ import annotations

import pytest

from elements import load_scenario
from elements.errors import PackError
from elements.highlight import (
    Suggestion,
    age_candidates,
    confirm,
    highlight,
    load_lexicon,
    propose_age,
    proposed_facts,
)
from elements.vocabulary import vocabulary
from elements.yamlfile import rules_dir


def facts_in(text: str, **kw) -> set[str]:
    return {s.fact for s in highlight(text, **kw) if not s.negated}


# ---------------------------------------------------------------- a phrase proposes its fact


@pytest.mark.parametrize(
    "text,fact",
    [
        ("The employer took her passport on the first day.", "means.other_coercion"),
        ("A man promised a job as a waitress in the capital.", "action.recruitment"),
        ("He said she owed a debt for the journey.", "purpose.debt_bondage"),
        ("The recruiter paid for his bus ticket.", "action.transportation"),
        ("The door was locked when the family went out.", "means.physical_restraint"),
        ("He told them he would call immigration if they complained.", "means.abuse_of_legal_process"),
        ("She was made to beg at a busy junction.", "purpose.begging"),
        ("They were told to sell a kidney.", "purpose.organ_removal"),
        ("A woman met the girl at the airport.", "action.receipt"),
        ("He hit her when she asked to stop.", "means.use_of_force"),
    ],
)
def test_phrase_proposes_its_fact(text: str, fact: str):
    found = [s for s in highlight(text) if s.fact == fact]
    assert found, f"{fact} not proposed for {text!r}"
    s = found[0]
    assert s.value is True
    assert not s.negated and s.cue is None
    assert text[s.start:s.end] == s.text
    assert s.pattern


def test_words_match_in_any_form():
    for text in ("They take her passport.", "He has taken her passport.", "She takes his passport."):
        assert "means.other_coercion" in facts_in(text), text
    assert "means.other_coercion" in facts_in("The Employer Took Her Passport.")


# ---------------------------------------------------------------- negation and hedges


@pytest.mark.parametrize(
    "text,fact",
    [
        ("He did not take her passport.", "means.other_coercion"),
        ("He didn't take her passport.", "means.other_coercion"),
        ("Nobody threatened, forced or deceived her.", "means.threat_of_force"),
        ("Nobody threatened, hit or deceived her.", "means.use_of_force"),
        ("Nobody threatened, forced or deceived her.", "means.deception"),
        ("She says he never hit or threatened her.", "means.use_of_force"),
        ("She says he never hit or threatened her.", "means.threat_of_force"),
        ("It is not known whether anyone threatened him.", "means.threat_of_force"),
        ("The smuggler made no threats.", "means.threat_of_force"),
    ],
)
def test_negated_phrase_is_not_proposed(text: str, fact: str):
    assert fact not in facts_in(text)
    flagged = [s for s in highlight(text, include_negated=True) if s.fact == fact]
    assert flagged and all(s.negated and s.cue for s in flagged), "seen, and flagged with its cue"
    assert fact not in proposed_facts(highlight(text, include_negated=True))


def test_negation_stops_at_a_new_clause():
    assert "means.other_coercion" in facts_in("She was not paid, and he took her passport.")
    assert "means.other_coercion" in facts_in("She was never paid. The employer took her passport.")
    assert "means.other_coercion" in facts_in("He did not pay her but he kept her passport.")


def test_own_documents_are_not_proposed_as_coercion():
    assert "means.other_coercion" not in facts_in("She keeps her passport and her phone.")
    assert "means.other_coercion" not in facts_in("She kept her own passport.")


# ---------------------------------------------------------------- nothing is set silently


def test_highlight_only_proposes():
    text = "He took her passport and she owed him a debt. Nobody hit her."
    before = {"action.recruitment": True, "means.use_of_force": None}
    facts = dict(before)
    suggestions = highlight(text)
    assert all(isinstance(s, Suggestion) and s.value is True for s in suggestions)
    assert facts == before, "highlighting changes no answers"
    # Confirming nothing changes nothing; an unknown stays unknown, never becomes False.
    assert confirm(facts, suggestions, []) == before
    assert "means.use_of_force" not in proposed_facts(suggestions)


def test_confirm_sets_only_what_a_person_accepted():
    text = "The employer took her passport. She said she owed a debt for the flight."
    suggestions = highlight(text)
    proposed = proposed_facts(suggestions)
    assert {"means.other_coercion", "purpose.debt_bondage"} <= set(proposed)
    facts = {"action.recruitment": True}
    out = confirm(facts, suggestions, ["means.other_coercion"])
    assert out == {"action.recruitment": True, "means.other_coercion": True}
    assert facts == {"action.recruitment": True}, "confirm returns a new mapping"
    assert "purpose.debt_bondage" not in out, "not accepted, so still unanswered"


def test_confirm_refuses_what_was_not_proposed():
    suggestions = highlight("He did not take her passport.", include_negated=True)
    with pytest.raises(ValueError):
        confirm({}, suggestions, ["means.other_coercion"])
    with pytest.raises(ValueError):
        confirm({}, highlight("The employer took her passport."), ["means.use_of_force"])


def test_empty_text():
    assert highlight("") == [] and highlight("   \n") == []
    assert propose_age("") is None


# ---------------------------------------------------------------- ages


@pytest.mark.parametrize(
    "text,age",
    [
        ("She was 16 when she was first offered the job; she is 19 now.", 16),
        ("A 14-year-old boy was found in the house.", 14),
        ("Dana, 22, met Marc at a party.", 22),
        ("The girl, aged fifteen, was brought from abroad.", 15),
        ("He is 17 years old.", 17),
        ("A girl of 15 from Togo was brought to France.", 15),
        ("Keisha was 17 and had run away from a care home.", 17),
    ],
)
def test_ages_parse(text: str, age: int):
    assert propose_age(text) == age


@pytest.mark.parametrize(
    "text",
    [
        "They worked 17-hour days for USD 600 a month.",
        "She worked from 7.30 in the morning until 10.30 at night.",
        "The debt went down by 50 for each client.",
        "Forty-two men were hired to pick strawberries.",
        "No age is given.",
    ],
)
def test_numbers_that_are_not_ages(text: str):
    assert propose_age(text) is None


def test_all_ages_are_offered_in_order():
    text = "Mia was 15. A man of 24 told her he was 18."
    assert [a.age for a in age_candidates(text)] == [15, 24, 18]
    assert propose_age(text) == 15
    for a in age_candidates(text):
        assert text[a.start:a.end] == a.text


# ---------------------------------------------------------------- the lexicon and the pipeline


def test_lexicon_names_only_known_facts():
    lexicon = load_lexicon()
    known = set(vocabulary().ids)
    assert set(lexicon.facts) <= known
    assert set(lexicon.veto) <= known


MINIMAL = "version: 2\nnegation: {cues: ['not']}\nthreats: {speech: ['say']}\nages: {patterns: ['AGE years old']}\n"


def test_lexicon_errors_name_the_field(tmp_path):
    bad = tmp_path / "phrases.yaml"
    bad.write_text(MINIMAL + "facts:\n  means.nonsense: ['took passport']\n")
    with pytest.raises(PackError) as err:
        load_lexicon(bad)
    assert "facts" in str(err.value) and "means.nonsense" in str(err.value)
    bad.write_text(MINIMAL.replace("'AGE years old'", "'years old'") + "facts: {}\n")
    with pytest.raises(PackError) as err:
        load_lexicon(bad)
    assert "ages.patterns" in str(err.value)
    bad.write_text(MINIMAL + "facts: {}\nthreats_typo: {}\n")
    with pytest.raises(PackError) as err:
        load_lexicon(bad)
    assert "threats_typo" in str(err.value)
    bad.write_text(MINIMAL + "facts: {}\nown: {facts: [means.other_coercion], others: [BOSSES]}\n")
    with pytest.raises(PackError) as err:
        load_lexicon(bad)
    assert "own.others" in str(err.value) and "BOSSES" in str(err.value)
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL + "facts: {}\n")
    assert load_lexicon(good).facts == {}


def test_a_word_form_mark_inside_a_token_is_refused(tmp_path, monkeypatch):
    import shutil

    for name in ("vocabulary.yaml", "phrases.yaml"):
        shutil.copy(rules_dir() / name, tmp_path / name)
    text = (tmp_path / "phrases.yaml").read_text()
    (tmp_path / "phrases.yaml").write_text(text.replace('    - "hire|employ|employer"', '    - "hire|=hired"', 1))
    monkeypatch.setenv("ELEMENTS_RULES", str(tmp_path))
    with pytest.raises(PackError) as caught:
        highlight("He was hired.")
    assert "facts.action.recruitment[" in caught.value.line() and "'=' marks a whole token" in caught.value.line()


def test_pipeline_needs_no_model(monkeypatch):
    import spacy

    from elements.highlight import pipeline

    def refuse(*args, **kwargs):  # a model load would mean a download or a package we do not ship
        raise AssertionError("spacy.load called")

    monkeypatch.setattr(spacy, "load", refuse)
    pipeline.reset()
    try:
        nlp = pipeline.nlp()
        assert nlp.lang == "en"
        assert nlp.pipe_names == ["sentencizer", "lemmatizer", "elements_lower_lemma"]
        assert "means.other_coercion" in facts_in("He took her passport.")
    finally:
        pipeline.reset()


def test_every_library_narrative_highlights_cleanly():
    known = set(vocabulary().ids)
    for path in sorted((rules_dir() / "scenarios").glob("*.yaml")):
        s = load_scenario(path)
        for sug in highlight(s.narrative or "", include_negated=True):
            assert sug.fact in known
            assert s.narrative[sug.start:sug.end] == sug.text


def test_an_age_someone_only_claimed_is_offered_not_proposed():
    text = "A young woman found at the salon says she is 19, but has no documents."
    assert propose_age(text) is None
    (candidate,) = age_candidates(text)
    assert candidate.age == 19 and candidate.reported and candidate.cue == "says"
    # The real age first, the claimed one after: the real one is proposed.
    assert propose_age("Jess, 17, told a man she met that she was 19.") == 17


def test_segments_rebuild_the_text_and_mark_each_phrase():
    from elements.highlight import segments

    text = "The employer took her passport and she owed a debt."
    suggestions = highlight(text)
    parts = segments(text, suggestions)
    assert "".join(p.text for p in parts) == text
    marked = {text[p.start:p.end] for p in parts if p.suggestions}
    assert "took her passport" in marked
    for p in parts:
        for i in p.suggestions:
            assert suggestions[i].start <= p.start and p.end <= suggestions[i].end
    assert segments("", []) == []


SEX_WORK_LINE = {"purpose.prostitution_of_others", "purpose.other_sexual_exploitation", "purpose.forced_marriage"}


def test_no_suggestion_crosses_the_sex_work_line_a_library_scenario_draws():
    """Phrases are indicators, proposed for a person to confirm; but on the line between sex
    work (or a marriage) and exploitation, a phrase never proposes what the scenario's author
    answered "no"."""
    from elements.api import load_scenario, scenario_files
    from elements.highlight import highlight

    for path in scenario_files():
        scenario = load_scenario(path)
        if not scenario.narrative:
            continue
        proposed = {s.fact for s in highlight(scenario.narrative)}
        contradicted = {f for f in proposed & SEX_WORK_LINE if scenario.facts.get(f) is False}
        assert not contradicted, (path.name, sorted(contradicted))


def test_sex_work_words_suggest_a_commercial_sex_act_only():
    from elements.highlight import highlight

    facts = {s.fact for s in highlight("She works as an independent escort and sets her own prices.")}
    assert "purpose.prostitution_of_others" not in facts
    assert "action.controlling_movements" not in facts
    assert "purpose.commercial_sex_act" in facts


def test_a_bad_pattern_names_its_file_and_place(tmp_path, monkeypatch):
    import shutil

    import yaml

    from elements.errors import PackError
    from elements.highlight import highlight
    from elements.yamlfile import rules_dir

    for name in ("vocabulary.yaml", "phrases.yaml"):
        shutil.copy(rules_dir() / name, tmp_path / name)
    lexicon = yaml.safe_load((tmp_path / "phrases.yaml").read_text())
    lexicon["facts"]["means.deception"].append("...")  # a gap alone matches nothing definite
    (tmp_path / "phrases.yaml").write_text(yaml.safe_dump(lexicon))
    monkeypatch.setenv("ELEMENTS_RULES", str(tmp_path))
    with pytest.raises(PackError) as caught:
        highlight("She was 16.")
    index = len(lexicon["facts"]["means.deception"]) - 1
    assert caught.value.line().startswith(f"{tmp_path / 'phrases.yaml'}: facts.means.deception[{index}]: ")
