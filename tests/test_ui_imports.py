"""The app sits on the package's API: no import cycle, and no page reaches past the API into
the engine's inner modules."""
from __future__ import annotations

import ast
from pathlib import Path

from ui_apptest import UI

SRC = UI.parent / "src" / "elements"
# What the engine is made of: the API composes these; the app never imports them itself.
INNER = {"caveats", "compare", "conditions", "engine", "errors", "findings", "loader", "packs", "referrals",
         "yamlfile", "expressions", "docs", "cli"}


def imports(path: Path, package: str | None) -> set[str]:
    """The modules a file imports, by name: 'elements.api', or a ui module's plain name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = f"{package}.{node.module}" if node.level and node.module else package if node.level else node.module
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def graph() -> dict[str, set[str]]:
    files = {f"elements.{p.stem}": (p, "elements") for p in SRC.glob("*.py") if p.stem != "__init__"}
    files.update({p.stem: (p, None) for p in UI.glob("*.py")})
    files.update({f"views.{p.stem}": (p, None) for p in (UI / "views").glob("*.py")})
    return {name: imports(path, package) & set(files) for name, (path, package) in files.items()}


def test_no_import_cycle_in_the_package_or_the_app():
    edges, state = graph(), {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        assert state.get(node) != 1, "import cycle: " + " -> ".join(path + [node])
        state[node] = 1
        for target in sorted(edges[node]):
            visit(target, path + [node])
        state[node] = 2

    for node in edges:
        visit(node, [])


def test_the_app_imports_the_api_not_the_engines_inner_modules():
    for path in [*UI.glob("*.py"), *(UI / "views").glob("*.py")]:
        used = {name.split(".")[1] for name in imports(path, None) if name.startswith("elements.")}
        assert not used & INNER, (path.name, used & INNER)
