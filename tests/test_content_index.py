"""The content index: what the dashboard shows of the content, kept between starts
so a start reads no content file (see companion.core.content.index)."""

from __future__ import annotations

import os
import stat
import time
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion import app as companion_app
from companion.core.content import index as index_module
from companion.core.content.index import (
    MAX_INDEX_BYTES,
    ContentIndex,
    IndexKey,
    LessonEntry,
    RoutineEntry,
    decode_index,
    encode_index,
    index_key,
    index_of,
)
from companion.core.content.lessons import Lesson
from companion.core.content.library import scan_content
from companion.core.records import THERAPIES
from companion.programme import installed_lessons
from companion.store import Store
from companion.store.content_index import read_index, write_index
from companion.store.devices import CONTENT_INDEX_NAME, IGNORE_FILES
from tests.ui import build_app

KEY = IndexKey([["0.1.0", 1], ["/content", "screening.yaml", 10, 5, 7]], settled=True)


def shipped_index() -> ContentIndex:
    library, _problems = scan_content()
    assert library is not None
    return index_of(library, installed_lessons())


def test_the_shipped_content_reads_back_whole():
    index = shipped_index()
    assert index.routines and index.lessons and index.question_ids
    assert decode_index(encode_index(index, KEY), KEY) == index
    assert len(encode_index(index, KEY)) < MAX_INDEX_BYTES


def test_an_index_for_other_files_is_not_used():
    index = shipped_index()
    raw = encode_index(index, KEY)
    other = IndexKey([["0.1.0", 1], ["/content", "screening.yaml", 11, 5, 7]], settled=True)
    assert decode_index(raw, other) is None


@pytest.mark.parametrize(
    "change",
    [
        {"version": "2026.1\x1b[2J"},  # a terminal escape in a title
        {"version": ""},
        {"questions": ["Not an id"]},
        {"questions": ["ok-id\n"]},
        {"routines": [["basics", "Basics", "levitation"]]},  # no such therapy
        {"routines": [["basics", "Basics"]]},
        {"routines": [["basics", "Line one\nline two", "stretching"]]},
        {"routines": [["basics", "Right\u202eto left", "stretching"]]},
        {"lessons": [["what-it-is", 100, "What it is"]]},
        {"lessons": [["what-it-is", True, "What it is"]]},
        {"lessons": [["what-it-is", 1, "x" * 501]]},
        {"lessons": {"what-it-is": 1}},
        {"routines": None},
    ],
)
def test_a_doubtful_value_makes_the_index_ignored(change):
    data = orjson.loads(encode_index(shipped_index(), KEY))
    data.update(change)
    assert decode_index(orjson.dumps(data), KEY) is None


def test_an_oversized_or_broken_file_is_ignored():
    assert decode_index(b" " * (MAX_INDEX_BYTES + 1), KEY) is None
    assert decode_index(b"{not json", KEY) is None
    assert decode_index(b"[]", KEY) is None
    huge = encode_index(shipped_index(), KEY).replace(b'"lessons":[[', b'"lessons":[[1' + b"0" * 40)
    assert decode_index(huge, KEY) is None


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@given(JSONISH)
def test_any_json_is_an_index_or_ignored_never_an_error(value):
    data = {"key": KEY.files, "version": "1", "questions": [], "routines": [], "lessons": []}
    for name in ("version", "questions", "routines", "lessons"):
        found = decode_index(orjson.dumps({**data, name: value}), KEY)
        assert found is None or isinstance(found, ContentIndex)
    assert decode_index(orjson.dumps(value), KEY) is None


IDS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
TITLES = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cf"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=60,
).filter(str.strip)
INDEXES = st.builds(
    ContentIndex,
    TITLES,
    st.lists(IDS, max_size=5).map(tuple),
    st.lists(st.builds(RoutineEntry, IDS, TITLES, st.sampled_from(THERAPIES)), max_size=4).map(
        tuple
    ),
    st.lists(st.builds(LessonEntry, IDS, st.integers(0, 99), TITLES), max_size=4).map(tuple),
)


@given(INDEXES)
def test_every_sound_index_reads_back_as_written(index):
    assert decode_index(encode_index(index, KEY), KEY) == index


def test_the_key_follows_the_files_and_waits_for_them_to_settle(tmp_path):
    root, user = tmp_path / "content", tmp_path / "config"
    (root / "routines").mkdir(parents=True)
    (root / "screening.yaml").write_text("version: 1\n")
    now = time.time_ns()
    assert not index_key(root, user, now_ns=now).settled  # an edit in the same tick would hide
    later = now + index_module.SETTLED_NS + 1_000_000_000
    key = index_key(root, user, now_ns=later)
    assert key.settled
    stamp = (root / "screening.yaml").stat().st_mtime_ns
    (root / "screening.yaml").write_text("version: 2\n")
    os.utime(root / "screening.yaml", ns=(stamp, stamp))  # set back, as a copying tool may
    assert index_key(root, user, now_ns=later).files != key.files
    key = index_key(root, user, now_ns=later)
    (user / "routines").mkdir(parents=True)
    (user / "routines" / "mine.yaml").write_text("id: mine\n")
    assert index_key(root, user, now_ns=later).files != key.files  # a routine of the user's own


def test_the_kept_index_is_private_and_never_synced(data_dir):
    data_dir.mkdir()
    index = shipped_index()
    assert not write_index(data_dir, index, replace(KEY, settled=False))
    assert not (data_dir / CONTENT_INDEX_NAME).exists()
    assert write_index(data_dir, index, KEY)
    path = data_dir / CONTENT_INDEX_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_index(data_dir, KEY) == index
    for name in IGNORE_FILES:
        patterns = [line.removeprefix("(?d)") for line in (data_dir / name).read_text().split()]
        assert CONTENT_INDEX_NAME in patterns


def test_a_fifo_in_its_place_is_ignored_without_blocking(data_dir):
    data_dir.mkdir()
    os.mkfifo(data_dir / CONTENT_INDEX_NAME)
    assert read_index(data_dir, KEY) is None


def test_a_read_only_data_folder_only_costs_the_next_start_time(data_dir):
    data_dir.mkdir()
    data_dir.chmod(0o500)
    try:
        if os.access(data_dir, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        assert not write_index(data_dir, shipped_index(), KEY)
    finally:
        data_dir.chmod(0o700)


# -- the app ---------------------------------------------------------------------


async def test_a_start_with_a_kept_index_reads_no_content(data_dir, clock, monkeypatch):
    monkeypatch.setattr(index_module, "SETTLED_NS", 0)  # a fresh clone's files count as settled
    first = build_app(data_dir, clock)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the first frame is out: the warm-up is under way
        await first.workers.wait_for_complete()
    assert read_index(data_dir, index_key()) == shipped_index()

    again = build_app(data_dir, clock)
    again.background_delay = 3600  # the warm-up that reads the library never runs
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.loaded_library is None
        assert "Lesson: What sciatica is" in str(again.screen.query_one("#programme").render())


async def test_the_dashboard_shows_what_the_index_says_only_while_it_holds(
    data_dir, clock, monkeypatch
):
    monkeypatch.setattr(index_module, "SETTLED_NS", 0)
    Store.open(data_dir, clock)
    index = shipped_index()
    lessons = (replace(index.lessons[0], title="A title only the index has"), *index.lessons[1:])
    assert write_index(data_dir, replace(index, lessons=lessons), index_key())
    app = build_app(data_dir, clock)
    app.background_delay = 3600
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "A title only the index has" in str(app.screen.query_one("#programme").render())

    user_routines = Path(os.environ["COMPANION_CONFIG_DIR"]) / "routines"
    user_routines.mkdir(parents=True)  # the user's folder changed: the index no longer holds
    app = build_app(data_dir, clock)
    app.background_delay = 3600
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "What sciatica is" in str(app.screen.query_one("#programme").render())
        assert app.loaded_library is not None


async def test_a_file_name_that_is_not_utf8_neither_stops_the_app_nor_the_index(
    data_dir, clock, monkeypatch
):
    monkeypatch.setattr(index_module, "SETTLED_NS", 0)
    routines = Path(os.environ["COMPANION_CONFIG_DIR"]) / "routines"
    routines.mkdir(parents=True)
    (routines / os.fsdecode(b"notes\xff.txt")).write_text("not a routine")
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.is_running
    assert read_index(data_dir, index_key()) == shipped_index()
    assert any("notes\\xff.txt" in entry for entry in index_key().files)


async def test_a_file_changed_while_the_content_is_read_makes_the_kept_index_stale(
    data_dir, clock, monkeypatch
):
    """The key is taken before the content is read: an edit made meanwhile shows
    as a changed key at the next start, never as an index of the older files."""
    monkeypatch.setattr(index_module, "SETTLED_NS", 0)
    routines = Path(os.environ["COMPANION_CONFIG_DIR"]) / "routines"
    routines.mkdir(parents=True)
    reading = installed_lessons

    def read_while_an_editor_saves() -> list[Lesson]:
        (routines / "mine.yaml").write_text("id: mine\n")
        return reading()

    monkeypatch.setattr(companion_app, "installed_lessons", read_while_an_editor_saves)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert (data_dir / CONTENT_INDEX_NAME).is_file()
    assert read_index(data_dir, index_key()) is None
