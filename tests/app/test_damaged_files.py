"""Pages meet damaged and unreadable workshop files with a message, never a traceback."""

from __future__ import annotations

from okrcore.model.records import SCHEMA_VERSION
from okrcore.services.common import Actor
from okrcore.services.why import add_note
from tests.app.conftest import messages, open_page


def test_a_file_from_a_newer_app_says_so_and_offers_no_restore_over_it(repo, workshop) -> None:
    workshop_id, fac = workshop
    add_note(repo, workshop_id, Actor(name="Ana"), "purpose", "makes a backup")
    path = repo.path_for(workshop_id)
    path.write_text(
        path.read_text().replace(
            f'"schema_version":{SCHEMA_VERSION}', f'"schema_version":{SCHEMA_VERSION + 1}'
        )
    )
    at = open_page(w=workshop_id, k=fac.key)
    assert not at.exception
    assert any("newer version of this app" in m for m in messages(at))
    assert not any(b.label.startswith("Restore the backup") for b in at.button)


def test_a_workshop_file_replaced_by_a_folder_offers_its_backup(repo, workshop) -> None:
    workshop_id, fac = workshop
    add_note(repo, workshop_id, Actor(name="Ana"), "purpose", "makes a backup")
    path = repo.path_for(workshop_id)
    path.unlink()
    path.mkdir()
    at = open_page(w=workshop_id, k=fac.key)
    assert not at.exception
    assert any("a folder, not a file" in m for m in messages(at))
    next(b for b in at.button if b.label.startswith("Restore the backup")).click().run()
    assert not at.exception
    assert path.is_file() and repo.load(workshop_id).workshop.id == workshop_id
