"""Page 5: the review summary, publishing with a confirmation, and exports."""

from __future__ import annotations

from okrcore.services.drafting import add_key_result, add_objective
from tests.app.conftest import messages, open_page, texts
from tests.unit.workshop_factory import participant

PAGE = "5_Review.py"
PAT = participant("Pat")


def seed(repo, workshop_id: str) -> None:
    growth = next(t.id for t in repo.load(workshop_id).teams if t.name == "Growth")
    objective = add_objective(repo, workshop_id, PAT, growth, text="Delight users")
    add_key_result(
        repo, workshop_id, PAT, objective.id, text="NPS from 20 to 35", baseline=20, target=35
    )
    add_key_result(repo, workshop_id, PAT, objective.id, text="Launch the new portal")


def test_the_review_shows_every_team_in_sentence_form_with_a_summary(repo, workshop) -> None:
    workshop_id, _ = workshop
    seed(repo, workshop_id)
    at = open_page(PAGE, w=workshop_id)
    assert not at.exception
    assert (
        "I will Delight users as measured by NPS from 20 to 35 and launch the new portal."
        in texts(at)
    )
    table = at.dataframe[0].value
    growth = table[table["Team"] == "Growth"].iloc[0]
    assert (growth["Objectives"], growth["Key results"], growth["Good key results"]) == (1, 2, 1)
    assert growth["With errors"] >= 1


def test_an_empty_workshop_reviews_without_error(workshop) -> None:
    at = open_page(PAGE, w=workshop[0])
    assert not at.exception
    assert any("No objectives yet" in m for m in messages(at, "info"))


def test_a_participant_cannot_publish(repo, workshop) -> None:
    workshop_id, _ = workshop
    at = open_page(PAGE, w=workshop_id)
    assert "Publish the OKRs" not in [b.label for b in at.button]


def test_publishing_lists_open_errors_and_asks_publish_anyway(repo, workshop) -> None:
    workshop_id, fac = workshop
    seed(repo, workshop_id)
    at = open_page(PAGE, w=workshop_id, k=fac.key)
    at.button[[b.label for b in at.button].index("Publish the OKRs")].click().run()
    assert any("errors are still open" in w for w in messages(at, "warning"))
    assert repo.load(workshop_id).workshop.phase == "drafting"
    at.button[[b.label for b in at.button].index("Publish anyway")].click().run()
    assert not at.exception
    assert repo.load(workshop_id).workshop.phase == "tracking"
    assert any("Published" in s for s in messages(at, "success"))


def test_exports_are_offered_to_everyone(workshop) -> None:
    at = open_page(PAGE, w=workshop[0])
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        "One-pager (Markdown)",
        "Key results (CSV)",
        "Key results for Excel (CSV)",
        "Whole workshop (JSON)",
    ]


def test_only_the_facilitator_is_offered_the_backup_with_the_workshop_s_secrets(workshop) -> None:
    workshop_id, fac = workshop
    participant = open_page(PAGE, w=workshop_id)
    assert not any("backup" in b.label for b in participant.get("download_button"))
    facilitator = open_page(PAGE, w=workshop_id, k=fac.key)
    assert any(b.label.startswith("Facilitator backup") for b in facilitator.get("download_button"))
