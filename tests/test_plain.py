"""The result in plain words: one paragraph built from the Result alone, never a verdict on a
person; every view names facts and rules by label and citation, with the provision's mark
where its wording is not verified. The same check for ids on the text, Markdown and PDF."""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pypdf
import pytest

from elements import api, evaluate, plain, validate_scenario
from elements.packs import framework_ids
from elements.report import render_markdown, render_text
from elements.vocabulary import vocabulary
from elements.words import CONFIDENCE_WORDS, FACT_VALUE_WORDS, PLAIN_OUTCOME, PLAIN_STATUS, VALUE_WORDS

from ids import assert_no_ids

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from scenarios import generate  # noqa: E402

LIBRARY = [api.load_scenario(path) for path in api.scenario_files()]
GENERATED = [validate_scenario(s) for s in generate(150, seed=13)]

# A result may say what the definition covers; it never says what someone is.
VERDICTS = [
    r"\bvictim",
    r"\btrafficked\b",
    r"\b(is|was|are|were)\s+(not\s+)?(a\s+)?(victim|trafficker|trafficked)",
    r"\bthis is trafficking\b",
    r"\b(he|she|they|the person) (is|was|were) (not )?(being )?exploited\b",
]


def test_the_paragraph_never_says_someone_is_or_is_not_a_victim():
    seen = set()
    for scenario in LIBRARY + GENERATED:
        for framework in framework_ids():
            result = evaluate(scenario, framework)
            text = plain.summary(result)
            seen.add(result.outcome)
            for pattern in VERDICTS:
                assert not re.search(pattern, text, re.IGNORECASE), (pattern, scenario.id, framework, text)
            assert_no_ids(text, f"{scenario.id} {framework}")
    assert seen == {"all_elements_met", "not_all_elements_met", "undetermined"}


def test_the_paragraph_says_what_the_result_says_and_nothing_of_its_own():
    result = next(r for r in (evaluate(s, "palermo") for s in LIBRARY) if r.outcome == "all_elements_met" and r.child is False)
    text = plain.summary(result)
    assert PLAIN_OUTCOME[result.outcome] in text and result.framework_title in text
    for role in ("action", "means", "purpose"):
        finding = result.elements[role]
        assert f"{finding.label} {PLAIN_STATUS[finding.status]}" in text
    # Built from the Result alone: a Result that says otherwise gets other words.
    flipped = result.model_copy(update={
        "outcome": "undetermined", "child": None,
        "elements": {**result.elements, "means": result.elements["means"].model_copy(update={"status": "unknown", "satisfied_by": []})},
    })
    other = plain.summary(flipped)
    assert PLAIN_OUTCOME["undetermined"] in other and f"{result.elements['means'].label} {PLAIN_STATUS['unknown']}" in other
    assert PLAIN_OUTCOME["all_elements_met"] in text and PLAIN_OUTCOME["all_elements_met"] not in other


def test_the_first_caveats_come_in_their_own_words():
    for scenario in LIBRARY:
        result = evaluate(scenario, "palermo")
        text = plain.summary(result)
        shown = [c for c in result.caveats if c.id != plain.EVERY_RESULT][:plain.CAVEATS_IN_SUMMARY]
        for caveat in shown:
            assert plain.first_sentence(caveat.text) in text
            assert caveat.text.startswith(plain.first_sentence(caveat.text)[:-1])


def test_rules_by_label_and_citation_and_what_they_relied_on_in_words():
    result = evaluate({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}})
    for step in result.explanation:
        name = plain.rule_name(step)
        assert step.citation in name and (not step.label or name.startswith(step.label))
        assert_no_ids(" ".join(plain.because(result, step)))
    action = result.element_step("action")
    assert plain.because(result, action) == [f"{vocabulary().label('action.recruitment')}: {FACT_VALUE_WORDS['true']}"]
    child_exception = result.element_step("means")  # waived for a child: relies on the child rule, by its provision
    child = result.step(child_exception.depends_on[0])
    assert plain.because(result, child_exception) == [f"{plain.rule_name(child)}: {VALUE_WORDS[child.value]}"]


def marked(result, confidence: str):
    """The result with every element and step marked: the views are checked whatever the
    packs' own marks are today."""
    return result.model_copy(update={
        "elements": {k: v.model_copy(update={"confidence": confidence}) for k, v in result.elements.items()},
        "explanation": [s.model_copy(update={"confidence": confidence}) for s in result.explanation],
    })


@pytest.mark.parametrize("confidence", ["secondary", "unconfirmed"])
def test_every_view_shows_the_mark_beside_a_citation_not_verified_and_links_it(confidence):
    scenario = LIBRARY[0]
    mark = CONFIDENCE_WORDS[confidence]
    for framework in framework_ids():
        result = marked(evaluate(scenario, framework), confidence)
        text = render_text(result, scenario)
        markdown = render_markdown(result, scenario)
        for finding in result.elements.values():
            assert f"{finding.citation} [{mark}]" in text
            assert f"[{finding.citation}]({finding.url}) \\[{mark}\\]" in markdown
        for step in result.explanation:
            assert f"[{step.citation}]({step.url}) \\[{mark}\\]" in markdown
            assert f"{step.citation} [{mark}]" in text
    verified = evaluate(scenario, "palermo")
    if all(f.confidence == "verified" for f in verified.elements.values()):
        assert "[" + CONFIDENCE_WORDS["secondary"] not in render_text(verified, scenario)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_links(data: bytes) -> set[str]:
    out = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                out.add(str(action["/URI"]))
    return out


@pytest.mark.parametrize("framework", framework_ids())
def test_text_markdown_and_pdf_name_no_ids(framework):
    import ui_apptest  # noqa: F401  (puts ui/ on the import path)
    import exports

    for scenario in LIBRARY[::6]:
        result = evaluate(scenario, framework)
        whatif = api.what_if(scenario, framework)
        assert_no_ids(render_text(result, scenario, whatif=whatif), f"text {scenario.id}")
        assert_no_ids(render_markdown(result, scenario, whatif=whatif), f"markdown {scenario.id}")
    data = exports.pdf_bytes(result, scenario)
    text = pdf_text(data)
    assert_no_ids(text, f"pdf {scenario.id}")
    assert result.elements["action"].citation in text and plain.summary(result)[:40] in " ".join(text.split())
    assert {f.url for f in result.elements.values()} <= pdf_links(data)  # each citation opens the official text


def test_the_comparison_marks_and_links_its_citations():
    from elements.compare import departures, render_comparison_markdown, render_comparison_text

    results = next(rs for rs in ([marked(evaluate(s, fw), "unconfirmed") for fw in framework_ids()] for s in LIBRARY)
                   if any(item["citation"] for d in departures(rs) for item in d["items"]))
    mark = CONFIDENCE_WORDS["unconfirmed"]
    item = next(i for d in departures(results) for i in d["items"] if i["citation"])
    assert f"({item['citation']} [{mark}])" in " ".join(render_comparison_text(results).split())
    assert f"([{item['citation']}]({item['url']}) \\[{mark}\\])" in render_comparison_markdown(results)
