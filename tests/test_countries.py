"""rules/countries/iso3166-1.yaml: the ISO 3166-1 alpha-2 codes a jurisdiction may name."""
from __future__ import annotations

import pytest

from elements import validate_scenario
from elements.countries import countries, load_countries
from elements.errors import InputError, PackError
from elements.referrals import directory
from elements.yamlfile import rules_dir


def test_the_list_is_the_249_officially_assigned_codes():
    table = countries()
    assert len(table.countries) == 249
    assert table.countries["NO"] == "Norway" and table.countries["GB"] == "United Kingdom"
    assert table.countries["US"] == "United States" and table.countries["CZ"] == "Czechia"
    assert list(table.countries) == sorted(table.countries)
    # Reserved or user-assigned, not countries: refused. UK and EL are read as GB and GR.
    for code in ("XX", "ZZ", "EU", "UN", "UK", "EL", "XK", "AC", "SU", "YU", "AA", "QM"):
        assert code not in table.countries
    assert table.aliases == {"UK": "GB", "EL": "GR"}
    assert "Source: the ISO 3166-1 list" in (rules_dir() / "countries" / "iso3166-1.yaml").read_text()


def test_every_country_the_referrals_name_is_in_the_list():
    named = set(directory().countries())
    assert named and named <= set(countries().countries)


@pytest.mark.parametrize("given, code", [("NO", "NO"), ("no", "NO"), ("gb", "GB"), ("UK", "GB"), ("uk", "GB"),
                                         ("EL", "GR"), (" fr ", "FR"), ("", None), (None, None)])
def test_a_jurisdiction_is_normalised(given, code):
    assert validate_scenario({"jurisdiction": given}).jurisdiction == code


@pytest.mark.parametrize("given", ["XX", "ZZ", "123", "EU", "USA", "U", "XK"])
def test_a_code_not_in_use_is_refused_with_the_field_named(given):
    with pytest.raises(InputError) as refused:
        validate_scenario({"jurisdiction": given})
    assert refused.value.line() == f"scenario: jurisdiction: {given} is not an ISO 3166-1 alpha-2 country code in use (such as US or GB)"


def test_the_app_names_countries_from_the_list():
    import sys

    from ui_apptest import UI  # puts ui/ on the path

    assert str(UI) in sys.path
    import countries as ui_countries

    assert ui_countries.name("NO") == "Norway (NO)"
    assert ui_countries.name("KR") == "Korea, Republic of (KR)"
    assert ui_countries.name(None) == "Not given"
    other = next(c for c in countries().countries if c not in directory().countries())
    assert ui_countries.choices(other)[-1] == other  # a loaded country without referrals is kept


def test_a_broken_list_is_reported(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text('countries: {"NO": Norway}\naliases: {"UK": "GB"}\n')
    with pytest.raises(PackError) as broken:
        load_countries(path)
    assert "aliases: UK stands for GB, which is not one of the countries" in broken.value.line()
    path.write_text('countries: {"Norway": "NO"}\n')
    with pytest.raises(PackError) as broken:
        load_countries(path)
    assert broken.value.line().startswith(f"{path}: countries.Norway")
