"""Showing text the user supplied (an uploaded title, a narrative, an error naming a field).

st.markdown, st.error and friends render Markdown: a title such as `![x](http://...)`
would make the browser fetch a remote image, and `:red[...]` or `$...$` would be
interpreted. Text from a user is therefore always escaped before it reaches them, and
never passed with unsafe_allow_html. The escape is the package's (elements.markdown, through elements.api), the
same one the reports use.
"""
from __future__ import annotations

from elements.api import markdown_escape as md_escape_inline, markdown_escape_lines as md_escape

__all__ = ["md_escape", "md_escape_inline"]
