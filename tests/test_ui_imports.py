"""The app sits on the package's API: no import cycle among its modules, and no page reaches
past the API into the engine's inner modules. (The package's own graph: test_architecture.py.)"""
from __future__ import annotations

import ast
from pathlib import Path

from test_architecture import _cycle
from ui_apptest import UI

# What the engine is made of: the API composes these; the app never imports them itself.
INNER = {"caveats", "compare", "conditions", "engine", "errors", "findings", "loader", "packs", "referrals",
         "yamlfile", "expressions", "docs", "cli", "coverage"}
FILES = {**{p.stem: p for p in UI.glob("*.py")}, **{f"views.{p.stem}": p for p in (UI / "views").glob("*.py")}}


def imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it: 'elements.api', or a ui module's name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_no_import_cycle_in_the_app():
    graph = {name: imports(path) & set(FILES) for name, path in FILES.items()}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_app_imports_the_api_not_the_engines_inner_modules():
    for name, path in FILES.items():
        used = {module.split(".")[1] for module in imports(path) if module.startswith("elements.")}
        assert not used & INNER, (name, used & INNER)


# The package as the app sees it: its API (and the few names the package itself offers), its
# models, and its words. Everything else the app draws with comes through elements.api.
SURFACE = {"elements", "elements.api", "elements.model", "elements.words"}


def test_the_app_imports_only_the_api_the_models_and_the_words():
    for name, path in FILES.items():
        modules = {m for m in imports(path) if m == "elements" or m.startswith("elements.")}
        # 'elements.api' from `from elements import api`; the names imported from a module are
        # listed as module.name too: keep the modules themselves.
        reached = {m for m in modules if m in SURFACE or m.rsplit(".", 1)[0] not in SURFACE}
        assert reached <= SURFACE | {"elements.Result", "elements.Scenario", "elements.evaluate"}, (name, reached - SURFACE)
