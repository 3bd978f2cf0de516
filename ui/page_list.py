"""Which pages the app lists, by section. The training pages are another engineer's and
may not exist yet: each is listed only when its file is there, so the app runs either way.

The page files live in ui/views/, not ui/pages/: Streamlit treats a folder named `pages`
beside the entry script as an old-style multipage app. A server whose first request is a
deep link (/result) then runs that page without app.py (no quick exit, no navigation)
until some run calls st.navigation, and AppTest runs every rerun that way.
"""
from __future__ import annotations

from pathlib import Path

PAGES = Path(__file__).resolve().parent / "views"
FOLDER = PAGES.name  # st.Page paths are relative to app.py
DEFAULT = "walkthrough.py"

CHECK = [
    ("walkthrough.py", "Walkthrough"),
    ("result.py", "Result"),
    ("compare.py", "Compare frameworks"),
    ("load.py", "Load a scenario"),
]
TRAINING = [
    ("exercise.py", "Exercise"),
    ("classroom.py", "Classroom"),
    ("narrative.py", "From a narrative"),
]
REFERENCE = [("definitions.py", "Definitions, limits and privacy")]


def sections(folder: Path = PAGES) -> dict[str, list[tuple[str, str]]]:
    found = {"Check a scenario": CHECK}
    training = [(name, title) for name, title in TRAINING if (folder / name).is_file()]
    if training:
        found["Training"] = training
    found["Reference"] = REFERENCE
    return found
