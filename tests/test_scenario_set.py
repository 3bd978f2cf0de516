"""A trainer's own scenarios (elements.scenario_set): uploads read into Scenarios, or refused
with the file, the file inside a ZIP and the field named."""
from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

import ui_apptest  # noqa: F401  (puts ui/ on the import path, for the app's own export)
import exports
from elements import evaluate, load_scenario
from elements import scenario_set
from elements.api import scenario_files
from elements.authoring import build_scenario, complete, to_yaml
from elements.errors import InputError
from elements.exercise import ElementAnswer, grade
from elements.scenario_set import SetRefused, documents, read_uploads

LIBRARY = scenario_files()
FAMILIAL = Path([p for p in LIBRARY if p.stem == "familial-01"][0])
LOVERBOY = Path([p for p in LIBRARY if p.stem == "loverboy-01"][0])


def zip_of(entries: dict[str, bytes], links: tuple[str, ...] = (), encrypted: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    raw = bytearray(out.getvalue())
    for name in encrypted:  # zipfile writes no encrypted entries: mark it as one, as a tool would
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = raw.find(signature + b"", 0)
            while at != -1:
                name_at = at + (30 if signature == b"PK\x03\x04" else 46)
                if raw[name_at:name_at + len(name)] == name.encode():
                    raw[at + offset] |= 0x1
                at = raw.find(signature, at + 4)
    return bytes(raw)


def as_json(path: Path) -> bytes:
    return json.dumps(load_scenario(path).model_dump(mode="json", exclude_defaults=True)).encode()


# ---------------------------------------------------------------- what is read


def test_one_yaml_file_and_one_json_file():
    got = read_uploads([("familial-01.yaml", FAMILIAL.read_bytes()), ("loverboy.json", as_json(LOVERBOY))])
    assert got == [load_scenario(FAMILIAL), load_scenario(LOVERBOY)]


def test_a_yaml_file_of_several_documents():
    text = (b"%YAML 1.2\n# a set of two\n---\n" + FAMILIAL.read_bytes() + b"...\n---\n" + LOVERBOY.read_bytes()
            + b"---\n# nothing after this\n")
    assert read_uploads([("two.yaml", text)]) == [load_scenario(FAMILIAL), load_scenario(LOVERBOY)]


def test_a_yaml_file_with_a_scenarios_list():
    text = json.dumps({"scenarios": [json.loads(as_json(FAMILIAL)), json.loads(as_json(LOVERBOY))]}).encode()
    assert read_uploads([("set.yaml", text)]) == [load_scenario(FAMILIAL), load_scenario(LOVERBOY)]


def test_the_apps_own_json_export_is_one_scenario():
    s = load_scenario(FAMILIAL)
    exported = exports.json_text(evaluate(s, "us"), s, include_narrative=True).encode()
    assert read_uploads([("elements-analysis-us.json", exported)]) == [s]


def test_a_zip_of_the_whole_library_with_what_operating_systems_add():
    entries = {f"scenarios/{p.name}": p.read_bytes() for p in LIBRARY}
    entries.update({"scenarios/": b"", "__MACOSX/scenarios/._familial-01.yaml": b"\x00\x05\x16\x07",
                    "scenarios/.DS_Store": b"\x00\x00\x00\x01Bud1"})
    got = read_uploads([("library.zip", zip_of(entries))])
    assert got == [load_scenario(p) for p in LIBRARY]


def test_a_written_scenario_uploads_as_itself():
    s = complete(build_scenario(title="A new one", narrative="Mira, 30, was promised a job.", age=30,
                                facts={"action.recruitment": True, "means.deception": True}))
    assert read_uploads([("a-new-one.yaml", to_yaml(s).encode())]) == [s]


def test_a_scenario_without_an_id_takes_its_files_name():
    one = b"facts: {action.recruitment: true}\n"
    two = b"---\nfacts: {}\n---\nid: named\nfacts: {}\n---\nfacts: {}\n"
    got = read_uploads([("Own Case.yaml", one), ("cases.yaml", two), ("set.zip", zip_of({"dir/x.json": b"{}"}))])
    assert [s.id for s in got] == ["own-case", "cases-1", "named", "cases-3", "x"]


def test_uploaded_scenarios_work_in_the_exercise():
    (s,) = read_uploads([("familial-01.yaml", FAMILIAL.read_bytes())])
    fb = grade(s, "palermo", {"means": ElementAnswer(mark="met", facts=["means.payments_to_controller"])})
    assert fb.elements["means"].correct and fb.elements["means"].facts[0].quote


def test_documents_are_cut_at_their_markers_only():
    text = "a: |\n  --- not a marker, inside a block\nb: 1\n--- # second\nc: 2\n...\n%YAML 1.2\n---\nd: 3\n"
    assert documents(text) == [(1, "a: |\n  --- not a marker, inside a block\nb: 1\n"),
                               (4, "--- # second\nc: 2\n...\n"), (8, "---\nd: 3\n")]


def test_documents_with_windows_line_ends_and_a_byte_order_mark():
    text = "\ufeff---\r\nid: a\r\nfacts: {}\r\n---\r\nid: b\r\nfacts: {}\r\n...\r\n".encode()
    assert [s.id for s in read_uploads([("two.yaml", text)])] == ["a", "b"]


def test_nothing_uploaded_is_nothing_read():
    assert read_uploads([]) == []


# ---------------------------------------------------------------- what is refused, and how it is named


GOOD = LOVERBOY.read_bytes()
GOOD_LINES = len(GOOD.splitlines())
BAD_UPLOADS = [
    # (what, uploads, source named, field named, words of the message)
    ("not a scenario file", [("notes.txt", b"hello")], "notes.txt", "", "not a YAML, JSON or ZIP file"),
    ("another archive", [("set.tar.gz", b"\x1f\x8b\x08\x00")], "set.tar.gz", "", "not a ZIP"),
    ("an unknown fact", [("a.yaml", b"facts:\n  action.teleport: true\n")], "a.yaml",
     "facts.action.teleport", "unknown fact id"),
    ("a bad value", [("a.yaml", b"facts: {action.recruitment: maybe}\n")], "a.yaml",
     "facts.action.recruitment", "true, false or null"),
    ("a bad document of several", [("a.yaml", b"facts: {}\n---\nperson: {age: 300}\n")],
     "a.yaml, document 2 (line 2)", "person.age", "0 to 130"),
    ("a document that is a list", [("a.yaml", b"- one\n---\nfacts: {}\n")],
     "a.yaml, document 1 (line 1)", "(top level)", "mapping"),
    ("a bad item of a list", [("a.yaml", b"scenarios:\n  - facts: {}\n  - facts: {action.recruitment: maybe}\n")],
     "a.yaml", "scenarios[1].facts.action.recruitment", "true, false or null"),
    ("an item that is not a mapping", [("a.yaml", b"scenarios: [3]\n")], "a.yaml", "scenarios[0]", "mapping"),
    ("an empty list", [("a.yaml", b"scenarios: []\n")], "a.yaml", "scenarios", "a list of scenarios"),
    ("a list beside other keys", [("a.yaml", b"scenarios: [{}]\nid: x\n")], "a.yaml", "(top level)",
     "only `scenarios:`"),
    ("a bad export", [("e.json", b'{"scenario": {"jurisdiction": "XXX"}, "result": {}}')], "e.json",
     "scenario.jurisdiction", "ISO 3166"),
    ("broken JSON", [("a.json", b'{"facts": ')], "a.json", None, ""),
    ("binary", [("a.yaml", b"\x00\x01\x02")], "a.yaml", "", "binary"),
    ("not UTF-8", [("a.yaml", "title: café\n".encode("latin-1"))], "a.yaml", "", "UTF-8"),
    ("a ZIP named .yaml", [("a.yaml", zip_of({"x.yaml": GOOD}))], "a.yaml", "", "is an archive"),
    ("a quote not in the narrative", [("a.yaml", b"narrative: He hit her.\nfacts: {means.use_of_force: true}\n"
                                                 b"evidence: {means.use_of_force: He kicked her.}\n")], "a.yaml",
     "evidence.means.use_of_force", "not in the narrative"),
    ("a path that climbs out", [("set.zip", zip_of({"../evil.yaml": GOOD}))], "set.zip, ../evil.yaml", "",
     "leaves the archive"),
    ("an absolute path", [("set.zip", zip_of({"/etc/evil.yaml": GOOD}))], "set.zip, /etc/evil.yaml", "",
     "leaves the archive"),
    ("a drive letter", [("set.zip", zip_of({"C:\\evil.yaml": GOOD}))], "set.zip, C:\\evil.yaml", "",
     "leaves the archive"),
    ("a ZIP in a ZIP", [("set.zip", zip_of({"inner.zip": zip_of({"a.yaml": GOOD})}))], "set.zip, inner.zip", "",
     "archive inside the archive"),
    ("a ZIP in a ZIP, renamed", [("set.zip", zip_of({"inner.yaml": zip_of({"a.yaml": GOOD})}))],
     "set.zip, inner.yaml", "", "archive inside the archive"),
    ("another file in a ZIP", [("set.zip", zip_of({"a.yaml": GOOD, "README.md": b"# hi"}))], "set.zip, README.md",
     "", "not a YAML or JSON file"),
    ("a bad file in a ZIP", [("set.zip", zip_of({"a.yaml": GOOD, "dir/b.yaml": b"facts: {means.x: true}\n"}))],
     "set.zip, dir/b.yaml", "facts.means.x", "unknown fact id"),
    ("a link in a ZIP", [("set.zip", zip_of({"a.yaml": b"/etc/passwd"}, links=("a.yaml",)))], "set.zip, a.yaml", "",
     "is a link"),
    ("an encrypted entry", [("set.zip", zip_of({"a.yaml": GOOD}, encrypted=("a.yaml",)))], "set.zip, a.yaml", "",
     "encrypted"),
    ("an empty ZIP", [("set.zip", zip_of({"dir/": b"", "__MACOSX/._x": b"x"}))], "set.zip", "",
     "holds no YAML or JSON file"),
    ("a broken ZIP", [("set.zip", b"PK\x03\x04 and then nothing")], "set.zip", "", "not a ZIP file"),
    ("an id twice", [("a.yaml", GOOD), ("b.yaml", GOOD)], "b.yaml", "id", "also the id of the scenario in a.yaml"),
    ("an id twice, in other case", [("a.yaml", GOOD), ("b.yaml", GOOD.replace(b"id: loverboy-01", b"id: LoverBoy-01"))],
     "b.yaml", "id", "also the id"),
    ("an id twice in one file", [("two.yaml", GOOD + b"---\n" + GOOD)], f"two.yaml, document 2 (line {GOOD_LINES + 1})", "id",
     "also the id of the scenario in two.yaml, document 1 (line 1)"),
    ("an id twice across a ZIP", [("a.yaml", GOOD), ("set.zip", zip_of({"x/loverboy.yaml": GOOD}))],
     "set.zip, x/loverboy.yaml", "id", "also the id"),
]


@pytest.mark.parametrize("what, uploads, source, field, words", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_a_bad_upload_is_refused_naming_its_file_and_field(what, uploads, source, field, words):
    with pytest.raises(SetRefused) as caught:
        read_uploads(uploads)
    error = caught.value
    assert isinstance(error, InputError) and len(error.problems) == 1
    assert error.source == source, error.line()
    if field is not None:
        assert error.field == field, error.line()
    else:
        assert error.field.startswith("line "), error.line()
    assert words in error.message, error.line()
    assert "\n" not in error.line() and "Traceback" not in error.line()


def test_every_bad_file_of_a_set_is_named_and_nothing_is_loaded():
    with pytest.raises(SetRefused) as caught:
        read_uploads([("good.yaml", GOOD), ("a.yaml", b"facts: {x.y: true}\n"), ("b.txt", b""),
                      ("set.zip", zip_of({"../c.yaml": GOOD}))])
    assert [p.source for p in caught.value.problems] == ["a.yaml", "b.txt", "set.zip, ../c.yaml"]
    assert caught.value.message.endswith("(and 2 more problem(s))")


@pytest.mark.parametrize("limit, value, uploads, source, words", [
    ("MAX_FILE_BYTES", 1000, [("big.yaml", GOOD)], "big.yaml", "is larger than 1000 bytes, the limit for this file"),
    ("MAX_FILE_BYTES", 1000, [("set.zip", zip_of({"big.yaml": GOOD}))], "set.zip, big.yaml", "is larger than 1000 bytes, the limit for this file"),
    ("MAX_FILES", 2, [("set.zip", zip_of({f"{n}.yaml": b"facts: {}" for n in range(3)}))], "set.zip", "at most 2"),
    ("MAX_FILES", 2, [(f"{n}.yaml", b"facts: {}") for n in range(3)], "2.yaml", "at most 2 files"),
    ("MAX_TOTAL_BYTES", len(GOOD) + 100, [("a.yaml", GOOD), ("b.yaml", GOOD.replace(b"loverboy-01", b"other"))],
     "b.yaml", "past"),
    ("MAX_TOTAL_BYTES", 5000, [("set.zip", b"PK\x03\x04" + b"\x00" * 6000)], "set.zip", "a set is at most"),
    ("MAX_SCENARIOS", 2, [("a.yaml", b"facts: {}\n---\nfacts: {}\n---\nfacts: {}\n")], "the set", "at most 2"),
])
def test_limits(monkeypatch, limit, value, uploads, source, words):
    monkeypatch.setattr(scenario_set, limit, value)
    with pytest.raises(SetRefused) as caught:
        read_uploads(uploads)
    assert caught.value.source == source and words in caught.value.message, caught.value.line()


def test_a_zip_bomb_is_refused_by_its_declared_size_before_it_is_unpacked(monkeypatch):
    bomb = zip_of({"bomb.yaml": b"#" * (3 * 1024 * 1024)})
    assert len(bomb) < 20_000
    with pytest.raises(SetRefused) as caught:
        read_uploads([("bomb.zip", bomb)])
    assert caught.value.source == "bomb.zip, bomb.yaml" and "3.0 MB" in caught.value.message
