"""The reader's evaluator: per-field exact match, refs looked up by id, misses listed."""

from __future__ import annotations

import json

from okrcore.reading.evaluate import evaluate_values, load_rows, load_texts, main

ROW = {
    "cycle_start": "2026-01-01",
    "cycle_end": "2026-03-31",
    "baseline": None,
    "target": None,
    "change_pct": None,
    "change_by": None,
    "direction": "milestone",
    "deadline": None,
    "source": "own",
    "split": "tune",
}


def _row(**fields):
    return {**ROW, **fields}


def test_rates_per_field_with_tolerance_and_none_matching_none():
    rows = [
        _row(
            id="a",
            text="Lift NPS from 30 to 45",
            baseline=30,
            target=45.00001,
            direction="increase",
        ),
        _row(id="b", text="Launch the help centre by May 15", deadline="2026-05-15"),
        _row(id="c", text="Cut churn by 20%", change_pct=25, direction="decrease"),
    ]
    result = evaluate_values(rows)
    assert result["rows"] == 3
    assert result["rates"]["baseline"] == 1.0
    assert result["rates"]["target"] == 1.0
    assert result["rates"]["deadline"] == 1.0
    assert result["rates"]["change_pct"] == 2 / 3
    assert [(row["id"], field) for row, field, _ in result["misses"]] == [("c", "change_pct")]


def test_refs_are_read_from_the_texts_files_and_missing_ones_counted(tmp_path, capsys):
    texts = tmp_path / "texts.jsonl"
    texts.write_text(json.dumps({"id": "x-1", "kr": "Reach 40 partners"}) + "\n")
    labels = tmp_path / "labels.jsonl"
    lines = [
        _row(id="r1", ref="x-1", target=40, direction="increase", source="kr_dev"),
        _row(id="r2", ref="x-2", source="kr_dev"),
        _row(id="o1", text="Hire a designer", split="check"),
    ]
    labels.write_text("".join(json.dumps(line) + "\n" for line in lines))
    rows, missing = load_rows(labels, load_texts([texts]))
    assert missing == 1
    assert [row["text"] for row in rows] == ["Reach 40 partners", "Hire a designer"]
    assert main([str(labels), "--texts", str(texts), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "skipped 1 rows" in out
    assert "target" in out.splitlines()[1]
