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
PACKAGE = Path(__file__).resolve().parents[1] / "src"


def _is_module(dotted: str) -> bool:
    where = PACKAGE.joinpath(*dotted.split("."))
    return where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()


def package_modules(source: str) -> set[str]:
    """Every module of the package a file's source imports, however it is written:
    `import elements.x`, `from elements.x import name`, `from elements import x` (x a module)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "elements")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "elements":
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if _is_module(f"{node.module}.{a.name}"))
    return found


def test_the_app_imports_only_the_api_the_models_and_the_words():
    for name, path in FILES.items():
        reached = package_modules(path.read_text())
        assert reached <= SURFACE, (name, reached - SURFACE)


def test_the_surface_check_sees_every_way_of_reaching_past_it():
    source = "import elements.engine\nfrom elements import highlight, evaluate\nfrom elements.highlight import view\n" \
             "def f():\n    import elements.findings as fi\n"
    assert package_modules(source) - SURFACE == {"elements.engine", "elements.highlight", "elements.highlight.view",
                                                 "elements.findings"}
    assert package_modules("from elements import Result, api\nfrom elements.api import evaluate\n") == {
        "elements", "elements.api"}
