"""Store fixtures: a record factory and one contract suite run against every implementation
(the way TinyDB's own tests run against its memory and JSON storages): memory, the TinyDB file,
and PostgreSQL (a real server from tests/pgtest.py, a fresh schema per test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.store import DecisionRecord, DecisionStore, MemoryDecisionStore, Signals, open_store
from bot.store.postgres import PostgresDecisionStore

T0 = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)


def make_record(
    rid: str = "wt-1",
    *,
    at: datetime = T0,
    team: str = "T1",
    user: str = "U1",
    **fields: Any,
) -> DecisionRecord:
    values: dict[str, Any] = {
        "id": rid,
        "created_at": at,
        "updated_at": at,
        "team_id": team,
        "user_id": user,
        "answers": {"know_them": "no", "note": "generic"},
        "signals": Signals(
            intent="recruiter", custom_message=True, claims_prior_contact=False, red_flags=["urgency"]
        ),
        "recommendation": "reply_first",
    }
    values.update(fields)
    return DecisionRecord(**values)


class Opener:
    """Opens a store of one kind; reopen() is close + open for files, identity for memory."""

    def __init__(self, kind: str, path: Path, url: str | None = None) -> None:
        self.kind, self.path, self.url = kind, path, url
        self.opened: list[DecisionStore] = []

    def open(self) -> DecisionStore:
        if self.kind == "memory":
            store = MemoryDecisionStore()
        elif self.kind == "postgres":
            store = PostgresDecisionStore(self.url, max_size=4)
        else:
            store = open_store(self.path)
        self.opened.append(store)
        return store

    def reopen(self, store: DecisionStore) -> DecisionStore:
        if self.kind == "memory":
            return store
        store.close()
        return self.open()


@pytest.fixture(params=["memory", "tinydb", "postgres"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    op = Opener(request.param, tmp_path / "nested" / "invite-check.json", url)
    yield op
    for store in op.opened:
        store.close()


@pytest.fixture
def store(opener: Opener) -> DecisionStore:
    return opener.open()


@pytest.fixture
def record_factory() -> Callable[..., DecisionRecord]:
    return make_record
