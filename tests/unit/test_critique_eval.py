"""The evaluation command: reads a labelled file, scores the engine, splits by source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrcore.critique.evaluate import Labelled, load, macro_f1, main, split_by_group

# Written for this test, labelled by the guideline's definitions.
RECORDS = [
    ("Raise NPS from 30 to 45 by June", True, True, True, True, "outcome", "blog"),
    ("Publish 6 tutorials", True, True, False, False, "output", "blog"),
    ("Launch the partner portal", False, False, False, False, "task", "handbook"),
    ("Keep checkout errors under 0.1%", True, True, False, False, "kpi_maintain", "handbook"),
    ("Grow weekly active teams", True, False, False, False, "outcome", "wiki"),
]


def write(tmp_path: Path, records: list[tuple[object, ...]] = RECORDS) -> Path:
    path = tmp_path / "labelled.jsonl"
    lines = [
        json.dumps(
            {
                "kr": text,
                "objective": "Grow the business",
                "measurable": measurable,
                "has_target": target,
                "has_baseline": baseline,
                "time_bound": time_bound,
                "kind": kind,
                "source_group": group,
            }
        )
        for text, measurable, target, baseline, time_bound, kind, group in records
    ]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return path


def test_the_engine_scores_perfectly_on_clear_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(write(tmp_path))]) == 0
    output = capsys.readouterr().out
    assert "(5 key results)" in output
    for name in ("measurable", "has_target", "has_baseline", "time_bound", "kind"):
        assert f"{name:<13} macro-F1 1.000" in output
    assert "verdict       accuracy 1.000" in output


def test_the_verdict_is_derived_from_the_labels_when_absent(tmp_path: Path) -> None:
    verdicts = [record.labels["verdict"] for record in load(write(tmp_path))]
    assert verdicts == ["good", "needs_work", "needs_work", "needs_work", "needs_work"]


def test_folds_split_by_source_group_and_report_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(write(tmp_path)), "--folds", "2", "--errors"]) == 0
    output = capsys.readouterr().out
    assert "fold 1 of 2" in output and "fold 2 of 2" in output


def test_a_split_keeps_each_source_group_in_one_fold() -> None:
    records = [Labelled(str(n), None, group, {}) for n, group in enumerate("aaabbc")]
    folds = split_by_group(records, 2)
    assert [[r.group for r in fold] for fold in folds] == [["a", "a", "a"], ["b", "b", "c"]]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(True, True), (False, False)], 1.0),
        ([(True, False), (False, True)], 0.0),
        ([(True, True), (True, False)], (2 / 3 + 0.0) / 2),
        ([(True, True)], 1.0),  # an absent class is left out, not scored
    ],
)
def test_macro_f1_averages_the_classes_that_occur(
    pairs: list[tuple[bool, bool]], expected: float
) -> None:
    assert macro_f1(pairs, (True, False)) == pytest.approx(expected)


def test_an_unreadable_line_exits_two_with_its_line_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"kr": "x"}\n', encoding="utf-8")
    assert main([str(path)]) == 2
    assert "broken.jsonl:1" in capsys.readouterr().err


def test_by_source_scores_each_group_alone_and_flags_the_groups_the_rules_came_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path)
    seen = tmp_path / "seen"
    seen.mkdir()
    seen_path = write(seen, [r for r in RECORDS if r[-1] == "blog"])
    assert (
        main([str(path), "--by-source", "--written-from", str(seen_path), "--min-group", "1"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split() for line in lines if line.startswith("  ")}
    assert rows["blog"][1:3] == ["2", "seen"]
    assert rows["handbook"][1:3] == ["2", "unseen"]
    assert any("mean over 1 seen groups" in line for line in lines)
    assert any("worst of 2 unseen groups" in line for line in lines)


def test_by_source_leaves_small_groups_out_of_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(write(tmp_path)), "--by-source"]) == 0
    assert "unseen: no group with enough records" in capsys.readouterr().out
