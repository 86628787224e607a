"""Errors the domain raises on purpose. Each carries a message fit to show a user as is."""

from __future__ import annotations


class OkrError(Exception):
    """Base of every expected failure; pages show ``str(error)`` and carry on."""


class InvalidInput(OkrError):
    """The input broke a rule (too long, empty, out of range, ...)."""


class NotFound(OkrError):
    """A workshop or record that does not exist (or no longer exists)."""


class PermissionDenied(OkrError):
    """The action needs the facilitator key, or the workshop is read-only."""


class StorageError(OkrError):
    """The data folder cannot be read or written."""


class CorruptWorkshop(StorageError):
    """A workshop file exists but cannot be read; it is left untouched."""

    def __init__(self, file_name: str, detail: str) -> None:
        super().__init__(
            f"The workshop file {file_name} is damaged and cannot be read ({detail}). "
            "It has not been changed; other workshops are not affected."
        )
        self.file_name = file_name


class NewerWorkshop(CorruptWorkshop):
    """A workshop file written by a newer version of the app: readable there, not here.

    It is not damage, so it is never offered for a restore over it."""

    def __init__(self, file_name: str, version: int) -> None:
        StorageError.__init__(
            self,
            f"The workshop file {file_name} was written by a newer version of this app "
            f"(schema {version}). Open it with that version; it has not been changed.",
        )
        self.file_name = file_name
