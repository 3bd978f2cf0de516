"""elements.compare: the side-by-side table, the differences explained from the packs' own
words, and docs/frameworks.md generated from the packs (and kept fresh)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from elements import evaluate_all
from elements.compare import (
    comparison_table,
    departures,
    differences,
    render_comparison_markdown,
    render_comparison_text,
)
from elements.docs import frameworks_markdown
from elements.markdown import escape
from elements.packs import framework_ids, get_pack
from elements.vocabulary import vocabulary
from elements.words import CONFIDENCE_WORDS

ROOT = Path(__file__).resolve().parents[1]
STATUS = {"met", "not met", "unknown", "not required"}
OUTCOMES = {"all elements met", "not all elements met", "undetermined"}

ADULT_TRIP_NEVER_ARRANGED = {"person": {"age": 30}, "facts": {
    "action.recruitment": True, "movement.travel": False, "means.deception": True,
    "purpose.forced_labour": True, "means.causing_fear_for_safety": True, "purpose.involuntary_servitude": True}}
CHILD_LABOUR_NO_MEANS = {"person": {"age": 15}, "facts": {
    "action.recruitment": True, "purpose.forced_labour": True, "purpose.involuntary_servitude": True,
    "purpose.commercial_sex_act": False, "purpose.prostitution_of_others": False,
    "purpose.other_sexual_exploitation": False, "movement.travel": True, "means.causing_fear_for_safety": False,
    "purpose.organ_removal": False,
    **{k: False for k in ("means.use_of_force", "means.threat_of_force", "means.fraud", "means.deception", "means.threat_of_serious_harm",
                          "means.physical_restraint", "means.abuse_of_legal_process")}}}


def test_table_has_one_row_per_framework_with_status_words():
    results = evaluate_all(CHILD_LABOUR_NO_MEANS)
    rows = comparison_table(results)
    assert [r["framework"] for r in rows] == framework_ids()
    for row in rows:
        assert {row["action"], row["means"], row["purpose"]} <= STATUS and row["outcome"] in OUTCOMES
    us = next(r for r in rows if r["framework"] == "us")
    palermo = next(r for r in rows if r["framework"] == "palermo")
    assert (palermo["means"], palermo["outcome"]) == ("not required", "all elements met")
    assert (us["means"], us["outcome"]) == ("not met", "not all elements met")


def test_differences_are_named_and_explained_in_each_framework_s_own_words():
    results = evaluate_all(ADULT_TRIP_NEVER_ARRANGED)
    by_fw = {r.framework: r for r in results}
    columns = {d["column"] for d in differences(results)}
    assert {"action", "means", "outcome"} <= columns
    explained = {d["result"].framework: d for d in departures(results)}
    uk = explained["uk"]
    labels = [item["label"] for item in uk["items"]]
    assert any("Action" in label for label in labels) and any("Means" in label for label in labels)
    # the reasons are the engine's own explanation steps, word for word
    steps = {s.text for s in by_fw["uk"].explanation}
    for item in uk["items"]:
        assert all(reason in steps for reason in item["reasons"])
    text = re.sub(r"\s+", " ", render_comparison_text(results))
    assert "no separate means element is needed" in text
    assert "no travel was arranged or facilitated" in text
    markdown = render_comparison_markdown(results)
    assert "| Framework | Action | Means | Purpose | Outcome |" in markdown
    assert "no separate means element is needed" in markdown


def test_a_required_means_names_the_rule_that_would_have_waived_it():
    results = evaluate_all(CHILD_LABOUR_NO_MEANS)
    us = next(d for d in departures(results) if d["result"].framework == "us")
    means = next(item for item in us["items"] if item["label"] == "Means")
    assert means["status"] == "not met"
    assert any("labour trafficking needs force, fraud or coercion at every age" in r for r in means["reasons"])


def test_agreement_is_said_plainly():
    # a child recruited, travel arranged, under threat to her safety, for prostitution / commercial sex
    results = evaluate_all({"person": {"age": 15}, "facts": {
        "action.recruitment": True, "movement.travel": True, "means.causing_fear_for_safety": True,
        "purpose.prostitution_of_others": True, "purpose.other_sexual_exploitation": True,
        "purpose.commercial_sex_act": True}})
    assert {(r["means"], r["outcome"]) for r in comparison_table(results)} == {("not required", "all elements met")}
    assert differences(results) == [] and departures(results) == []
    for render in (render_comparison_text, render_comparison_markdown):
        assert "agree on every element and on the outcome" in render(results)


def test_one_framework_has_nothing_to_compare():
    from elements import evaluate

    result = evaluate({"person": {"age": 30}, "facts": {}}, "uk")
    for render in (render_comparison_text, render_comparison_markdown):
        assert "nothing to compare" in render([result])


def test_status_is_never_colour_alone():
    markdown = render_comparison_markdown(evaluate_all(ADULT_TRIP_NEVER_ARRANGED))
    assert "<span" not in markdown and "color" not in markdown and ":red" not in markdown


def test_no_sentence_in_the_module_is_written_for_a_framework():
    """The explanations come from the packs: the module names no framework and quotes no provision."""
    source = "\n".join((ROOT / "src" / "elements" / name).read_text() for name in ("compare.py", "docs.py"))
    for fw in framework_ids():
        pack = get_pack(fw)
        assert f'"{fw}"' not in source
        assert pack.short_title.split(",")[0] not in source
    assert not re.search(r"\b(Palermo|Modern Slavery|Criminal Code|U\.S\.C\.|Directive|Convention)\b", source)
    assert not re.search(r"\b(s\.\d|Art\. \d)", source)


# ---------------------------------------------------------------- the packs compared


def test_frameworks_markdown_covers_every_pack_provision_and_fact():
    text = frameworks_markdown()
    for fw in framework_ids():
        pack = get_pack(fw)
        assert f"(`{fw}`)" in text
        for provision in pack.provisions:
            assert f"**[{escape(provision.citation)}]({provision.url})** ({CONFIDENCE_WORDS[provision.confidence]};" in text
        for rule in pack.rules:
            assert f"- `{rule.id}`" in text
    for fact in vocabulary().facts:
        assert f"(`{fact.id}`)" in text
    assert "not a separate element" in text  # the packs that always waive the means


def test_docs_frameworks_md_is_generated_and_fresh(monkeypatch):
    monkeypatch.delenv("ELEMENTS_RULES", raising=False)
    path = ROOT / "docs" / "frameworks.md"
    assert path.exists(), "docs/frameworks.md is missing: run `make docs`"
    assert path.read_text(encoding="utf-8") == frameworks_markdown(), (
        "docs/frameworks.md is stale: the packs changed since it was generated; run `make docs`")


@pytest.mark.parametrize("render", [render_comparison_text, render_comparison_markdown])
def test_renderers_never_label_a_person(render):
    for scenario in (ADULT_TRIP_NEVER_ARRANGED, CHILD_LABOUR_NO_MEANS, {}):
        text = render(evaluate_all(scenario)).lower()
        assert not re.search(r"\b(is|was) (a |not a )?victim\b", text) and "was trafficked" not in text
