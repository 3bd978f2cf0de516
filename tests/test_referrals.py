"""Where to get help: rules/referrals.yaml, its order by country, and what every output shows.

The 29 countries of issue 11 each get their own emergency number and national lines first,
then the EU's, then the global ones; nothing our sources do not confirm is offered as a number
to call; who answers (police, immigration) is said beside the number in every format.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import ui_apptest  # noqa: F401  (puts ui/ on the import path)
import pdf
from elements import evaluate
from elements.errors import PackError
from elements.loader import load
from elements.referrals import Directory, dial_form, directory, referrals_for
from elements.report import render_markdown, render_text

COUNTRIES = [
    "US", "CA", "GB", "AU",
    "IE", "DE", "FR", "NL", "BE", "ES", "PT", "IT", "GR", "PL", "RO", "SE", "NO", "CH",
    "MX", "BR", "AR", "CO", "PH", "TH", "IN", "NG", "ZA", "KE", "NZ",
]
ALERTED = ("police", "immigration", "law_enforcement")
SEX_WORK = frozenset({"sex_work_distinction"})
RULES = Path(__file__).resolve().parents[1] / "rules"
# A scenario that raises the sex-work caveat (an adult, prostitution named, the means not met).
SEX_WORK_SCENARIO = {"person": {"age": 30}, "facts": {
    "action.recruitment": True, "purpose.prostitution_of_others": True, "means.deception": False}}


def services_by_id():
    return {s.id: s for s in directory().services}


def place(service, country):
    """own / regional / global, as the ordering sees a service for this country."""
    if country in service.countries:
        return "own"
    return "global" if "*" in service.countries else "regional"


def no_confirmed_emergency(country):
    book = directory()
    return not any(s.kind == "emergency" and s.has_phone() and book.covers(s, country) for s in book.services)


def test_the_29_countries_are_all_in_the_directory_and_the_country_choice():
    import countries

    assert len(COUNTRIES) == 29 and set(COUNTRIES) <= set(directory().countries())
    assert all(countries.name(code) != code for code in COUNTRIES)  # named, from rules/countries/


@pytest.mark.parametrize("country", COUNTRIES)
def test_a_result_starts_with_the_countrys_own_emergency_number_and_lines(country):
    referrals = evaluate({"jurisdiction": country}).referrals
    by_id = services_by_id()
    first = referrals[0]
    assert first.kind == "emergency"
    if no_confirmed_emergency(country):
        # Our sources confirm no emergency number here, and none may be invented: Elements' own
        # advice to call the local emergency number is the emergency entry, and it comes first.
        assert first.id == "elements.no_emergency_number" and not first.contacts
        assert "call the local emergency number" in first.contact
    else:
        service = by_id[first.id]
        assert directory().covers(service, country) and place(service, country) != "global"
        assert any(c.type == "phone" and c.href.startswith("tel:") for c in first.contacts)
    # with the sex-work caveat the global network is listed too: it must come last
    for listed in (referrals, referrals_for(country, SEX_WORK)):
        kinds = [r.kind for r in listed]
        last_emergency = max(i for i, k in enumerate(kinds) if k == "emergency")
        assert all(k == "emergency" for k in kinds[: last_emergency + 1]), kinds
        # after the emergency numbers: the country's own services, then the region's, then everywhere
        places = [place(by_id[r.id], country) for r in listed[last_emergency + 1:] if not r.id.startswith("elements.")]
        order = {"own": 0, "regional": 1, "global": 2}
        assert places == sorted(places, key=order.get), places
        assert places[0] == "own"
    assert places[-1] == "global"


def test_only_thailand_and_nigeria_have_no_confirmed_emergency_number():
    # The notes found none for them; every other country has one, its own or the EU's 112.
    assert {c for c in COUNTRIES if no_confirmed_emergency(c)} == {"TH", "NG"}


@pytest.mark.parametrize("country", [c for c in COUNTRIES if c in directory().eu_member_states])
def test_every_eu_member_gets_112_with_its_national_numbers(country):
    emergency = [r for r in referrals_for(country) if r.kind == "emergency"]
    dialled = [c.dial for r in emergency for c in r.contacts]
    assert "112" in dialled
    assert len(dialled) == len(set(dialled)), "a number is listed twice"


@pytest.mark.parametrize("country", COUNTRIES)
def test_a_country_with_no_national_line_says_so_and_points_to_the_emergency_number(country):
    referrals = referrals_for(country)
    notices = [r for r in referrals if r.id == "elements.no_national_line"]
    if not directory().has_national_line(country):
        assert notices, f"{country} has no national line and does not say so"
    for notice in notices:
        assert "emergency number" in notice.contact and notice.source and notice.checked
        # right after the emergency numbers
        assert all(r.kind == "emergency" for r in referrals[: referrals.index(notice)])


def test_the_countries_without_a_national_line_are_those_the_notes_name():
    missing = {c for c in COUNTRIES if not directory().has_national_line(c)}
    assert missing == {"CH", "IN", "KE", "NZ", "FR", "GR"}
    assert set(directory().no_national_line.countries) == {"CH", "IN", "KE", "NZ", "DE", "FR", "GR", "SE"}


@pytest.mark.parametrize("country", COUNTRIES)
def test_no_unconfirmed_or_doubtful_number_is_offered(country):
    result = evaluate({"jurisdiction": country}, "palermo")
    outputs = [render_text(result), render_markdown(result), result.model_dump_json()]
    shown = {c.dial for r in result.referrals for c in r.contacts}
    book = directory()
    for service in book.services:
        if not book.covers(service, country):
            continue
        for entry in service.contacts:
            if service.contact_mark(entry) != "R":
                continue
            digits = dial_form(entry.value)[0]
            assert digits not in shown, (service.id, entry.value)
            for text in outputs:
                assert not re.search(rf"(?<![\d ]){re.escape(entry.value)}(?![\d])", text), (service.id, entry.value)
        if service.mark == "R":
            assert service.id not in {r.id for r in result.referrals}


def test_the_doubtful_numbers_of_the_notes_are_held_back():
    by_id = services_by_id()
    assert by_id["za-salvation-army-helpline"].mark == "R"  # two sources, two numbers
    assert by_id["nl-proud"].mark == "R"  # "do not list it until it is confirmed"
    held = {(s.id, c.value) for s in by_id.values() for c in s.contacts if s.contact_mark(c) == "R"}
    assert {("de-hilfetelefon", "08000 116 016"), ("gr-a21", "1109")} <= held  # may have closed
    de = {r.id: r for r in referrals_for("DE")}
    assert [c.value for c in de["de-hilfetelefon"].contacts if c.type == "phone"] == ["116 016"]
    assert any("may have closed" in c for c in de["de-hilfetelefon"].cautions)
    assert "za-salvation-army-helpline" not in {r.id for r in referrals_for("ZA")}


def test_every_service_has_sources_a_mark_a_date_and_an_operator():
    book = directory()
    for service in book.services:
        assert service.sources and service.checked and service.mark, service.id
        assert service.operator in book.operators, service.id
        assert all(source.page and source.mark for source in service.sources), service.id
    for country in [*COUNTRIES, None]:
        for referral in referrals_for(country, SEX_WORK):
            assert referral.source and referral.checked and referral.confidence, referral.id
            if referral.kind != "notice":
                assert referral.operator in book.operators and referral.who_answers, referral.id


def test_no_internal_note_reaches_a_user():
    for country in [*COUNTRIES, None]:
        for referral in referrals_for(country, SEX_WORK):
            text = " ".join([referral.source, referral.note, referral.contact, *referral.cautions]).lower()
            for internal in ("research notes", "not recorded", "referrals.md", "referrals-more"):
                assert internal not in text, (referral.id, internal)


@pytest.mark.parametrize("country", COUNTRIES)
def test_a_police_or_immigration_line_says_so_beside_the_number_in_every_format(country):
    result = evaluate({"jurisdiction": country})
    text = " ".join(render_text(result).split())
    markdown = render_markdown(result)
    data = json.loads(result.model_dump_json())["referrals"]
    pdf_items = [plain for kind, value in pdf.blocks(markdown) if kind == "item" for plain in [pdf.plain(value[1])]]
    for index, referral in enumerate(result.referrals):
        if referral.operator not in ALERTED:
            continue
        assert referral.alert, referral.id
        assert referral.alert in data[index]["alert"] and referral.alert in data[index]["contact"]
        for contact in referral.contacts:
            if contact.type not in ("phone", "text", "tty"):
                continue
            # text: on the number's own row, after it
            assert re.search(re.escape(f": {contact.value}") + r"[^:]*?" + re.escape(referral.alert), text), (referral.id, contact.value)
            # Markdown (and so the PDF): the number's line, as a tel: link, carries the alert
            line = next(l for l in markdown.splitlines() if f"]({contact.href})" in l)
            assert referral.alert in line.replace("**", "")
            assert any(contact.value in item and referral.alert in item for item in pdf_items)


def test_the_pdf_keeps_numbers_as_tel_links():
    import exports
    from elements import validate_scenario

    scenario = validate_scenario({"jurisdiction": "GB"})
    data = exports.pdf_bytes(evaluate(scenario), scenario)
    assert b"/URI (tel:999)" in data and b"/URI (tel:08000121700)" in data
    assert b"/URI (https://modernslaveryhelpline.org)" in data


def test_the_app_shows_numbers_as_tel_links_with_who_answers():
    from streamlit.testing.v1 import AppTest

    def page():
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path.cwd() / "ui"))
        import display

        from elements import evaluate

        for code in ("ES", "US", "NG", "IE", "NL"):
            display.referrals(evaluate({"jurisdiction": code}).referrals)

    at = AppTest.from_function(page).run()
    assert not at.exception, at.exception
    shown = "\n".join(m.value for m in at.markdown).replace("\\", "")  # escapes undone
    assert "[900 10 50 90](tel:900105090)" in shown
    assert "[humantraffickinghotline.org](https://humantraffickinghotline.org)" in shown
    for plain in shown.splitlines():
        if "(tel:18663472423)" in plain:
            assert "HSI is part of ICE, an immigration enforcement agency." in plain
        if "(tel:627)" in plain:
            assert "law-enforcement agency" in plain
        if "(tel:1800666111)" in plain:
            assert "Gardaí, Ireland's police" in plain
    assert "Check a number before relying on it." in shown


@pytest.mark.parametrize("value,dial,href", [
    ("999", "999", "tel:999"),
    ("116 006", "116006", "tel:116006"),
    ("08000 121 700", "08000121700", "tel:08000121700"),
    ("1-888-373-7888", "18883737888", "tel:18883737888"),
    ("(022) 628 99 99", "0226289999", "tel:0226289999"),
    ("+46 (0)20-390 000", "+4620390000", "tel:+4620390000"),
])
def test_the_dial_form_is_the_digits_as_written_with_nothing_invented(value, dial, href):
    from elements.referrals import link_for

    assert dial_form(value) == (dial, "")
    assert link_for("phone", value, dial) == href


def test_every_shown_number_is_dialled_as_written():
    for country in COUNTRIES:
        for referral in referrals_for(country, SEX_WORK):
            for contact in referral.contacts:
                if contact.type in ("phone", "tty"):
                    assert contact.href == f"tel:{contact.dial}" + (f";ext={contact.extension}" if contact.extension else "")
                    written = re.sub(r"\(0\)", "", contact.value) if contact.value.startswith("+") else contact.value
                    written = re.sub(r"ext\..*", "", written)
                    assert contact.dial.lstrip("+") == re.sub(r"\D", "", written), contact.value
                    assert contact.dial.startswith("+") == contact.value.startswith("+")
                elif contact.type in ("web", "chat"):
                    assert contact.href.startswith(("https://", "http://"))
                elif contact.type == "email":
                    assert contact.href == f"mailto:{contact.value}"


def test_an_extension_is_dialled_after_the_number():
    swop = next(r for r in referrals_for("US", SEX_WORK) if r.id == "us-swop-behind-bars")
    phone = swop.contacts[0]
    assert (phone.dial, phone.extension, phone.href) == ("8777762004", "555", "tel:8777762004;ext=555")
    assert "(dial 8777762004, then extension 555)" in render_text(evaluate({"jurisdiction": "US", **SEX_WORK_SCENARIO}))


def test_text_and_markdown_show_the_form_a_phone_dials():
    result = evaluate({"jurisdiction": "GB"})
    assert "Phone: 08000 121 700 (dial 08000121700)" in render_text(result)
    markdown = render_markdown(result)
    assert "[08000 121 700](tel:08000121700) (dial 08000121700)" in markdown
    assert "[999](tel:999)" in markdown and "(dial 999)" not in markdown  # nothing to add


@pytest.mark.parametrize("country", COUNTRIES)
def test_a_secondary_entry_says_so_in_the_app_and_the_exports(country):
    result = evaluate({"jurisdiction": country})
    text, markdown = render_text(result), render_markdown(result)
    for referral in result.referrals:
        if referral.confidence == "secondary" and referral.kind != "notice":
            assert "From a secondary source: check it." in referral.cautions
            assert "From a secondary source: check it." in referral.contact or not referral.contacts
        for contact in referral.contacts:
            if contact.confidence == "secondary" and referral.confidence == "verified":
                line = next(l for l in markdown.splitlines() if contact.value in l)
                assert "from a secondary source: check it" in line
    if any(r.confidence == "secondary" and r.kind != "notice" for r in result.referrals):
        assert "From a secondary source: check it." in text and "From a secondary source: check it." in markdown


def test_where_sources_disagree_the_entry_says_so():
    by_id = services_by_id()
    for sid in ("ie-garda-confidential", "nl-comensha", "pl-kcik", "se-national-support-line", "za-salvation-army-helpline"):
        assert by_id[sid].sources_disagree, sid
    for country in COUNTRIES:
        for referral in referrals_for(country):
            if by_id.get(referral.id) and by_id[referral.id].sources_disagree:
                assert any(c.startswith("Sources disagree:") for c in referral.cautions)
    nl = render_markdown(evaluate({"jurisdiction": "NL"}))
    assert "Sources disagree:" in nl and "24/7 pilot" in nl


@pytest.mark.parametrize("country", COUNTRIES)
def test_sex_worker_led_services_come_with_the_sex_work_caveat_only(country):
    named = {s.id for s in directory().services if country in s.countries and "sex_work" in s.topics and s.mark != "R"}
    plain = {r.id for r in referrals_for(country)}
    raised = evaluate({"jurisdiction": country, **SEX_WORK_SCENARIO})
    assert "sex_work_distinction" in {c.id for c in raised.caveats}
    assert not named & plain and "nswp" not in plain
    assert named <= {r.id for r in raised.referrals} and "nswp" in {r.id for r in raised.referrals}


def test_a_sex_worker_led_organisation_that_may_have_closed_says_check_it_still_runs():
    for country, sid in (("IE", "ie-sex-workers-alliance"), ("CH", "ch-stts")):
        referral = next(r for r in referrals_for(country, SEX_WORK) if r.id == sid)
        assert any("check that it still runs" in c for c in referral.cautions)
        assert "check that it still runs" in render_markdown(evaluate({"jurisdiction": country, **SEX_WORK_SCENARIO}))


def test_the_review_of_december_2026_is_in():
    us = {r.id: r for r in referrals_for("US")}
    hsi = us["us-dhs-hsi-tip-line"]
    assert hsi.confidence == "verified" and "ice.gov/tipline" in hsi.source and hsi.checked == "2026-12-01"
    assert hsi.operator == "immigration" and "immigration enforcement agency" in hsi.alert
    ca = referrals_for("CA")[0]
    assert ca.id == "ca-emergency" and ca.confidence == "verified" and "gnb.ca" in ca.source
    au = {r.id: r for r in referrals_for("AU")}
    red_cross = au["au-red-cross-support-for-trafficked-people"]
    assert [c.value for c in red_cross.contacts] == ["03 9345 1800"] and red_cross.confidence == "secondary"
    assert "Additional Referral Pathway" in red_cross.note and "redcross.org.au/stpp" in red_cross.source
    gb = {r.id: r for r in referrals_for("GB")}
    assert gb["gb-salvation-army-referral-line"].contacts[0].dial == "08008083733"
    assert gb["gb-salvation-army-referral-line"].confidence == "secondary"
    la_strada = next(r for r in referrals_for("FR") if r.id == "eu-la-strada-international")
    assert not re.search(r"\d", la_strada.note)  # no member count: it has no source


def test_116_006_is_shown_in_every_member_state_with_a_check_where_it_may_not_run():
    listed = directory().services[[s.id for s in directory().services].index("eu-116006")].local_notes[0].countries
    for country in directory().eu_member_states:
        line = [r for r in referrals_for(country) if any(c.dial == "116006" for c in r.contacts)]
        assert len(line) == 1, country  # France's own 116 006 stands in for the EU entry
        checks = [c for c in line[0].cautions if "check whether it runs in your country" in c]
        assert bool(checks) == (country in listed), country
    assert not any(c.dial == "116006" for r in referrals_for("US") for c in r.contacts)


def test_without_a_country_or_for_one_not_covered_the_local_emergency_number_comes_first():
    for country, which in ((None, "without_country"), ("ZZ", "not_covered"), ("JP", "not_covered")):
        referrals = referrals_for(country)
        assert referrals[0].id == f"elements.{which}" and referrals[0].kind == "emergency"
        assert "local emergency number" in referrals[0].contact


def test_uk_is_read_as_gb():
    assert evaluate({"jurisdiction": "uk"}).referrals[0].contacts[0].value == "999"


def test_the_ordering_names_no_country():
    # The order is data: rules/referrals.yaml says which services a country gets.
    code = (Path(__file__).resolve().parents[1] / "src" / "elements" / "referrals.py").read_text()
    quoted = set(re.findall(r"[\"']([A-Z]{2})[\"']", code))
    assert not quoted & set(directory().countries()), quoted


def test_the_app_warns_to_check_a_number_and_the_result_page_offers_the_country(tmp_path):
    from ui_apptest import new_app, ok, set_country, shown

    at = new_app()
    at.switch_page("views/result.py")
    ok(at.run())
    assert "Choose a country to see its emergency number" in shown(at)
    set_country(at, "ES")
    page = shown(at)
    markdown = "\n".join(m.value for m in at.markdown)
    assert "Policía Nacional trafficking line" in page and "Check a number before relying on it." in page
    assert "(tel:112)" in markdown  # the emergency line at the top follows the choice
    set_country(at, "TH")
    assert "Our sources do not confirm this country's emergency number" in shown(at)
    assert "1300 Social Assistance Center" in shown(at)


def _write_rules(tmp_path, change) -> Path:
    data = yaml.safe_load((RULES / "referrals.yaml").read_text())
    change(data)
    path = tmp_path / "referrals.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


def test_a_country_without_a_national_line_must_say_so_or_the_file_is_refused(tmp_path):
    path = _write_rules(tmp_path, lambda data: data["no_national_line"]["countries"].pop("KE"))
    with pytest.raises(PackError) as caught:
        load(path, Directory)
    assert "KE has no national line" in caught.value.line() and str(path) in caught.value.line()


@pytest.mark.parametrize("change,words", [
    (lambda d: d["services"][1]["contacts"][0].update(value="08000-RESCUE"), "not a phone number"),
    (lambda d: d["services"][1].update(operator="friends"), "operator 'friends'"),
    (lambda d: d["services"][1].update(mark="V", sources=[{"page": "x.org", "mark": "S"}]), "no source carries that mark"),
    (lambda d: d["services"][1]["contacts"].append({"type": "phone", "value": "0800 1", "mark": "R", "note": "call 0800 1"}), "must not repeat its number"),
])
def test_a_referral_file_with_a_bad_entry_is_refused_in_one_line(tmp_path, change, words):
    path = _write_rules(tmp_path, change)
    with pytest.raises(PackError) as caught:
        load(path, Directory)
    assert words in caught.value.line() and "\n" not in caught.value.line()

