"""YAML read with YAML 1.2 semantics; every file in rules/ still means what it meant."""
from __future__ import annotations

import datetime

import pytest
import yaml

from elements.yamlfile import LongNumber, load_json, load_yaml, rules_dir

RULE_FILES = sorted(p for p in rules_dir().rglob("*") if p.suffix in (".yaml", ".yml"))


@pytest.mark.parametrize("text, value", [
    ("020", "020"), ("017", "017"), ("1:05", "1:05"), ("NO", "NO"), ("no", "no"), ("yes", "yes"), ("Yes", "Yes"),
    ("on", "on"), ("off", "off"), ("y", "y"), ("0x10", "0x10"), ("0o17", "0o17"), ("1_000", "1_000"),
    ("2003-12-25", "2003-12-25"), ("=", "="), ("<<", "<<"),
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
    ("16", 16), ("-1", -1), ("+16", 16), ("0", 0), ("16.0", 16.0), ("1e3", 1000.0), (".5", 0.5),
    ("~", None), ("null", None), ("", None),
])
def test_scalars_mean_what_yaml_1_2_says(text, value):
    read = load_yaml(f"a: {text}")["a"]
    assert read == value and type(read) is type(value)


def test_the_differences_from_yaml_1_1_are_the_ones_we_mean():
    """PyYAML's safe_load (YAML 1.1) read these as something else: the old readings."""
    old = yaml.safe_load("{age: 020, b: 017, c: 1:05, d: NO, e: yes, f: off, g: 2003-12-25}")
    assert old == {"age": 16, "b": 15, "c": 65, "d": False, "e": True, "f": False, "g": datetime.date(2003, 12, 25)}
    new = load_yaml("{age: 020, b: 017, c: 1:05, d: NO, e: yes, f: off, g: 2003-12-25}")
    assert new == {"age": "020", "b": "017", "c": "1:05", "d": "NO", "e": "yes", "f": "off", "g": "2003-12-25"}


def test_a_number_too_long_to_convert_is_kept_as_its_length():
    for read in (load_yaml("a: " + "9" * 5000)["a"], load_json('{"a": ' + "9" * 5000 + "}")["a"]):
        assert isinstance(read, LongNumber) and read.digits == 5000
    assert load_json('{"a": 16}')["a"] == 16


def _normalised(data):
    """The 1.1 reading with its dates written as text: YAML 1.2 has no date type, and the
    schemas (pydantic date fields) read the text as the same date."""
    if isinstance(data, dict):
        return {_normalised(k): _normalised(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_normalised(v) for v in data]
    if isinstance(data, (datetime.date, datetime.datetime)):
        return data.isoformat()
    return data


@pytest.mark.parametrize("path", RULE_FILES, ids=[str(p.relative_to(rules_dir())) for p in RULE_FILES])
def test_every_rule_file_reads_the_same_under_both_readers(path):
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == _normalised(yaml.safe_load(text))


def test_there_are_rule_files_of_every_kind():
    names = {p.name for p in RULE_FILES}
    assert {"palermo.yaml", "vocabulary.yaml", "caveats.yaml", "referrals.yaml", "phrases.yaml", "iso3166-1.yaml"} <= names
    assert sum(1 for p in RULE_FILES if p.parent.name == "scenarios") >= 40


def _says(data) -> list[dict]:
    """Every `says:` mapping in a pack, wherever the pack's format nests its rules."""
    if isinstance(data, dict):
        found = [data["says"]] if isinstance(data.get("says"), dict) else []
        return found + [s for value in data.values() for s in _says(value)]
    if isinstance(data, list):
        return [s for value in data for s in _says(value)]
    return []


def test_the_packs_true_and_false_keys_are_still_booleans():
    says = _says(load_yaml((rules_dir() / "palermo.yaml").read_text()))
    assert len(says) >= 5 and all({True, False} <= set(s) for s in says)


def test_dates_in_rule_files_are_still_dates_after_validation():
    from elements.packs import get_pack
    from elements.referrals import directory

    assert get_pack("palermo").in_force == datetime.date(2003, 12, 25)
    assert isinstance(directory().checked, datetime.date)
