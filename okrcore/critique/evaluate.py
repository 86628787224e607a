"""Measure the critique engine against a labelled file of key results.

    python -m okrcore.critique.evaluate PATH.jsonl [--folds N] [--by-source]
        [--written-from SEEN.jsonl ...] [--min-group N] [--errors]
    python -m okrcore.critique.evaluate --values labels/kr_values.jsonl [--texts ...] [--misses]

``--values`` scores the reader instead of the critique: the exact-match rate per field
(baseline, target, change_pct, change_by, direction, deadline) against hand-labelled values,
as :mod:`okrcore.reading.evaluate` (one command for both, one implementation each).

Each line of the file is a JSON object with ``kr`` (the text), optionally ``objective``,
and the labels ``measurable``, ``has_target``, ``has_baseline``, ``time_bound`` (booleans)
and ``kind`` (outcome | output | task | kpi_maintain); ``verdict`` is derived from them when
absent. The engine sees the text only (the objective as context), never structured fields.

Printed: macro-F1 over both classes for each of the four signals, macro-F1 over the four
kinds, and the accuracy of the good / needs_work verdict. ``--folds N`` also reports the
figures per group of sources (records split by ``source_group``), to show the figures do
not rest on one source.

``--by-source`` is the leave-one-source-group-out report. The rules are hand-written, not
fitted, so there is nothing to retrain per fold: "leaving a group out" means scoring that
group's rows alone, with the same rules, and reading the figure for a group the rules were
*not* written from as an unseen-source figure. Mechanically: the records are grouped by
``source_group``; for each group the six figures are computed on that group's rows only
(macro-F1 over the classes that occur in that group, verdict accuracy); then the mean (each
group weighs the same) and the worst value of each figure are taken over the groups with at
least ``--min-group`` records (default 5; smaller groups are listed but not summarised, as
one record can swing their figures from 0 to 1). Groups whose name occurs in a file given
with ``--written-from`` (the file the rules were developed on) are flagged ``seen`` and
summarised apart from the ``unseen`` ones; only the unseen figures say anything about new
sources. The honest unseen figure is a whole file of sources the rules were never
developed on (``kr_dev_new.jsonl`` for the dev file), scored with no flags.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from okrcore.critique.analysis import analyse_key_result
from okrcore.critique.findings import is_good
from okrcore.critique.key_result import critique_key_result
from okrcore.reading.evaluate import main as values_main

SIGNALS = ("measurable", "has_target", "has_baseline", "time_bound")
KINDS = ("outcome", "output", "task", "kpi_maintain")


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
    """What the engine says about one record, in the labels' terms.

    The four signals and the kind come from the analysis of the text, not from which
    findings are shown (a task's one finding stands for its missing number, target,
    baseline and date). The verdict is the findings' verdict, which must agree with it.
    """
    analysis = analyse_key_result(record.text)
    return {
        "measurable": analysis.measurable,
        "has_target": analysis.has_target,
        "has_baseline": analysis.has_baseline,
        "time_bound": analysis.time_bound,
        "kind": analysis.kind,
        "verdict": "good"
        if is_good(critique_key_result(record.text, record.objective))
        else "needs_work",
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


def by_group(records: Sequence[Labelled]) -> dict[str, list[Labelled]]:
    """Records per source group, largest group first (then by name), so runs compare."""
    groups: dict[str, list[Labelled]] = {}
    for record in records:
        groups.setdefault(record.group, []).append(record)
    return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))


def _figures(scores: Scores) -> list[float]:
    return [*scores.signals.values(), scores.kinds, scores.verdict]


_HEADER = ("measur", "target", "basel", "dated", "kinds", "verdict")


def _row(label: str, count: str, flag: str, values: Sequence[float]) -> str:
    cells = " ".join(f"{value:>7.3f}" for value in values)
    return f"  {label[:44]:<44} {count:>4} {flag:<6} {cells}"


def _summary(label: str, rows: Sequence[Sequence[float]]) -> list[str]:
    if not rows:
        return [f"  {label}: no group with enough records"]
    columns = list(zip(*rows, strict=True))
    mean = [sum(column) / len(column) for column in columns]
    worst = [min(column) for column in columns]
    return [
        _row(f"mean over {len(rows)} {label} groups", "", "", mean),
        _row(f"worst of {len(rows)} {label} groups", "", "", worst),
    ]


def source_report(
    records: Sequence[Labelled],
    predictions: Sequence[dict[str, object]],
    seen: frozenset[str],
    min_group: int,
) -> str:
    """Each source group's figures, then mean and worst over seen and unseen groups."""
    predicted = {id(record): p for record, p in zip(records, predictions, strict=True)}
    header = " ".join(f"{name:>7}" for name in _HEADER)
    lines = [
        "by source group (each scored alone; see --help)",
        f"  {'group':<44} {'n':>4} {'':<6} {header}",
    ]
    summaries: dict[str, list[list[float]]] = {"seen": [], "unseen": []}
    for group, members in by_group(records).items():
        flag = "seen" if group in seen else "unseen"
        figures = _figures(score(members, [predicted[id(r)] for r in members]))
        lines.append(_row(group or "(no group)", str(len(members)), flag, figures))
        if len(members) >= min_group:
            summaries[flag].append(figures)
    for flag, rows in summaries.items():
        if rows or flag == "unseen":
            lines += _summary(flag, rows)
    return "\n".join(lines)


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
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--values" in argv:
        argv.remove("--values")
        return values_main(argv)
    parser = argparse.ArgumentParser(
        prog="python -m okrcore.critique.evaluate",
        description="Score the key-result critique against a labelled JSON-lines file.",
    )
    parser.add_argument("path", type=Path, help="labelled key results, one JSON object a line")
    parser.add_argument("--folds", type=int, default=0, help="also report N source-group folds")
    parser.add_argument(
        "--by-source",
        action="store_true",
        help="leave-one-source-group-out: score each source_group's rows alone with the same "
        "(hand-written) rules, then the mean and worst group over groups with at least "
        "--min-group records; groups named in a --written-from file are flagged 'seen' and "
        "summarised apart, since the rules were written from them",
    )
    parser.add_argument(
        "--written-from",
        type=Path,
        action="append",
        default=[],
        metavar="SEEN.jsonl",
        help="a labelled file the rules were developed on; its source groups count as seen",
    )
    parser.add_argument(
        "--min-group", type=int, default=5, help="smallest group in the mean/worst (default 5)"
    )
    parser.add_argument("--errors", action="store_true", help="list the records it gets wrong")
    parser.add_argument(
        "--values",
        action="store_true",
        help="score the reader's values (baseline, target, change, direction, deadline) "
        "against a values file instead; see python -m okrcore.reading.evaluate --help",
    )
    args = parser.parse_args(argv)
    try:
        records = load(args.path)
        seen = frozenset(r.group for path in args.written_from for r in load(path))
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
    if args.by_source:
        print(source_report(records, predictions, seen, args.min_group))
    if args.errors:
        print(_errors(records, predictions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
