"""Export and import file formats (no disk, no store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import orjson
import pytest

from companion.core.content.library import load_library
from companion.core.exchange import (
    CSV_COLUMNS,
    ImportFileError,
    export_csv,
    export_json,
    parse_import,
)
from companion.core.records import ScreeningRecord
from companion.core.screening.engine import evaluate
from tests.store_helpers import checkin, screening, session

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)


def _sample():
    first = checkin(NOW - timedelta(days=2), 6, leg=7, back=4, where=("left buttock", "left calf"))
    second = checkin(
        NOW - timedelta(days=1),
        3,
        symptoms=("tingling",),
        medication=("ibuprofen 400 mg",),
        note='Line one,\nline "two"',
        for_clinician=True,
        updated_at=NOW,
    )
    binned = replace(checkin(NOW, 9), deleted_at=NOW)
    return [second, binned, first], [session(NOW - timedelta(days=1))], [screening(NOW)]


def test_json_export_has_the_promised_shape_and_leaves_out_the_trash() -> None:
    checkins, sessions, screenings = _sample()
    raw = export_json(checkins=checkins, sessions=sessions, screenings=screenings, exported_at=NOW)
    document = orjson.loads(raw)
    assert raw.startswith(b'{\n  "format": "companion-export",\n  "version": 1,')
    assert document["exported_at"] == "2026-11-21T08:30:00+00:00"
    assert [c["pain"] for c in document["checkins"]] == [6, 3]  # oldest first, no trash
    assert all("deleted_at" not in c for c in document["checkins"] + document["sessions"])
    assert document["checkins"][0]["where"] == ["left buttock", "left calf"]
    assert document["sessions"][0]["routine"] == "sciatica-basics"
    assert document["screenings"][0]["red_flags"] == [
        {"id": "leg-weakness", "urgency": "prompt", "raised_by": []}
    ]


def test_json_round_trip() -> None:
    checkins, sessions, screenings = _sample()
    raw = export_json(checkins=checkins, sessions=sessions, screenings=screenings, exported_at=NOW)
    bundle = parse_import(raw, "backup.json")
    assert sorted(bundle.checkins, key=lambda c: c.at) == sorted(
        [c for c in checkins if c.deleted_at is None], key=lambda c: c.at
    )
    assert bundle.sessions == tuple(sessions)
    assert bundle.screenings == tuple(screenings)
    again = export_json(
        checkins=bundle.checkins,
        sessions=bundle.sessions,
        screenings=bundle.screenings,
        exported_at=NOW,
    )
    assert again == raw


def test_csv_round_trip_with_quotes_newlines_and_lists() -> None:
    checkins, _, _ = _sample()
    text = export_csv(checkins)
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert "left buttock; left calf" in text
    bundle = parse_import(text.encode(), "journal.csv")
    live = sorted((c for c in checkins if c.deleted_at is None), key=lambda c: c.at)
    assert list(bundle.checkins) == live
    assert bundle.sessions == ()


def test_every_bad_entry_is_reported_with_file_and_field() -> None:
    checkins, sessions, screenings = _sample()
    document = orjson.loads(
        export_json(checkins=checkins, sessions=sessions, screenings=screenings, exported_at=NOW)
    )
    document["checkins"][1]["pain"] = 11
    document["sessions"][0]["ended_at"] = "2020-01-01T00:00:00+00:00"
    document["checkins"].append(dict(document["checkins"][0]))
    with pytest.raises(ImportFileError) as caught:
        parse_import(orjson.dumps(document), "backup.json")
    assert caught.value.problems == [
        "backup.json: checkins[1].pain: must be from 0 to 10, not 11",
        "backup.json: checkins[2].id: repeats the id of checkins[0]",
        "backup.json: sessions[0].ended_at: is before started_at",
    ]
    assert caught.value.exit_code == 2
    assert str(caught.value).endswith("backup.json: 3 problems; nothing was imported")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "something-else", "version": 1}', 'format: must be "companion-export"'),
        (b'{"format": "companion-export", "version": 2}', "version: is 2, written by a newer"),
        (b'{"format": "companion-export", "version": "1"}', "version: must be 1, not '1'"),
        (b'{"format": "companion-export", "version": 1, "checkins": {}}', "checkins: must be a"),
        (b'{"format": "companion-export", "version": 1, "checkins": [', "not valid JSON"),
        (b"[1, 2]", "not a companion export"),
    ],
)
def test_wrong_files_are_refused(content: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match="backup.json: " + message.replace("(", r"\(")):
        parse_import(content, "backup.json")


def test_csv_problems_name_the_line_and_field() -> None:
    text = (
        "at,pain,where,note\n"
        "2026-11-01T08:00:00+00:00,4,left calf,fine\n"
        '2026-11-02T08:00:00+00:00,11,,"a note\nover two lines"\n'
        "yesterday,3,,\n"
        "2026-11-04T08:00:00+00:00,2\n"
    )
    with pytest.raises(ImportFileError) as caught:
        parse_import(text.encode(), "sheet.csv")
    problems = caught.value.problems
    assert problems[0] == "sheet.csv:3: pain: must be from 0 to 10, not 11"
    assert problems[1].startswith("sheet.csv:5: at: ")
    assert problems[2] == "sheet.csv:6: has 2 fields, the header 4"


def test_csv_header_problems() -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_import(b"when,pian\n", "sheet.csv")
    assert "sheet.csv:1: unknown column 'when'" in caught.value.problems[0]
    assert "sheet.csv:1: missing column 'at'" in caught.value.problems


def test_csv_rows_without_ids_get_stable_ones() -> None:
    text = b"at,pain\n2026-11-01T08:00:00+00:00,4\n2026-11-02T08:00:00+00:00,5\n"
    first = parse_import(text, "hand-made.csv")
    second = parse_import(text, "hand-made.csv")
    assert [c.id for c in first.checkins] == [c.id for c in second.checkins]
    assert len({c.id for c in first.checkins}) == 2


def test_kind_is_sniffed_when_the_name_says_nothing() -> None:
    checkins, sessions, screenings = _sample()
    raw = export_json(checkins=checkins, sessions=sessions, screenings=screenings, exported_at=NOW)
    assert len(parse_import(raw, "backup").checkins) == 2
    assert len(parse_import(export_csv(checkins).encode(), "backup").checkins) == 2


def test_a_screening_from_the_real_rules_travels_in_the_interface_shape() -> None:
    rules = load_library().rules
    outcome = evaluate(rules, {q.id: "yes" for q in rules.questions} | {"weak-bones": "unsure"})
    record = outcome.to_record("0194a3b2c1d0abcdef12", NOW)
    raw = export_json(checkins=[], sessions=[], screenings=[record], exported_at=NOW)
    [entry] = orjson.loads(raw)["screenings"]
    assert set(entry) == {"id", "at", "version", "answers", "red_flags", "verdicts", "partial"}
    assert entry["partial"] is False
    assert entry["version"] == rules.version
    assert len(entry["answers"]) == len(rules.questions)
    assert entry["answers"]["weak-bones"] == "unsure"
    assert {flag["urgency"] for flag in entry["red_flags"]} == {"emergency", "prompt"}
    assert entry["red_flags"][0]["id"] == "cauda-equina"
    assert entry["red_flags"][0]["urgency"] == "emergency"
    assert {"question": "ce-bladder", "answer": "yes"} in entry["red_flags"][0]["raised_by"]
    assert entry["verdicts"] == dict.fromkeys(
        ("inversion", "decompression", "massage", "stretching"), "avoid"
    )
    assert parse_import(raw, "backup.json").screenings == (record,)


def test_an_older_export_reads_an_unsure_cauda_equina_prompt_as_same_day() -> None:
    """Before three levels, an unsure cauda equina answer was stored as ``prompt``."""
    old = {
        "id": "0194a3b2c1d0abcdef12",
        "at": "2026-11-01T09:00:00+00:00",
        "version": "2026.11-1",
        "answers": {"ce-saddle-numbness": "unsure"},
        "red_flags": [
            {"id": "cauda-equina", "urgency": "prompt"},
            {"id": "possible-cancer", "urgency": "prompt"},
        ],
        "verdicts": {"inversion": "caution"},
    }
    record = ScreeningRecord.from_dict(old)
    assert [f.urgency for f in record.red_flags] == ["same-day", "prompt"]
    assert record.partial is False
