"""Measure the critique engine against a labelled file of key results.

    python -m okrcore.critique.evaluate PATH.jsonl [--folds N] [--errors]

Each line of the file is a JSON object with ``kr`` (the text), optionally ``objective``,
and the labels ``measurable``, ``has_target``, ``has_baseline``, ``time_bound`` (booleans)
and ``kind`` (outcome | output | task | kpi_maintain); ``verdict`` is derived from them when
absent. The engine sees the text only (the objective as context), never structured fields.

Printed: macro-F1 over both classes for each of the four signals, macro-F1 over the four
kinds, and the accuracy of the good / needs_work verdict. ``--folds N`` also reports the
figures per group of sources (records split by ``source_group``), to show the figures do
not rest on one source.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from okrcore.critique.findings import (
    KR_KPI,
    KR_NO_BASELINE,
    KR_NO_DEADLINE,
    KR_NO_TARGET,
    KR_NOT_MEASURABLE,
    KR_OUTPUT,
    KR_TASK,
    is_good,
)
from okrcore.critique.key_result import critique_key_result

SIGNALS = ("measurable", "has_target", "has_baseline", "time_bound")
KINDS = ("outcome", "output", "task", "kpi_maintain")
_KIND_OF_RULE = {KR_TASK: "task", KR_OUTPUT: "output", KR_KPI: "kpi_maintain"}


class EvalInputError(Exception):
    """The labelled file cannot be read; the message says which line and why."""


@dataclass(frozen=True, slots=True)
class Labelled:
    """One labelled key result: the text, its context, and what a careful reader said."""

    text: str
    objective: str | None
    group: str
    labels: dict[str, object]


@dataclass(frozen=True, slots=True)
class Scores:
    """The figures for one set of records."""

    count: int
    signals: dict[str, float]
    kinds: float
    verdict: float


def _verdict(labels: dict[str, object]) -> str:
    if "verdict" in labels:
        return str(labels["verdict"])
    good = labels["measurable"] and labels["has_target"] and labels["kind"] == "outcome"
    return "good" if good else "needs_work"


def load(path: Path) -> list[Labelled]:
    """Read a JSON-lines file of labelled key results (blank lines are skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise EvalInputError(f"cannot read {path}: {error}") from error
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            labels = {name: bool(data[name]) for name in SIGNALS}
            labels["kind"] = str(data["kind"])
            labels["verdict"] = _verdict({**labels, **data})
            records.append(
                Labelled(
                    str(data["kr"]), data.get("objective"), data.get("source_group", ""), labels
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise EvalInputError(f"{path}:{number}: not a labelled key result ({error})") from error
    return records


def predict(record: Labelled) -> dict[str, object]:
    """What the engine says about one record, in the labels' terms."""
    findings = critique_key_result(record.text, record.objective)
    rules = {finding.rule for finding in findings}
    kind = next((_KIND_OF_RULE[rule] for rule in _KIND_OF_RULE if rule in rules), "outcome")
    return {
        "measurable": KR_NOT_MEASURABLE not in rules,
        "has_target": KR_NO_TARGET not in rules,
        "has_baseline": KR_NO_BASELINE not in rules,
        "time_bound": KR_NO_DEADLINE not in rules,
        "kind": kind,
        "verdict": "good" if is_good(findings) else "needs_work",
    }


def macro_f1(pairs: Sequence[tuple[Hashable, Hashable]], classes: Sequence[Hashable]) -> float:
    """Mean F1 over the classes that occur in the labels or the predictions.

    A class absent from both says nothing about the engine, so it is left out rather than
    counted as a perfect (or a failed) score.
    """
    scores = []
    for cls in classes:
        tp = sum(1 for predicted, gold in pairs if predicted == cls and gold == cls)
        fp = sum(1 for predicted, gold in pairs if predicted == cls and gold != cls)
        fn = sum(1 for predicted, gold in pairs if predicted != cls and gold == cls)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 1.0


def score(records: Sequence[Labelled], predictions: Sequence[dict[str, object]]) -> Scores:
    """The six figures for records and the engine's predictions for them."""

    def pairs(name: str) -> list[tuple[Hashable, Hashable]]:
        return [(p[name], r.labels[name]) for p, r in zip(predictions, records, strict=True)]

    verdicts = pairs("verdict")
    return Scores(
        count=len(records),
        signals={name: macro_f1(pairs(name), (True, False)) for name in SIGNALS},
        kinds=macro_f1(pairs("kind"), KINDS),
        verdict=sum(p == g for p, g in verdicts) / len(verdicts) if verdicts else 0.0,
    )


def split_by_group(records: Sequence[Labelled], folds: int) -> list[list[Labelled]]:
    """Split records into folds by source group, largest groups first into the lightest fold.

    Deterministic, so the figures can be compared between runs.
    """
    groups: dict[str, list[Labelled]] = {}
    for record in records:
        groups.setdefault(record.group, []).append(record)
    buckets: list[list[Labelled]] = [[] for _ in range(folds)]
    for _, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        min(buckets, key=len).extend(members)
    return buckets


def report(scores: Scores, title: str) -> str:
    lines = [f"{title} ({scores.count} key results)"]
    lines += [f"  {name:<13} macro-F1 {value:.3f}" for name, value in scores.signals.items()]
    lines.append(f"  {'kind':<13} macro-F1 {scores.kinds:.3f}")
    lines.append(f"  {'verdict':<13} accuracy {scores.verdict:.3f}")
    return "\n".join(lines)


def _errors(records: Sequence[Labelled], predictions: Sequence[dict[str, object]]) -> str:
    lines = []
    for record, predicted in zip(records, predictions, strict=True):
        wrong = [n for n in (*SIGNALS, "kind") if predicted[n] != record.labels[n]]
        if wrong:
            detail = ", ".join(f"{n}={predicted[n]} (label {record.labels[n]})" for n in wrong)
            lines.append(f"- {record.text}\n    {detail}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m okrcore.critique.evaluate",
        description="Score the key-result critique against a labelled JSON-lines file.",
    )
    parser.add_argument("path", type=Path, help="labelled key results, one JSON object a line")
    parser.add_argument("--folds", type=int, default=0, help="also report N source-group folds")
    parser.add_argument("--errors", action="store_true", help="list the records it gets wrong")
    args = parser.parse_args(argv)
    try:
        records = load(args.path)
    except EvalInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not records:
        print(f"error: {args.path} holds no labelled key results", file=sys.stderr)
        return 2
    predictions = [predict(record) for record in records]
    print(report(score(records, predictions), str(args.path)))
    if args.folds > 1:
        for number, fold in enumerate(split_by_group(records, args.folds), start=1):
            groups = len({record.group for record in fold})
            title = f"fold {number} of {args.folds}, {groups} source groups"
            print(report(score(fold, [predict(record) for record in fold]), title))
    if args.errors:
        print(_errors(records, predictions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
