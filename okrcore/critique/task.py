"""Rule family: a key result that is a task, a one-off deliverable done once.

"Launch the referral programme", "Write the onboarding guide", "X is documented": done or
not done, nothing measured. :func:`kind_without_numbers` decides the kind of a key result
that states no number (a task unless it names a result); the finding is :func:`finding`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from okrcore.critique import measurable, output
from okrcore.critique.findings import (
    CHANGE_PLACEHOLDER,
    KR_TASK,
    OUTCOME,
    OUTPUT,
    TASK,
    Finding,
    make_finding,
)
from okrcore.critique.text import Sentence, as_phrase, lead_role, object_after, people_subject
from okrcore.critique.words import (
    ACTIVITY,
    ATTAIN,
    CHANGE,
    COMPARISON,
    METRIC_NOUNS,
    OUTCOME_NOUNS,
    QUALITY_CUE,
    RECIPIENT,
)

if TYPE_CHECKING:
    from okrcore.critique.analysis import KrAnalysis

# A completed deliverable or state: "X is documented", "a tool exists", "there is a ...".
STATE_DONE = re.compile(
    r"\b(?:is|are|was|were|be|been|gets?|got)\s+(?:\w+ly\s+)?(?:now\s+)?(?:\w+ed|built|done|"
    r"written|shipped|available|ready|live|in\s+place|underway|complete|default|supported|"
    r"the\s+default|on\s+by\s+default)\b"
    r"|\bexists?\b|\bthere\s+(?:is|are)\s+(?:a|an)\b|\b(?:complete|completed|done|finished|"
    r"implemented|documented|published|shipped|launched|released|in\s+place)\s*[.!]?$"
)

WHY = (
    "Finishing a task doesn't prove anything changed; tasks are the initiatives that "
    "serve a key result."
)


def kind_without_numbers(sentence: Sentence) -> str:
    """Kind of a key result that states no number: task unless it names a result."""
    main, words, ends = sentence.main, sentence.words, sentence.ends
    role = lead_role(sentence.lead)
    if role == CHANGE:
        return OUTCOME
    if measurable.PLAN_TARGET.search(main):
        return OUTPUT if output.HIRING.search(main) else OUTCOME
    if role in (ACTIVITY, RECIPIENT):
        if output.recurring(main, words, ends) or output.MORE_ACTIVITY.search(main):
            return OUTPUT
        return TASK
    if role == ATTAIN:
        return OUTCOME if QUALITY_CUE.search(main) else TASK
    if STATE_DONE.search(main):
        return TASK
    if COMPARISON.search(main) or measurable.changed_metric(words) is not None:
        return OUTCOME
    if QUALITY_CUE.search(main) or people_subject(words):
        return OUTCOME
    subject = object_after(words, 0)[-1:]
    if subject and (subject[0] in OUTCOME_NOUNS or subject[0] in METRIC_NOUNS):
        return OUTCOME  # a result named without a number yet ("mentions in the press")
    return TASK


def finding(text: str, analysis: KrAnalysis) -> Finding:
    phrase = as_phrase(text)
    example = output.example_result(analysis.metric_words)
    return make_finding(
        KR_TASK,
        "This reads like a task: something you finish, not a result you can measure.",
        WHY,
        f"Increase <what '{phrase}' should change, e.g. {example}>"
        f" {CHANGE_PLACEHOLDER}; keep '{phrase}' as an initiative under it.",
    )
