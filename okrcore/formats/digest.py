"""The weekly digest as Markdown: the text a team copies into its chat, wiki or email.

Built from :func:`okrcore.rules.digest.weekly_digest`. User text goes through
:func:`okrcore.formats.markdown.md_text` and numbers through
:func:`okrcore.model.numbers.display_number`, as in every Markdown the app writes. No tables:
chat apps (Microsoft Teams, Mattermost, Slack) render lists and bold text far more reliably
than Markdown tables.

Slack does not read Markdown but its own "mrkdwn": no headings, ``*bold*``, and no backslash
escapes; there ``<`` starts a link or a mention and must be written ``&lt;``. So the same
digest is also written in that flavour (:data:`SLACK`) for posting to Slack, where a
Markdown escape would show as a stray backslash and would not stop a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from okrcore.formats.markdown import md_text
from okrcore.model.numbers import display_number
from okrcore.rules.confidence import ConfidenceStatus
from okrcore.rules.digest import KeyResultNews, TeamDigest, WeeklyDigest

NOTHING_TO_SAY = "Nothing moved, and nothing needs a conversation."
NO_CHECKIN = "_No check-in this week._"  # italic in Markdown and in Slack alike
STALE_HINT = "(no check-in for more than a week)"
Escape = Callable[[str], str]


def slack_text(text: str) -> str:
    """User text for Slack: on one line, with the three characters Slack reads as markup
    (``&``, ``<``, ``>``: links, mentions) written as entities, as Slack asks."""
    flat = " ".join(text.split())
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Flavour:
    """How a chat writes the digest: its escape for user text and its bold marker; headings
    where it has them, else bold lines."""

    text: Escape
    bold: str
    headings: bool

    def heading(self, level: int, line: str) -> str:
        return f"{'#' * level} {line}" if self.headings else f"{self.bold}{line}{self.bold}"


# In a chat, "@channel" or "@all" typed in a blocker would ping everyone when the digest is
# posted, and a bare address would become a link; a word joiner (U+2060) after "@" and
# inside "http(s):" and "www." keeps both as typed text, as the app's pages do.
_CHAT_MARKS = re.compile(r"(?i)(?<=@)|(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)")


def chat_markdown_text(text: str) -> str:
    """User text for a Markdown chat (Mattermost, Teams): escaped as Markdown, and never a
    mention or a link it did not ask to be."""
    return _CHAT_MARKS.sub("\u2060", md_text(text))


MARKDOWN = Flavour(md_text, "**", headings=True)  # to copy into a wiki, an email, a file
CHAT_MARKDOWN = Flavour(chat_markdown_text, "**", headings=True)  # posted to Mattermost, Teams
SLACK = Flavour(slack_text, "*", headings=False)


def digest_markdown(digest: WeeklyDigest, flavour: Flavour = MARKDOWN) -> str:
    """The whole digest: a headline with the week's totals, then one section per team."""
    esc, bold = flavour.text, flavour.bold
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
        flavour.heading(
            1, f"Weekly digest: {esc(digest.workshop)}, week {digest.week} of {digest.weeks}"
        ),
        "",
        # The dates open the line: a cycle label opening it ("- Q1", "1. Q1") would be read
        # as a list marker, which no escape of the label itself can stop.
        f"{when} · {esc(digest.cycle)} · {checked_in} of {len(teams)} team{plural} checked in",
        "",
        f"{bold}In short:{bold} "
        + " · ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts),
        "",
    ]
    for team in teams:
        lines += _team_lines(team, flavour)
    if not teams:
        lines += ["No team has key results to report on yet.", ""]
    return "\n".join(lines).rstrip() + "\n"


def _team_lines(team: TeamDigest, flavour: Flavour) -> list[str]:
    esc = flavour.text
    lines = [flavour.heading(2, esc(team.team)), ""]
    if not team.checked_in:
        lines += [NO_CHECKIN, ""]
    sections = [
        ("What moved", [_moved(kr, esc) for kr in team.moved]),
        ("Confidence", [_confidence(kr, esc) for kr in team.confidence_changes]),
        ("Blockers", [
            esc(b.text) + (f" — who can help: {esc(b.who_can_help)}" if b.who_can_help else "")
            for b in team.blockers
        ]),
        ("Off track or at risk", [_attention(kr, esc) for kr in team.needs_attention]),
        (f"Stale {STALE_HINT}", [_stale(kr, esc) for kr in team.stale]),
        ("Wins", [esc(team.wins)] if team.wins else []),
    ]  # fmt: skip
    said = False
    for title, items in sections:
        if items:
            said = True
            lines += [f"{flavour.bold}{title}{flavour.bold}", "", *(f"- {i}" for i in items), ""]
    if not said and team.checked_in:
        lines += [NOTHING_TO_SAY, ""]
    return lines


def _value(kr: KeyResultNews, value: float | None, esc: Escape) -> str:
    unit = f" {esc(kr.unit)}" if kr.unit else ""
    return f"{display_number(value, '?')}{unit}"


def _owner(kr: KeyResultNews, esc: Escape) -> str:
    return f" (owner {esc(kr.owner)})" if kr.owner else ""


def _moved(kr: KeyResultNews, esc: Escape) -> str:
    values = f"{_value(kr, kr.value_before, esc)} → {_value(kr, kr.value_now, esc)}"
    line = f"{esc(kr.text)}: {values}{_owner(kr, esc)}"
    return line + (f" · note: {esc(kr.note)}" if kr.note else "")


def _confidence(kr: KeyResultNews, esc: Escape) -> str:
    return f"{esc(kr.text)}: {kr.confidence_before} → {kr.confidence_now} of 10"


def _attention(kr: KeyResultNews, esc: Escape) -> str:
    label = "Off track" if kr.status == ConfidenceStatus.OFF_TRACK else "At risk"
    confidence = kr.confidence_now if kr.confidence_now is not None else kr.confidence_before
    return f"{label} (confidence {confidence} of 10): {esc(kr.text)}{_owner(kr, esc)}"


def _stale(kr: KeyResultNews, esc: Escape) -> str:
    when = f"last check-in in week {kr.last_week}" if kr.last_week else "never checked in"
    return f"{esc(kr.text)} — {when}{_owner(kr, esc)}"
