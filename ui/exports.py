"""The analysis as files to download: Markdown, JSON and PDF.

Markdown is the core's report (elements.report.render_markdown, with what would change it)
and the PDF is that same report laid out; the JSON is a saved analysis (elements.saved): the
Result of the contract with the scenario it answers, which the Load page and the CLI read
back, so a caseworker can stop and come back. Caveats and their sources are always in; the
narrative only when the user opts in, as it may hold details about a real person.
"""
from __future__ import annotations

import json
from typing import Optional

from elements import Result, Scenario
from elements.api import WhatIf, dump, render_markdown, what_if
from pdf import markdown_to_pdf


def without_narrative(scenario: Scenario, include_narrative: bool) -> Scenario:
    # The evidence quotes the narrative word for word: it goes (and comes back) with it.
    return scenario if include_narrative else scenario.model_copy(update={"narrative": None, "evidence": {}})


def markdown(result: Result, scenario: Scenario, include_narrative: bool = False,
             whatif: Optional[WhatIf] = None) -> str:
    changes = whatif if whatif is not None else what_if(scenario, result.framework)
    return render_markdown(result, without_narrative(scenario, include_narrative), narrative=include_narrative,
                           whatif=changes)


def json_text(result: Result, scenario: Scenario, include_narrative: bool = False) -> str:
    payload = dump(result, without_narrative(scenario, include_narrative))
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def pdf_bytes(result: Result, scenario: Scenario, include_narrative: bool = False,
              whatif: Optional[WhatIf] = None) -> bytes:
    return markdown_to_pdf(markdown(result, scenario, include_narrative, whatif))


def file_name(result: Result, extension: str) -> str:
    # Generic on purpose: a scenario's title may name a real person.
    return f"elements-analysis-{result.framework}.{extension}"
