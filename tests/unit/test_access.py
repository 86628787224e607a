"""Who may do what: facilitator actions need this workshop's key, and no record id of one
workshop reaches into another. Every refusal leaves the workshop file byte for byte as it
was."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from okrcore.model.errors import InvalidInput, NotFound, OkrError, PermissionDenied
from okrcore.model.records import Phase, WhyCategory
from okrcore.services import checkins, dependencies, drafting, history, retro, why, workshops
from okrcore.services.common import Actor
from okrcore.storage.files import FileRepository
from tests.unit.workshop_factory import END, START, new_workshop, participant

PAT = participant("Pat")


@dataclass
class Seeded:
    """A workshop with one record of every kind, and the ids to reach them."""

    wid: str
    fac: Actor
    platform: str
    growth: str
    company: str
    note: str
    objective: str
    company_objective: str
    key_result: str
    other_key_result: str
    dependency: str
    metric: str
    removed_entry: str  # a history entry whose deletion can be undone


def seed(repo: FileRepository) -> Seeded:
    wid, fac = new_workshop(repo)
    teams = {t.name: t.id for t in repo.load(wid).teams}
    platform, growth, company = teams["Platform"], teams["Growth"], teams["Company"]
    note = why.add_note(repo, wid, PAT, WhyCategory.CHALLENGES, "Churn doubled").id
    company_objective = drafting.add_objective(repo, wid, fac, company, text="Win Europe").id
    objective = drafting.add_objective(
        repo, wid, PAT, platform, text="Make onboarding effortless", why_note_ids=[note],
        parent_id=company_objective,
    ).id  # fmt: skip
    key_result = drafting.add_key_result(
        repo, wid, PAT, objective, text="Activation from 40% to 60%", baseline=40, target=60
    ).id
    other = drafting.add_key_result(
        repo, wid, PAT, objective, text="Time to value from 5 days to 1", baseline=5, target=1
    ).id
    dependency = dependencies.add_dependency(
        repo, wid, PAT, platform, growth, "A pricing page", key_result_id=key_result
    ).id
    metric = drafting.add_health_metric(repo, wid, PAT, platform, "Uptime").id
    gone = why.add_note(repo, wid, PAT, WhyCategory.PURPOSE, "Soon removed")
    why.remove_note(repo, wid, PAT, gone.id)
    removed_entry = repo.load(wid).history[-1].id
    return Seeded(wid, fac, platform, growth, company, note, objective, company_objective,
                  key_result, other, dependency, metric, removed_entry)  # fmt: skip


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Seeded, Seeded]:
    """Two seeded workshops, built once; each test works on its own copy of the folder."""
    folder = tmp_path_factory.mktemp("template") / "data"
    repo = FileRepository(folder)
    return folder, seed(repo), seed(repo)


@pytest.fixture
def repo(template: tuple[Path, Seeded, Seeded], tmp_path: Path) -> FileRepository:
    copy = tmp_path / "data"
    shutil.copytree(template[0], copy)
    return FileRepository(copy)


@pytest.fixture
def a(template: tuple[Path, Seeded, Seeded]) -> Seeded:
    return template[1]


@pytest.fixture
def b(template: tuple[Path, Seeded, Seeded]) -> Seeded:
    return template[2]


def file_bytes(repo: FileRepository, workshop_id: str) -> bytes:
    return repo.path_for(workshop_id).read_bytes()


def move_to(repo: FileRepository, ws: Seeded, phase: Phase) -> None:
    order = [Phase.DRAFTING, Phase.TRACKING, Phase.RETROSPECTIVE, Phase.CLOSED]
    current = repo.load(ws.wid).workshop.phase
    for step in order[order.index(current) + 1 : order.index(phase) + 1]:
        workshops.set_phase(repo, ws.wid, ws.fac, step)


# -- facilitator-only actions ---------------------------------------------------------------
Action = Callable[[FileRepository, Seeded, Actor], object]

# name -> (phase the workshop must be in, the call)
FACILITATOR_ACTIONS: dict[str, tuple[Phase, Action]] = {
    "add a team": (Phase.DRAFTING, lambda r, w, x: workshops.add_team(r, w.wid, x, "Support")),
    "rename a team": (
        Phase.DRAFTING,
        lambda r, w, x: workshops.rename_team(r, w.wid, x, w.growth, "Grow"),
    ),
    "remove a team": (Phase.DRAFTING, lambda r, w, x: workshops.remove_team(r, w.wid, x, w.growth)),
    "move the phase forward": (
        Phase.DRAFTING,
        lambda r, w, x: workshops.set_phase(r, w.wid, x, Phase.TRACKING),
    ),
    "reopen drafting": (
        Phase.TRACKING,
        lambda r, w, x: workshops.set_phase(r, w.wid, x, Phase.DRAFTING),
    ),
    "change the canvas headline": (
        Phase.DRAFTING,
        lambda r, w, x: workshops.update_canvas(r, w.wid, x, headline="Owned"),
    ),
    "change the votes per person": (
        Phase.DRAFTING,
        lambda r, w, x: workshops.update_canvas(r, w.wid, x, votes_per_person=20),
    ),
    "start the timer": (
        Phase.DRAFTING,
        lambda r, w, x: workshops.start_timebox(r, w.wid, x, "1 · Why", 10),
    ),
    "stop the timer": (Phase.DRAFTING, lambda r, w, x: workshops.stop_timebox(r, w.wid, x)),
    "restore a backup": (
        Phase.DRAFTING,
        lambda r, w, x: workshops.restore_backup(r, w.wid, x, date.today()),
    ),
    "publish the OKRs": (Phase.DRAFTING, lambda r, w, x: drafting.publish(r, w.wid, x)),
    "restore a deleted note": (
        Phase.DRAFTING,
        lambda r, w, x: history.restore_deleted(r, w.wid, x, w.removed_entry),
    ),
    "remove someone else's note": (
        Phase.DRAFTING,
        lambda r, w, x: why.remove_note(r, w.wid, x, w.note),
    ),
    "edit someone else's note": (
        Phase.DRAFTING,
        lambda r, w, x: why.edit_note(r, w.wid, x, w.note, text="Rewritten"),
    ),
    "add a note after drafting": (
        Phase.TRACKING,
        lambda r, w, x: why.add_note(r, w.wid, x, WhyCategory.PURPOSE, "Late note"),
    ),
    "answer a dependency in the retrospective": (
        Phase.RETROSPECTIVE,
        lambda r, w, x: dependencies.answer_dependency(r, w.wid, x, w.dependency, "agree"),
    ),
    "start the next cycle": (
        Phase.RETROSPECTIVE,
        lambda r, w, x: retro.start_next_cycle(
            r,
            w.wid,
            x,
            start=END + timedelta(days=1),
            end=END + timedelta(days=90),
            label="Next quarter",
        ),
    ),
}


def intruders(a: Seeded, b: Seeded, repo: FileRepository) -> dict[str, Actor]:
    """Everyone who must not pass as workshop ``a``'s facilitator."""
    return {
        "no key": Actor(name="Fay"),
        "an empty key": Actor(name="Fay", key=""),
        "a wrong key": Actor(name="Fay", key="guessed-key-0000000000"),
        "another workshop's key": Actor(name="Fay", key=b.fac.key),
        "the stored hash as key": Actor(
            name="Fay", key=repo.load(a.wid).workshop.facilitator_key_hash
        ),
        "a key with one letter changed": Actor(
            name="Fay", key=a.fac.key[:-1] + ("A" if a.fac.key[-1] != "A" else "B")
        ),
    }


@pytest.mark.parametrize("action", FACILITATOR_ACTIONS)
def test_no_facilitator_action_succeeds_without_this_workshops_key(
    repo: FileRepository, a: Seeded, b: Seeded, action: str
) -> None:
    phase, call = FACILITATOR_ACTIONS[action]
    move_to(repo, a, phase)
    before = file_bytes(repo, a.wid)
    other_before = file_bytes(repo, b.wid)
    for who, actor in intruders(a, b, repo).items():
        with pytest.raises(PermissionDenied) as refused:
            call(repo, a, actor)
        assert str(refused.value), who
        assert file_bytes(repo, a.wid) == before, f"{action} with {who} changed the file"
    assert file_bytes(repo, b.wid) == other_before
    # The real key passes, so the refusals above were about the key and nothing else.
    call(repo, a, a.fac)


def test_the_facilitator_key_of_one_workshop_opens_no_other(
    repo: FileRepository, a: Seeded, b: Seeded
) -> None:
    assert a.fac.is_facilitator(repo.load(a.wid))
    assert not a.fac.is_facilitator(repo.load(b.wid))
    assert not Actor(key=b.fac.key).is_facilitator(repo.load(a.wid))


# -- ids of one workshop used on another ----------------------------------------------------
# name -> (phase workshop b must be in, the call on b with a's ids)
CROSS_CALLS: dict[str, tuple[Phase, Callable[[FileRepository, Seeded, Seeded], object]]] = {
    "edit a note": (
        Phase.DRAFTING,
        lambda r, a, b: why.edit_note(r, b.wid, b.fac, a.note, text="x"),
    ),
    "remove a note": (Phase.DRAFTING, lambda r, a, b: why.remove_note(r, b.wid, b.fac, a.note)),
    "vote for a note": (Phase.DRAFTING, lambda r, a, b: why.toggle_vote(r, b.wid, PAT, a.note)),
    "add an objective to a team": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.add_objective(r, b.wid, PAT, a.platform, text="x"),
    ),
    "add a sentence to a team": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.add_statement(
            r, b.wid, PAT, a.platform, "I will grow as measured by sales from 1 to 2"
        ),
    ),
    "support a company objective": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.add_objective(
            r, b.wid, PAT, b.platform, text="x", parent_id=a.company_objective
        ),
    ),
    "edit an objective": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.update_objective(r, b.wid, PAT, a.objective, text="x"),
    ),
    "move an objective": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.move_objective(r, b.wid, PAT, a.objective, 1),
    ),
    "remove an objective": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.remove_objective(r, b.wid, PAT, a.objective),
    ),
    "add a key result to an objective": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.add_key_result(r, b.wid, PAT, a.objective, text="x"),
    ),
    "edit a key result": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.update_key_result(r, b.wid, PAT, a.key_result, text="x"),
    ),
    "move a key result": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.move_key_result(r, b.wid, PAT, a.key_result, -1),
    ),
    "remove a key result": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.remove_key_result(r, b.wid, PAT, a.key_result),
    ),
    "turn a key result into an initiative": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.key_result_to_initiative(
            r, b.wid, PAT, a.key_result, b.key_result
        ),
    ),
    "serve another workshop's key result with an initiative": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.key_result_to_initiative(
            r, b.wid, PAT, b.other_key_result, a.key_result
        ),
    ),
    "turn a key result into a health metric": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.key_result_to_health_metric(r, b.wid, PAT, a.key_result),
    ),
    "add a health metric to a team": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.add_health_metric(r, b.wid, PAT, a.platform, "x"),
    ),
    "remove a health metric": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.remove_health_metric(r, b.wid, PAT, a.metric),
    ),
    "import key results into a team": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.import_key_results(
            r, b.wid, PAT, a.platform, "objective,key_result\nGrow,Sales from 1 to 2\n"
        ),
    ),
    "ask a team": (
        Phase.DRAFTING,
        lambda r, a, b: dependencies.add_dependency(r, b.wid, PAT, b.platform, a.growth, "x"),
    ),
    "ask for a team": (
        Phase.DRAFTING,
        lambda r, a, b: dependencies.add_dependency(r, b.wid, PAT, a.platform, b.growth, "x"),
    ),
    "ask for a key result": (
        Phase.DRAFTING,
        lambda r, a, b: dependencies.add_dependency(
            r, b.wid, PAT, b.platform, b.growth, "x", key_result_id=a.key_result
        ),
    ),
    "edit a dependency": (
        Phase.DRAFTING,
        lambda r, a, b: dependencies.update_dependency(r, b.wid, PAT, a.dependency, what="x"),
    ),
    "remove a dependency": (
        Phase.DRAFTING,
        lambda r, a, b: dependencies.remove_dependency(r, b.wid, PAT, a.dependency),
    ),
    "answer a dependency": (
        Phase.DRAFTING,
        lambda r, a, b: dependencies.answer_dependency(r, b.wid, PAT, a.dependency, "agree"),
    ),
    "flag a dependency": (
        Phase.DRAFTING,
        lambda r, a, b: dependencies.set_dependency_status(r, b.wid, PAT, a.dependency, "done"),
    ),
    "rename a team": (
        Phase.DRAFTING,
        lambda r, a, b: workshops.rename_team(r, b.wid, b.fac, a.growth, "x"),
    ),
    "remove a team": (
        Phase.DRAFTING,
        lambda r, a, b: workshops.remove_team(r, b.wid, b.fac, a.growth),
    ),
    "restore a deleted record": (
        Phase.DRAFTING,
        lambda r, a, b: history.restore_deleted(r, b.wid, b.fac, a.removed_entry),
    ),
    "check in for a team": (
        Phase.TRACKING,
        lambda r, a, b: checkins.submit_checkin(
            r, b.wid, PAT, a.platform, 1, key_results={}, today=START
        ),
    ),
    "score a key result": (
        Phase.RETROSPECTIVE,
        lambda r, a, b: retro.record_key_result_retro(r, b.wid, PAT, a.key_result, note="x"),
    ),
    "decide on an objective": (
        Phase.RETROSPECTIVE,
        lambda r, a, b: retro.record_objective_retro(r, b.wid, PAT, a.objective, decision="keep"),
    ),
    "add a team's lesson": (
        Phase.RETROSPECTIVE,
        lambda r, a, b: retro.add_lesson(r, b.wid, PAT, a.platform, "x"),
    ),
    "add a team's win": (
        Phase.RETROSPECTIVE,
        lambda r, a, b: retro.add_win(r, b.wid, PAT, a.platform, "x"),
    ),
}


@pytest.mark.parametrize("call", CROSS_CALLS)
def test_an_id_from_another_workshop_is_not_found_and_changes_nothing(
    repo: FileRepository, a: Seeded, b: Seeded, call: str
) -> None:
    phase, action = CROSS_CALLS[call]
    move_to(repo, b, phase)
    before_a, before_b = file_bytes(repo, a.wid), file_bytes(repo, b.wid)
    with pytest.raises(NotFound) as missing:
        action(repo, a, b)
    assert str(missing.value)
    assert file_bytes(repo, b.wid) == before_b
    assert file_bytes(repo, a.wid) == before_a


# References inside a record's fields (rather than the record named by the call) are
# refused as invalid input; what matters is that nothing crosses over.
CROSS_REFERENCES: dict[str, tuple[Phase, Callable[[FileRepository, Seeded, Seeded], object]]] = {
    "link another workshop's why note": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.add_objective(
            r, b.wid, PAT, b.platform, text="x", why_note_ids=[a.note]
        ),
    ),
    "relink an objective to another workshop's why note": (
        Phase.DRAFTING,
        lambda r, a, b: drafting.update_objective(
            r, b.wid, PAT, b.objective, why_note_ids=[a.note]
        ),
    ),
    "check in another workshop's key result": (
        Phase.TRACKING,
        lambda r, a, b: checkins.submit_checkin(
            r, b.wid, PAT, b.platform, 1, key_results={a.key_result: (1.0, 5, "")}, today=START
        ),
    ),
    "tie a priority to another workshop's key result": (
        Phase.TRACKING,
        lambda r, a, b: checkins.submit_checkin(
            r, b.wid, PAT, b.platform, 1, priorities=[("x", a.key_result)], today=START
        ),
    ),
    "rate another workshop's health metric": (
        Phase.TRACKING,
        lambda r, a, b: checkins.submit_checkin(
            r, b.wid, PAT, b.platform, 1, health={a.metric: "green"}, today=START
        ),
    ),
}


@pytest.mark.parametrize("call", CROSS_REFERENCES)
def test_a_reference_to_another_workshops_record_is_refused_and_changes_nothing(
    repo: FileRepository, a: Seeded, b: Seeded, call: str
) -> None:
    phase, action = CROSS_REFERENCES[call]
    move_to(repo, b, phase)
    before_a, before_b = file_bytes(repo, a.wid), file_bytes(repo, b.wid)
    with pytest.raises((NotFound, InvalidInput)) as refused:
        action(repo, a, b)
    assert str(refused.value)
    assert file_bytes(repo, b.wid) == before_b
    assert file_bytes(repo, a.wid) == before_a


def test_the_same_calls_pass_with_the_workshops_own_ids(repo: FileRepository, b: Seeded) -> None:
    """So the refusals above are about whose ids they are, nothing else."""
    why.edit_note(repo, b.wid, b.fac, b.note, text="x")
    drafting.add_objective(repo, b.wid, PAT, b.platform, text="y", why_note_ids=[b.note])
    drafting.update_key_result(repo, b.wid, PAT, b.key_result, text="z")
    dependencies.add_dependency(repo, b.wid, PAT, b.platform, b.growth, "Another thing")
    drafting.key_result_to_initiative(repo, b.wid, PAT, b.other_key_result, b.key_result)


def test_a_workshop_id_that_is_not_a_plain_id_reaches_no_file(
    repo: FileRepository, a: Seeded
) -> None:
    files = sorted(repo.data_dir.rglob("*.json"))
    for bad in ("../" + a.wid, a.wid + "/..", "/etc/passwd", a.wid + ".json", "", " " + a.wid):
        with pytest.raises(OkrError):
            why.add_note(repo, bad, PAT, WhyCategory.PURPOSE, "x")
    assert sorted(repo.data_dir.rglob("*.json")) == files
