"""Showing text the user supplied (an uploaded title, a narrative, an error naming a field).

st.markdown, st.error and friends render Markdown: a title such as `![x](http://...)`
would make the browser fetch a remote image, and `:red[...]` or `$...$` would be
interpreted. Text from a user is therefore always escaped before it reaches them, and
never passed with unsafe_allow_html.
"""
from __future__ import annotations

import re

# Every character Markdown, GitHub-flavoured Markdown or Streamlit's own syntax
# (:color[...], :material/icon:, $latex$) gives a meaning to.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'])")


def md_escape(text: object) -> str:
    """Any text -> Markdown that shows exactly that text, on as many lines as it had."""
    escaped = _SPECIAL.sub(r"\\\1", str(text))
    # A newline inside a paragraph is a space in Markdown; keep the user's line breaks.
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


def md_escape_inline(text: object) -> str:
    """As md_escape, on one line: for table cells and list items."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
