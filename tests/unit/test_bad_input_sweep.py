"""Bad input, everywhere: every service and every import is fed arbitrary text, numbers and
ids. Each call either refuses with an :class:`OkrError` that says why, or stores a valid
result; never another exception. The workshop file always reloads, and a refused import
writes nothing.

The sweeps below use hypothesis; the tests after them pin each crash the sweeps found, so
each is reported on its own.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcore.formats.csv_table import KR_CSV_COLUMNS, export_csv, parse_kr_csv
from okrcore.formats.json_export import export_json, parse_export
from okrcore.model.errors import OkrError
from okrcore.model.records import (
    COLLECTIONS,
    ID_PATTERN,
    MAX_IMPORT_BYTES,
    Decision,
    DependencyStatus,
    Direction,
    Health,
    ObjectiveType,
    Phase,
    RootCause,
    WhyCategory,
    WorkshopDoc,
)
from okrcore.services import (
    checkins,
    dependencies,
    drafting,
    history,
    retro,
    transfer,
    why,
    workshops,
)
from okrcore.services.common import Actor
from okrcore.storage.documents import WORKSHOP_TABLE
from okrcore.storage.files import FileRepository
from tests.unit.workshop_factory import new_workshop

SWEEP = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- what people (and crafted requests) may send ---------------------------------------------
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from("\x7f\u2028\ufeff")
texts = st.one_of(
    st.text(),
    st.text(alphabet=CONTROL),
    st.text(alphabet=st.characters() | CONTROL, min_size=1, max_size=50).map(lambda s: " " + s),
    st.sampled_from(["", " ", "\n\t", "I will", "I will ", "as measured by", "x" * 301]),
    # huge strings, cheap to build
    st.builds(lambda part, n: part * n, st.text(min_size=1, max_size=4), st.integers(1, 40_000)),
)
EXTREMES = [10**400, -(10**400), 2**63, 1e308, float("nan"), float("inf"), float("-inf")]
numbers = st.one_of(
    st.sampled_from(EXTREMES),  # drawn as often as each kind below, so they are met
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1, 10, 11, 60, 61, -0.0, 0.5, 5e-324]),
    st.floats(),  # nan and both infinities included
)
optional_numbers = st.none() | numbers
steps = st.one_of(
    st.sampled_from([-1, 1]), st.integers(), st.floats(), st.sampled_from([10**400, 0.5])
)
dates = st.one_of(st.dates(), st.sampled_from([date.min, date.max, date.today()]))
random_ids = st.one_of(
    st.text(max_size=80), st.from_regex(ID_PATTERN, fullmatch=True), st.sampled_from(["", " "])
)


def enum_text(enum: type) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from([m.value for m in enum]), texts)


@dataclass
class World:
    """A workshop under test, another one to borrow ids from, and the ids of both."""

    repo: FileRepository
    wid: str
    fac: Actor
    other: str

    def ids(self, workshop_id: str) -> dict[str, list[str]]:
        doc = self.repo.load(workshop_id)
        found: dict[str, list[str]] = {"workshop": [doc.workshop.id]}
        for name in COLLECTIONS:
            found[name] = [r.id for r in getattr(doc, name)]
        return found


def build_world(folder: Path, phase: Phase = Phase.DRAFTING) -> World:
    """A workshop with records of every kind in ``phase``, and a similar second one."""
    repo = FileRepository(folder)
    wid, fac = populate(repo, phase)
    other, _ = populate(repo, Phase.DRAFTING)
    return World(repo, wid, fac, other)


def populate(repo: FileRepository, phase: Phase) -> tuple[str, Actor]:
    wid, fac = new_workshop(repo)
    start = repo.load(wid).workshop.start
    teams = [t.id for t in repo.load(wid).teams]
    pat = Actor("Pat")
    note = why.add_note(repo, wid, pat, "purpose", "Customers ask for SSO")
    why.add_note(repo, wid, pat, "challenges", "Churn doubled")
    company_obj = drafting.add_objective(repo, wid, fac, teams[0], text="Win Europe")
    objective = drafting.add_objective(
        repo,
        wid,
        pat,
        teams[1],
        text="Make onboarding effortless",
        why_note_ids=[note.id],
        parent_id=company_obj.id,
    )
    krs = [
        drafting.add_key_result(
            repo,
            wid,
            pat,
            objective.id,
            text=f"Activation {i} from 40 to 60",
            baseline=40,
            target=60,
        )
        for i in range(3)
    ]
    drafting.add_objective(repo, wid, pat, teams[2], text="Keep customers for longer")
    drafting.add_health_metric(repo, wid, pat, teams[1], "Uptime")
    dependencies.add_dependency(
        repo, wid, pat, teams[1], teams[2], "Pricing page", key_result_id=krs[0].id
    )
    drafting.remove_key_result(repo, wid, pat, krs[2].id)  # something to restore
    if phase != Phase.DRAFTING:
        drafting.publish(repo, wid, fac)
        checkins.submit_checkin(
            repo, wid, pat, teams[1], 1, key_results={krs[0].id: (45, 6, "")}, today=start
        )
    if phase == Phase.RETROSPECTIVE:
        workshops.set_phase(repo, wid, fac, Phase.RETROSPECTIVE)
        retro.add_lesson(repo, wid, pat, teams[1], "small steps work")
        retro.add_win(repo, wid, pat, teams[1], "SSO shipped")
    return wid, fac


def raw_doc(path: Path) -> WorkshopDoc:
    """Validate the file's raw JSON directly, without the repository's reading code."""
    tables = json.loads(path.read_text(encoding="utf-8"))
    data: dict[str, Any] = {"workshop": next(iter(tables[WORKSHOP_TABLE].values()))}
    for name in COLLECTIONS:
        data[name] = list(tables.get(name, {}).values())
    return WorkshopDoc.model_validate(data)


def check_files(folder: Path, ids: list[str] | None = None) -> None:
    """Every workshop file in the folder (or those named) loads, fresh, both ways."""
    fresh = FileRepository(folder)
    paths = folder.glob("*.json") if ids is None else [folder / f"{i}.json" for i in ids]
    for path in paths:
        raw_doc(path)
        fresh.load(path.stem)


def outcome(call: Callable[[], Any]) -> Any:
    """Run a service call: an OkrError with a message is a fine answer; so is success."""
    try:
        result = call()
    except OkrError as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"
        return error
    return result


def sweep(world: World, data: st.DataObject, calls: dict[str, Callable[..., Any]]) -> None:
    """Draw one call of ``calls`` with drawn arguments, run it, check the files."""
    name = data.draw(st.sampled_from(sorted(calls)), label="service")
    result = outcome(lambda: calls[name](world, data))
    created = [result.workshop_id] if hasattr(result, "workshop_id") else []
    check_files(world.repo.data_dir, [world.wid, world.other, *created])


def ids_of(world: World, kind: str) -> st.SearchStrategy[str]:
    """A real id of this kind, an id of the same kind from the other workshop, or junk.

    The choice is drawn with fixed bounds and resolved against the workshop as it is now,
    so the examples stay reproducible while the workshop grows and shrinks.
    """

    def pick(choice: tuple[str, int, str]) -> str:
        where, index, junk = choice
        found = world.ids(world.wid if where == "own" else world.other)[kind]
        return found[index % len(found)] if where != "junk" and found else junk

    return st.tuples(
        st.sampled_from(["own", "other", "junk"]), st.integers(0, 999), random_ids
    ).map(pick)


def an_id(world: World, data: st.DataObject, kind: str) -> str:
    return data.draw(ids_of(world, kind), label=kind)


def an_actor(data: st.DataObject, world: World) -> Actor:
    return data.draw(
        st.one_of(
            st.just(Actor("Pat")),
            st.just(world.fac),
            st.builds(Actor, name=texts),
            st.builds(Actor, name=texts, key=st.one_of(st.none(), texts)),
        ),
        label="actor",
    )


def some(data: st.DataObject, fields: dict[str, st.SearchStrategy]) -> dict[str, Any]:
    """A drawn subset of keyword arguments."""
    chosen = data.draw(st.sets(st.sampled_from(sorted(fields)), max_size=len(fields)))
    return {name: data.draw(fields[name], label=name) for name in sorted(chosen)}


# -- the sweeps --------------------------------------------------------------------------------
def why_calls() -> dict[str, Callable[[World, st.DataObject], Any]]:
    return {
        "add_note": lambda w, x: why.add_note(
            w.repo, w.wid, an_actor(x, w), x.draw(enum_text(WhyCategory)), x.draw(texts)
        ),
        "edit_note": lambda w, x: why.edit_note(
            w.repo,
            w.wid,
            an_actor(x, w),
            an_id(w, x, "notes"),
            text=x.draw(texts),
            category=x.draw(st.one_of(st.none(), enum_text(WhyCategory))),
        ),
        "remove_note": lambda w, x: why.remove_note(
            w.repo, w.wid, an_actor(x, w), an_id(w, x, "notes")
        ),
        "toggle_vote": lambda w, x: why.toggle_vote(
            w.repo, w.wid, an_actor(x, w), an_id(w, x, "notes")
        ),
    }


def objective_fields(w: World, x: st.DataObject) -> dict[str, Any]:
    return some(
        x,
        {
            "text": texts,
            "type": st.one_of(st.none(), enum_text(ObjectiveType)),
            "why_note_ids": st.lists(ids_of(w, "notes"), max_size=3),
            "parent_id": st.one_of(st.none(), ids_of(w, "objectives")),
            "owner": texts,
        },
    )


def key_result_fields(x: st.DataObject) -> dict[str, Any]:
    return some(
        x,
        {
            "text": texts,
            "metric": texts,
            "unit": texts,
            "baseline": optional_numbers,
            "target": optional_numbers,
            "range_low": optional_numbers,
            "range_high": optional_numbers,
            "direction": enum_text(Direction),
            "deadline": st.one_of(st.none(), dates),
            "owner": texts,
            "weight": numbers,
            "start_confidence": numbers,
        },
    )


def drafting_calls() -> dict[str, Callable[[World, st.DataObject], Any]]:
    def actor(w: World, x: st.DataObject) -> Actor:
        return an_actor(x, w)

    return {
        "add_objective": lambda w, x: drafting.add_objective(
            w.repo, w.wid, actor(w, x), an_id(w, x, "teams"), **objective_fields(w, x)
        ),
        "add_statement": lambda w, x: drafting.add_statement(
            w.repo, w.wid, actor(w, x), an_id(w, x, "teams"), x.draw(texts)
        ),
        "update_objective": lambda w, x: drafting.update_objective(
            w.repo, w.wid, actor(w, x), an_id(w, x, "objectives"), **objective_fields(w, x)
        ),
        "remove_objective": lambda w, x: drafting.remove_objective(
            w.repo, w.wid, actor(w, x), an_id(w, x, "objectives")
        ),
        "move_objective": lambda w, x: drafting.move_objective(
            w.repo, w.wid, actor(w, x), an_id(w, x, "objectives"), x.draw(steps)
        ),
        "add_key_result": lambda w, x: drafting.add_key_result(
            w.repo, w.wid, actor(w, x), an_id(w, x, "objectives"), **key_result_fields(x)
        ),
        "update_key_result": lambda w, x: drafting.update_key_result(
            w.repo, w.wid, actor(w, x), an_id(w, x, "key_results"), **key_result_fields(x)
        ),
        "remove_key_result": lambda w, x: drafting.remove_key_result(
            w.repo, w.wid, actor(w, x), an_id(w, x, "key_results")
        ),
        "move_key_result": lambda w, x: drafting.move_key_result(
            w.repo, w.wid, actor(w, x), an_id(w, x, "key_results"), x.draw(steps)
        ),
        "key_result_to_initiative": lambda w, x: drafting.key_result_to_initiative(
            w.repo, w.wid, actor(w, x), an_id(w, x, "key_results"), an_id(w, x, "key_results")
        ),
        "key_result_to_health_metric": lambda w, x: drafting.key_result_to_health_metric(
            w.repo, w.wid, actor(w, x), an_id(w, x, "key_results")
        ),
        "add_health_metric": lambda w, x: drafting.add_health_metric(
            w.repo, w.wid, actor(w, x), an_id(w, x, "teams"), x.draw(texts)
        ),
        "remove_health_metric": lambda w, x: drafting.remove_health_metric(
            w.repo, w.wid, actor(w, x), an_id(w, x, "health_metrics")
        ),
        "publish": lambda w, x: drafting.publish(w.repo, w.wid, actor(w, x)),
        "import_key_results": lambda w, x: drafting.import_key_results(
            w.repo, w.wid, actor(w, x), an_id(w, x, "teams"), x.draw(csv_texts())
        ),
        "restore_deleted": lambda w, x: history.restore_deleted(
            w.repo, w.wid, actor(w, x), an_id(w, x, "history")
        ),
    }


def dependency_calls() -> dict[str, Callable[[World, st.DataObject], Any]]:
    def request(w: World, x: st.DataObject) -> dict[str, Any]:
        return some(
            x,
            {
                "to_team_id": ids_of(w, "teams"),
                "what": texts,
                "by_when": st.one_of(st.none(), dates),
                "key_result_id": st.one_of(st.none(), ids_of(w, "key_results")),
            },
        )

    return {
        "add_dependency": lambda w, x: dependencies.add_dependency(
            w.repo,
            w.wid,
            an_actor(x, w),
            an_id(w, x, "teams"),
            an_id(w, x, "teams"),
            x.draw(texts),
            x.draw(st.one_of(st.none(), dates)),
            x.draw(st.one_of(st.none(), ids_of(w, "key_results"))),
        ),
        "update_dependency": lambda w, x: dependencies.update_dependency(
            w.repo, w.wid, an_actor(x, w), an_id(w, x, "dependencies"), **request(w, x)
        ),
        "remove_dependency": lambda w, x: dependencies.remove_dependency(
            w.repo, w.wid, an_actor(x, w), an_id(w, x, "dependencies")
        ),
        "answer_dependency": lambda w, x: dependencies.answer_dependency(
            w.repo,
            w.wid,
            an_actor(x, w),
            an_id(w, x, "dependencies"),
            x.draw(
                st.one_of(st.sampled_from(["agree", "decline", "negotiate", "postpone"]), texts)
            ),
            x.draw(texts),
            provider_team_id=x.draw(st.one_of(st.none(), ids_of(w, "teams"))),
        ),
        "set_dependency_status": lambda w, x: dependencies.set_dependency_status(
            w.repo,
            w.wid,
            an_actor(x, w),
            an_id(w, x, "dependencies"),
            x.draw(enum_text(DependencyStatus)),
            x.draw(st.one_of(st.none(), texts)),
        ),
    }


def workshop_calls() -> dict[str, Callable[[World, st.DataObject], Any]]:
    return {
        "create_workshop": lambda w, x: workshops.create_workshop(
            w.repo,
            name=x.draw(texts),
            organisation=x.draw(texts),
            cycle_label=x.draw(texts),
            start=x.draw(dates),
            end=x.draw(dates),
            team_names=x.draw(st.lists(texts, max_size=5)),
        ),
        "add_team": lambda w, x: workshops.add_team(w.repo, w.wid, w.fac, x.draw(texts)),
        "rename_team": lambda w, x: workshops.rename_team(
            w.repo, w.wid, w.fac, an_id(w, x, "teams"), x.draw(texts)
        ),
        "remove_team": lambda w, x: workshops.remove_team(
            w.repo, w.wid, w.fac, an_id(w, x, "teams")
        ),
        "set_phase": lambda w, x: workshops.set_phase(
            w.repo, w.wid, w.fac, x.draw(enum_text(Phase))
        ),
        "update_canvas": lambda w, x: workshops.update_canvas(
            w.repo,
            w.wid,
            w.fac,
            headline=x.draw(st.one_of(st.none(), texts)),
            votes_per_person=x.draw(optional_numbers),
        ),
        "start_timebox": lambda w, x: workshops.start_timebox(
            w.repo, w.wid, w.fac, x.draw(texts), x.draw(numbers)
        ),
        "stop_timebox": lambda w, x: workshops.stop_timebox(w.repo, w.wid, w.fac),
    }


def checkin_calls() -> dict[str, Callable[[World, st.DataObject], Any]]:
    def entry(x: st.DataObject) -> Any:
        return x.draw(st.one_of(st.tuples(optional_numbers, numbers, texts), st.tuples(numbers)))

    def submit(w: World, x: st.DataObject) -> Any:
        kr = ids_of(w, "key_results")
        metric = ids_of(w, "health_metrics")
        fields = some(
            x,
            {
                "priorities": st.lists(st.tuples(texts, st.one_of(st.none(), kr)), max_size=8),
                "next_four_weeks": texts,
                "health": st.dictionaries(
                    metric, st.one_of(st.none(), enum_text(Health)), max_size=2
                ),
                "blockers": st.lists(st.tuples(texts, texts), max_size=3),
                "wins": texts,
            },
        )
        # Half the time a consistent team with its own key results, so the numbers are reached.
        doc = w.repo.load(w.wid)
        team = next(
            o.team_id
            for o in doc.objectives
            if any(k.objective_id == o.id for k in doc.key_results)
        )
        own = [
            k.id
            for k in doc.key_results
            if any(o.id == k.objective_id and o.team_id == team for o in doc.objectives)
        ]
        consistent = x.draw(st.booleans(), label="consistent")
        kr_ids = st.sampled_from(own) if consistent else ids_of(w, "key_results")
        key_results = {
            x.draw(kr_ids, label="kr"): entry(x) for _ in range(x.draw(st.integers(0, 3)))
        }
        return checkins.submit_checkin(
            w.repo,
            w.wid,
            an_actor(x, w),
            team if consistent else an_id(w, x, "teams"),
            x.draw(st.one_of(st.integers(1, 13), numbers), label="week"),
            key_results=key_results,
            today=x.draw(dates),
            **fields,
        )

    return {"submit_checkin": submit}


def retro_calls() -> dict[str, Callable[[World, st.DataObject], Any]]:
    def actor(w: World, x: st.DataObject) -> Actor:
        return an_actor(x, w)

    return {
        "record_key_result_retro": lambda w, x: retro.record_key_result_retro(
            w.repo,
            w.wid,
            actor(w, x),
            an_id(w, x, "key_results"),
            adjusted_score=x.draw(optional_numbers),
            adjust_reason=x.draw(texts),
            root_cause=x.draw(st.one_of(st.none(), enum_text(RootCause))),
            note=x.draw(texts),
        ),
        "record_objective_retro": lambda w, x: retro.record_objective_retro(
            w.repo,
            w.wid,
            actor(w, x),
            an_id(w, x, "objectives"),
            decision=x.draw(st.one_of(st.none(), enum_text(Decision))),
            hits=x.draw(texts),
            misses=x.draw(texts),
        ),
        "add_lesson": lambda w, x: retro.add_lesson(
            w.repo, w.wid, actor(w, x), an_id(w, x, "teams"), x.draw(texts)
        ),
        "remove_lesson": lambda w, x: retro.remove_lesson(
            w.repo, w.wid, actor(w, x), an_id(w, x, "teams"), x.draw(texts)
        ),
        "add_win": lambda w, x: retro.add_win(
            w.repo, w.wid, actor(w, x), an_id(w, x, "teams"), x.draw(texts)
        ),
        "remove_win": lambda w, x: retro.remove_win(
            w.repo, w.wid, actor(w, x), an_id(w, x, "teams"), x.draw(texts)
        ),
        "start_next_cycle": lambda w, x: retro.start_next_cycle(
            w.repo,
            w.wid,
            x.draw(st.sampled_from([w.fac, Actor("Pat")])),
            start=x.draw(dates),
            end=x.draw(dates),
            label=x.draw(texts),
        ),
    }


@pytest.mark.parametrize(
    ("area", "phase", "calls"),
    [
        ("why", Phase.DRAFTING, why_calls),
        ("drafting", Phase.DRAFTING, drafting_calls),
        ("dependencies", Phase.DRAFTING, dependency_calls),
        ("dependencies while tracking", Phase.TRACKING, dependency_calls),
        ("workshops", Phase.DRAFTING, workshop_calls),
        ("check-ins", Phase.TRACKING, checkin_calls),
        ("retrospective", Phase.RETROSPECTIVE, retro_calls),
    ],
)
def test_every_service_refuses_bad_input_with_a_message_or_stores_a_valid_result(
    tmp_path: Path, area: str, phase: Phase, calls: Callable[[], dict]
) -> None:
    world = build_world(tmp_path / "data", phase)
    table = calls()

    @SWEEP
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        sweep(world, data, table)

    run()


# -- importing: JSON exports -------------------------------------------------------------------
@pytest.fixture(scope="module")
def rich_export(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The export of a workshop with records of every kind, to break in many ways."""
    world = build_world(tmp_path_factory.mktemp("export") / "data", Phase.RETROSPECTIVE)
    return export_json(world.repo.load(world.wid))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths_in(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path (keys and indexes) to a value inside a JSON document."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_in(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_in(item, (*prefix, index))
    return found


def set_at(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return document


def remove_at(document: Any, path: tuple) -> Any:
    if not path:
        return {}
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return document


@st.composite
def broken_exports(draw: st.DrawFn, text: str) -> str | bytes:
    """An export truncated, reordered, with values of other types, removed or oversized."""
    how = draw(st.sampled_from(["truncate", "reorder", "retype", "remove", "oversize", "bytes"]))
    if how == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if how == "bytes":
        raw = text.encode()
        cut = draw(st.integers(0, len(raw)))
        return raw[:cut] + draw(st.binary(max_size=20))
    document = json.loads(text)
    paths = paths_in(document)
    if how == "reorder":
        shuffler = random.Random(draw(st.integers(0, 2**32)))

        def shuffled(value: Any) -> Any:
            if isinstance(value, dict):
                items = list(value.items())
                shuffler.shuffle(items)
                return {k: shuffled(v) for k, v in items}
            if isinstance(value, list):
                items = [shuffled(v) for v in value]
                shuffler.shuffle(items)
                return items
            return value

        return json.dumps(shuffled(document), ensure_ascii=False)
    if how == "oversize":
        filler = "x" * (MAX_IMPORT_BYTES + draw(st.integers(1, 1000)))
        return json.dumps(set_at(document, draw(st.sampled_from(paths[1:])), filler))
    for _ in range(draw(st.integers(1, 3))):
        paths = paths_in(document)
        path = draw(st.sampled_from(paths))
        if how == "retype":
            document = set_at(document, path, draw(JSON_VALUES))
        else:
            document = remove_at(document, path)
    return json.dumps(document, ensure_ascii=False)


def workshop_files(folder: Path) -> dict[str, bytes]:
    """Every stored workshop and backup, by path: what an import must not touch on failure."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.json")}


@pytest.mark.parametrize("as_bytes", [False, True], ids=["text", "bytes"])
def test_a_broken_json_export_is_refused_with_a_message_and_writes_nothing(
    rich_export: str, tmp_path: Path, as_bytes: bool
) -> None:
    folder = tmp_path / "data"
    repo = FileRepository(folder)
    transfer.import_workshop(repo, rich_export)  # the intact export imports

    @SWEEP
    @given(broken=broken_exports(rich_export))
    def run(broken: str | bytes) -> None:
        if as_bytes and isinstance(broken, str):
            broken = broken.encode("utf-8", "surrogatepass")
        before = workshop_files(folder)
        parsed = outcome(lambda: parse_export(broken))
        created = outcome(lambda: transfer.import_workshop(repo, broken))
        assert isinstance(parsed, OkrError) == isinstance(created, OkrError)
        if isinstance(created, OkrError):
            assert workshop_files(folder) == before
        else:
            after = workshop_files(folder)
            assert set(after) - set(before) == {f"{created.workshop_id}.json"}
            assert all(after[k] == v for k, v in before.items())
            check_files(folder, [created.workshop_id])

    run()


# -- importing: key-result CSVs ----------------------------------------------------------------
CSV_CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "5",
            "1,200",
            "40%",
            "nan",
            "inf",
            "-0",
            "1e309",
            "=1+1",
            "'=1",
            "2027-02-30",
            "2027-02-01",
            "increase",
            "keep in range",
            "committed",
            "0",
            "11",
            "10",
            " 7 ",
        ]
    ),
    numbers.map(str),
)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A key-result CSV with any columns in any order and any cells."""
    columns = draw(
        st.lists(
            st.sampled_from(KR_CSV_COLUMNS) | st.text(max_size=10),
            max_size=14,
        )
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(columns)
    for _ in range(draw(st.integers(0, 4))):
        writer.writerow([draw(CSV_CELLS) for _ in range(draw(st.integers(0, len(columns) + 2)))])
    return buffer.getvalue()


@st.composite
def broken_csvs(draw: st.DrawFn, text: str) -> str | bytes:
    """A valid export truncated, with rows or columns reordered, cells retyped, or oversized."""
    how = draw(st.sampled_from(["truncate", "reorder", "retype", "oversize", "bytes", "any"]))
    if how == "any":
        return draw(csv_texts())
    if how == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if how == "bytes":
        raw = text.encode()
        return raw[: draw(st.integers(0, len(raw)))] + draw(st.binary(max_size=10))
    rows = list(csv.reader(io.StringIO(text)))
    if how == "oversize":
        rows[-1][draw(st.integers(0, len(rows[-1]) - 1))] = "x" * (MAX_IMPORT_BYTES + 1)
    elif how == "reorder":
        shuffler = random.Random(draw(st.integers(0, 2**32)))
        order = list(range(len(rows[0])))
        shuffler.shuffle(order)
        body = rows[1:]
        shuffler.shuffle(body)
        rows = [[row[i] for i in order if i < len(row)] for row in [rows[0], *body]]
    else:
        for _ in range(draw(st.integers(1, 4))):
            row = draw(st.integers(1, len(rows) - 1))
            rows[row][draw(st.integers(0, len(rows[row]) - 1))] = draw(CSV_CELLS)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def rich_csv(rich_export: str) -> str:
    return export_csv(parse_export(rich_export))


def test_a_broken_key_result_csv_is_refused_with_a_message_and_writes_nothing(
    rich_csv: str, tmp_path: Path
) -> None:
    world = build_world(tmp_path / "data", Phase.DRAFTING)
    team = world.ids(world.wid)["teams"][2]
    drafting.import_key_results(world.repo, world.wid, world.fac, team, rich_csv)  # intact
    team = world.ids(world.wid)["teams"][1]

    @SWEEP
    @given(broken=broken_csvs(rich_csv))
    def run(broken: str | bytes) -> None:
        before = workshop_files(world.repo.data_dir)
        parsed = outcome(lambda: parse_kr_csv(broken))
        imported = outcome(
            lambda: drafting.import_key_results(world.repo, world.wid, world.fac, team, broken)
        )
        if isinstance(parsed, OkrError):
            assert isinstance(imported, OkrError)
        if isinstance(imported, OkrError):
            assert workshop_files(world.repo.data_dir) == before
        check_files(world.repo.data_dir, [world.wid])

    run()


# -- the crashes the sweeps found, one by one --------------------------------------------------
@pytest.fixture
def world(tmp_path: Path) -> World:
    return build_world(tmp_path / "data", Phase.DRAFTING)


@pytest.fixture
def tracking(tmp_path: Path) -> World:
    return build_world(tmp_path / "data", Phase.TRACKING)


def refused_and_unchanged(world: World, call: Callable[[], Any]) -> OkrError:
    before = workshop_files(world.repo.data_dir)
    with pytest.raises(OkrError) as refused:
        call()
    assert str(refused.value).strip()
    assert workshop_files(world.repo.data_dir) == before
    check_files(world.repo.data_dir)
    return refused.value


def test_an_unknown_phase_is_refused_with_a_message(world: World) -> None:
    refused_and_unchanged(
        world, lambda: workshops.set_phase(world.repo, world.wid, world.fac, "finished")
    )


@pytest.mark.parametrize(
    "entry", [(10**400, 5, ""), (50, 10**400, "")], ids=["value", "confidence"]
)
def test_a_check_in_number_too_large_for_a_float_is_refused_with_a_message(
    tracking: World, entry: tuple
) -> None:
    doc = tracking.repo.load(tracking.wid)
    team = doc.teams[1].id
    kr = next(k.id for k in doc.key_results if doc.objectives[1].id == k.objective_id)
    refused_and_unchanged(
        tracking,
        lambda: checkins.submit_checkin(
            tracking.repo,
            tracking.wid,
            Actor("Pat"),
            team,
            1,
            key_results={kr: entry},
            today=doc.workshop.start,
        ),
    )


CSV_HEADER = "objective,key_result,baseline,target,confidence\n"


@pytest.mark.parametrize(
    "row",
    [
        "Grow,Sales from 1 to 2,1,2,²",  # a digit to str.isdigit, not to int()
        "Grow,Sales from 1 to 2,1,2," + "9" * 5000,  # beyond int()'s 4300 digits
        "Grow,Sales from 1 to 2,1,2,5,\n" + "Grow," + "x" * 140_000 + ",1,2,5",  # > csv limit
    ],
    ids=["superscript-two", "5000-digit-confidence", "cell-over-csv-field-limit"],
)
def test_a_key_result_csv_that_python_cannot_read_as_numbers_or_cells_is_refused(
    world: World, row: str
) -> None:
    text = CSV_HEADER + row + "\n"
    with pytest.raises(OkrError):
        parse_kr_csv(text)
    team = world.ids(world.wid)["teams"][1]
    refused_and_unchanged(
        world, lambda: drafting.import_key_results(world.repo, world.wid, world.fac, team, text)
    )


def deeply_nested(export: str) -> str:
    document = json.loads(export)
    document["workshop"]["name"] = "DEEP"
    return json.dumps(document).replace('"DEEP"', "[" * 100_000 + "]" * 100_000)


@pytest.mark.parametrize(
    "damage",
    [
        deeply_nested,
        lambda text: text.replace('"schema_version": 1', '"schema_version": ' + "1" * 5000, 1),
    ],
    ids=["nested-100000-deep", "5000-digit-number"],
)
def test_a_crafted_json_export_is_refused_with_a_message_and_writes_nothing(
    rich_export: str, world: World, damage: Callable[[str], str]
) -> None:
    text = damage(rich_export)
    assert text != rich_export
    refused_and_unchanged(world, lambda: transfer.import_workshop(world.repo, text))


def test_an_export_whose_short_text_equals_a_record_id_imports_or_is_refused(
    rich_export: str, world: World
) -> None:
    """Import renews every id and rewrites every string equal to an old id; a unit (at most
    30 characters) equal to a team id grows to a 32-character new id and fails validation."""
    document = json.loads(rich_export)
    team = document["teams"][1]
    old = team["id"]
    team["id"] = "team-one"
    for objective in document["objectives"]:
        if objective["team_id"] == old:
            objective["team_id"] = "team-one"
    document["key_results"][0]["unit"] = "team-one"
    text = json.dumps(document)
    before = workshop_files(world.repo.data_dir)
    created = outcome(lambda: transfer.import_workshop(world.repo, text))
    if isinstance(created, OkrError):
        assert workshop_files(world.repo.data_dir) == before
    check_files(world.repo.data_dir)


@pytest.mark.parametrize("step", [0.5, float("nan")], ids=["half", "nan"])
def test_moving_an_objective_or_key_result_by_a_step_that_is_not_whole_is_refused(
    world: World, step: Any
) -> None:
    doc = world.repo.load(world.wid)
    objective = doc.objectives[1]
    assert sum(o.team_id == objective.team_id for o in doc.objectives) == 1
    drafting.add_objective(world.repo, world.wid, world.fac, objective.team_id, text="Second")
    kr = next(k for k in doc.key_results if k.objective_id == objective.id)
    refused_and_unchanged(
        world, lambda: drafting.move_objective(world.repo, world.wid, world.fac, objective.id, step)
    )
    refused_and_unchanged(
        world, lambda: drafting.move_key_result(world.repo, world.wid, world.fac, kr.id, step)
    )


def test_a_lone_surrogate_is_dropped_from_text_like_any_control_character(world: World) -> None:
    note = why.add_note(world.repo, world.wid, Actor("Pat"), "purpose", "broken \ud800 text")
    assert note.text == "broken  text"
    check_files(world.repo.data_dir)


def test_an_export_with_an_escaped_lone_surrogate_imports_cleaned(world: World) -> None:
    export = export_json(world.repo.load(world.wid)).replace(
        '"Customers ask for SSO"', '"Customers \\ud800 ask"'
    )
    created = transfer.import_workshop(world.repo, export)
    assert "Customers  ask" in {n.text for n in world.repo.load(created.workshop_id).notes}
    check_files(world.repo.data_dir)


def test_the_sweeps_own_workshops_load(tmp_path: Path) -> None:
    """The worlds the sweeps start from are valid, so a failure above is the input's doing."""
    for phase in (Phase.DRAFTING, Phase.TRACKING, Phase.RETROSPECTIVE):
        world = build_world(tmp_path / phase.value, phase)
        check_files(world.repo.data_dir)
        assert world.repo.load(world.wid).workshop.phase == phase


def test_a_key_result_csv_with_classic_mac_line_ends_imports(world: World) -> None:
    text = CSV_HEADER + "Grow,Sales from 1 to 2,1,2,5\rGrow,Churn from 4 to 2,4,2,5\r"
    assert [row.fields["text"] for row in parse_kr_csv(text)] == [
        "Sales from 1 to 2", "Churn from 4 to 2",
    ]  # fmt: skip
