"""Safety and privacy: quick exit, escaped user text, no telemetry, careful wording."""
from __future__ import annotations

import ast
import re
import tomllib

import pytest

from elements.model import Scenario
from ui_apptest import UI, answer, draft, new_app, next_step, ok, set_age, set_country, shown, walk
from safe import md_escape, md_escape_inline

REPO = UI.parent


def test_quick_exit_clears_the_session_and_leaves_the_page():
    at = new_app()
    set_age(at, 16)
    set_country(at, "US")
    next_step(at)
    answer(at, "action.recruitment", "yes")
    draft(at).loaded = Scenario(narrative="private words")
    ok(at.run())
    assert "Child**: yes, under 18 (age 16)" in shown(at)
    at.button(key="quick_exit").click()
    ok(at.run())
    for key in ("draft", "w.age", "w.action.recruitment", "w.jurisdiction"):
        assert key not in at.session_state, key
    assert at.session_state["leaving"] is True and not at.query_params
    scripts = [h.proto.body for h in at.get("html")]
    assert any('window.location.replace("https://www.bbc.com/weather")' in body for body in scripts)
    assert "Everything you entered has been cleared" in shown(at)
    assert not at.title and not at.radio  # no page is shown any more
    assert "private words" not in shown(at)


def test_quick_exit_is_on_every_page():
    at = new_app()
    for path in ("views/start.py", "views/walkthrough.py", "views/result.py", "views/compare.py", "views/load.py",
                 "views/definitions.py"):
        at.switch_page(path)
        ok(at.run())
        assert at.button(key="quick_exit").label.startswith("Quick exit"), path


def test_telemetry_and_phone_home_options_are_off():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "minimal"
    assert config["client"]["showErrorLinks"] is False
    assert config["server"]["enableAgentApi"] is False


def _fixed_text(node: ast.AST, constants: dict[str, ast.AST]) -> bool:
    """Whether an expression is text fixed in the source: a literal, or a module constant,
    or an f-string or concatenation of those, json.dumps of one, or a file of ui/ read whole
    (so no user text can reach it)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Name):
        return node.id in constants and _fixed_text(constants[node.id], constants)
    if isinstance(node, ast.JoinedStr):
        return all(_fixed_text(v.value if isinstance(v, ast.FormattedValue) else v, constants) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _fixed_text(node.left, constants) and _fixed_text(node.right, constants)
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "json.dumps":
        return len(node.args) == 1 and _fixed_text(node.args[0], constants)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "read_text":
        path = node.func.value  # (Path(__file__).parent / "name.js")
        return (isinstance(path, ast.BinOp) and ast.unparse(path.left) == "Path(__file__).parent"
                and isinstance(path.right, ast.Constant) and (UI / path.right.value).is_file())
    return False


def test_html_is_only_ever_fixed_text_and_script_only_in_scripts_py():
    for path in UI.rglob("*.py"):
        source = path.read_text()
        assert not re.search(r"unsafe_allow_html\s*=", source), path
        assert "<script" not in source or path.name == "scripts.py", f"{path}: a script outside scripts.py"
        tree = ast.parse(source)
        constants = {
            target.id: node.value
            for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr == "html" and getattr(node.func.value, "id", "") == "st":
                assert node.args and _fixed_text(node.args[0], constants), f"{path}:{node.lineno}: st.html of non-fixed text"
                script = any(k.arg == "unsafe_allow_javascript" for k in node.keywords)
                assert not script or path.name == "scripts.py", f"{path}:{node.lineno}: script outside scripts.py"
        assert "components.html" not in source and "components.v1" not in source, path


def test_the_browser_script_writes_text_never_html():
    import scripts

    source = (UI / "browser.js").read_text()
    assert source in scripts.BROWSER
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in source, sink


HOSTILE = "![t](http://tracker.example/x.png) [link](javascript:alert(1)) <b>x</b> :red[r] $x^2$ **b** _i_ # h\n- item"


def test_escaped_text_renders_as_the_same_words_and_nothing_else():
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough").render(md_escape(HOSTILE))
    assert "<img" not in html and "<a " not in html and "<b>" not in html and "<strong>" not in html
    assert "<em>" not in html and "<h1>" not in html and "<li>" not in html
    visible = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert " ".join(visible.split()) == " ".join(HOSTILE.split())
    assert "\n" not in md_escape_inline("a\nb")


# A result may say what the definition covers; it never says what someone is.
VERDICTS = [
    r"(?<!is or )\bis (not )?a victim\b",
    r"\bwas (not )?a victim\b",
    r"(?<!whether a person )\bwas trafficked\b",
    r"\bis a trafficking victim\b",
    r"\bthis is trafficking\b",
]


@pytest.mark.parametrize("age, facts", [
    (16, {"action.recruitment": "yes", "purpose.other_sexual_exploitation": "yes"}),
    (30, {"action.recruitment": "yes", "means.deception": "yes", "purpose.forced_labour": "yes"}),
    (25, {"action.recruitment": "yes", "purpose.prostitution_of_others": "yes", "means.use_of_force": "no"}),
    (None, {"action.transportation": "yes", "movement.crossed_border": "yes", "consent.given": "yes"}),
])
def test_no_page_ever_says_someone_is_a_victim(age, facts):
    at = walk(new_app(), age, facts)
    pages = [shown(at)]
    for path in ("views/compare.py", "views/walkthrough.py", "views/definitions.py"):
        at.switch_page(path)
        pages.append(shown(ok(at.run())))
    for page in pages:
        for pattern in VERDICTS:
            assert not re.search(pattern, page, re.IGNORECASE), (pattern, re.search(pattern, page, re.IGNORECASE))
