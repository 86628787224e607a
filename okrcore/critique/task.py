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
    consequences,
    make_finding,
)
from okrcore.critique.text import (
    Sentence,
    as_phrase,
    head_phrase,
    lead_role,
    object_after,
    people_subject,
)
from okrcore.reading.words import (
    ACTIVITY,
    ACTIVITY_BASES,
    ACTIVITY_PARTICIPLES,
    ARTEFACT_NOUNS,
    ATTAIN,
    BUSINESS_RESULTS,
    CHANGE,
    COMPARISON,
    METRIC_NOUNS,
    OUTCOME_NOUNS,
    QUALITY_CUE,
    RECEPTION_PARTICIPLES,
    RECIPIENT,
    STAFF_NOUNS,
    verb_role,
)

if TYPE_CHECKING:
    from okrcore.critique.analysis import KrAnalysis

# A state that is true once: "X is documented", "a tool exists", "Z is part of the plan".
STATE_DONE = re.compile(
    r"\b(?:is|are|was|were|be|been|gets?|got|becomes?)\s+(?:\w+ly\s+)?(?:now\s+)?"
    r"(?P<state>\w+ed|built|done|written|shipped|available|ready|live|in\s+place|underway"
    r"|complete|default|supported|the\s+default|on\s+by\s+default|part\s+of)\b"
    r"|\bexists?\b|\bthere\s+(?:is|are)\s+(?:a|an)\b|\b(?:complete|completed|done|finished|"
    r"implemented|documented|published|shipped|launched|released|in\s+place)\s*[.!]?$"
)
# People given a capability: "users can see their invoices", "admins have access to ...".
CAPABILITY = re.compile(r"\b(?:can|could|(?:has|have|get|gets)\s+access\s+to)\b")
# What people know is a result of the team's work, not a feature: "everyone can tell us
# our objectives", "every engineer can explain the on-call rota".
KNOWING = re.compile(
    r"\s*(?:\w+ly\s+)?(?:tell|explain|name|describe|answer|recall|recogni[sz]e|articulate"
    r"|understand)\b"
)
# Others brought to act: "have them tell us ...", "get customers to renew".
CAUSATIVE = re.compile(
    r"\b(?:have|get)\s+(?:them|people|users|customers|clients|everyone|developers|visitors"
    r"|readers|members)\s+(?:to\s+)?[a-z]+"
)
_TEAM_SUBJECTS = ("we", "i")
# "Make X faster" asks for a change, like "speed X up"; "make X easy to use" describes a thing.
_COMPARATIVE = re.compile(
    r"\b(?:better|faster|quicker|easier|simpler|smoother|happier|cheaper|safer|clearer)\b"
)
_CLAUSE_LINKS = frozenset(("who", "that", "which", "can", "could", "will", "is", "are"))
_OPENING_ARTICLES = ("a", "an")
_ARTEFACT_LINKS = frozenset(
    ["to", "that", "for", "which", "where", "with", "showing", "listing", "so"]
)

WHY = (
    "Finishing a task doesn't prove anything changed; tasks are the initiatives that "
    "serve a key result."
)


def done_state(main: str) -> str | None:
    """The words saying a one-off state is reached ("is documented"), if any.

    A participle whose subject is the market ("is featured", "gets cited") is a result
    others give the team, not a state the team reaches, so it does not count.
    """
    for match in STATE_DONE.finditer(main):
        state = match["state"]
        if state is None or state.split()[0] not in RECEPTION_PARTICIPLES:
            return match[0]
    return None


def artefact_opening(words: list[str]) -> str | None:
    """ "A dashboard that shows ...", "a system to keep this updated": the key result names
    a thing the team makes, so it is a deliverable, whatever it then says about it."""
    if not words or words[0] not in _OPENING_ARTICLES:
        return None
    for j in range(1, min(len(words) - 1, 5)):
        if words[j] in ARTEFACT_NOUNS and words[j + 1] in _ARTEFACT_LINKS:
            return " ".join(words[: j + 1])
    return None


def _lead_object(sentence: Sentence) -> tuple[str, ...]:
    words = sentence.words
    at = words.index(sentence.lead) if sentence.lead in words else -1
    return object_after(words, at + 1) if at >= 0 else ()


def _attained(sentence: Sentence) -> tuple[str, str] | None:
    """An attain verb ("get", "be", "win"): a result when others act or a quality is named."""
    after = _lead_object(sentence)
    if after and after[0] in RECEPTION_PARTICIPLES:
        return OUTCOME, f"{sentence.lead} {after[0]}"  # "get featured": the market acts
    quality = QUALITY_CUE.search(sentence.main)
    if quality:
        return OUTCOME, quality[0]
    return TASK, sentence.lead or ""


def _hires_several(sentence: Sentence) -> str | None:
    """The words of hiring with no single role named: "hire engineers", "hire boldly" (counted
    or open-ended hiring is an output; "hire a UX designer" or "hire someone" is a task)."""
    lead = sentence.lead or ""
    if not output.HIRING.fullmatch(lead):
        return None
    hired = _lead_object(sentence)
    if not hired:
        return lead
    if hired[0].endswith("ly"):
        return f"{lead} {hired[0]}"
    if hired[-1] in STAFF_NOUNS and hired[-1].endswith("s"):
        return " ".join((lead, *hired))
    return None


def _team_work(sentence: Sentence, role: str | None) -> tuple[str, str]:
    """An activity verb: repeated work is an output, moving a business result an outcome."""
    main, words, ends = sentence.main, sentence.words, sentence.ends
    if output.recurring(main, words, ends) or output.MORE_ACTIVITY.search(main):
        return OUTPUT, sentence.lead or ""
    hiring = _hires_several(sentence)
    if hiring:
        return OUTPUT, hiring
    better = _COMPARATIVE.search(main)
    if sentence.lead == "make" and better:
        return OUTCOME, better[0]  # "make the checkout faster": a change asked for
    head = _lead_object(sentence)[-1:]
    result = next((word for word in head if word in BUSINESS_RESULTS), None)
    if role == ACTIVITY and result:
        return OUTCOME, f"{sentence.lead} {result}"  # "move deals to Closed Won"
    return TASK, sentence.lead or ""


def _reduced_passive(words: list[str]) -> tuple[str, str] | None:
    """ "All managers trained on X", "every repo migrated to Y": a subject, then what was done
    to it, with no verb of its own in between. A state the team reaches once is a task; one
    others bring about ("v2 adopted by all squads") is a result. Returns the kind and words."""
    for i, word in enumerate(words[1:6], start=1):
        if word in RECEPTION_PARTICIPLES:
            return OUTCOME, " ".join(words[: i + 1])
        if word in ACTIVITY_PARTICIPLES and word not in ACTIVITY_BASES:  # not "provide"
            return TASK, " ".join(words[: i + 1])
        if verb_role(word) is not None or word in _CLAUSE_LINKS:
            return None
    return None


def _stated(sentence: Sentence) -> tuple[str, str]:
    """No opening verb: a state reached once, a capability given, or a result named."""
    main, words = sentence.main, sentence.words
    state = done_state(main)
    if state:
        return TASK, state
    done = any(word in ACTIVITY_PARTICIPLES for word in words)  # "progress tracked monthly"
    if not done and output.recurring(main, words, sentence.ends):
        return OUTPUT, " ".join(words[:3])  # "weekly blog posts": work repeated on a rhythm
    capability = CAPABILITY.search(main)
    if capability and words[0] in _TEAM_SUBJECTS:
        return TASK, capability[0]  # "we can report on adoption": a capability the team builds
    if capability and people_subject(words):
        if KNOWING.match(main, capability.end()):
            return OUTCOME, capability[0]
        if not QUALITY_CUE.search(main):
            return TASK, capability[0]  # "users can see their invoices": a feature shipped
    for cue in (COMPARISON.search(main), QUALITY_CUE.search(main)):
        if cue:
            return OUTCOME, cue[0]
    changed = measurable.changed_metric(words)
    if changed is not None:
        return OUTCOME, " ".join(changed)
    if words and words[-1] in ARTEFACT_NOUNS and not any(verb_role(word) for word in words):
        return TASK, words[-1]  # "customer health score dashboard": a thing to make
    done_to = _reduced_passive(words)
    if done_to:
        return done_to  # "all product managers trained on the new tool": done once
    if people_subject(words):
        return OUTCOME, " ".join(words[:3])
    metric = measurable.named_metric(sentence)
    if metric:
        return OUTCOME, metric  # "page load time of the dashboard": a level, no number yet
    subject = head_phrase(words)[-1:]
    if subject and (subject[0] in OUTCOME_NOUNS or subject[0] in METRIC_NOUNS):
        return OUTCOME, subject[0]  # a result named without a number yet
    return TASK, " ".join(words[:3])


def kind_without_numbers(sentence: Sentence) -> tuple[str, str]:
    """Kind of a key result that states no number, and the words that decided it."""
    role = lead_role(sentence.lead)
    plan = measurable.PLAN_TARGET.search(sentence.main)
    if role == CHANGE:
        return OUTCOME, sentence.lead or ""
    causative = CAUSATIVE.search(sentence.main)
    if causative:
        return OUTCOME, causative[0]  # others act: the result is their behaviour
    if plan:
        return (OUTPUT if output.HIRING.search(sentence.main) else OUTCOME), plan[0]
    if role in (ACTIVITY, RECIPIENT):
        return _team_work(sentence, role)
    if role == ATTAIN:
        return _attained(sentence)
    return _stated(sentence)


def finding(text: str, analysis: KrAnalysis, covers: tuple[str, ...] = ()) -> Finding:
    phrase = as_phrase(text)
    example = output.example_result(analysis.metric_words)
    cue = f" ('{analysis.kind_cue}')" if analysis.kind_cue else ""
    return make_finding(
        KR_TASK,
        f"This reads like a task{cue}: something you finish, not a result you can measure"
        f"{consequences(covers)}.",
        WHY,
        f"Increase <what '{phrase}' should change, e.g. {example}>"
        f" {CHANGE_PLACEHOLDER}; keep '{phrase}' as an initiative under it.",
        covers,
    )
