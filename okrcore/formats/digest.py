"""The weekly digest as Markdown: the text a team copies into its chat, wiki or email.

Built from :func:`okrcore.rules.digest.weekly_digest`. User text goes through
:func:`okrcore.formats.markdown.md_text` and numbers through
:func:`okrcore.model.numbers.display_number`, as in every Markdown the app writes. No tables:
chat apps (Microsoft Teams, Mattermost, Slack) render lists and bold text far more reliably
than Markdown tables.
"""

from __future__ import annotations

from okrcore.formats.markdown import md_text
from okrcore.model.numbers import display_number
from okrcore.rules.confidence import ConfidenceStatus
from okrcore.rules.digest import KeyResultNews, TeamDigest, WeeklyDigest

NOTHING_TO_SAY = "Nothing moved, and nothing needs a conversation."
NO_CHECKIN = "*No check-in this week.*"
STALE_HINT = "(no check-in for more than a week)"


def digest_markdown(digest: WeeklyDigest) -> str:
    """The whole digest: a headline with the week's totals, then one section per team."""
    teams = digest.teams
    counts = [
        (sum(len(t.moved) for t in teams), "key result moved", "key results moved"),
        (sum(len(t.confidence_changes) for t in teams), "confidence change",
         "confidence changes"),
        (sum(len(t.blockers) for t in teams), "blocker", "blockers"),
        (sum(len(t.needs_attention) for t in teams), "at risk or off track",
         "at risk or off track"),
        (sum(len(t.stale) for t in teams), "stale", "stale"),
    ]  # fmt: skip
    checked_in = sum(1 for t in teams if t.checked_in)
    when = f"{digest.first_day:%d %b %Y} to {digest.last_day:%d %b %Y}"
    plural = "" if len(teams) == 1 else "s"
    lines = [
        f"# Weekly digest: {md_text(digest.workshop)}, week {digest.week} of {digest.weeks}",
        "",
        f"{md_text(digest.cycle)} · {when} · {checked_in} of {len(teams)} team{plural} checked in",
        "",
        "**In short:** " + " · ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts),
        "",
    ]
    for team in teams:
        lines += _team_lines(team)
    if not teams:
        lines += ["No team has key results to report on yet.", ""]
    return "\n".join(lines).rstrip() + "\n"


def _team_lines(team: TeamDigest) -> list[str]:
    lines = [f"## {md_text(team.team)}", ""]
    if not team.checked_in:
        lines += [NO_CHECKIN, ""]
    sections = [
        ("What moved", [_moved(kr) for kr in team.moved]),
        ("Confidence", [_confidence(kr) for kr in team.confidence_changes]),
        ("Blockers", [
            md_text(b.text) + (f" — who can help: {md_text(b.who_can_help)}"
                               if b.who_can_help else "")
            for b in team.blockers
        ]),
        ("Off track or at risk", [_attention(kr) for kr in team.needs_attention]),
        (f"Stale {STALE_HINT}", [_stale(kr) for kr in team.stale]),
        ("Wins", [md_text(team.wins)] if team.wins else []),
    ]  # fmt: skip
    said = False
    for title, items in sections:
        if items:
            said = True
            lines += [f"**{title}**", "", *(f"- {item}" for item in items), ""]
    if not said and team.checked_in:
        lines += [NOTHING_TO_SAY, ""]
    return lines


def _value(kr: KeyResultNews, value: float | None) -> str:
    unit = f" {md_text(kr.unit)}" if kr.unit else ""
    return f"{display_number(value, '?')}{unit}"


def _owner(kr: KeyResultNews) -> str:
    return f" (owner {md_text(kr.owner)})" if kr.owner else ""


def _moved(kr: KeyResultNews) -> str:
    line = f"{md_text(kr.text)}: {_value(kr, kr.value_before)} → {_value(kr, kr.value_now)}"
    line += _owner(kr)
    return line + (f" · note: {md_text(kr.note)}" if kr.note else "")


def _confidence(kr: KeyResultNews) -> str:
    return f"{md_text(kr.text)}: {kr.confidence_before} → {kr.confidence_now} of 10"


def _attention(kr: KeyResultNews) -> str:
    label = "Off track" if kr.status == ConfidenceStatus.OFF_TRACK else "At risk"
    confidence = kr.confidence_now if kr.confidence_now is not None else kr.confidence_before
    return f"{label} (confidence {confidence} of 10): {md_text(kr.text)}{_owner(kr)}"


def _stale(kr: KeyResultNews) -> str:
    when = f"last check-in in week {kr.last_week}" if kr.last_week else "never checked in"
    return f"{md_text(kr.text)} — {when}{_owner(kr)}"
