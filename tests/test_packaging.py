"""Installs where its users are: Python 3.11 to 3.13, a distribution name of its own, every
dependency bounded above, and the app's set pinned in constraints.txt, which make uses."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata

from ui_server import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]


def requirements() -> list[str]:
    found = list(PROJECT["dependencies"]) + list(PYPROJECT["build-system"]["requires"])
    for group in PROJECT["optional-dependencies"].values():
        found += group
    return found


def test_the_distribution_has_a_name_of_its_own_and_keeps_the_command():
    assert PROJECT["name"] == "trafficking-elements"  # PyPI's "elements" is another project
    assert PROJECT["scripts"] == {"elements": "elements.cli:main"}
    import elements

    assert elements.__file__.startswith(str(REPO / "src" / "elements"))


def test_python_3_11_to_3_13():
    assert PROJECT["requires-python"] == ">=3.11,<3.14"
    assert (3, 11) <= sys.version_info[:2] <= (3, 13)


def test_every_dependency_is_bounded_above():
    for requirement in requirements():
        assert re.search(r"(==|<)[0-9]", requirement), f"{requirement} has no upper bound"


def _pins() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_this_venv_holds_the_pinned_versions():
    """make installs with -c constraints.txt: every package here is the pinned version (a
    package added to pyproject.toml without `make constraints` fails this)."""
    pins = _pins()
    assert {"durable-rules", "pydantic", "streamlit", "spacy", "pytest", "playwright", "numpy"} <= set(pins)
    installed = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version for d in metadata.distributions()}
    for name, version in installed.items():
        # This project itself, also under its old name (a src/elements.egg-info left by an old install).
        if name in ("pip", "setuptools", "wheel", "trafficking-elements", "elements"):
            continue
        assert pins.get(name) == version, f"{name} {version} is installed, constraints.txt says {pins.get(name)}"


def test_make_builds_durable_rules_for_3_13_and_never_from_the_wheel_cache(tmp_path):
    """The install step as `make -n` prints it for this Python: the define on 3.13 and later,
    --no-cache-dir always, the constraints for every install."""
    done = subprocess.run(["make", "-n", "--no-print-directory", f"VENV={tmp_path / 'v'}", f"PYTHON={sys.executable}",
                           str(tmp_path / "v" / ".installed")], cwd=REPO, capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    durable = [line for line in lines if "--no-binary durable-rules" in line]
    assert len(durable) == 1 and "--no-cache-dir" in durable[0] and "-c constraints.txt" in durable[0]
    # Computed when the recipe runs, from the venv's Python: 3.13 and later get the define, in CC.
    assert "-DPyEval_CallObject=PyObject_CallObject\" if sys.version_info >= (3, 13)" in durable[0]
    assert 'export CC="${CC:-cc} $DEFINE"' in durable[0]
    assert any("-c constraints.txt -e '.[app,test]'" in line for line in lines)


def test_durable_rules_imports_and_runs_here():
    import durable_rules_engine

    from elements import evaluate

    assert durable_rules_engine.__file__.endswith(".so")
    assert evaluate({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}}).outcome == "all_elements_met"
