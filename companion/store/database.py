"""The :class:`Store`: one open data directory, its lock, repositories and settings.

Everything that touches the data directory goes through a ``Store``. Opening
one creates the directory if needed (mode 0700), tightens loose permissions
(reported in :attr:`Store.notices`), and brings the schema up to date; it
parses no entries, so startup costs only what the first screen reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import orjson

from companion.core.clock import Clock
from companion.core.errors import DamagedFileError, InvalidInputError, LockTimeoutError
from companion.core.records import CheckIn, ScreeningRecord, StretchSession, WeeklyMeasures
from companion.core.settings import Settings
from companion.core.words import count_of
from companion.store import migrations
from companion.store.atomic import write_atomic
from companion.store.backups import backup_if_due
from companion.store.devices import (
    DEVICE_NAME,
    DEVICES_FOLDER,
    IGNORE_FILES,
    device_labels,
    ensure_device,
    ensure_ignored,
    is_device_id,
    record_device,
    settings_conflict_copies,
    settings_files,
    this_device,
    write_ignore_files,
)
from companion.store.merge import VERSIONS, merge_settings
from companion.store.paths import (
    FILE_MODE,
    LOCK_NAME,
    META_NAME,
    SETTINGS_NAME,
    ensure_private_dir,
    io_error,
    read_data_file,
    real_data_dir,
    tighten_tree,
)
from companion.store.repository import Repository
from companion.store.shards import (
    CHECKINS,
    DOSES,
    FLARES,
    GOALS,
    KINDS,
    MEASURES,
    MEDICINES,
    SCREENINGS,
    SESSIONS,
    WALKS,
)
from companion.store.storage import ShardCache

if TYPE_CHECKING:
    import filelock

    from companion.core.programme.flares import Flare
    from companion.core.programme.goals import GoalScores
    from companion.core.programme.medication import Dose, Medicine
    from companion.core.programme.walking import Walk
    from companion.store.doctor import DoctorFinding
    from companion.store.summaries import DailySummaries
    from companion.store.transaction import Transaction

__all__ = ["ImportResult", "Store"]

T = TypeVar("T")

_KNOWN_NAMES = {plan.kind for plan in KINDS} | {
    "backups",
    LOCK_NAME,
    META_NAME,
    SETTINGS_NAME,
    DEVICE_NAME,
    DEVICES_FOLDER,
    *IGNORE_FILES,
}


class ImportResult(NamedTuple):
    """What an import added and what it skipped because the ids were already stored."""

    checkins_added: int = 0
    sessions_added: int = 0
    screenings_added: int = 0
    skipped: int = 0
    """Entries whose id was already present (in any state, trash included)."""
    measures_added: int = 0
    """Weekly measures added (named in :meth:`describe` only when there are some)."""
    programme_added: tuple[tuple[str, int], ...] = ()
    """(noun, count) added of each programme kind: medicines, doses, flares, walks, goals."""

    @property
    def added(self) -> int:
        """Entries added, all kinds together."""
        return (
            self.checkins_added
            + self.sessions_added
            + self.screenings_added
            + self.measures_added
            + sum(count for _, count in self.programme_added)
        )

    def describe(self) -> str:
        """``added 120 check-ins, 30 sessions, 1 screening; skipped 3 already present``.

        ``, 17 weekly measures`` follows the screenings when any were added, so the
        line stays as it was for files without them.
        """
        measures = (
            f", {count_of(self.measures_added, 'weekly measure')}" if self.measures_added else ""
        )
        measures += "".join(f", {count_of(n, noun)}" for noun, n in self.programme_added if n)
        return (
            f"added {count_of(self.checkins_added, 'check-in')}, "
            f"{count_of(self.sessions_added, 'session')}, "
            f"{count_of(self.screenings_added, 'screening')}{measures}; "
            f"skipped {self.skipped} already present"
        )


class Store:
    """An open data directory. Create it with :meth:`Store.open`."""

    def __init__(self, data_dir: Path, clock: Clock, lock_timeout: float) -> None:
        self.data_dir = data_dir
        """The data directory."""
        self.clock = clock
        """The clock used for trash times and backup stamps."""
        self.notices: list[str] = []
        """Things the user should know (permissions tightened, schema upgraded)."""
        self.bytes_written = 0
        """Bytes this store has written so far (for benchmarks and the size bound)."""
        self.cache = ShardCache()
        """Parsed shard files; ``cache.parsed`` counts actual parses."""
        self._lock_timeout = lock_timeout
        self._lock_path = data_dir / LOCK_NAME
        self._file_lock: filelock.FileLock | None = None
        self._thread_lock = threading.RLock()
        self._device: str | None = None
        self.checkins: Repository[CheckIn] = Repository(self, CHECKINS, CheckIn, lambda r: r.at)
        """Pain check-ins, by ``at``."""
        self.sessions: Repository[StretchSession] = Repository(
            self, SESSIONS, StretchSession, lambda r: r.started_at
        )
        """Stretch sessions, by ``started_at``."""
        self.screenings: Repository[ScreeningRecord] = Repository(
            self, SCREENINGS, ScreeningRecord, lambda r: r.at
        )
        """Screenings, by ``at``."""
        self.measures: Repository[WeeklyMeasures] = Repository(
            self, MEASURES, WeeklyMeasures, lambda r: r.at
        )
        """Weekly measures (PEG and sciatica bothersomeness), by ``at``."""

    # The programme's repositories and the daily summaries are made on first use:
    # a command that saves one check-in never imports their modules.

    @cached_property
    def medicines(self) -> Repository[Medicine]:
        """The person's medicines, by when each was added."""
        from companion.core.programme.medication import Medicine

        return Repository(self, MEDICINES, Medicine, lambda r: r.created_at)

    @cached_property
    def doses(self) -> Repository[Dose]:
        """Doses taken, by ``at``."""
        from companion.core.programme.medication import Dose

        return Repository(self, DOSES, Dose, lambda r: r.at)

    @cached_property
    def flares(self) -> Repository[Flare]:
        """Flares, by ``started_at``."""
        from companion.core.programme.flares import Flare

        return Repository(self, FLARES, Flare, lambda r: r.started_at)

    @cached_property
    def walks(self) -> Repository[Walk]:
        """Minutes walked, by ``at``."""
        from companion.core.programme.walking import Walk

        return Repository(self, WALKS, Walk, lambda r: r.at)

    @cached_property
    def goals(self) -> Repository[GoalScores]:
        """Weekly personal-goal (PSFS) scores, by ``at``."""
        from companion.core.programme.goals import GoalScores

        return Repository(self, GOALS, GoalScores, lambda r: r.at)

    @cached_property
    def summaries(self) -> DailySummaries:
        """Daily summaries of check-ins and sessions (whole-history trends), cached per month."""
        from companion.store.summaries import DailySummaries

        return DailySummaries(self.data_dir, self.cache, self.checkins, self.sessions)

    @classmethod
    def open(cls, data_dir: Path, clock: Clock, *, lock_timeout: float = 5.0) -> Store:
        """Open (creating if needed) and migrate ``data_dir``.

        Raises :class:`~companion.core.errors.DataError` (unusable directory,
        newer schema, lock timeout) or ``DamagedFileError`` (``meta.json``).
        """
        data_dir = real_data_dir(data_dir)
        store = cls(data_dir, clock, lock_timeout)
        ensure_private_dir(data_dir, store.notices)
        schema = migrations.read_schema(data_dir)
        if schema is None:
            _refuse_foreign_directory(data_dir)
        else:
            migrations.check_not_newer(data_dir, schema)
        tighten_tree(data_dir, store.notices)
        if schema is None or schema < migrations.CURRENT_SCHEMA:
            has_data = any(plan.names(data_dir) for plan in KINDS)
            with store._locked():
                try:
                    store.bytes_written += migrations.migrate(
                        data_dir, store.notices, has_data=has_data
                    )
                    store.bytes_written += write_ignore_files(data_dir)
                except OSError as err:
                    raise io_error("prepare the data directory", data_dir, err) from None
        return store

    @property
    def device(self) -> str:
        """This machine's device id for the data directory (made on first use)."""
        if self._device is None:
            try:
                self._device, written = ensure_device(self.data_dir)
                self.bytes_written += written + record_device(
                    self.data_dir, self._device, migrations.CURRENT_SCHEMA
                )
            except OSError as err:
                raise io_error("record the device id in", self.data_dir, err) from None
        return self._device

    # -- drafts --------------------------------------------------------------

    def keep_drafts(self, drafts: Mapping[str, Mapping[str, Any]]) -> None:
        """Keep forms left half-filled until the next start (see :mod:`companion.store.drafts`).

        Raises :class:`CompanionError` when they cannot be written."""
        from companion.store.drafts import Drafts

        try:
            if drafts:  # never synced, even from a folder an older version set up
                ensure_ignored(self.data_dir)
            Drafts(self.data_dir, self.device).keep(drafts)
        except OSError as err:
            raise io_error("keep the unsaved drafts in", self.data_dir, err) from None

    def take_drafts(self) -> dict[str, dict[str, Any]]:
        """The drafts kept by the last run on this device, taken (the file is removed)."""
        from companion.store.drafts import Drafts

        device = this_device(self.data_dir)
        if not is_device_id(device):
            return {}
        return Drafts(self.data_dir, device).take()

    def device_labels(self) -> dict[str, str]:
        """Device id → a short name (host name) for every device that has written here."""
        return device_labels(self.data_dir)

    # -- locking -----------------------------------------------------------

    def _lock(self) -> filelock.FileLock:
        """The inter-process lock, made on first write: readers (the dashboard's
        first frame, ``companion today``) never pay for importing filelock."""
        if self._file_lock is None:
            import filelock

            self._file_lock = filelock.FileLock(
                self._lock_path, timeout=self._lock_timeout, mode=FILE_MODE
            )
        return self._file_lock

    @contextmanager
    def _locked(self) -> Iterator[None]:
        import filelock

        with self._thread_lock:
            lock = self._lock()
            try:
                lock.acquire(timeout=self._lock_timeout)
            except filelock.Timeout:
                raise LockTimeoutError(self._lock_path, self._lock_timeout) from None
            except OSError as err:
                raise io_error("lock", self._lock_path, err) from None
            try:
                yield
            finally:
                lock.release()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Hold the lock, collect changes, and commit them together if nothing failed."""
        from companion.store.transaction import Transaction  # TinyDB: only once saving

        with self._locked():
            tx = Transaction(self.data_dir, self.clock, self.cache, self.device)
            yield tx
            try:
                tx.commit()
            finally:
                self.bytes_written += tx.bytes_written

    def snapshot(self, read: Callable[[Path], T]) -> T:
        """``read(data_dir)`` holding the lock, so no save is caught half-way."""
        with self._locked():
            return read(self.data_dir)

    # -- settings ----------------------------------------------------------

    def load_settings(self) -> Settings:
        """The saved settings (defaults if none were saved), merged key by key across devices."""
        return Settings.from_dict(self._settings_files()[0])

    def _settings_files(self) -> tuple[dict[str, Any], dict[str, list[Any]]]:
        """Merged (values, versions) of every device's settings file and conflict copy."""
        sources = []
        found = [(device, path, False) for device, path in settings_files(self.data_dir)]
        found += [(device, path, True) for device, path in settings_conflict_copies(self.data_dir)]
        for device, path, copy in found:
            try:
                raw = read_data_file(path)[1]
            except FileNotFoundError:
                continue
            except OSError as err:
                raise io_error("read", path, err) from None
            # A conflict copy is a leftover: if damaged, it is skipped here and
            # reported by doctor. Any device's own settings file that is damaged
            # raises (a sync tool writes under a temporary name, never this one).
            try:
                data: Any = orjson.loads(raw)
            except orjson.JSONDecodeError as err:
                if copy:
                    continue
                raise DamagedFileError(path, f"not valid JSON: {err}") from None
            if not isinstance(data, dict):
                if copy:
                    continue
                raise DamagedFileError(path, "expected a JSON object of settings")
            sources.append((device, data))
        return merge_settings(sources)

    def update_settings(self, **changes: Any) -> Settings:
        """Change some settings and save them in this device's file; returns the new settings."""
        path = self.data_dir / f"settings.{self.device}.json"
        with self._locked():
            values, versions = self._settings_files()
            current = Settings.from_dict(values)
            try:
                updated = current.updated(**changes)
            except TypeError:
                unknown = sorted(set(changes) - set(current.to_dict()))
                raise InvalidInputError(", ".join(unknown), "is not a setting") from None
            if updated == current and path.exists():
                return current
            now = self.clock.now().astimezone(UTC).isoformat(timespec="microseconds")
            # Only keys saved before or changed now are written: a default never
            # outranks another device's choice.
            new_values = updated.to_dict()
            content: dict[str, Any] = {
                key: value for key, value in new_values.items() if key in values or key in changes
            }
            shown = current.to_dict()
            for key in changes:
                # Choosing the value already shown (a default included) is no change,
                # so it never outranks a real change made on another device.
                if shown[key] != new_values[key]:
                    versions[key] = [versions.get(key, [0, ""])[0] + 1, now]
            content[VERSIONS] = {key: versions[key] for key in content if key in versions}
            data = orjson.dumps(content, option=orjson.OPT_INDENT_2)
            try:
                self.bytes_written += backup_if_due(self.data_dir, "settings", path, self.clock)
                self.bytes_written += write_atomic(path, data)
            except OSError as err:
                raise io_error("save", path, err) from None
        return updated

    # -- bulk --------------------------------------------------------------

    def import_records(
        self,
        *,
        checkins: Iterable[CheckIn] = (),
        sessions: Iterable[StretchSession] = (),
        screenings: Iterable[ScreeningRecord] = (),
        measures: Iterable[WeeklyMeasures] = (),
        medicines: Iterable[Medicine] = (),
        doses: Iterable[Dose] = (),
        flares: Iterable[Flare] = (),
        walks: Iterable[Walk] = (),
        goals: Iterable[GoalScores] = (),
    ) -> ImportResult:
        """Add entries whose ids are new, all in one locked transaction.

        Every touched file is written and synced before any is renamed into
        place, so a failure leaves the directory as it was.
        """
        with self.transaction() as tx:
            checkins_added, skipped_checkins = self.checkins.import_into(tx, checkins)
            sessions_added, skipped_sessions = self.sessions.import_into(tx, sessions)
            screenings_added, skipped_screenings = self.screenings.import_into(tx, screenings)
            measures_added, skipped_measures = self.measures.import_into(tx, measures)
            programme = (
                ("medicine", self.medicines.import_into(tx, medicines)),
                ("dose", self.doses.import_into(tx, doses)),
                ("flare", self.flares.import_into(tx, flares)),
                ("walk", self.walks.import_into(tx, walks)),
                ("goal score", self.goals.import_into(tx, goals)),
            )
        return ImportResult(
            checkins_added,
            sessions_added,
            screenings_added,
            skipped_checkins
            + skipped_sessions
            + skipped_screenings
            + skipped_measures
            + sum(skipped for _, (_, skipped) in programme),
            measures_added,
            tuple((noun, added) for noun, (added, _) in programme),
        )

    # -- health ------------------------------------------------------------

    def doctor(self) -> list[DoctorFinding]:
        """Check permissions, schema, every data file and the backups."""
        from companion.store.doctor import diagnose  # only `companion doctor` needs it

        return diagnose(self.data_dir)

    def repair(self) -> list[str]:
        """Restore the newest good backup of each damaged file; says what it did."""
        from companion.store.doctor import repair

        with self._locked():
            try:
                return repair(self.data_dir, self.clock)
            except OSError as err:
                raise io_error("repair", self.data_dir, err) from None


def _refuse_foreign_directory(data_dir: Path) -> None:
    """Do not scatter our files into a directory that is not ours (``--data-dir ~``)."""
    try:
        names = {p.name for p in data_dir.iterdir()}
    except OSError as err:
        raise io_error("read the data directory", data_dir, err) from None
    foreign = sorted(names - _KNOWN_NAMES)
    if foreign:
        shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
        raise InvalidInputError(
            "data directory",
            f"{data_dir} holds other files ({shown}) and no {META_NAME}; "
            "choose a new or empty directory for the companion's data",
        )
