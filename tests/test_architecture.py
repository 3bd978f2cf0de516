"""The package's shape: imports flow one way (no cycle, not even one hidden inside a function),
and the engine is the only module that knows durable-rules."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "elements"


def _imports() -> dict[str, set[str]]:
    """Module -> the package modules it imports, anywhere in the file."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        name = name.removesuffix(".__init__") if name != "__init__" else "__init__"
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                base = name.split(".")[:-node.level] if "." in name else []
                target = ".".join(base + ([node.module] if node.module else []))
                if target:
                    deps.add(target)
                else:  # `from . import x`
                    deps.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("elements"):
                deps.add(node.module.removeprefix("elements").lstrip(".") or "__init__")
        graph[name] = deps
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        if state.get(node) == 1:
            return path[path.index(node):] + [node]
        if state.get(node) == 2 or node not in graph:
            return None
        state[node] = 1
        for dep in sorted(graph[node]):
            found = visit(dep, path + [node])
            if found:
                return found
        state[node] = 2
        return None

    for node in sorted(graph):
        found = visit(node, [])
        if found:
            return found
    return None


def test_no_import_cycle_in_the_package():
    graph = _imports()
    assert {"engine", "findings", "conditions", "api"} <= set(graph)
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_only_the_engine_knows_durable_rules():
    users = [p.name for p in PACKAGE.rglob("*.py") if "durable_rules" in p.read_text() and p.name != "engine.py"]
    assert users == [], users


def test_the_reader_of_the_trace_never_imports_the_engine():
    graph = _imports()
    assert "engine" not in graph["findings"] and "engine" not in graph["conditions"]
