"""What the training library asks of each of its scenario files, one function per promise.

tests/test_scenario_library.py applies them to every file in rules/scenarios/; the authoring
tests apply the same functions to a file the scenario editor writes, so that a written file
is held to exactly the library's standard.
"""
from __future__ import annotations

import re

from elements import evaluate
from elements.model import Scenario
from elements.packs import framework_ids, get_pack

CONTRACT_FRAMEWORKS = {"palermo", "coe", "eu", "us", "uk", "ca"}
# A scenario is exactly one of these.
KINDS = {"meets_definition", "contrast", "open", "buyer"}


def id_equals_file_name(s: Scenario, stem: str) -> None:
    assert s.id == stem, f"id {s.id!r} but the file is {stem}"


def teaching_material_complete(s: Scenario) -> None:
    assert s.title and s.title.strip(), "title"
    assert s.narrative and len(s.narrative.split()) >= 30, "narrative in plain words"
    assert s.teaching_notes and len(s.teaching_notes.split()) >= 30, "teaching_notes"
    assert 2 <= len(s.discussion_questions) <= 3, "two or three discussion questions"
    assert all(q.strip().endswith("?") for q in s.discussion_questions), "questions end with '?'"
    assert s.sources and all(src.strip() for src in s.sources), "sources"
    assert s.facts, "facts"


def narrative_never_labels_a_person(s: Scenario) -> None:
    text = " ".join([s.narrative or "", s.title or ""]).lower()
    assert "is a victim" not in text
    assert not re.search(r"\b(is|was) (not )?a (trafficking )?victim\b", text)


def expects_every_framework_pack(s: Scenario) -> None:
    frameworks = framework_ids()
    expected = set(s.expected)
    missing = [fw for fw in frameworks if fw not in expected]
    assert not missing, f"{s.id}: no expected findings for {missing} (a new pack needs expectations in every scenario)"
    # Expectations may run ahead of a pack still being written, but only for a framework of the contract.
    unknown = expected - set(frameworks) - CONTRACT_FRAMEWORKS
    assert not unknown, f"{s.id}: expectations for unknown frameworks: {sorted(unknown)}"


def expected_findings_match_engine(s: Scenario, framework: str) -> None:
    want = s.expected[framework]
    result = evaluate(s, framework)
    got = {role: finding.status for role, finding in result.elements.items()}
    assert set(want.elements) == {"action", "means", "purpose"}, "expect all three elements"
    assert (result.outcome, got) == (want.outcome, dict(want.elements)), (
        f"{s.id} under {framework}: expected {want.outcome} {dict(want.elements)}, engine says {result.outcome} {got}"
    )


def has_one_kind(s: Scenario) -> None:
    kinds = KINDS & set(s.tags)
    assert len(kinds) == 1, f"{s.id}: exactly one of {sorted(KINDS)} expected, found {sorted(kinds)}"


def child_tag_matches_age(s: Scenario) -> None:
    is_child = s.person.age is not None and s.person.age < 18
    assert ("child" in s.tags) == is_child, f"{s.id}: child tag vs age {s.person.age}"


def contrast_meets_no_definition(s: Scenario) -> None:
    """A contrast meets no definition, except one whose law reaches further (tag reaches:<fw>,
    e.g. the UK's s.3(3) over controlled prostitution): there the teaching notes must say so."""
    if "contrast" not in s.tags:
        return
    assert s.expected["palermo"].outcome == "not_all_elements_met", s.id
    for fw, want in s.expected.items():
        if f"reaches:{fw}" in s.tags:
            assert want.outcome == "all_elements_met", f"{s.id}: tagged reaches:{fw}"
            assert get_pack(fw).short_title.split(",")[0].split(" (")[0] in (s.teaching_notes or "") or \
                fw.upper() in (s.teaching_notes or ""), f"{s.id}: the notes must explain {fw}'s reach"
        else:
            assert want.outcome == "not_all_elements_met", f"{s.id}: a contrast expects not_all_elements_met under {fw}"


def trafficking_scenario_meets_palermo(s: Scenario) -> None:
    if "meets_definition" in s.tags:
        assert s.expected["palermo"].outcome == "all_elements_met", f"{s.id}: meets_definition but not under Palermo"


def open_scenario_is_open_under_palermo(s: Scenario) -> None:
    if "open" in s.tags:
        assert s.expected["palermo"].outcome == "undetermined", f"{s.id}: open but not undetermined under Palermo"


def unknowns_are_really_unknown(s: Scenario) -> None:
    if "unknowns" in s.tags:
        open_facts = [k for k, v in s.facts.items() if v is None]
        assert open_facts or s.person.age is None, f"{s.id}: tagged unknowns but states no fact as unknown"


def evidence_for_every_true_fact(s: Scenario, gaps: frozenset[str] = frozenset()) -> None:
    """Each fact the scenario states true quotes its sentence of the narrative (the model
    checks every quote is in the narrative word for word); `gaps` are the facts known to have
    no such sentence."""
    missing = {f for f, v in s.facts.items() if v is True and f not in s.evidence} - gaps
    assert not missing, f"{s.id}: no evidence quoted for {sorted(missing)}"
    assert not (gaps & set(s.evidence)), f"{s.id}: a quote was found for {sorted(gaps & set(s.evidence))}: drop it from the gaps"
    for fact_id, quote in s.evidence.items():
        assert quote in (s.narrative or ""), (s.id, fact_id)


def every_check(s: Scenario, stem: str, gaps: frozenset[str] = frozenset()) -> None:
    """Every per-file promise of the library, for one scenario."""
    id_equals_file_name(s, stem)
    teaching_material_complete(s)
    narrative_never_labels_a_person(s)
    expects_every_framework_pack(s)
    for framework in framework_ids():
        expected_findings_match_engine(s, framework)
    has_one_kind(s)
    child_tag_matches_age(s)
    contrast_meets_no_definition(s)
    trafficking_scenario_meets_palermo(s)
    open_scenario_is_open_under_palermo(s)
    unknowns_are_really_unknown(s)
    evidence_for_every_true_fact(s, gaps)
