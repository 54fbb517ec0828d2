"""Convergence: two or three devices, random changes, random syncs (some mid-save), one journal.

Hypothesis drives each data directory with log, edit, trash, restore, purge,
settings and import, and copies files between them at random moments the
way a sync tool would (:mod:`tests.sync_helpers`), including in the middle of
a save, after the temporary files are written and before they are renamed.
After a final sync every directory must export the same journal, hold every
acknowledged entry that was not purged, and keep every deletion that was not
undone by a later restore.

All devices share one clock that moves on at every step, so "later" in the
model is "later" for the merge rule as well.

Edits may move an entry into another month (its date changed) while other
devices still edit, trash, restore or purge it in the old month: every
device must still end with one version of it, in one month.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

import companion.store.transaction as transaction
from companion.core.clock import FakeClock
from companion.core.exchange import export_json
from companion.store import Store
from companion.store.atomic import commit as real_commit
from tests.conftest import FIXED_NOW
from tests.store_helpers import checkin
from tests.sync_helpers import sync, sync_all

devices = st.integers(min_value=0, max_value=2)


notes = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=5)
"""What a person can type in a note (control characters are refused at input)."""


class Convergence(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="companion-converge-"))
        self.clock = FakeClock(current=FIXED_NOW)
        self.stores: list[Store] = []
        self.acknowledged: set[str] = set()
        self.purged: set[str] = set()
        self.trash_state: dict[str, bool] = {}
        """Entry id → whether its latest trash/restore (on any device) put it in the trash."""
        self.target: int | None = None

    @initialize(count=st.integers(min_value=2, max_value=3))
    def open_devices(self, count: int) -> None:
        for number in range(count):
            self.stores.append(Store.open(self.root / f"device{number}", self.clock))

    def _store(self, number: int) -> Store:
        self.clock.advance(1)
        return self.stores[number % len(self.stores)]

    @rule(device=devices, days_ago=st.integers(min_value=0, max_value=70), pain=st.integers(0, 10))
    def log(self, device: int, days_ago: int, pain: int) -> None:
        store = self._store(device)
        entry = store.checkins.add(checkin(self.clock.now() - timedelta(days=days_ago), pain=pain))
        self.acknowledged.add(entry.id)

    @rule(
        device=devices,
        data=st.data(),
        pain=st.integers(0, 10),
        note=notes,
    )
    def edit(self, device: int, data: st.DataObject, pain: int, note: str) -> None:
        store = self._store(device)
        live = list(store.checkins.iter_all())
        if not live:
            return
        entry = data.draw(st.sampled_from(live))
        store.checkins.update(entry.edited(self.clock.now(), pain=pain, note=note))

    @rule(device=devices, data=st.data(), days=st.integers(min_value=-70, max_value=70))
    def move(self, device: int, data: st.DataObject, days: int) -> None:
        """Change an entry's date, usually into another month."""
        store = self._store(device)
        live = list(store.checkins.iter_all())
        if not live:
            return
        entry = data.draw(st.sampled_from(live))
        when = min(entry.at + timedelta(days=days), self.clock.now())
        store.checkins.update(entry.edited(self.clock.now(), at=when))

    @rule(device=devices, data=st.data())
    def trash(self, device: int, data: st.DataObject) -> None:
        store = self._store(device)
        live = list(store.checkins.iter_all())
        if live:
            entry = data.draw(st.sampled_from(live))
            store.checkins.trash(entry.id)
            self.trash_state[entry.id] = True

    @rule(device=devices, data=st.data(), purge=st.booleans())
    def restore_or_purge(self, device: int, data: st.DataObject, purge: bool) -> None:
        store = self._store(device)
        trashed = store.checkins.trashed()
        if not trashed:
            return
        entry = data.draw(st.sampled_from(trashed))
        if purge:
            store.checkins.purge(entry.id)
            self.purged.add(entry.id)
        else:
            store.checkins.restore(entry.id)
            self.trash_state[entry.id] = False

    @rule(device=devices, goal=st.integers(1, 3))
    def change_settings(self, device: int, goal: int) -> None:
        store = self._store(device)
        if store.load_settings().daily_target != goal:  # choosing the value shown is no change
            self.target = goal
        store.update_settings(daily_target=goal)

    @rule(device=devices, source=devices, fresh=st.integers(0, 3))
    def import_file(self, device: int, source: int, fresh: int) -> None:
        """Import an export of another device plus a few new entries."""
        giver = self._store(source)
        store = self._store(device)
        known = list(giver.checkins.iter_all())[:3]
        new = [checkin(self.clock.now() - timedelta(hours=n), pain=n) for n in range(fresh)]
        store.import_records(checkins=known + new)
        self.acknowledged.update(entry.id for entry in new)

    @rule(source=devices, to=devices)
    def sync_once(self, source: int, to: int) -> None:
        sync(self._store(source).data_dir, self._store(to).data_dir)

    @rule(writer=devices, to=devices, pain=st.integers(0, 10))
    def sync_mid_save(self, writer: int, to: int, pain: int) -> None:
        """A sync tool copies the writer's folder while a save has staged but not renamed."""
        store = self._store(writer)
        other = self._store(to)

        def commit_after_a_sync(staged: list[Any]) -> None:
            assert all(item.temp.exists() for item in staged)
            sync(store.data_dir, other.data_dir)
            real_commit(staged)

        # The name the transaction module calls (it imports it from atomic).
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(transaction, "commit", commit_after_a_sync)
            entry = store.checkins.add(checkin(self.clock.now(), pain=pain))
        self.acknowledged.add(entry.id)

    @precondition(lambda self: bool(self.stores))
    @rule()
    def converge_now(self) -> None:
        sync_all([store.data_dir for store in self.stores])
        self._check()

    def _check(self) -> None:
        journals = []
        for store in self.stores:
            exported = orjson.loads(
                export_json(
                    checkins=store.checkins.iter_all(),
                    sessions=store.sessions.iter_all(),
                    screenings=store.screenings.iter_all(),
                    exported_at=self.clock.now(),
                )
            )
            trashed = sorted((c.id, c.pain) for c in store.checkins.trashed())
            journals.append((exported, trashed, store.load_settings().daily_target))
        first = journals[0]
        for other in journals[1:]:
            assert other == first
        store = self.stores[0]
        live = {c.id for c in store.checkins.iter_all()}
        in_trash = {c.id for c in store.checkins.trashed()}
        assert not (live & in_trash)
        for entry_id in self.acknowledged - self.purged:
            assert entry_id in live | in_trash, f"acknowledged entry {entry_id} is missing"
        for entry_id in self.purged:
            assert entry_id not in live | in_trash, f"purged entry {entry_id} came back"
        for entry_id, deleted in self.trash_state.items():
            if entry_id not in self.purged:
                assert (entry_id in in_trash) == deleted, f"trash state of {entry_id} was lost"
        if self.target is not None:
            assert first[2] == self.target
        for found in self.stores:
            assert list(found.checkins.iter_all()) == list(store.checkins.iter_all())
        every = [c.id for c in store.checkins.iter_all()] + [c.id for c in store.checkins.trashed()]
        assert len(every) == len(set(every)), "an entry shows more than once"
        for month in store.checkins.months():
            assert all(
                f"{c.at.astimezone(UTC):%Y-%m}" == month for c in store.checkins.in_month(month)
            )

    def teardown(self) -> None:
        try:
            if self.stores:
                sync_all([store.data_dir for store in self.stores])
                self._check()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


TestConvergence = Convergence.TestCase
TestConvergence.settings = settings(
    max_examples=40,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=False,
)


@pytest.fixture(autouse=True)
def _utc_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
