"""CSV import into a team: every problem by row and column, and all rows or none."""

from __future__ import annotations

import pytest

from okrcore.formats import csv_table
from okrcore.formats.csv_table import CsvInvalid, export_csv, parse_kr_csv, template_csv
from okrcore.model.errors import InvalidInput
from okrcore.services.drafting import add_objective, import_key_results
from okrcore.storage.memory import InMemoryRepository
from tests.unit.workshop_factory import new_workshop, participant

PAT = participant("Pat")
HEADER = "objective,objective_type,key_result,baseline,target,direction,deadline,confidence\n"


@pytest.fixture
def ws():
    repo = InMemoryRepository()
    workshop_id, _ = new_workshop(repo)
    team = repo.load(workshop_id).teams[1].id
    return repo, workshop_id, team


def test_the_template_imports_as_one_objective_with_two_key_results(ws) -> None:
    repo, wid, team = ws
    assert import_key_results(repo, wid, PAT, team, template_csv()) == (1, 2)
    doc = repo.load(wid)
    assert [o.text for o in doc.objectives] == ["Make onboarding effortless"]
    assert [(k.baseline, k.target, k.direction) for k in doc.key_results] == [
        (5, 1, "decrease"), (40, 60, "increase"),
    ]  # fmt: skip
    assert doc.key_results[0].deadline == doc.workshop.end


def test_rows_join_an_existing_objective_with_the_same_text(ws) -> None:
    repo, wid, team = ws
    add_objective(repo, wid, PAT, team, text="Keep customers")
    text = HEADER + "keep customers,,Churn from 4 to 2,4,2,decrease,,\n"
    assert import_key_results(repo, wid, PAT, team, text) == (0, 1)


def test_every_problem_is_named_by_row_and_column_and_nothing_is_written(ws) -> None:
    repo, wid, team = ws
    text = HEADER + (
        "Keep customers,committed,Churn from 4 to 2,4,2,decrease,2027-02-01,7\n"
        "Keep customers,,,4,2,,,\n"
        "Keep customers,,NPS up,forty,50,,2027-13-01,\n"
        ",,Orphan,1,2,,,\n"
        "Keep customers,,Way out,1,2,,2031-01-01,\n"
    )
    with pytest.raises(CsvInvalid) as raised:
        parse_kr_csv(text)
    problems = {(p.row, p.column) for p in raised.value.problems}
    assert {(3, "key_result"), (4, "baseline"), (4, "deadline"), (5, "objective")} <= problems
    with pytest.raises(CsvInvalid, match="Row 2, key_result: Deadline: must fall within"):
        import_key_results(repo, wid, PAT, team, HEADER + "Keep,,Way out,1,2,,2031-01-01,\n")
    assert repo.load(wid).key_results == []


@pytest.mark.parametrize(
    ("text", "message"),
    [("a,b\n1,2\n", "needs the columns"), (HEADER, "no rows"),
     (b"\xff\xfe\x00bad", "not UTF-8"), ("x" * (5 * 1024 * 1024 + 1), "larger than 5 MB")],
)  # fmt: skip
def test_files_that_are_not_okr_csvs_are_refused_with_a_reason(text, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_kr_csv(text)


def test_the_csv_export_imports_back_including_formula_looking_text(ws) -> None:
    repo, wid, team = ws
    text = HEADER + "Grow,,=1+1 customers from 10 to 20,10,20,,,\n"
    import_key_results(repo, wid, PAT, team, text)
    exported = export_csv(repo.load(wid))
    assert "'=1+1 customers" in exported
    other = InMemoryRepository()
    other_id, _ = new_workshop(other)
    import_key_results(other, other_id, PAT, other.load(other_id).teams[1].id, exported)
    assert other.load(other_id).key_results[0].text == "=1+1 customers from 10 to 20"


def test_a_file_with_more_rows_than_a_team_can_hold_is_refused_before_any_row_is_read(
    monkeypatch,
) -> None:
    """Nearly 5 MB of rows is refused from its row count alone: no row is validated."""
    row = "Grow,,Raise NPS from 30 to 45,30,45,increase,,5\n"
    text = HEADER + row * (4_900_000 // len(row))
    validated: list[int] = []
    monkeypatch.setattr(
        "okrcore.formats.csv_table._row_fields",
        lambda row, number, problems: validated.append(number) or {},
    )
    with pytest.raises(InvalidInput, match="more than 200 rows"):
        parse_kr_csv(text)
    assert validated == []


def test_the_reader_stops_at_the_row_cap_instead_of_reading_the_whole_file(monkeypatch) -> None:
    """A file of 60,000 rows is refused after reading one row past the cap, not all of them."""
    row = "Grow,,Raise NPS from 30 to 45,30,45,increase,,5\n"
    cleaned: list[str] = []
    real_cell = csv_table._cell
    monkeypatch.setattr(csv_table, "_cell", lambda value: cleaned.append(value) or real_cell(value))
    with pytest.raises(InvalidInput, match="more than 200 rows"):
        csv_table.read_csv_rows(HEADER + row * 60_000)
    columns = HEADER.count(",") + 1
    assert len(cleaned) == (csv_table.MAX_TEAM_ROWS + 1) * columns


def test_a_team_s_full_load_of_rows_still_imports() -> None:
    rows = "".join(
        f"Objective {i // 10},,Raise NPS from 30 to {40 + i},30,{40 + i},,,\n" for i in range(200)
    )
    assert len(parse_kr_csv(HEADER + rows)) == 200
