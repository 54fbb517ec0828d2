"""Property tests (Hypothesis) for every parser and validator that reads outside input:
command-line arguments, JSON and CSV import, dates, front matter, routines and YAML.

Each property is the promise a hostile file relies on being broken: whatever the
input, the answer is a value or the one expected error, never a traceback, and
nothing unsafe passes a validator.
"""

from __future__ import annotations

import argparse
import contextlib
import re
from datetime import UTC, datetime, timedelta, timezone

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.__main__ import _global_parser, _plain_start, build_parser
from companion.cli.log import build_checkin
from companion.core.clock import parse_instant
from companion.core.content.parse import ContentProblem, parse_article, parse_routine
from companion.core.content.yaml_lines import YamlError, load_yaml
from companion.core.csv_cells import FORMULA_STARTS, neutralise, restore
from companion.core.errors import InvalidInputError
from companion.core.exchange import ImportFileError, export_csv, parse_import
from companion.core.fields import as_choices, as_score, whole_number
from companion.core.records import DESCRIPTOR_ALIASES, DESCRIPTORS, SITTING_MAX, CheckIn
from companion.core.untrusted import (
    BIDI_CONTROLS,
    EARLIEST,
    FUTURE_SLACK,
    bounded_instant,
    printable,
    safe_label,
    safe_text,
)

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(st.characters(codec="utf-8"), max_size=80)
hostile_text = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x1b", "\x07", "\x9b", "\r", "\n", "\t", "\u202e", ";", "=", "'"]),
    ),
    max_size=80,
)
offsets = st.integers(min_value=-23 * 60, max_value=23 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
any_instant = st.datetimes(timezones=offsets)
"""Every instant Python can hold, with any offset: years 1 to 9999."""


@FAST
@given(hostile_text)
def test_printable_never_lets_a_control_character_through(text: str) -> None:
    shown = printable(text)
    assert UNSAFE.search(shown) is None
    if UNSAFE.search(text) is None:
        assert shown == text


@FAST
@given(hostile_text)
def test_text_validators_accept_only_safe_text(text: str) -> None:
    for validate in (safe_text, safe_label):
        try:
            accepted = validate(text, "field")
        except InvalidInputError as err:
            assert err.field == "field"
            continue
        assert accepted == text
        assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", accepted) is None
    if ";" in text:
        try:
            safe_label(text, "label")
        except InvalidInputError:
            pass
        else:
            raise AssertionError("a label with ';' was accepted")


@FAST
@given(any_instant)
def test_the_date_rule_never_overflows(value: datetime) -> None:
    try:
        accepted = bounded_instant(value, "at", NOW)
    except InvalidInputError as err:
        assert err.field == "at"
        return
    assert EARLIEST <= accepted <= NOW + FUTURE_SLACK


@FAST
@given(any_text)
def test_parse_instant_gives_a_date_or_a_value_error(text: str) -> None:
    try:
        parsed = parse_instant(text)
    except ValueError:
        return
    assert parsed.tzinfo is not None


@FAST
@given(hostile_text)
def test_formula_neutralisation_is_safe_and_exact(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(tuple(FORMULA_STARTS))
    assert restore(cell) == text


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | hostile_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4)
    ),
    max_leaves=12,
)
checkin_like = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["abcdef01", "abcdef02", "x", ""]),
        "at": st.one_of(any_instant.map(lambda d: d.isoformat()), hostile_text),
        "pain": json_values | st.integers(-2, 12),
    },
    optional={"note": json_values, "where": json_values, "triggers": json_values},
)


@FAST
@given(st.lists(checkin_like, max_size=4), st.dictionaries(hostile_text, json_values, max_size=3))
def test_json_import_gives_a_bundle_or_an_import_error(
    checkins: list[dict[str, object]], extra: dict[str, object]
) -> None:
    document = {**extra, "format": "companion-export", "version": 1, "checkins": checkins}
    try:
        bundle = parse_import(orjson.dumps(document), "in.json", now=NOW)
    except ImportFileError as err:
        assert str(err).startswith("in.json")
        return
    for entry in bundle.checkins:
        assert UNSAFE.search(entry.note.replace("\r", "")) is None or "\u202e" in entry.note
        assert EARLIEST <= entry.at <= NOW + FUTURE_SLACK


@FAST
@given(st.binary(max_size=200))
def test_any_bytes_give_a_bundle_or_an_import_error(data: bytes) -> None:
    for name in ("in.json", "in.csv", "in"):
        with contextlib.suppress(ImportFileError):
            parse_import(data, name, now=NOW)


@FAST
@given(st.lists(st.lists(hostile_text, max_size=5), max_size=5))
def test_csv_import_gives_a_bundle_or_line_numbered_errors(rows: list[list[str]]) -> None:
    text = "at,pain,note,triggers\n" + "\n".join(",".join(row) for row in rows)
    try:
        parse_import(text.encode(), "in.csv", now=NOW)
    except ImportFileError as err:
        assert all(line.startswith("in.csv") for line in str(err).splitlines())


note_text = st.text(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
        st.sampled_from(["\n", "\r", "\t", "=", "+", "-", "@", "'", '"', ","]),
    ),
    max_size=60,
)
label_text = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=["Cc", "Cs", "Zs", "Zl", "Zp"],
        exclude_characters=";," + BIDI_CONTROLS,  # labels refuse them (tested apart)
    ),
    min_size=1,
    max_size=20,
).map(str.lower)


@FAST
@given(label_text, st.sampled_from(BIDI_CONTROLS), st.integers(0, 20))
def test_a_label_with_a_bidi_control_is_refused(label: str, mark: str, at: int) -> None:
    """Labels refuse the marks that can make text read differently from what it holds."""
    try:
        safe_label(label[:at] + mark + label[at:], "triggers[0]")
    except InvalidInputError as err:
        assert err.field == "triggers[0]" and "control character" in err.problem
    else:
        raise AssertionError(f"{mark!r} accepted in a label")


@FAST
@given(note_text, st.lists(label_text, max_size=3, unique=True))
def test_csv_round_trip_is_exact(note: str, triggers: list[str]) -> None:
    triggers = [t for t in triggers if t == " ".join(t.split()) and t.lower() == t]
    entry = CheckIn(id="abcdef01", at=NOW, pain=3, note=note, triggers=tuple(triggers))
    bundle = parse_import(export_csv([entry]).encode(), "in.csv", now=NOW)
    assert bundle.checkins[0].note == note
    assert list(bundle.checkins[0].triggers) == triggers


@FAST
@given(hostile_text, hostile_text)
def test_front_matter_and_yaml_never_raise_unexpectedly(front: str, body: str) -> None:
    problems: list[ContentProblem] = []
    parse_article(f"---\n{front}\n---\n{body}", "a.md", problems, "user")
    assert all(isinstance(problem, ContentProblem) for problem in problems)
    try:
        data = load_yaml(front)
    except YamlError:
        return
    parse_routine(data, "r.yaml", [], "user")


@FAST
@given(st.lists(st.sampled_from(["&a x", "*a", "!tag x", "[*a, *a]", "&b [1]"]), min_size=1))
def test_yaml_anchors_aliases_and_tags_are_refused(parts: list[str]) -> None:
    text = "\n".join(f"k{n}: {part}" for n, part in enumerate(parts))
    try:
        load_yaml(text)
    except YamlError as err:
        assert "not allowed" in err.message or "YAML" in err.message
        return
    raise AssertionError(f"accepted {text!r}")


@FAST
@given(
    st.one_of(st.integers(-5, 15).map(str), hostile_text),
    hostile_text,
    hostile_text,
    st.one_of(st.none(), any_instant.map(lambda d: d.isoformat()), hostile_text),
)
def test_log_arguments_give_a_check_in_or_a_named_error(
    pain: str, note: str, where: str, at: str | None
) -> None:
    argv = ["log", "--pain", pain, "--note", note, "--where", where]
    if at is not None:
        argv += ["--at", at]
    try:
        args = build_parser().parse_args(argv)
    except SystemExit:
        return
    assert isinstance(args, argparse.Namespace)
    try:
        entry = build_checkin(args, NOW)
    except InvalidInputError as err:
        assert err.field.startswith("--")
        return
    assert UNSAFE.search(entry.note.replace("\r", "").replace("\u202e", "")) is None
    assert EARLIEST <= entry.at <= NOW + FUTURE_SLACK


@FAST
@given(st.one_of(st.integers(-(10**12), 10**12).map(str), hostile_text))
def test_whole_number_reads_only_ascii_digits_and_never_raises(text: str) -> None:
    number = whole_number(text)
    if number is not None:
        assert text.strip().lstrip("-").isascii()
        assert int(text.strip()) == number
        assert abs(number) < 10**9


def test_a_superscript_or_foreign_digit_is_a_named_error_not_a_crash() -> None:
    for odd in ("²", "٣", "５", "1" * 5000):
        try:
            as_score(odd, "--pain")
        except InvalidInputError as err:
            assert err.field == "--pain"
        else:
            raise AssertionError(f"accepted {odd!r}")


descriptor_spellings = st.sampled_from(
    [*DESCRIPTORS, *DESCRIPTOR_ALIASES, "Pins-And-Needles", " SHOOTING ", "electric_shock"]
)


@FAST
@given(st.lists(st.one_of(descriptor_spellings, hostile_text), max_size=6))
def test_descriptors_are_known_words_in_one_order_or_a_named_error(labels: list[str]) -> None:
    try:
        found = as_choices(labels, "descriptors", DESCRIPTORS, DESCRIPTOR_ALIASES)
    except InvalidInputError as err:
        assert err.field.startswith("descriptors")
        assert UNSAFE.search(err.problem.replace("\u202e", "")) is None
        return
    assert set(found) <= set(DESCRIPTORS)
    assert list(found) == sorted(set(found), key=DESCRIPTORS.index)
    assert as_choices(list(found), "descriptors", DESCRIPTORS) == found  # stable
    joined = ", ".join(labels)  # the CLI's and a CSV cell's form of the same answer
    assert as_choices(joined, "descriptors", DESCRIPTORS, DESCRIPTOR_ALIASES) == found


@FAST
@given(st.lists(descriptor_spellings, min_size=1, max_size=6))
def test_every_spelling_of_a_descriptor_is_accepted(labels: list[str]) -> None:
    found = as_choices(labels, "descriptors", DESCRIPTORS, DESCRIPTOR_ALIASES)
    assert 1 <= len(found) <= len(labels)


@FAST
@given(
    st.one_of(st.none(), st.integers(-(10**6), 10**6), st.integers(-5, 1500).map(str), any_text),
    st.one_of(st.none(), st.integers(-50, 50), st.integers(-5, 15).map(str), any_text),
)
def test_sitting_and_sleep_give_a_bounded_check_in_or_a_named_error(
    sitting: object, sleep: object
) -> None:
    data = {"id": "abcdef01", "at": NOW, "pain": 4}
    data |= {"sitting_minutes": sitting, "sleep_interference": sleep}
    try:
        entry = CheckIn.from_dict(data)
    except InvalidInputError as err:
        assert err.field in ("sitting_minutes", "sleep_interference")
        return
    assert entry.sitting_minutes is None or 0 <= entry.sitting_minutes <= SITTING_MAX
    assert entry.sleep_interference is None or 0 <= entry.sleep_interference <= 10
    assert CheckIn.from_dict(entry.to_dict()) == entry
    again = parse_import(export_csv([entry]).encode(), "in.csv", now=NOW).checkins
    assert again == (entry,)


@FAST
@given(
    st.one_of(descriptor_spellings, hostile_text),
    st.one_of(st.integers(-5, 15).map(str), hostile_text),
    st.one_of(st.integers(-5, 2000).map(str), hostile_text),
)
def test_log_feels_sleep_and_sitting_give_a_check_in_or_an_error_naming_the_option(
    feels: str, sleep: str, sitting: str
) -> None:
    argv = ["log", "--pain", "4", "--feels", feels, "--sleep", sleep, "--sitting", sitting]
    try:
        args = build_parser().parse_args(argv)
    except SystemExit:
        return
    try:
        entry = build_checkin(args, NOW)
    except InvalidInputError as err:
        assert err.field.split("[")[0] in ("--feels", "--sleep", "--sitting")
        return
    assert set(entry.descriptors) <= set(DESCRIPTORS)
    assert entry.sleep_interference is None or 0 <= entry.sleep_interference <= 10
    assert entry.sitting_minutes is None or 0 <= entry.sitting_minutes <= SITTING_MAX


_START_WORDS = (
    "--no-mouse",
    "--ascii",
    "--data-dir",
    "--data-dir=d",
    "d",
    "-d",
    "--no-m",
    "journal",
    "log",
    "--help",
    "",
)


@given(st.lists(st.sampled_from(_START_WORDS), max_size=6))
def test_a_plain_start_parses_as_the_whole_command_line_does(argv: list[str]) -> None:
    """The UI's start parses only the options that come first, and only when that
    gives exactly what the whole command line would."""
    if not _plain_start(argv):
        return
    assert vars(_global_parser().parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_only_the_options_that_come_first_make_a_plain_start() -> None:
    assert _plain_start([])
    assert _plain_start(["--data-dir", "d", "--no-mouse", "--ascii", "--data-dir=e"])
    for argv in (["journal"], ["--data-dir"], ["--data-dir", "-d"], ["--no-m"], ["--help"], ["d"]):
        assert not _plain_start(argv), argv
