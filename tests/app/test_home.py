"""Home: create and open workshops; every bad link or file gets a message, not a traceback."""

from __future__ import annotations

import pytest

from tests.app.conftest import messages, open_page, texts


def test_home_without_a_workshop_offers_to_create_or_open_one(data_dir) -> None:
    at = open_page()
    assert not at.exception
    assert [t.value for t in at.title] == ["OKR Workshop"]
    assert at.button(key="FormSubmitter:create_workshop-Create workshop")
    assert at.button(key="FormSubmitter:open_workshop-Open")


def test_creating_a_workshop_gives_both_links_and_opens_it_as_facilitator(repo) -> None:
    at = open_page()
    at.text_input[0].input("Q1 planning")
    at.text_area[0].input("Platform\nGrowth")
    at.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    assert not at.exception
    workshop = repo.list_workshops()[0]
    assert at.query_params["w"] == workshop.id
    links = [c.value for c in at.code]
    assert any(link.endswith(f"?w={workshop.id}") for link in links)
    assert any("&k=" in link for link in links)
    assert "Facilitator" in [s.value for s in at.subheader]
    assert [t.name for t in repo.load(workshop.id).teams] == ["Company", "Platform", "Growth"]


def test_typing_company_or_a_team_twice_is_explained_after_creating(repo) -> None:
    at = open_page()
    at.text_input[0].input("Q1 planning")
    at.text_area[0].input("Platform\nCompany\nGrowth\nplatform\nSupport")
    at.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    assert not at.exception
    teams = [t.name for t in repo.load(repo.list_workshops()[0].id).teams]
    assert teams == ["Company", "Platform", "Growth", "Support"]
    notes = messages(at, "info")
    assert any("“Company” is the company level" in m for m in notes)
    assert any("Listed more than once, kept once: Platform." in m for m in notes)


def test_the_create_form_defaults_to_the_next_calendar_quarter(data_dir) -> None:
    at = open_page()
    start, end = (d.value for d in at.date_input)
    assert start.day == 1 and start.month in (1, 4, 7, 10)
    assert (end - start).days in range(89, 93)


def test_creating_without_a_name_says_so_and_stores_nothing(repo) -> None:
    at = open_page()
    at.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    assert messages(at) == ["Workshop name: must not be empty."]
    assert repo.list_workshops() == []


def test_creating_with_dates_in_the_wrong_order_says_so(repo) -> None:
    at = open_page()
    at.text_input[0].input("Q1")
    start, end = at.date_input
    start_value, end_value = start.value, end.value
    start.set_value(end_value)
    end.set_value(start_value)
    at.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    assert any("end after it starts" in m for m in messages(at))
    assert repo.list_workshops() == []


@pytest.mark.parametrize("bad", ["../x", "..%2F..%2Fetc", "x" * 300, "<script>", "🙂"])
def test_a_malformed_workshop_id_in_the_url_gets_a_message(data_dir, bad) -> None:
    at = open_page(w=bad)
    assert not at.exception
    assert any("not valid" in m for m in messages(at))


def test_an_unknown_workshop_id_gets_a_message(data_dir) -> None:
    at = open_page(w="0123456789abcdef0123456789abcdef")
    assert not at.exception
    assert any("no workshop at this link" in m for m in messages(at))


def test_a_corrupt_workshop_file_is_named_and_left_untouched(repo, workshop) -> None:
    workshop_id, _ = workshop
    path = repo.path_for(workshop_id)
    path.write_text('{"workshop": {"1": {"name": "trunc')
    at = open_page(w=workshop_id)
    assert not at.exception
    assert any(path.name in m and "damaged" in m for m in messages(at))
    assert path.read_text() == '{"workshop": {"1": {"name": "trunc'


def test_opening_by_pasted_link_opens_the_workshop(repo, workshop) -> None:
    workshop_id, _ = workshop
    at = open_page()
    at.text_input[3].input(f"http://example.org/?w={workshop_id}")
    at.button(key="FormSubmitter:open_workshop-Open").click().run()
    assert at.query_params["w"] == workshop_id
    assert [t.value for t in at.title] == ["Q1 planning"]


def test_a_pasted_read_only_link_opens_read_only(repo, workshop) -> None:
    workshop_id, _ = workshop
    token = repo.load(workshop_id).workshop.viewer_token
    at = open_page()
    at.text_input[3].input(f"http://example.org/?v={token}")
    at.button(key="FormSubmitter:open_workshop-Open").click().run()
    assert not at.exception
    assert at.query_params["v"] == token and "w" not in at.query_params
    assert not messages(at)


def test_opening_a_bad_link_says_so(data_dir) -> None:
    at = open_page()
    at.text_input[3].input("https://example.org/?w=../../etc/passwd")
    at.button(key="FormSubmitter:open_workshop-Open").click().run()
    assert not at.exception
    assert any("not valid" in m for m in messages(at))


def test_the_workshop_list_can_be_switched_off(repo, workshop, monkeypatch) -> None:
    monkeypatch.setenv("OKR_LIST_WORKSHOPS", "all")  # the default now lists only one's own
    assert any("Q1 planning" in p.label for p in open_page().get("page_link"))
    monkeypatch.setenv("OKR_LIST_WORKSHOPS", "0")
    assert not any("Q1 planning" in p.label for p in open_page().get("page_link"))


def test_a_participant_sees_the_participant_link_only(workshop) -> None:
    workshop_id, _ = workshop
    at = open_page(w=workshop_id)
    assert not at.exception
    assert len(at.code) == 1 and "&k=" not in at.code[0].value
    assert "Facilitator" not in [s.value for s in at.subheader]


def test_a_wrong_key_gives_participant_rights_only(workshop) -> None:
    workshop_id, _ = workshop
    at = open_page(w=workshop_id, k="not-the-key-000000")
    assert "Facilitator" not in [s.value for s in at.subheader]


def test_the_facilitator_adds_a_team_and_a_duplicate_is_refused(repo, workshop) -> None:
    workshop_id, fac = workshop
    at = open_page(w=workshop_id, k=fac.key)
    new_team = next(t for t in at.text_input if t.label == "New team")
    new_team.input("Sales")
    at.button(key="FormSubmitter:add_team-Add team").click().run()
    assert "Sales" in [t.name for t in repo.load(workshop_id).teams]
    new_team = next(t for t in at.text_input if t.label == "New team")
    new_team.input("sales")
    at.button(key="FormSubmitter:add_team-Add team").click().run()
    assert any("already a team" in m for m in messages(at))


def test_removing_a_team_asks_first(repo, workshop) -> None:
    workshop_id, fac = workshop
    growth = next(t for t in repo.load(workshop_id).teams if t.name == "Growth")
    at = open_page(w=workshop_id, k=fac.key)
    at.button(key=f"remove_{growth.id}").click().run()
    assert any("Remove the team" in w for w in messages(at, "warning"))
    assert growth.id in {t.id for t in repo.load(workshop_id).teams}
    at.button(key=f"yes_remove_{growth.id}").click().run()
    assert growth.id not in {t.id for t in repo.load(workshop_id).teams}


def test_the_facilitator_moves_the_phase(repo, workshop) -> None:
    workshop_id, fac = workshop
    at = open_page(w=workshop_id, k=fac.key)
    at.button[[b.label for b in at.button].index("Change phase")].click().run()
    assert not at.exception
    assert repo.load(workshop_id).workshop.phase == "tracking"


def test_user_text_in_names_is_never_rendered_as_markup(repo) -> None:
    at = open_page()
    at.text_input[0].input("<img src=x onerror=alert(1)> **bold**")
    at.text_input[1].input("[click](http://evil.example)")
    at.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    assert not at.exception
    assert any("[click](http://evil.example)" in t for t in texts(at))
    title = at.title[0].value
    assert "\\<img" in title and "\\*\\*bold\\*\\*" in title


def test_an_unwritable_data_folder_gives_a_message(tmp_path, monkeypatch) -> None:
    import streamlit as st

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("OKR_DATA_DIR", str(blocker / "data"))
    st.cache_resource.clear()
    at = open_page()
    at.text_input[0].input("Q1")
    at.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    assert not at.exception
    assert any("OKR_DATA_DIR" in m for m in messages(at))


def test_a_corrupt_workshop_offers_its_latest_backup_to_the_facilitator(repo, workshop) -> None:
    from okrcore.services.common import Actor
    from okrcore.services.why import add_note

    workshop_id, fac = workshop
    add_note(repo, workshop_id, Actor(name="Ana"), "purpose", "written after the backup")
    repo.path_for(workshop_id).write_text("{broken")
    participant = open_page(w=workshop_id)
    assert not participant.exception
    assert any("latest good backup" in m for m in messages(participant, "info"))
    assert "Restore the backup" not in " ".join(b.label for b in participant.button)
    at = open_page(w=workshop_id, k=fac.key)
    next(b for b in at.button if b.label.startswith("Restore the backup")).click().run()
    assert not at.exception
    assert repo.load(workshop_id).workshop.id == workshop_id
    assert [t.value for t in at.title] == ["Q1 planning"]


def test_the_facilitator_sees_the_history_and_restores_a_deleted_note(repo, workshop) -> None:
    from okrcore.services.why import add_note, remove_note
    from tests.unit.workshop_factory import participant

    workshop_id, fac = workshop
    ana = participant("Ana")
    note = add_note(repo, workshop_id, ana, "purpose", "Worth keeping")
    remove_note(repo, workshop_id, ana, note.id)
    at = open_page(w=workshop_id, k=fac.key)
    history = at.dataframe[0].value
    assert list(history["What"][:2]) == ["removed note", "added note"]
    assert list(history["Who"][:2]) == ["Ana", "Ana"]
    restore = next(b for b in at.button if b.key and b.key.startswith("undo_"))
    restore.click().run()
    assert not at.exception
    assert [n.text for n in repo.load(workshop_id).notes] == ["Worth keeping"]
