"""Exports: JSON round-trips losslessly, CSV is safe in a spreadsheet, Markdown is literal."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrcore.formats.csv_table import CSV_HEADERS, KR_CSV_COLUMNS, export_csv, safe_cell
from okrcore.formats.json_export import export_json, parse_export, with_new_ids
from okrcore.formats.markdown import export_markdown
from okrcore.model.errors import InvalidInput
from okrcore.model.records import MAX_IMPORT_BYTES
from okrcore.services.drafting import add_key_result, add_objective, add_statement
from okrcore.services.transfer import import_workshop
from okrcore.services.why import add_note, toggle_vote
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import new_workshop, participant

PAT = participant("Pat")


def drafted_workshop() -> tuple[InMemoryRepository, str]:
    """A workshop with a note, company and team objectives, and tricky key-result text."""
    repo = InMemoryRepository()
    wid, _fac = new_workshop(repo)
    teams = {t.name: t.id for t in repo.load(wid).teams}
    note = add_note(repo, wid, PAT, "purpose", "Customers churn")
    toggle_vote(repo, wid, PAT, note.id)
    company = add_objective(repo, wid, PAT, teams["Company"], text="Win the mid-market")
    objective = add_objective(
        repo, wid, PAT, teams["Growth"], text="Keep customers", parent_id=company.id,
        why_note_ids=[note.id], type="aspirational",
    )  # fmt: skip
    add_key_result(
        repo, wid, PAT, objective.id, text="=HYPERLINK(\"http://x\")", baseline=5, target=2,
        direction="decrease", unit="%", owner="Ana",
    )  # fmt: skip
    add_statement(repo, wid, PAT, teams["Platform"], "I will x as measured by a *b*, c_d")
    return repo, wid


@pytest.fixture
def drafted() -> tuple[InMemoryRepository, str]:
    return drafted_workshop()


def strip_ids(value):
    """The document with every id-like string blanked, to compare structure and content."""
    if isinstance(value, dict):
        return {("ID" if len(k) == 32 else k): strip_ids(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_ids(v) for v in value]
    if isinstance(value, str) and len(value) == 32 and value.isalnum():
        return "ID"
    return value


def test_json_export_imports_back_as_an_equal_workshop_with_new_ids(drafted) -> None:
    repo, wid = drafted
    original = repo.load(wid)
    created = import_workshop(repo, export_json(original))
    imported = repo.load(created.workshop_id)
    assert created.workshop_id != wid
    assert {o.id for o in imported.objectives}.isdisjoint({o.id for o in original.objectives})
    assert imported.workshop.viewer_token != original.workshop.viewer_token
    first = json.loads(export_json(original))
    second = json.loads(export_json(imported))
    for doc in (first, second):
        doc["workshop"].pop("facilitator_key_hash", None)
    assert strip_ids(first) == strip_ids(second)
    growth = next(o for o in imported.objectives if o.text == "Keep customers")
    assert growth.parent_id in {o.id for o in imported.objectives}
    assert growth.why_note_ids == [imported.notes[0].id]


@pytest.mark.parametrize(
    ("text", "message"),
    [("not json", "not valid JSON"), ("[1, 2]", "not an OKR Workshop export"),
     ('{"format": "okr-workshop", "schema_version": 99}', "schema version 99"),
     ('{"format": "okr-workshop", "schema_version": 1, "workshop": {}}', "damaged")],
)  # fmt: skip
def test_anything_but_an_export_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_export(text)


def test_an_oversized_file_is_refused() -> None:
    with pytest.raises(InvalidInput, match="5 MB"):
        parse_export("x" * (MAX_IMPORT_BYTES + 1))


def test_a_truncated_export_is_refused_and_nothing_is_created(drafted) -> None:
    repo, wid = drafted
    text = export_json(repo.load(wid))
    with pytest.raises(InvalidInput):
        import_workshop(repo, text[: len(text) // 2])
    assert len(repo.list_workshops()) == 1


def test_csv_has_one_row_per_key_result_and_neutralises_formulas(drafted) -> None:
    repo, wid = drafted
    rows = list(csv.DictReader(io.StringIO(export_csv(repo.load(wid)))))
    assert tuple(rows[0]) == tuple(CSV_HEADERS[c] for c in KR_CSV_COLUMNS)
    assert len(rows) == 3
    growth = next(r for r in rows if r["Team"] == "Growth")
    assert growth["Key result"] == '\'=HYPERLINK("http://x")'
    assert (growth["Baseline"], growth["Target"], growth["Direction"]) == ("5", "2", "decrease")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    assert safe_cell(f"{start}1+1").startswith("'")
    assert safe_cell("plain") == "plain"


def test_markdown_one_pager_has_sentences_and_escapes_user_markup(drafted) -> None:
    repo, wid = drafted
    text = export_markdown(repo.load(wid))
    assert "## Growth" in text and "## Platform" in text
    assert "> I will x as measured by a \\*b\\* and c\\_d." in text
    assert "5 → 2 %" in text and "owner Ana" in text


PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))


@settings(max_examples=30, deadline=None)
@given(texts=st.lists(st.text(PRINTABLE, min_size=1, max_size=60).filter(str.strip), max_size=4))
def test_export_then_import_then_export_is_the_same_apart_from_ids(texts) -> None:
    repo, wid = drafted_workshop()
    team = repo.load(wid).teams[1].id
    for text in texts:
        add_objective(repo, wid, PAT, team, text=text)
    doc = repo.load(wid)
    again = with_new_ids(parse_export(export_json(doc)))
    assert strip_ids(json.loads(export_json(again))) == strip_ids(json.loads(export_json(doc)))
