"""Every page renders without an exception, and says what it must."""
from __future__ import annotations

from elements import api, evaluate_all, frameworks, validate_scenario
from elements.compare import departures
from ids import assert_no_ids
from ui_apptest import answer, new_app, next_step, ok, plain, set_age, set_country, shown


def open_page(at, path):
    at.switch_page(path)
    return ok(at.run())


def test_every_page_renders_with_no_answers():
    at = new_app()
    for path in ("views/result.py", "views/compare.py", "views/load.py", "views/definitions.py", "views/walkthrough.py",
                 "views/start.py"):
        open_page(at, path)
        assert at.title, path


def test_there_is_no_pages_folder_beside_app_py():
    # Streamlit would run ui/pages/*.py as an old-style multipage app, bypassing app.py
    # (and its quick exit) on a deep link: pages go in ui/views/ (see ui/nav.py).
    from ui_apptest import UI

    assert not (UI / "pages").exists(), "put page files in ui/views/, not ui/pages/"


def test_the_page_map_lists_every_page_file_and_no_other():
    import nav
    from ui_apptest import UI

    assert set(nav.TITLES) == {path.stem for path in (UI / "views").glob("*.py")}


def test_the_start_page_says_what_elements_is_what_to_do_in_danger_and_how_to_start():
    at = new_app(page=None)
    page = shown(at)
    assert at.title[0].value.startswith("Elements")
    assert "It does not** decide a case" in page and "It is for** caseworker training" in page
    assert api.emergency(None).contact in page  # no country yet: the advice to call the local number
    set_country(at, "US")
    numbers = [c.value for c in api.emergency("US").contacts if c.type == "phone"]
    assert numbers and f"If someone is in immediate danger, call [{numbers[0]}]" in shown(at)
    at.button(key="start.go").click()
    ok(at.run())
    assert at.title[0].value == "Walkthrough" and at.query_params["step"] == "person"
    assert at.selectbox(key="w.jurisdiction").value == "US"  # the country chosen is kept


def test_result_page_with_nothing_answered_points_to_the_walkthrough():
    at = open_page(new_app(), "views/result.py")
    page = shown(at)
    assert "No question has an answer yet" in page
    assert "Outcome: ? undetermined" in page
    assert "Choose a country to see its emergency number" in page


def test_result_page_shows_the_justification_diagram_and_exports():
    at = new_app()
    set_age(at, 16)
    next_step(at)
    answer(at, "action.recruitment", "yes")
    at = open_page(at, "views/result.py")
    charts = at.get("graphviz_chart")
    assert charts and "digraph justification" in charts[0].proto.spec
    assert charts[0].proto.alt.startswith("Justification diagram")
    assert [b.label for b in at.get("download_button")] == ["Download Markdown", "Download JSON", "Download PDF"]


def test_compare_page_lists_every_framework_and_explains_the_differences():
    at = new_app()
    set_age(at, 16)
    next_step(at)
    answer(at, "action.recruitment", "yes")
    next_step(at)
    next_step(at)
    answer(at, "purpose.forced_labour", "yes")
    at = open_page(at, "views/compare.py")
    page = shown(at)
    results = evaluate_all(validate_scenario(
        {"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}}))
    for result in results:
        assert result.framework_title in page
    if len({r.outcome for r in results}) > 1:
        assert "≠ " in page and "Where they differ" in page and "Why, in each framework's own terms" in page
        for departure in departures(results):
            for item in departure["items"]:
                assert item["reasons"][0] in page
    assert "Each framework in full" in page


def test_compare_page_opens_a_framework_on_the_result_page():
    at = open_page(new_app(), "views/compare.py")
    at.button(key="compare.open.palermo").click()
    ok(at.run())
    assert at.title[0].value == "Result"


def test_definitions_page_quotes_every_provision_with_its_citation():
    at = open_page(new_app(), "views/definitions.py")
    page = shown(at)
    for pack in frameworks():
        for provision in pack.provisions:
            assert provision.citation in page
            assert " ".join(provision.text.split())[:80] in " ".join(page.split())
    assert "Glossary" in page and "Limitations" in page
    # the glossary in words; the identifiers only in the fold for those who write scenario files
    fold = at.expander[-1]
    assert fold.label.startswith("For people who write scenario files")
    in_fold = "\n".join(m.value for m in fold.markdown)
    outside = "\n".join(m.value for m in at.markdown if m.value not in in_fold)
    assert_no_ids(outside, "the definitions page outside the identifiers' fold")
    for fact in api.vocabulary().facts:
        assert f"| {fact.label} | `{fact.id}` |" in plain(in_fold)
    assert "Limitations" in page and "Nothing you type is stored or sent anywhere" in page


def test_every_framework_renders_on_the_walkthrough_and_the_result_page():
    from elements.packs import framework_ids

    at = new_app()
    set_age(at, 17)
    for framework in framework_ids():
        at = open_page(at, "views/walkthrough.py")
        at.selectbox(key="w.framework").set_value(framework)
        ok(at.run())
        for _ in range(5):
            at.button(key="nav.next").click()
            ok(at.run())
        at = open_page(at, "views/result.py")
        assert at.selectbox(key="w.framework").value == framework
        assert "Outcome: " in shown(at)
        at.query_params["step"] = "person"
