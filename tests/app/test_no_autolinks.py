"""User text is never a link it did not ask to be: bare addresses in headings stay text.

Streamlit's Markdown turns ``http://``, ``https://``, ``www.`` and ``name@host`` into links
even when every punctuation mark is escaped; ``ui.safe.md_escape`` puts a word joiner inside
each. The browser test in tests/e2e/test_no_autolinks.py checks that no link is drawn."""

from __future__ import annotations

import re

import pytest

from okrcore.services.drafting import add_key_result, add_objective
from tests.app.conftest import open_page
from tests.unit.workshop_factory import participant
from ui.safe import WORD_JOINER, md_escape

PAT = participant("Pat")
EVIL = "Grow signups at https://evil.example/a, www.evil.example and ops@evil.example"
# What GFM's autolink literal looks for, as remark-gfm finds it after escapes are read.
AUTOLINK = re.compile(r"(?i)(https?://|www\.|[-.\w+]+@[-\w]+\.)")


def unescaped(markdown: str) -> str:
    """The text Markdown reads once its backslash escapes are resolved."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize(
    "text",
    [EVIL, "HTTP://X.EXAMPLE", "mailto:a@b.example", "see WWW.example.org", "xmpp:a@b.example"],
)
def test_escaped_text_has_no_autolink_and_reads_as_typed(text) -> None:
    escaped = md_escape(text)
    assert not AUTOLINK.search(unescaped(escaped))
    assert unescaped(escaped).replace(WORD_JOINER, "") == text


def test_objective_and_key_result_headings_show_addresses_as_text(repo, workshop) -> None:
    workshop_id, _ = workshop
    team = repo.load(workshop_id).teams[1].id
    objective = add_objective(repo, workshop_id, PAT, team, text=EVIL)
    add_key_result(repo, workshop_id, PAT, objective.id, text=EVIL + " from 10 to 20")
    for page in ("3_Key_results.py", "2_Objectives.py"):
        at = open_page(page, w=workshop_id, team=team)
        assert not at.exception
        shown = [m.value for m in at.markdown if "evil" in m.value]
        assert shown, page
        assert not any(AUTOLINK.search(unescaped(m)) for m in shown), page


# What Streamlit's Markdown turns into arrows and signs, after escapes are read.
TYPOGRAPHY = re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)")


@pytest.mark.parametrize(
    "text", ["Ops {x} -> y", "-> first", "a <- b <-> c", "x -- y", "NPS >= 40 <= 60 ~= 50"]
)
def test_arrows_and_signs_typed_in_user_text_stay_as_typed(text) -> None:
    escaped = md_escape(text)
    assert not TYPOGRAPHY.search(unescaped(escaped))
    assert unescaped(escaped).replace(WORD_JOINER, "") == text
