"""Bad input, table by table: every case gives the exit code it must, and one first line that
names the file (or line) and the field, with no traceback.

The CLI's `check` reads each case as a file, `batch` reads the JSON cases as lines of one
file (good lines between them: nothing may be lost), and the app's load page reads a sample of
them as uploads. test_the_tally_is_written counts what was tried, by exit code, with an example
first line of each kind (test-artifacts/bad-inputs.txt).
"""
from __future__ import annotations

import json
import os
import socket
from collections import Counter
from pathlib import Path

import pytest

from elements.cli import main
from elements.errors import printable
from ui_server import REPO

TALLY: Counter = Counter()
EXAMPLES: dict[str, str] = {}
ARTIFACT = REPO / "test-artifacts" / "bad-inputs.txt"
MB = 1024 * 1024


def count(kind: str, code: int, first_line: str) -> None:
    TALLY[(kind, code)] += 1
    EXAMPLES.setdefault(f"{kind} exit {code}", first_line)


# (name, file content, field the first line names, a fragment of the message). The field is
# what follows "elements: FILE: "; "" for a message about the file as a whole.
AGE = "whole number from 0 to 130, or null when unknown"
LEADING_ZERO = "without a leading zero"
RANGE = "must be from 0 to 130"
FACT = "must be true, false or null"
COUNTRY = "is not an ISO 3166-1 alpha-2 country code in use"
NOT_CODE = "must be a two-letter ISO 3166-1 country code"
EXTRA = "is not a field this file may have"

CASES: list[tuple[str, str | bytes, str, str]] = []


def case(name: str, content: str | bytes, field: str, fragment: str) -> None:
    CASES.append((name, content, field, fragment))


# Ages: YAML 1.1 read 020 as 16, 017 as 15 and 1:05 as 65; an age is a decimal whole number.
for text in ("020", "017", "00", "0016", "08", "09", "-01", "+017", "000000000016"):
    case(f"age-{text}", f"person: {{age: {text}}}\n", "person.age", LEADING_ZERO)
for text in ("1:05", "0:30", "16:00", "16.0", "16.5", "1e1", "1.6e1", ".inf", "-.inf", ".nan", "16.", "0x10",
             "0o20", "0b10000", "1_6", "'16'", '"16"', "sixteen", "yes", "no", "true", "false", "NO", "on", "off",
             "~16", "[16]", "{a: 16}", "16 years", "''", "'   '", "sixteen-ish", "X", "0x", "-", "+", "Infinity"):
    case(f"age-{text}", f"person: {{age: {text}}}\n", "person.age", AGE)
for text in ("131", "200", "-1", "-130", "1000", "99999999999999999999", "9" * 4301, "-" + "9" * 5000, "1" + "0" * 9999):
    case(f"age-{text[:12]}-{len(text)}", f"person: {{age: {text}}}\n", "person.age", RANGE)
case("age-under-facts", "facts: {person.age: 16}\n", "facts.person.age", "the age goes under person: age")
case("age-top-level", "age: 16\n", "age", EXTRA)
case("person-list", "person: [16]\n", "person", "must be a mapping")
case("person-number", "person: 16\n", "person", "must be a mapping")
case("person-field", "person: {name: Ann}\n", "person.name", EXTRA)
case("person-Age", "person: {Age: 16}\n", "person.Age", EXTRA)

# Fact values: only true, false and null (YAML 1.1's yes/no/on/off are text now, and refused).
for text in ("yes", "no", "on", "off", "y", "n", "Yes", "NO", "ON", "Off", "'true'", "'false'", "1", "0", "-1", "1.0",
             "0.0", "'null'", "[true]", "{v: true}", "unknown", "maybe", "tru", "TRUE_", "'  '", "0x1", "1:00", "2003-12-25"):
    case(f"fact-{text}", f"facts: {{action.recruitment: {text}}}\n", "facts.action.recruitment", FACT)

# Jurisdictions: an ISO 3166-1 alpha-2 code in use (UK and EL read as GB and GR).
for text in ("XX", "ZZ", "AA", "QM", "XK", "EU", "UN", "AC", "SU", "YU", "ZR", "TP", "FX", "DD", "CS", "EA", "IC", "USA",
             "GBR", "U", "'U S'", "'00'", "'12'", "gb.", "Ü", "ÜS", "'G B'", "xx", "Norway", "'--'"):
    case(f"country-{text}", f"jurisdiction: {text}\n", "jurisdiction", COUNTRY)
for text in ("123", "12", "true", "false", "[US]", "{US: 1}", "1.5"):
    case(f"country-{text}", f"jurisdiction: {text}\n", "jurisdiction", NOT_CODE)

# Fact ids.
for fact_id, fragment in (("action.recruitmnt", "did you mean action.recruitment?"), ("Action.recruitment", "unknown fact id"),
                          ("action.", "unknown fact id"), (".recruitment", "unknown fact id"), ("means.*", "unknown fact id"),
                          ("purpose.other", "unknown fact id"), ("consent", "unknown fact id"), ("movement.crossed", "unknown fact id"),
                          ("facts.action.recruitment", "unknown fact id"), ("victim", "unknown fact id"),
                          ("action recruitment", "unknown fact id"), ("a" * 400, "unknown fact id")):
    field = f"facts.{fact_id}"
    case(f"fact-id-{fact_id[:20]}", f"facts: {{'{fact_id}': true}}\n", field if len(field) <= 200 else field[:199] + "\u2026", fragment)
case("fact-id-escape", 'facts: {"action.recruitment\\e[31m": true}\n', "facts.action.recruitment\\x1b[31m", "unknown fact id")
case("fact-id-newline", 'facts: {"action.recruitment\\nfoo": true}\n', "facts.action.recruitment\\nfoo", "unknown fact id")
case("fact-id-bidi", 'facts: {"action\\u202e.recruitment": true}\n', "facts.action\\u202e.recruitment", "unknown fact id")
case("fact-id-number", "facts: {1: true}\n", "facts.1", "unknown fact id")

# Fields and shapes.
for field in ("fact", "Facts", "victim", "verdict", "juristiction", "framework", "persons", "outcome", "age_unknown"):
    case(f"field-{field}", f"{field}: true\n", field, EXTRA)
case("facts-list", "facts: [action.recruitment]\n", "facts", "must be a mapping")
case("facts-true", "facts: true\n", "facts", "must be a mapping")
case("facts-text", "facts: all of them\n", "facts", "must be a mapping")
case("title-number", "title: 42\n", "title", "must be text")
case("title-list", "title: [a, b]\n", "title", "must be text")
case("narrative-map", "narrative: {a: b}\n", "narrative", "must be text")
case("tags-text", "tags: loverboy\n", "tags", "must be a list")
case("top-list", "- a\n- b\n", "(top level)", "not a list")
case("top-text", "hello\n", "(top level)", "not a text")
case("top-number", "42\n", "(top level)", "not a number")
case("top-true", "true\n", "(top level)", "not true or false")
case("top-yes", "yes\n", "(top level)", "not a text")
case("empty", "", "", "is empty")
case("blank", "   \n\n", "", "is empty")
case("null", "null\n", "", "is empty")
case("tilde", "~\n", "", "is empty")
case("comment-only", "# nothing here\n", "", "is empty")
case("document-marker", "---\n", "", "is empty")
case("two-documents", "title: a\n---\ntitle: b\n", "line 2, column 1", "but found another document")

# YAML syntax.
case("unclosed-list", "facts: [\n", "line 2, column 1", "did not find expected node content")
case("unclosed-map", "facts: {action.recruitment: true\n", "line 2, column 1", "expected ',' or '}'")
case("nested-colon", "a: b: c\n", "line 1, column 5", "mapping values are not allowed")
case("tab-indent", "facts:\n\taction.recruitment: true\n", "line 2, column 1", "found character")
case("mixed-block", "facts:\n  - a\n  b: c\n", "line 3, column 3", "did not find expected '-' indicator")
case("unclosed-single", "title: 'unclosed\n", "line 2, column 1", "found unexpected end of stream")
case("unclosed-double", 'title: "unclosed\n', "line 2, column 1", "found unexpected end of stream")
case("at-sign", "@x: 1\n", "line 1, column 1", "found character")
case("backquote", "`x: 1\n", "line 1, column 1", "found character")
case("python-tag", "title: !!python/object/apply:os.system [echo hi]\n", "line 1, column 8", "could not determine a constructor")
case("custom-tag", "title: !secret x\n", "line 1, column 8", "could not determine a constructor")
case("bool-tag", "facts: {action.recruitment: !!bool yes}\n", "line 1, column 29", "yes is not true or false")
case("int-tag", "person: {age: !!int 020}\n", "line 1, column 15", "020 is not a decimal whole number")
case("undefined-alias", "title: *nothing\n", "line 1, column 8", "found undefined alias")
case("fact-twice", "facts:\n  action.recruitment: true\n  action.recruitment: false\n", "line 3, column 3", "action.recruitment is given twice")
case("person-twice", "person: {age: 16}\nperson: {age: 30}\n", "line 2, column 1", "person is given twice")
case("merge-key", "person:\n  <<: {age: 16}\n", "person.<<", EXTRA)  # YAML 1.2 has no merge keys
case("control-char", "title: a\x07b\n", "line 1, column 9", "U+0007 is not allowed")
case("escape-char", "title: a\x1b[31mred\n", "line 1, column 9", "U+001B is not allowed")
case("nested-deep-flow", "facts: " + "[" * 20000 + "]" * 20000 + "\n", "line 1, column 1007", "exceeded maximum nesting depth")
case("yaml-1.1-directive", "%YAML 1.1\n---\nperson: {age: 020}\n", "person.age", LEADING_ZERO)

# Bytes.
case("binary", bytes(range(256)) * 4, "", "is binary")
case("nul", b"title: a\x00b\n", "", "is binary")
case("utf16", "title: x\n".encode("utf-16"), "", "is binary")
case("latin1", "title: café\n".encode("latin-1"), "", "is not UTF-8 text")
case("bad-utf8", b"title: \xff\xfe\n", "", "is not UTF-8 text")
case("too-large", "title: x\nnarrative: " + "a" * MB + "\n", "", "is larger than 1 MB")
case("too-large-comment", "title: x\n" + "#" * (MB + 1), "", "is larger than 1 MB")


# JSON files are read as JSON, not as YAML.
JSON_CASES: list[tuple[str, str | bytes, str, str]] = [
    ("json-single-quotes", "{'facts': {}}", "line 1, column 2", "is not valid JSON"),
    ("json-trailing-comma", '{"facts": {},}', "line 1, column 1*", "is not valid JSON"),  # 13 or 14 by Python version
    ("json-leading-zero", '{"person": {"age": 020}}', "line 1, column 21", "is not valid JSON"),
    ("json-yaml-text", "person: {age: 16}\n", "line 1, column 1", "is not valid JSON"),
    ("json-comment", '// c\n{"facts": {}}', "line 1, column 1", "is not valid JSON"),
    ("json-unclosed", '{"facts": {"action.recruitment": tru', "line 1, column 34", "is not valid JSON"),
    ("json-nan-age", '{"person": {"age": NaN}}', "", "NaN is not a JSON number"),
    ("json-infinity", '{"person": {"age": Infinity}}', "", "Infinity is not a JSON number"),
    ("json-float-age", '{"person": {"age": 16.0}}', "person.age", AGE),
    ("json-text-age", '{"person": {"age": "16"}}', "person.age", AGE),
    ("json-zero-text-age", '{"person": {"age": "020"}}', "person.age", LEADING_ZERO),
    ("json-huge-age", '{"person": {"age": ' + "9" * 5000 + "}}", "person.age", RANGE),
    ("json-yes", '{"facts": {"action.recruitment": "yes"}}', "facts.action.recruitment", FACT),
    ("json-one", '{"facts": {"action.recruitment": 1}}', "facts.action.recruitment", FACT),
    ("json-twice", '{"facts": {"action.recruitment": true, "action.recruitment": false}}', "", "action.recruitment is given twice"),
    ("json-list", "[1, 2]", "(top level)", "not a list"),
    ("json-string", '"facts"', "(top level)", "not a text"),
    ("json-null", "null", "", "is empty"),
    ("json-deep", '{"facts": ' + "[" * 5000 + "]" * 5000 + "}", "", "nested too deeply"),
    ("json-country", '{"jurisdiction": "ZZ"}', "jurisdiction", COUNTRY),
    ("json-country-number", '{"jurisdiction": 826}', "jurisdiction", NOT_CODE),
    ("json-utf16", '{"facts": {}}'.encode("utf-16"), "", "is binary"),
    ("json-latin1", '{"title": "café"}'.encode("latin-1"), "", "is not UTF-8 text"),
]


def write_case(folder: Path, name: str, content: str | bytes, suffix: str = ".yaml") -> Path:
    path = folder / (name.replace("/", "_")[:80] + suffix)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def check_first_line(err: str, source: str, field: str, fragment: str) -> str:
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    first = lines[0]
    # A field ending in * is a prefix: where Python versions place a JSON error differently.
    prefix = f"elements: {source}: " + (field[:-1] if field.endswith("*") else f"{field}: " if field else "")
    assert first.startswith(prefix), (first, prefix)
    assert fragment in first, (first, fragment)
    return first


@pytest.mark.parametrize("name, content, field, fragment", CASES, ids=[c[0] for c in CASES])
def test_check_refuses_a_bad_yaml_file(tmp_path, capsys, name, content, field, fragment):
    path = write_case(tmp_path, name, content)
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    count("check (YAML file)", code, check_first_line(err, str(path), field, fragment))


@pytest.mark.parametrize("name, content, field, fragment", JSON_CASES, ids=[c[0] for c in JSON_CASES])
def test_check_refuses_a_bad_json_file(tmp_path, capsys, name, content, field, fragment):
    path = write_case(tmp_path, name, content, ".json")
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    count("check (JSON file)", code, check_first_line(err, str(path), field, fragment))


# Input that YAML 1.1 read as something else, and which must now be read as what it says.
ACCEPTED: list[tuple[str, str, dict]] = [
    ("norway", "jurisdiction: NO\n", {"jurisdiction": "NO"}),
    ("norway-lower", "jurisdiction: no\n", {"jurisdiction": "NO"}),
    ("gb-lower", "jurisdiction: gb\n", {"jurisdiction": "GB"}),
    ("uk", "jurisdiction: UK\n", {"jurisdiction": "GB"}),
    ("uk-lower", "jurisdiction: uk\n", {"jurisdiction": "GB"}),
    ("el", "jurisdiction: EL\n", {"jurisdiction": "GR"}),
    ("spaces", "jurisdiction: ' de '\n", {"jurisdiction": "DE"}),
    ("space-after", "jurisdiction: 'US '\n", {"jurisdiction": "US"}),
    ("on-text-title", "title: on\nfacts: {action.recruitment: true}\n", {"title": "on"}),
    ("yes-id", "id: yes\n", {"id": "yes"}),
    ("sexagesimal-title", "title: 1:05\n", {"title": "1:05"}),
    ("date-title", "title: 2003-12-25\n", {"title": "2003-12-25"}),
    ("octal-looking-id", "id: '017'\n", {"id": "017"}),
    ("true-capital", "facts: {action.recruitment: True, means.fraud: FALSE, purpose.slavery: Null}\n",
     {"facts": {"action.recruitment": True, "means.fraud": False, "purpose.slavery": None}}),
    ("age-zero", "person: {age: 0}\n", {"person": {"age": 0}}),
    ("age-plus", "person: {age: +16}\n", {"person": {"age": 16}}),
    ("age-null", "person: {age: ~}\n", {"person": {"age": None}}),
    ("age-130", "person: {age: 130}\n", {"person": {"age": 130}}),
    ("empty-country", "jurisdiction: ''\n", {"jurisdiction": None}),
    ("bom", "\ufefftitle: x\n", {"title": "x"}),
]


@pytest.mark.parametrize("name, content, expected", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_check_reads_yaml_as_yaml_1_2(tmp_path, capsys, name, content, expected):
    from elements import parse_scenario

    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 0 and err == "" and json.loads(out)["framework"] == "palermo"
    scenario = parse_scenario(content, name).model_dump()
    for key, value in expected.items():
        if isinstance(value, dict):
            assert {k: scenario[key][k] for k in value} == value
        else:
            assert scenario[key] == value
    count("check (accepted as YAML 1.2)", code, f"{name}: {content.strip()[:40]!r} -> {expected}")


def test_an_octal_looking_age_no_longer_makes_an_undetermined_met(tmp_path, capsys):
    """The red team's case: 020 read as 16 (a child) turned "undetermined" into "all elements met"."""
    path = tmp_path / "octal.yaml"
    path.write_text("person: {age: 020}\nfacts: {action.recruitment: true, purpose.forced_labour: true}\n")
    assert main(["check", str(path)]) == 2
    assert "person.age: must be a whole number without a leading zero (20, not 020)" in capsys.readouterr().err


# (argv after `check FILE`, the field the first line names, a fragment)
FRAMEWORK_ARGS = [
    (["-f", "narnia"], "--framework: narnia", "is not a known framework"),
    (["-f", "all", "narnia"], "--framework: narnia", "is not a known framework"),
    (["-f", "narnia", "all"], "--framework: narnia", "is not a known framework"),
    (["-f", "all", "-f", "narnia"], "--framework: narnia", "is not a known framework"),
    (["-f", "palermo", "narnia"], "--framework: narnia", "is not a known framework"),
    (["-f", "PALERMO"], "--framework: PALERMO", "is not a known framework"),
    (["-f", "ALL"], "--framework: ALL", "is not a known framework"),
    (["-f", ""], "--framework", "is not a known framework"),
    (["-f", "pal ermo"], "--framework: pal ermo", "is not a known framework"),
    (["-f", "x\x1b[2Jy"], "--framework: x\\x1b[2Jy", "is not a known framework"),
    (["-f", "x\ny"], "--framework: x\\ny", "is not a known framework"),
    (["-f", "countries"], "--framework: countries", "is not a known framework"),
    (["-f", "vocabulary"], "--framework: vocabulary", "is not a known framework"),
    (["-f", "caveats"], "--framework: caveats", "is not a known framework"),
]


@pytest.mark.parametrize("extra, field, fragment", FRAMEWORK_ARGS, ids=[repr(a[0][1:]) for a in FRAMEWORK_ARGS])
def test_an_unknown_framework_anywhere_is_exit_2(tmp_path, capsys, extra, field, fragment):
    path = tmp_path / "good.yaml"
    path.write_text("facts: {action.recruitment: true}\n")
    code = main(["check", str(path), *extra])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert err.startswith(f"elements: {field}") and fragment in err, err
    count("check (framework argument)", code, err.splitlines()[0])


USAGE = [[], ["check"], ["check", "x.yaml", "--format", "pdf"], ["nonsense"], ["check", "x.yaml", "-f"],
         ["batch", "x.jsonl", "--format", "text"], ["check", "\x1b[31m", "--bogus"], ["frameworks", "--format", "x\ny"]]


@pytest.mark.parametrize("argv", USAGE, ids=[repr(a) for a in USAGE])
def test_usage_errors_are_one_line_without_control_characters(capsys, argv):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out, err = capsys.readouterr()
    assert stop.value.code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("elements") and "\x1b" not in err, err
    assert "\n" not in err.rstrip("\n")
    count("usage", 2, err.splitlines()[0])


def _file_errors(tmp_path: Path) -> list[tuple[str, str, str]]:
    """(name, path, fragment): files that cannot be read, by real errors of the system."""
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    plain = tmp_path / "plain.yaml"
    plain.write_text("title: x\n")
    sock_path = tmp_path / "socket.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    server.close()
    return [
        ("missing", str(tmp_path / "nope.yaml"), "no such file"),
        ("folder", str(tmp_path), "is a folder, not a file"),
        ("symlink-loop", str(loop), "cannot be read (Too many levels of symbolic links)"),
        ("name-too-long", str(tmp_path / ("n" * 300 + ".yaml")), "cannot be read (File name too long)"),
        ("not-a-folder", str(plain / "x.yaml"), "cannot be read (Not a directory)"),
        ("socket", str(sock_path), "cannot be read (No such device or address)"),
        ("proc-mem", "/proc/self/mem", "cannot be read (Input/output error)"),
        ("dev-zero", "/dev/zero", "is larger than 1 MB"),
        ("newline-name", str(tmp_path / "a\nb.yaml"), "no such file"),
    ]


def test_files_that_cannot_be_read(tmp_path, capsys):
    for name, path, fragment in _file_errors(tmp_path):
        # A line of /dev/zero never ends: batch reads past it without holding it, for ever.
        for command in (["check", path], *([] if name == "dev-zero" else [["batch", path, "-f", "palermo"]])):
            code = main(command)
            out, err = capsys.readouterr()
            assert code == 2 and out == "", (name, command, err)
            first = check_first_line(err, printable(path), "", fragment)
            count(f"{command[0]} (file that cannot be read)", code, first)


def test_permission_denied(tmp_path, capsys, monkeypatch):
    """As root a mode of 000 does not stop reading, so the system's refusal is stood in for."""
    import builtins

    path = tmp_path / "secret.yaml"
    path.write_text("title: x\n")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    for command in (["check", str(path)], ["batch", str(path), "-f", "palermo"]):
        code = main(command)
        _, err = capsys.readouterr()
        assert code == 2
        count(f"{command[0]} (file that cannot be read)", code,
              check_first_line(err, str(path), "", "cannot be read (Permission denied)"))


# Batch lines: (JSON text of the line, the field the error names, a fragment).
def batch_lines() -> list[tuple[str, str, str]]:
    lines: list[tuple[str, str, str]] = []
    for text in ("16.0", "16.5", "1e1", '"16"', '"020"', "true", "false", "[16]", "{}", '"sixteen"', '""', "-1", "131",
                 "9" * 5000, "-" + "9" * 4400):
        fragment = LEADING_ZERO if text == '"020"' else RANGE if text.lstrip("-").isdigit() else AGE
        lines.append((json.dumps({"person": {"age": "PLACEHOLDER"}}).replace('"PLACEHOLDER"', text), "person.age", fragment))
    for value in ("yes", "no", "on", "true", 1, 0, 1.0, [], {}, "null", "unknown"):
        lines.append((json.dumps({"facts": {"action.recruitment": value}}), "facts.action.recruitment", FACT))
    for code in ("XX", "ZZ", "123", "USA", "EU", "XK", "", "  ", "u", "Ü"):
        fragment = COUNTRY
        if not code.strip():
            continue  # an empty jurisdiction is "not given"
        lines.append((json.dumps({"jurisdiction": code}), "jurisdiction", fragment))
    for value in (123, True, ["US"], {"US": 1}):
        lines.append((json.dumps({"jurisdiction": value}), "jurisdiction", NOT_CODE))
    for fact_id in ("action.recruitmnt", "person.age", "x", "action.recruitment\n", "a\x1b[31mb", "\u202eaction"):
        shown = json.dumps(fact_id)[1:-1].replace("\\u001b", "\\x1b").replace("\\u202e", "\\u202e")
        lines.append((json.dumps({"facts": {fact_id: True}}), f"facts.{shown}", "unknown fact id"))
    for field in ("fact", "victim", "verdict", "Person", "age"):
        lines.append((json.dumps({field: True}), field, EXTRA))
    for text, fragment in (("[]", "must be a mapping of fields"), ("1", "must be a mapping of fields"), ('"x"', "must be a mapping"),
                           ("null", "must be a mapping"), ("true", "must be a mapping")):
        lines.append((text, "(top level)", fragment))
    for text, fragment in (("not json", "is not a JSON object (Expecting value)"), ("{", "is not a JSON object"),
                           ("{'a': 1}", "is not a JSON object"), ('{"a": 1,}', "is not a JSON object"),
                           ('{"person": {"age": 020}}', "is not a JSON object"), ("person: {age: 16}", "is not a JSON object"),
                           ('{"a": NaN}', "NaN is not a JSON number"), ('{"a": -Infinity}', "-Infinity is not a JSON number"),
                           ('{"facts": {}, "facts": {}}', "facts is given twice"), ('{"a": "x\x01y"}', "is not a JSON object"),
                           ("[" * 1000 + "]" * 1000, "is nested too deeply"), ('{"f": ' + "[" * 100000 + "]" * 100000 + "}", "is nested too deeply"),
                           ('{"a":' * 3000, "is nested too deeply"), ("\x1b[2J{}", "is not a JSON object")):
        lines.append((text, "", fragment))
    return lines


def test_batch_answers_every_line_with_its_number(tmp_path, capsys):
    good = json.dumps({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}})
    bad = batch_lines()
    rows: list[bytes] = []
    expected: dict[int, tuple[str, str] | None] = {}
    blank = 0
    for text, field, fragment in bad:
        rows.append(text.encode())
        expected[len(rows)] = (field, fragment)
        rows.append(good.encode())
        expected[len(rows)] = None
        if len(rows) % 7 == 0:
            rows.append(b"   ")
            blank += 1
    # Bytes no JSON text holds, and lines over the limit of 1 MB.
    for raw, fragment in ((b"\xff\xfe{}", "not UTF-8"), (b'{"title": "caf\xe9"}', "not UTF-8"), (b"\x00\x00", "is not a JSON object"),
                          (b'{"title": "' + b"a" * MB + b'"}', "is larger than 1 MB"), (b"\x00" * (3 * MB), "is larger than 1 MB")):
        rows.append(raw)
        expected[len(rows)] = ("", fragment)
        bad.append((repr(raw[:20]), "", fragment))
    rows.append(good.encode())
    expected[len(rows)] = None
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(rows) + b"\n")

    code = main(["batch", str(path), "-f", "palermo"])
    out, err = capsys.readouterr()
    assert code == 2
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in results] == sorted(expected)  # every non-blank line, in order
    for row in results:
        want = expected[row["line"]]
        if want is None:
            assert row["outcome"] == "all_elements_met" and "error" not in row
            continue
        field, fragment = want
        prefix = f"{path}:{row['line']}: " + (f"{field}: " if field else "")
        assert row["error"].startswith(prefix) and fragment in row["error"], (row, prefix, fragment)
        assert "\x1b" not in row["error"] and "\n" not in row["error"]
        count("batch (line)", 2, row["error"])
    refused = sum(1 for w in expected.values() if w)
    evaluated = len(expected) - refused
    assert "Traceback" not in err
    assert err.splitlines()[-1] == f"elements: {path}: {evaluated} evaluated, {refused} refused, {blank} blank"
    assert len(err.splitlines()) == refused + 1  # each refusal, then the summary
    TALLY[("batch (good lines between them)", 0)] += evaluated


# A sample for the app's load page: each upload shows the CLI's first line, never a traceback.
# (Two documents in one file are a set of two scenarios there, not an error: see test_ui_load.py.)
UPLOADS = [c for c in CASES if c[0] in {
    "age-020", "age-1:05", "age-16.5", "age-yes", "age-131", "age-999999999999-4301", "age-100000000000-10000", "fact-yes",
    "fact-NO", "fact-1", "country-XX", "country-ZZ", "country-123", "country-EU", "fact-id-action.recruitmnt",
    "fact-id-escape", "field-victim", "top-list", "empty", "unclosed-list", "python-tag", "bool-tag",
    "fact-twice", "control-char", "nested-deep-flow", "binary", "latin1", "too-large", "yaml-1.1-directive", "merge-key",
    "person-number"}]


def test_the_load_page_refuses_bad_uploads_with_the_clis_line():
    from ui_apptest import new_app, ok, plain

    assert len(UPLOADS) >= 30
    at = new_app()
    at.switch_page("views/load.py")
    ok(at.run())
    cases = [(f"{n}.yaml", c, f, m) for n, c, f, m in UPLOADS]
    cases += [(f"{n}.json", c, f, m) for n, c, f, m in JSON_CASES if n in {"json-yaml-text", "json-nan-age", "json-huge-age", "json-twice"}]
    for name, content, field, fragment in cases:
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        at.file_uploader(key="load.upload").set_value((name, data, "application/octet-stream"))
        ok(at.run())
        errors = [plain(e.value) for e in at.error]
        assert len(errors) == 1, (name, errors)
        prefix = f"This file cannot be loaded. {name}: " + (f"{field}: " if field else "")
        assert errors[0].startswith(prefix) and fragment in errors[0], (name, errors[0])
        assert not [b for b in at.button if b.key == "load.upload.go"]
        count("app load page (upload)", 2, errors[0])


def test_the_tally_is_written():
    """Past 250 bad inputs in all; run last in this file, it writes what the tests above tried,
    by kind and exit code, with an example first line of each kind."""
    bad = len(CASES) + len(JSON_CASES) + len(FRAMEWORK_ARGS) + len(USAGE) + len(batch_lines()) + len(UPLOADS)
    assert bad >= 250, bad
    if not TALLY:  # run on its own
        return
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    by_code: Counter = Counter()
    for (_kind, code), n in TALLY.items():
        by_code[code] += n
    lines = [f"{sum(TALLY.values())} inputs tried; by exit code: " + ", ".join(f"{c}: {n}" for c, n in sorted(by_code.items()))]
    lines += [f"{kind} exit {code}: {n}" for (kind, code), n in sorted(TALLY.items())]
    lines += ["", "An example first line of each kind:"]
    lines += [f"- {kind}: {line[:200]}" for kind, line in EXAMPLES.items()]
    ARTIFACT.write_text("\n".join(lines) + "\n", encoding="utf-8")
