"""A read-only link shows the published OKRs, the dashboard and the retrospective; it never
shows the workshop's id and changes nothing."""

from __future__ import annotations

import pytest

from okrcore.services.drafting import add_key_result, add_objective, publish
from tests.app.conftest import messages, open_page, texts
from tests.unit.workshop_factory import participant

PAT = participant("Pat")


@pytest.fixture
def published(repo, workshop):
    workshop_id, fac = workshop
    growth = next(t.id for t in repo.load(workshop_id).teams if t.name == "Growth")
    objective = add_objective(repo, workshop_id, PAT, growth, text="Delight users")
    add_key_result(repo, workshop_id, PAT, objective.id, text="NPS from 20 to 35",
                   baseline=20, target=35)  # fmt: skip
    publish(repo, workshop_id, fac)
    return workshop_id, repo.load(workshop_id).workshop.viewer_token


def everything_shown(at) -> str:
    parts = [e.value for kind in ("markdown", "text", "code", "caption", "title") for e in
             getattr(at, kind)]  # fmt: skip
    parts += [str(getattr(link, "proto", "")) for link in at.get("page_link")]
    return "\n".join(str(p) for p in parts)


def test_home_through_a_read_only_link_shows_status_without_any_link_or_id(published) -> None:
    workshop_id, token = published
    at = open_page(v=token)
    assert not at.exception
    assert [t.value for t in at.title] == ["Q1 planning"]
    assert len(at.code) == 0
    assert workshop_id not in everything_shown(at)
    assert "Read-only" in everything_shown(at)


@pytest.mark.parametrize("page", ["5_Review.py", "7_Dashboard.py"])
def test_readers_see_the_review_and_the_dashboard(published, page) -> None:
    workshop_id, token = published
    at = open_page(page, v=token)
    assert not at.exception
    assert workshop_id not in everything_shown(at)


def test_the_review_shows_the_okrs_but_no_json_export_to_readers(published) -> None:
    _, token = published
    at = open_page("5_Review.py", v=token)
    assert "I will Delight users as measured by NPS from 20 to 35." in texts(at)
    labels = [b.label for b in at.get("download_button")]
    assert "Whole workshop (JSON)" not in labels and "One-pager (Markdown)" in labels


@pytest.mark.parametrize(
    "page", ["1_Why.py", "2_Objectives.py", "3_Key_results.py", "4_Dependencies.py",
             "6_Check-in.py"],
)  # fmt: skip
def test_pages_for_taking_part_are_closed_to_readers(published, page) -> None:
    _, token = published
    at = open_page(page, v=token)
    assert not at.exception
    assert any("read-only link" in m for m in messages(at, "info"))
    assert len(at.text_area) == 0 and len(at.button) == 0


def test_a_wrong_read_only_token_gets_a_message(data_dir) -> None:
    at = open_page(v="0" * 32)
    assert not at.exception
    assert any("read-only link is not valid" in m for m in messages(at))


def test_a_reader_is_offered_no_drafting_checklist_and_no_publishing(published) -> None:
    _, token = published
    at = open_page("7_Dashboard.py", v=token)
    labels = [link.proto.label for link in at.get("page_link")]
    assert "5 · The OKRs" in labels and "5 · Review & publish" not in labels
    assert "STEPS" not in [c.value for c in at.caption]
