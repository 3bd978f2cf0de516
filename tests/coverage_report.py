"""`make coverage`: which scenario of the library, or which legal case of the tests, exercises
every rule x value and every caveat of every pack (elements.coverage)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from elements.api import load_scenario, scenario_files  # noqa: E402
from elements.coverage import measure, report  # noqa: E402


def named_scenarios() -> list:
    """The library's scenarios, then the legal cases of tests/test_frameworks_cases.py."""
    named = [(f"scenario {path.stem}", load_scenario(path)) for path in scenario_files()]
    import test_frameworks_cases  # noqa: PLC0415 - the cases are data of that test module

    named += list(getattr(test_frameworks_cases, "named_cases", lambda: [])())
    return named


def main() -> None:
    print(report(measure(named_scenarios())), end="")


if __name__ == "__main__":
    main()
