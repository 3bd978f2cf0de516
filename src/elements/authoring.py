"""Writing a scenario: from an editor's fields to a file in the training library's format.

A trainer fills in the fields (title, narrative, jurisdiction, age, each fact Yes / No / Not
sure, teaching notes, discussion questions, sources); `build_scenario` makes a validated
Scenario of them, `complete` lets the engine fill in what the library states about every
scenario (the expected findings under every framework, and the tags the library derives from
them), and `to_yaml` writes the file, in the library's key order with narratives and notes as
readable blocks. What it writes reads back as the same scenario (api.parse_scenario), and
`elements check` accepts it. Nothing is stored: the caller offers the text as a download.

Unknown facts: the editor's "Not sure" is left out of the file (an omitted fact is unknown,
as the contract says); a scenario that states a fact as null (a library file, an upload)
keeps it null, so that a file read and written again says what it said.

Opening a scenario: `editable` gives an existing scenario (a library file, an upload) back as
build_scenario's arguments, for the editor to fill its fields with; complete(build_scenario(
**editable(s))) is s again for a scenario whose expected findings are the engine's (every
library file's) and that has an id and a title.
"""
from __future__ import annotations

import re
import textwrap
import unicodedata
from typing import Any, Iterable, Mapping, Optional

import yaml
from pydantic import BaseModel

from .api import evaluate, validate_scenario
from .errors import InputError
from .model import ExpectedFinding, Scenario
from .packs import default_framework, framework_ids
from .vocabulary import vocabulary
from .words import ROLES, ElementRole

# The order of the keys in a library file; a key with nothing in it is left out, except
# person and facts, which every file has.
LIBRARY_ORDER = ("id", "title", "tags", "narrative", "jurisdiction", "person", "facts", "teaching_notes",
                 "discussion_questions", "sources", "expected", "evidence")
ALWAYS_WRITTEN = ("person", "facts")
# Written as folded blocks: long prose a reviewer reads.
BLOCK_FIELDS = ("narrative", "teaching_notes")
# The tags that say what kind of scenario it is: a library scenario has exactly one.
KIND_TAGS = ("meets_definition", "contrast", "open", "buyer")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIDTH = 96  # the library's line length
SOURCE = "scenario editor"


# ---------------------------------------------------------------- from the editor's fields


def slug(text: str, limit: int = 60) -> str:
    """'A mother's boyfriend and the rent' -> 'a-mother-s-boyfriend-and-the-rent' (a file name)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or "scenario"


def _prose(text: Optional[str]) -> Optional[str]:
    """Typed text as the file keeps it: Windows line ends and trailing spaces dropped."""
    if text is None:
        return None
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip() or None


def _items(values: Iterable[str]) -> list[str]:
    return [item for item in (_prose(v) for v in values) if item]


def build_scenario(
    *,
    title: str,
    narrative: Optional[str] = None,
    jurisdiction: Optional[str] = None,
    age: Optional[int] = None,
    facts: Optional[Mapping[str, Optional[bool]]] = None,
    teaching_notes: Optional[str] = None,
    discussion_questions: Iterable[str] = (),
    sources: Iterable[str] = (),
    tags: Iterable[str] = (),
    evidence: Optional[Mapping[str, str]] = None,
    id: Optional[str] = None,  # noqa: A002 - the contract's field name
    unknown: Iterable[str] = (),
) -> Scenario:
    """The editor's fields as a validated Scenario, or InputError naming the field. A fact
    answered None ("Not sure") is left out: it stays unknown. A fact in `unknown` (one the
    scenario opened in the editor stated as null) is written as null unless answered True or
    False. The id, when not given, is made from the title."""
    title = _prose(title)
    if not title:
        raise InputError(SOURCE, "title", "is required (it names the scenario and its file)")
    scenario_id = (id or "").strip() or slug(title)
    if not ID_PATTERN.match(scenario_id):
        raise InputError(SOURCE, "id", "must be lower-case letters, digits and single hyphens, such as loverboy-03")
    order = {fact_id: index for index, fact_id in enumerate(vocabulary().ids)}
    answered = {k: v for k, v in (facts or {}).items() if v is not None}
    answered.update({k: None for k in unknown if k not in answered})
    data: dict[str, Any] = {
        "id": scenario_id,
        "title": title,
        "tags": list(dict.fromkeys(_items(tags))),
        "narrative": _prose(narrative),
        "jurisdiction": (jurisdiction or "").strip() or None,
        "person": {"age": age},
        "facts": dict(sorted(answered.items(), key=lambda kv: order.get(kv[0], len(order)))),
        "teaching_notes": _prose(teaching_notes),
        "discussion_questions": _items(discussion_questions),
        "sources": _items(sources),
        "evidence": {k: v.strip() for k, v in (evidence or {}).items() if v and v.strip()},
    }
    return validate_scenario(data, SOURCE)


def editable(scenario: Scenario) -> dict[str, Any]:
    """An existing scenario as build_scenario's arguments: what the editor opens it with. Its
    facts stated null come as `unknown` (the editor's Not sure, written back as null)."""
    return {
        "title": scenario.title or "",
        "narrative": scenario.narrative,
        "jurisdiction": scenario.jurisdiction,
        "age": scenario.person.age,
        "facts": {k: v for k, v in scenario.facts.items() if v is not None},
        "unknown": [k for k, v in scenario.facts.items() if v is None],
        "teaching_notes": scenario.teaching_notes,
        "discussion_questions": list(scenario.discussion_questions),
        "sources": list(scenario.sources),
        "tags": list(scenario.tags),
        "evidence": dict(scenario.evidence),
        "id": scenario.id,
    }


# ---------------------------------------------------------------- what the engine fills in


def expected_findings(scenario: Scenario) -> dict[str, ExpectedFinding]:
    """The engine's findings under every framework, as a library file states them."""
    out = {}
    for framework in framework_ids():
        result = evaluate(scenario, framework)
        out[framework] = ExpectedFinding(outcome=result.outcome,
                                         elements={role: result.elements[role].status for role in ROLES})
    return out


class ExpectedDifference(BaseModel):
    """Where a file's stated expected finding is not the engine's: the outcome (element None)
    or one element, under one framework."""

    framework: str
    element: Optional[ElementRole] = None
    stated: str  # an Outcome, or a Status for an element
    found: Optional[str] = None  # None: the file names a framework Elements does not have


def expected_differences(scenario: Scenario) -> list[ExpectedDifference]:
    """What the scenario's own expected findings say that the engine does not find. A file
    written by hand, or against another version of the rules, can say so; the app teaches the
    engine's findings and the editor writes them, so the trainer is told where they part."""
    out = []
    known = framework_ids()
    for framework, stated in scenario.expected.items():
        if framework not in known:
            out.append(ExpectedDifference(framework=framework, stated=stated.outcome))
            continue
        result = evaluate(scenario, framework)
        if stated.outcome != result.outcome:
            out.append(ExpectedDifference(framework=framework, stated=stated.outcome, found=result.outcome))
        for role, status in stated.elements.items():
            if status != result.elements[role].status:
                out.append(ExpectedDifference(framework=framework, element=role, stated=status,
                                              found=result.elements[role].status))
    return out


def derived_tags(scenario: Scenario, expected: Mapping[str, ExpectedFinding]) -> list[str]:
    """The tags the library derives from the findings: `child` where the default framework
    counts the person a child, and the kind (meets_definition where it finds every element
    met, open where it cannot tell, contrast where no framework finds them all met). A
    scenario that is not met under the default framework but met under another has no kind
    the findings can give: the trainer names it (the library's buyer, or a contrast tagged
    reaches:<framework> for the law that reaches further)."""
    default = default_framework()
    tags = []
    if evaluate(scenario, default).child:
        tags.append("child")
    outcome = expected[default].outcome
    if outcome == "all_elements_met":
        tags.append("meets_definition")
    elif outcome == "undetermined":
        tags.append("open")
    elif all(e.outcome == "not_all_elements_met" for e in expected.values()):
        tags.append("contrast")
    return tags


def complete(scenario: Scenario) -> Scenario:
    """The scenario with what the engine fills in: the expected findings under every framework
    (for the trainer to confirm), and the child and kind tags derived from them. A kind the
    trainer gave is kept; a `child` tag is set exactly when the person is a child. The tags
    given keep their order (a file opened and written again keeps its own); a derived one goes
    where the library puts it: the kind first, then child."""
    expected = expected_findings(scenario)
    derived = derived_tags(scenario, expected)
    child = "child" in derived
    tags = [t for t in dict.fromkeys(scenario.tags) if t != "child" or child]
    if not any(t in KIND_TAGS for t in tags):
        tags[:0] = [t for t in derived if t in KIND_TAGS]
    if child and "child" not in tags:
        kinds = [i for i, t in enumerate(tags) if t in KIND_TAGS]
        tags.insert(kinds[0] + 1 if kinds else 0, "child")
    return scenario.model_copy(update={"expected": expected, "tags": tags})


# ---------------------------------------------------------------- the file


class _Text(str):
    """Prose: a folded block when it is one paragraph, a literal block when it has line
    breaks, double quotes when a block cannot carry it exactly."""


class _Quoted(str):
    pass


class _Word(str):
    """An id or a tag: plain where that reads back the same, otherwise quoted."""


class _Flow(dict):
    pass


class _FlowList(list):
    pass


# Characters PyYAML (YAML 1.1) takes for line breaks that YAML 1.2 does not: never in a block.
_NOT_IN_BLOCKS = re.compile(r"[\x85\u2028\u2029\r\t\ufeff]")
_PLAIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")
_FLOW_TAG = re.compile(r"^[a-z][a-z0-9_]*:[a-z0-9_]+$")


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # "  - item" under its key, as the library has it

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        super().write_double_quoted(text, split=False)  # a title or a quote stays on its line

    def choose_scalar_style(self) -> str:
        # PyYAML quotes any ':' inside a flow list; a tag such as typology:familial reads back
        # the same without quotes (the library writes it so), and YAML 1.2 allows it.
        if self.flow_level and self.event.style is None and _FLOW_TAG.match(self.event.value):
            return ""
        return super().choose_scalar_style()

    def write_folded(self, text: str) -> None:
        """One paragraph, wrapped so that no line passes WIDTH (PyYAML's own folding breaks
        only once a line has passed it). Only single-spaced text comes here (_represent_text),
        and folding joins its lines with one space each: it reads back exactly."""
        if text != " ".join(text.split()):
            return super().write_folded(text)
        self.write_indicator(">" + self.determine_block_hints(text), True)
        self.write_line_break()
        width = max(20, self.best_width - (self.indent or 0))
        for line in textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False):
            self.write_indent()
            self.column += len(line)
            self.stream.write(line.encode(self.encoding) if self.encoding else line)
            self.write_line_break()


def _represent_text(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    text = str(value)
    if text == " ".join(text.split()):  # one paragraph, single spaces: folded, as the library
        style = ">"
    elif "\n" in text and not _NOT_IN_BLOCKS.search(text):
        style = "|"
    else:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_word(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    style = None if _PLAIN_WORD.match(value) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


_Dumper.add_representer(_Text, _represent_text)
_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))
_Dumper.add_representer(_Word, _represent_word)
_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _shaped(field: str, value: Any) -> Any:
    """A field's value wrapped in the style the library writes it in."""
    if field in BLOCK_FIELDS:
        return _Text(value)
    if field in ("title",):
        return _Quoted(value)
    if field in ("id", "jurisdiction"):
        return _Word(value)
    if field == "tags":
        return _FlowList(_Word(t) for t in value)
    if field in ("discussion_questions", "sources"):
        return [_Quoted(item) for item in value]
    if field == "person":
        return {"age": value.age}
    if field == "facts":
        return {_Word(k): v for k, v in value.items()}
    if field == "expected":
        return {_Word(fw): {"outcome": e.outcome, "elements": _Flow(e.elements)} for fw, e in value.items()}
    if field == "evidence":
        return {_Word(k): _Quoted(v) for k, v in value.items()}
    return value


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=WIDTH,
                     default_flow_style=False)


def to_yaml(scenario: Scenario) -> str:
    """The scenario as a file of the library: its keys in the library's order, narratives and
    notes as blocks. parse_scenario(to_yaml(s)) == s."""
    data = {}
    for field in LIBRARY_ORDER:
        value = getattr(scenario, field)
        if field in ALWAYS_WRITTEN or value not in (None, [], {}):
            data[field] = _shaped(field, value)
    return _dump(data)


def yaml_block(field: str, value: Any) -> str:
    """One top-level key of a library file, written as to_yaml writes it (for adding a key at
    the end of a file by hand, without rewriting the rest)."""
    return _dump({field: _shaped(field, value)})


def file_name(scenario: Scenario) -> str:
    """The file a scenario is saved as: the library names each file after its id."""
    return f"{scenario.id or slug(scenario.title or '')}.yaml"


__all__ = [
    "KIND_TAGS",
    "LIBRARY_ORDER",
    "build_scenario",
    "complete",
    "derived_tags",
    "editable",
    "expected_findings",
    "file_name",
    "slug",
    "to_yaml",
    "yaml_block",
]
