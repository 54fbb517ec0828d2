"""Check-in drafts kept over a hang-up: the store's private file, read as hostile,
the form's fields checked on the way back, and the app restoring them."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import orjson
from hypothesis import given
from hypothesis import strategies as st

from companion.core.records import DESCRIPTORS, SYMPTOMS
from companion.screens.checkin import CheckinScreen, FormState
from companion.screens.drafts import decode_draft, encode_draft, restore_drafts
from companion.store import Store
from companion.store.devices import IGNORE_FILES
from companion.store.drafts import MAX_DRAFTS_BYTES, drafts_name
from companion.widgets.pain_scale import PainScale
from tests.ui import build_app, current_screen, notifications

A_DRAFT = encode_draft(
    FormState(
        7,
        6,
        None,
        frozenset({"left calf"}),
        ("tingling",),
        "sitting",
        "",
        "long drive",
        True,
        "",
        ("burning",),
        3,
        "20",
    )
)


def drafts_file(store: Store) -> Path:
    return store.data_dir / drafts_name(store.device)


def test_drafts_are_kept_privately_and_taken_back_once(data_dir, clock):
    store = Store.open(data_dir, clock)
    store.keep_drafts({"new": A_DRAFT})
    path = drafts_file(store)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Store.open(data_dir, clock).take_drafts() == {"new": A_DRAFT}
    assert not path.exists()
    assert Store.open(data_dir, clock).take_drafts() == {}
    store.keep_drafts({"new": A_DRAFT})
    store.keep_drafts({})  # nothing left unsaved: no file
    assert not path.exists()


def test_a_damaged_drafts_file_gives_nothing_back_and_is_removed(data_dir, clock):
    store = Store.open(data_dir, clock)
    path = drafts_file(store)
    for content in (
        b"{ not json",
        orjson.dumps({"version": 99, "drafts": {"new": A_DRAFT}}),
        orjson.dumps({"version": 1, "drafts": ["new"]}),
        orjson.dumps({"version": 1, "drafts": {"new": "text"}}),
        b" " * (MAX_DRAFTS_BYTES + 1),
    ):
        path.write_bytes(content)
        assert store.take_drafts() == {}
        assert not path.exists()
    os.mkfifo(path)  # a FIFO is refused without being read (it would block)
    assert store.take_drafts() == {}
    assert not path.exists()
    elsewhere = data_dir.parent / "planted.json"
    elsewhere.write_bytes(orjson.dumps({"version": 1, "drafts": {"new": A_DRAFT}}))
    path.symlink_to(elsewhere)  # a link is not followed, even to a sound drafts file
    assert store.take_drafts() == {}
    assert not path.exists() and elsewhere.exists()


def test_a_device_id_that_is_not_one_restores_nothing(data_dir, clock):
    store = Store.open(data_dir, clock)
    store.keep_drafts({"new": A_DRAFT})
    (data_dir / ".device").write_bytes(orjson.dumps({"id": "../../elsewhere"}))
    assert Store.open(data_dir, clock).take_drafts() == {}


def test_drafts_stay_on_the_machine_that_kept_them():
    assert all(".drafts.*.json" in text for text in IGNORE_FILES.values())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
forms = st.builds(
    FormState,
    st.none() | st.integers(0, 10),
    st.none() | st.integers(0, 10),
    st.none() | st.integers(0, 10),
    st.frozensets(st.text(st.characters(codec="utf-8", categories=["L", "N", "Zs"]), max_size=20)),
    st.lists(st.sampled_from(SYMPTOMS), unique=True).map(
        lambda w: tuple(s for s in SYMPTOMS if s in w)
    ),
    st.text(max_size=40).filter(lambda t: t.isprintable()),
    st.text(max_size=40).filter(lambda t: t.isprintable()),
    st.text(max_size=200).filter(lambda t: t.replace("\n", "").isprintable()),
    st.booleans(),
    st.text(max_size=20).filter(lambda t: t.isprintable()),
    st.lists(st.sampled_from(DESCRIPTORS), unique=True).map(
        lambda w: tuple(d for d in DESCRIPTORS if d in w)
    ),
    st.none() | st.integers(0, 10),
    st.from_regex(r"\d{0,4}", fullmatch=True),
)


@given(st.sampled_from(sorted(A_DRAFT)), json_values)
def test_any_kept_value_gives_a_form_the_form_can_hold_or_nothing(field, value):
    form = decode_draft({**A_DRAFT, field: value})
    if form is not None:
        assert all(score is None or 0 <= score <= 10 for score in form[:3])
        assert set(form.symptoms) <= set(SYMPTOMS) and set(form.descriptors) <= set(DESCRIPTORS)
        one_line = [*form.where, form.triggers, form.medication, form.when, form.sitting]
        assert not any("\n" in text or "\x1b" in text for text in one_line)
        assert "\x1b" not in form.note and form.sitting.isdigit() | (form.sitting == "")


@given(forms)
def test_a_form_comes_back_as_it_was_kept(form):
    assert decode_draft(orjson.loads(orjson.dumps(encode_draft(form)))) == form


def test_only_known_words_and_scores_in_range_come_back():
    for field, value in (
        ("pain", 11),
        ("pain", True),
        ("symptoms", ["itching"]),
        ("descriptors", ["sharp"]),
        ("note", 5),
        ("for_clinician", 1),
        ("where", "left calf"),
    ):
        assert decode_draft({**A_DRAFT, field: value}) is None, field
    escaped = decode_draft({**A_DRAFT, "note": "a\x1b[2Jb"})
    assert escaped is not None and "\x1b" not in escaped.note  # shown, never sent raw


async def test_a_check_in_typed_when_the_terminal_went_away_is_there_at_the_next_start(
    data_dir, clock
):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "7", "tab", "6")
        app._on_end_signal(signal.SIGHUP, None)  # the SSH session drops
        await pilot.pause()
    assert app.return_value == 128 + signal.SIGHUP
    assert app.store.checkins.latest() is None

    again = build_app(data_dir, clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any(note.title == "Draft kept" for note in notifications(again))
        await pilot.press("c")
        current_screen(again, CheckinScreen)
        assert again.screen.query_one("#pain", PainScale).value == 7
        assert again.screen.query_one("#leg", PainScale).value == 6
        assert again.screen.query_one("#draft-notice")
    assert Store.open(data_dir, clock).take_drafts() == {}  # taken once


def test_a_folder_set_up_by_an_older_version_learns_to_leave_drafts_unsynced(data_dir, clock):
    store = Store.open(data_dir, clock)
    old = "# companion: per-machine and temporary files stay on this machine\r\n.lock\r\nmine/\r\n"
    (data_dir / ".gitignore").write_bytes(old.encode())
    (data_dir / ".stignore").write_text("!*.json\n")  # the user's own, which would match first
    store.keep_drafts({"new": A_DRAFT})
    gitignore = (data_dir / ".gitignore").read_bytes().decode()
    assert gitignore.startswith(old) and ".drafts.*.json\r\n" in gitignore  # its own endings
    stignore = (data_dir / ".stignore").read_text().splitlines()
    assert stignore.index("(?d).drafts.*.json") < stignore.index("!*.json")  # first match wins
    before = (data_dir / ".gitignore").read_bytes()
    store.keep_drafts({"new": A_DRAFT})
    assert (data_dir / ".gitignore").read_bytes() == before  # added once


def test_an_ignore_file_that_is_a_link_is_left_alone(data_dir, clock, tmp_path):
    store = Store.open(data_dir, clock)
    elsewhere = tmp_path / "shared-gitignore"
    elsewhere.write_text("*.log\n")
    (data_dir / ".gitignore").unlink(missing_ok=True)
    (data_dir / ".gitignore").symlink_to(elsewhere)
    store.keep_drafts({"new": A_DRAFT})
    assert (data_dir / ".gitignore").is_symlink()
    assert elsewhere.read_text() == "*.log\n"


def test_a_fifo_for_a_device_id_restores_nothing_and_starts(data_dir, clock):
    Store.open(data_dir, clock).keep_drafts({"new": A_DRAFT})
    (data_dir / ".device").unlink()
    os.mkfifo(data_dir / ".device")
    assert Store.open(data_dir, clock).take_drafts() == {}


def test_two_sessions_that_hang_up_together_keep_both_and_the_newest_wins(data_dir, clock):
    store = Store.open(data_dir, clock)
    older = {**A_DRAFT, "pain": 3}
    (data_dir / drafts_name(store.device, 1)).write_bytes(
        orjson.dumps({"version": 1, "drafts": {"new": older}})
    )
    os.utime(data_dir / drafts_name(store.device, 1), ns=(1, 1))
    store.keep_drafts({"new": A_DRAFT})  # this process's, written later
    assert Store.open(data_dir, clock).take_drafts() == {"new": A_DRAFT}
    assert not list(data_dir.glob(".drafts.*"))


def test_only_a_new_check_ins_draft_comes_back():
    """An edit's draft could undo a change made meanwhile elsewhere."""
    assert restore_drafts({"0123456789ab01234567": A_DRAFT}) == {}
    assert set(restore_drafts({"new": A_DRAFT})) == {"new"}
