"""What one key result's text says, read once for every rule family.

The kind comes first, in the method's order: a health metric kept steady
(:mod:`~okrcore.critique.kpi`), then, when it states numbers, whether they count a result
or the team's own work (:mod:`~okrcore.critique.output`), else whether it is a one-off task
(:mod:`~okrcore.critique.task`). Only then: is there a number, a target, a starting value,
a deadline (:mod:`~okrcore.critique.measurable`)? A task stays a task even when it mentions
a number ("ship v2 to 3 regions"), while an outcome can be measurable without a number yet
("grow weekly active users" names its metric and only lacks a target).
"""

from __future__ import annotations

from dataclasses import dataclass

from okrcore.critique import kpi, measurable, output, task, wording
from okrcore.critique.findings import KPI, OUTCOME, OUTPUT, TASK
from okrcore.critique.quantities import Quantity
from okrcore.critique.text import PARENTHETICAL, Sentence, quantity_words, quote, read_sentence


@dataclass(frozen=True, slots=True)
class KrAnalysis:
    """What the text of one key result says, as the critique rules need it."""

    kind: str
    kind_cue: str
    measurable: bool
    has_target: bool
    has_baseline: bool
    time_bound: bool
    lead_verb: str | None
    quantities: tuple[Quantity, ...]
    metric_words: tuple[str, ...]
    metric_text: str
    vague_word: str | None
    clauses: tuple[str, ...]
    vanity_word: str | None
    ambiguous_word: str | None


def kind_of(sentence: Sentence) -> tuple[str, str]:
    """outcome, output, task or kpi_maintain, in the method's order (see the module doc),
    with the words that decided it."""
    artefact = task.artefact_opening(sentence.words)
    if artefact:
        return TASK, artefact
    steady = kpi.keeps_steady(sentence.main, sentence.lead)
    if steady:
        return KPI, steady
    if sentence.quantities and output.HIRING.match(sentence.main):
        return OUTPUT, sentence.lead or "hire"  # "hire: 2x backend, 1x designer"
    if sentence.quantities:
        result = next((q for q in sentence.quantities if q.is_result), None)
        if result is not None:
            return OUTCOME, quantity_words(sentence, result)
        return OUTPUT, quantity_words(sentence, sentence.quantities[0])
    return task.kind_without_numbers(sentence)


def analyse_key_result(text: str) -> KrAnalysis:
    """Read one key result's text; never raises, whatever the text."""
    sentence = read_sentence(text)
    kind, cue = kind_of(sentence)
    is_measurable, has_target, has_baseline, time_bound = measurable.measure(kind, sentence)
    metric = measurable.metric_words(sentence.words, sentence.quantities)
    return KrAnalysis(
        kind=kind,
        kind_cue=quote(sentence, cue),
        measurable=is_measurable,
        has_target=has_target,
        has_baseline=has_baseline,
        time_bound=time_bound,
        lead_verb=sentence.lead,
        quantities=sentence.quantities,
        metric_words=metric,
        metric_text=quote(sentence, " ".join(metric)),
        vague_word=quote(sentence, wording.vague_word(sentence.words) or "") or None,
        clauses=wording.clauses(PARENTHETICAL.sub(" ", sentence.cased)),
        vanity_word=wording.vanity_word(metric),
        ambiguous_word=wording.ambiguous_word(sentence.words, sentence.quantities),
    )
