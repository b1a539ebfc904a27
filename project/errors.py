"""Refusals the services raise that an API client gets a status of its own for.

Why here, below the apps: the write path's refusals are the same for every resource (someone
else changed it since you read it; another object already is this one), and the API maps
them once, in `project.exceptions`, instead of each view catching them and building its own
412 or 409. The services raise these (or subclasses naming their resource); views let them
through. The admin and the importer catch them and say it in their own words.
"""

from __future__ import annotations


class StaleVersion(Exception):
    """The object changed since the caller read it: reload and retry, never overwrite (412)."""

    def __init__(self, model: str, pk: int, expected: int) -> None:
        super().__init__(
            f"{model} {pk} was changed by someone else since version {expected}; reload it and apply your edit again."
        )
        self.model = model
        self.expected = expected


class DuplicateObject(Exception):
    """Another stored object already has this one's identity (409, `Location` naming it).

    `route` is the URL name of the existing object's detail (`claim-detail`), `code` the
    machine-readable reason the 409 carries.
    """

    route = ""
    code = "duplicate"

    def __init__(self, message: str, *, existing_pk: int) -> None:
        super().__init__(message)
        self.existing_pk = existing_pk
