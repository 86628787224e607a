"""Domain work without Streamlit: the critique, and the JSON export and import.

The critique runs on every rerun of the key-results and review pages, so its cost per key
result bounds those pages. Export and import move a whole workshop at once; they are rare
but a person waits for them.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from bench.reference import kr_fields
from bench.report import Figure, from_seconds
from bench.stats import repeat
from okrcore.critique.review import kr_findings
from okrcore.formats.json_export import export_json, parse_export
from okrcore.model.records import KeyResult, WorkshopDoc, new_id
from okrcore.services.transfer import import_workshop
from okrcore.storage.files import FileRepository

CRITIQUE_1000_TARGET_S = 0.2


def thousand_key_results(deadline: date, count: int = 1000) -> list[tuple[KeyResult, str]]:
    """``count`` distinct key results with structured fields, each with an objective text."""
    objective_id = new_id()
    return [
        (
            KeyResult(objective_id=objective_id, **kr_fields(i, deadline)),
            f"Make area {i % 97} the part of the product customers recommend first",
        )
        for i in range(count)
    ]


def critique_figures(doc: WorkshopDoc, repeats: int) -> list[Figure]:
    """All of the workshop's key results, and 1,000, critiqued as the pages do."""
    objective_text = {o.id: o.text for o in doc.objectives}
    workshop_krs = [(kr, objective_text.get(kr.objective_id)) for kr in doc.key_results]
    many = thousand_key_results(doc.workshop.end)

    def critique(items: list[tuple[KeyResult, str | None]]) -> None:
        for kr, objective in items:
            kr_findings(kr, objective)

    return [
        from_seconds(
            "critique:all",
            f"Critique of all {len(workshop_krs)} key results",
            repeat(lambda: critique(workshop_krs), repeats),
            unit="s",
        ),
        from_seconds(
            "critique:1000",
            "Critique of 1,000 key results",
            repeat(lambda: critique(many), repeats),
            unit="s",
            target=CRITIQUE_1000_TARGET_S,
        ),
    ]


def transfer_figures(doc: WorkshopDoc, repeats: int) -> list[Figure]:
    """JSON export; reading an export; importing it as a new workshop into a data folder."""
    text = export_json(doc)
    size = f"{len(text.encode()) / 1e6:.1f} MB"
    with tempfile.TemporaryDirectory(prefix="okr-bench-import-") as folder:
        repo = FileRepository(Path(folder))
        figures = [
            from_seconds(
                "export:json", "JSON export", repeat(lambda: export_json(doc), repeats), note=size
            ),
            from_seconds(
                "import:parse",
                "JSON import: read and validate only",
                repeat(lambda: parse_export(text), repeats),
            ),
            from_seconds(
                "import:json",
                "JSON import as a new workshop",
                repeat(lambda: import_workshop(repo, text), repeats),
                note="new ids, key hash, write",
            ),
        ]
    return figures
