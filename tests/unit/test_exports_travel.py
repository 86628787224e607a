"""Exports that round-trip through the tools people paste them into: CSV that a spreadsheet
reads as numbers and that imports back unchanged, Markdown that a CommonMark renderer shows
as written, and JSON that carries no secrets unless it is the facilitator's backup."""

from __future__ import annotations

import csv
import io
import json

from markdown_it import MarkdownIt

from okrcore.formats.csv_table import BOM, export_csv
from okrcore.formats.json_export import export_json, parse_export
from okrcore.formats.markdown import export_markdown, md_text
from okrcore.services.common import Actor
from okrcore.services.drafting import add_key_result, add_objective, import_key_results
from okrcore.services.transfer import import_workshop
from okrcore.services.workshops import rename_team
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import new_workshop, participant

PAT = participant("Pat")
FIELDS = ("text", "metric", "unit", "baseline", "target", "direction", "deadline", "owner")


def workshop() -> tuple[InMemoryRepository, str, Actor]:
    repo = InMemoryRepository()
    workshop_id, fac = new_workshop(repo, teams=("Zürich ops", "Growth"))
    team = repo.load(workshop_id).teams[1].id
    objective = add_objective(
        repo, workshop_id, PAT, team, text="Profit &copy; in Zürich #", type="committed"
    )
    add_key_result(
        repo, workshop_id, PAT, objective.id, text="Margin from -5% to 3%", baseline=-5,
        target=3, unit="%", metric="margin", direction="increase", owner="Ana",
    )  # fmt: skip
    add_key_result(
        repo, workshop_id, PAT, objective.id, text="=SUM(A1) revenue to 1,234,567",
        baseline=1_000_000.5, target=1_234_567, metric="revenue", direction="increase",
    )  # fmt: skip
    return repo, workshop_id, fac


def test_csv_numbers_are_numbers_and_only_text_is_guarded() -> None:
    repo, workshop_id, _ = workshop()
    rows = list(csv.DictReader(io.StringIO(export_csv(repo.load(workshop_id)))))
    margin, revenue = rows
    assert (margin["Baseline"], margin["Target"]) == ("-5", "3")
    assert (revenue["Baseline"], revenue["Target"]) == ("1000000.5", "1234567")
    assert revenue["Key result"] == "'=SUM(A1) revenue to 1,234,567"
    assert "Starting confidence" in margin and margin["Team"] == "Zürich ops"


def test_csv_for_excel_starts_with_a_byte_order_mark_and_reads_back_the_same() -> None:
    repo, workshop_id, _ = workshop()
    plain = export_csv(repo.load(workshop_id))
    for_excel = export_csv(repo.load(workshop_id), bom=True)
    assert for_excel == BOM + plain and not plain.startswith(BOM)
    assert for_excel.encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_a_csv_export_imports_back_with_every_field_unchanged() -> None:
    repo, workshop_id, fac = workshop()
    before = repo.load(workshop_id)
    other = before.teams[0].id
    rename_team(repo, workshop_id, fac, other, "Copy")
    assert import_key_results(repo, workshop_id, PAT, other, export_csv(before).encode()) == (1, 2)
    after = repo.load(workshop_id)
    source = [k for k in after.key_results if k.objective_id == after.objectives[0].id]
    copied = [k for k in after.key_results if k.objective_id == after.objectives[1].id]
    assert [[getattr(k, f) for f in FIELDS] for k in copied] == [
        [getattr(k, f) for f in FIELDS] for k in source
    ]


def _rendered_text(markdown: str) -> str:
    """What a reader sees: the text of every inline token, markup resolved."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    return "\n".join(
        "".join(child.content for child in t.children or [] if child.type == "text")
        for t in tokens
        if t.type == "inline"
    )


def test_markdown_renders_user_text_as_written_and_numbers_as_people_write_them() -> None:
    repo, workshop_id, _ = workshop()
    seen = _rendered_text(export_markdown(repo.load(workshop_id)))
    assert "Profit &copy; in Zürich # (committed)" in seen
    assert "=SUM(A1) revenue to 1,234,567" in seen
    assert "1,000,000.5 → 1,234,567" in seen and "e+06" not in seen
    assert "-5 → 3 %" in seen


def test_escaped_markdown_shows_every_special_character_literally() -> None:
    tricky = "*a* _b_ `c` [d](e) <f> &amp; # g ~h~ |i| $j$ \\k"
    html = MarkdownIt("commonmark").render(f"- {md_text(tricky)}")
    assert "<em>" not in html and "<a " not in html and "<code>" not in html
    assert _rendered_text(f"- {md_text(tricky)}") == tricky


def test_a_shared_json_export_carries_no_secrets_and_a_backup_keeps_them() -> None:
    repo, workshop_id, _ = workshop()
    doc = repo.load(workshop_id)
    shared = export_json(doc)
    assert doc.workshop.viewer_token not in shared
    assert doc.workshop.facilitator_key_hash not in shared
    backup = json.loads(export_json(doc, with_secrets=True))
    assert backup["workshop"]["viewer_token"] == doc.workshop.viewer_token
    assert parse_export(shared).workshop.name == doc.workshop.name
    created = import_workshop(repo, shared)
    assert repo.load(created.workshop_id).workshop.viewer_token != doc.workshop.viewer_token
