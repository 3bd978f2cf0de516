"""The analysis as files to download: Markdown, JSON and PDF.

Markdown is the core's report (elements.report.render_markdown) and the PDF is that same
report laid out; the JSON is the Result of the contract with the scenario it answers.
Caveats and their sources are always in; the narrative only when the user opts in, as
it may hold details about a real person.
"""
from __future__ import annotations

import json

from elements import Result, Scenario
from elements.report import render_markdown
from pdf import markdown_to_pdf


def without_narrative(scenario: Scenario, include_narrative: bool) -> Scenario:
    return scenario if include_narrative else scenario.model_copy(update={"narrative": None})


def markdown(result: Result, scenario: Scenario, include_narrative: bool = False) -> str:
    return render_markdown(result, without_narrative(scenario, include_narrative), narrative=include_narrative)


def json_text(result: Result, scenario: Scenario, include_narrative: bool = False) -> str:
    shown = without_narrative(scenario, include_narrative)
    payload = {
        "scenario": shown.model_dump(mode="json", exclude_defaults=True),
        "result": result.model_dump(mode="json"),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def pdf_bytes(result: Result, scenario: Scenario, include_narrative: bool = False) -> bytes:
    return markdown_to_pdf(markdown(result, scenario, include_narrative))


def file_name(result: Result, extension: str) -> str:
    # Generic on purpose: a scenario's title may name a real person.
    return f"elements-analysis-{result.framework}.{extension}"
