"""The shipped screening rules and the engine that applies them.

Every question is checked for its declared effect (yes) and for the
"unsure" rule, and the scenarios the product promises are spelled out.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.content.parse import ContentProblem, parse_rules
from companion.core.content.yaml_lines import load_yaml
from companion.core.errors import InvalidInputError
from companion.core.records import THERAPIES, ScreeningRecord
from companion.core.screening.engine import (
    UNANSWERED,
    FlagRule,
    Group,
    Question,
    Rules,
    evaluate,
)
from companion.core.screening.verdicts import needs_rescreen
from tests.store_helpers import present

RULES_PATH = Path(__file__).resolve().parent.parent / "content" / "screening.yaml"


def _load() -> Rules:
    problems: list[ContentProblem] = []
    rules, _refs = parse_rules(load_yaml(RULES_PATH.read_text("utf-8")), str(RULES_PATH), problems)
    assert problems == []
    assert rules is not None
    return rules


RULES = _load()


def answers(default: str = "no", **overrides: str) -> dict[str, str]:
    given = {question.id: default for question in RULES.questions}
    given.update({key.replace("_", "-"): value for key, value in overrides.items()})
    return given


def all_ok(outcome) -> bool:
    return all(outcome.verdicts[t] == "ok" for t in THERAPIES)


# --- The promised scenarios -------------------------------------------------


def test_no_to_everything_gives_no_flags_and_all_ok() -> None:
    outcome = evaluate(RULES, answers("no"))
    assert outcome.red_flags == ()
    assert outcome.verdicts == {t: "ok" for t in THERAPIES}
    assert all(reasons == () for reasons in outcome.reasons.values())
    assert outcome.unanswered == ()


def test_glaucoma_rules_out_inversion_but_not_stretching() -> None:
    outcome = evaluate(RULES, answers(glaucoma_or_retina="yes"))
    assert outcome.verdicts["inversion"] == "avoid"
    assert outcome.verdicts["stretching"] == "ok"
    assert outcome.red_flags == ()
    (reason,) = outcome.reasons["inversion"]
    assert (reason.question, reason.answer, reason.verdict) == (
        "glaucoma-or-retina",
        "yes",
        "avoid",
    )
    assert "glaucoma" in reason.text


def test_unsure_about_weak_bones_means_inversion_and_decompression_are_not_ok() -> None:
    outcome = evaluate(RULES, answers(weak_bones="unsure"))
    assert outcome.verdicts["inversion"] == "caution"
    assert outcome.verdicts["decompression"] == "caution"
    assert outcome.verdicts["stretching"] == "ok"
    assert outcome.reasons["inversion"][0].answer == "unsure"


def test_a_bladder_symptom_is_an_emergency() -> None:
    outcome = evaluate(RULES, answers(ce_bladder="yes"))
    assert outcome.has_emergency
    (flag,) = outcome.red_flags
    assert (flag.id, flag.urgency, flag.questions) == ("cauda-equina", "emergency", ("ce-bladder",))
    assert "emergency" in flag.advice.lower()
    # an emergency holds back every self-treatment
    assert outcome.verdicts == {t: "avoid" for t in THERAPIES}


def test_yes_to_everything() -> None:
    outcome = evaluate(RULES, answers("yes"))
    assert outcome.verdicts["inversion"] == "avoid"
    assert outcome.verdicts["decompression"] == "avoid"
    urgencies = [flag.urgency for flag in outcome.red_flags]
    assert "emergency" in urgencies and "prompt" in urgencies
    assert urgencies == sorted(urgencies, key=("emergency", "same-day", "prompt").index)
    record = outcome.to_record("s1", datetime(2026, 11, 21, tzinfo=UTC))
    assert record.red_flags[0].urgency == "emergency"


# --- Every question, one by one ---------------------------------------------


@pytest.mark.parametrize("question", RULES.questions, ids=lambda q: q.id)
def test_yes_applies_exactly_what_the_question_declares(question: Question) -> None:
    outcome = evaluate(RULES, answers(**{question.id.replace("-", "_"): "yes"}))
    if question.red_flag is None:
        assert outcome.red_flags == ()
        expected = {t: question.verdicts.get(t, "ok") for t in THERAPIES}
        assert outcome.verdicts == expected
    else:
        (flag,) = outcome.red_flags
        assert (flag.id, flag.urgency) == (question.red_flag.id, question.red_flag.urgency)
        assert flag.questions == (question.id,) and not flag.unsure_only
        hold = "avoid" if flag.urgency == "emergency" else "caution"
        for therapy in THERAPIES:
            declared = question.verdicts.get(therapy, "ok")
            assert outcome.verdicts[therapy] == ("avoid" if "avoid" in (hold, declared) else hold)
    for therapy in question.therapies:
        assert any(r.question == question.id for r in outcome.reasons[therapy])


@pytest.mark.parametrize("question", RULES.questions, ids=lambda q: q.id)
def test_unsure_means_caution_for_the_therapies_it_names(question: Question) -> None:
    outcome = evaluate(RULES, answers(**{question.id.replace("-", "_"): "unsure"}))
    for therapy in question.therapies:
        assert outcome.verdicts[therapy] == "caution"
    if question.red_flag is None:
        untouched = [t for t in THERAPIES if t not in question.verdicts]
        assert all(outcome.verdicts[t] == "ok" for t in untouched)
        assert outcome.red_flags == ()
    else:
        (flag,) = outcome.red_flags
        assert flag.unsure_only and flag.answers == ((question.id, "unsure"),)
        assert "weren't sure" in flag.advice
        assert question.red_flag.advice in flag.advice
        if question.red_flag.urgency == "emergency":
            # unsure on an emergency sign: get checked today, and nothing until then
            assert flag.urgency == "same-day"
            assert all(outcome.verdicts[t] == "avoid" for t in THERAPIES)
        else:
            assert flag.urgency == "prompt"
            assert all(outcome.verdicts[t] == "caution" for t in THERAPIES)


# --- Coverage of the facts sheet ------------------------------------------


def test_rules_start_with_the_cauda_equina_group_and_red_flags() -> None:
    assert RULES.groups[0].id == "cauda-equina"
    stages = [
        0 if q.red_flag and q.red_flag.urgency == "emergency" else 1 if q.red_flag else 2
        for q in RULES.questions
    ]
    assert stages == sorted(stages)
    assert len(RULES.in_group("cauda-equina")) == 9


def test_herniated_disc_question_says_the_sources_disagree() -> None:
    assert "disagree" in RULES.question("herniated-disc").why


# --- Engine details -----------------------------------------------------------

TINY = Rules(
    version="t-1",
    groups=(Group("flags", "Flags"), Group("care", "Care")),
    questions=(
        Question("a", "flags", "A?", "why a", "a", red_flag=FlagRule("f", "emergency", "go")),
        Question("b", "flags", "B?", "why b", "b", red_flag=FlagRule("f", "emergency", "go")),
        Question("c", "care", "C?", "why c", "c", verdicts={"massage": "caution"}),
        Question("d", "care", "D?", "why d", "d", verdicts={"massage": "avoid"}),
    ),
)


def test_most_restrictive_verdict_wins_and_reasons_are_ordered() -> None:
    outcome = evaluate(TINY, {"a": "no", "b": "no", "c": "yes", "d": "yes"})
    assert outcome.verdicts["massage"] == "avoid"
    assert [r.question for r in outcome.reasons["massage"]] == ["d", "c"]


def test_one_flag_collects_every_question_that_raised_it() -> None:
    outcome = evaluate(TINY, {"a": "unsure", "b": "yes", "c": "no", "d": "no"})
    (flag,) = outcome.red_flags
    assert flag.questions == ("a", "b")
    assert flag.urgency == "emergency" and not flag.unsure_only
    assert flag.advice == "go"


def test_unanswered_questions_weigh_as_unsure_without_inventing_answers() -> None:
    outcome = evaluate(TINY, {"a": "no", "b": "no"})
    assert outcome.unanswered == ("c", "d")
    assert outcome.answers == {"a": "no", "b": "no"}  # nothing filled in
    assert outcome.verdicts["massage"] == "caution"  # never an all-clear
    (reason,) = outcome.reasons["massage"]
    assert (reason.question, reason.answer) == (UNANSWERED, "not answered")
    assert "You answered 2 of 4 questions; not finished: Care." in reason.text
    assert "weren't sure" not in reason.text


def test_an_unanswered_emergency_question_holds_everything_back_but_raises_no_flag() -> None:
    outcome = evaluate(TINY, {"c": "no", "d": "no"})
    assert outcome.red_flags == ()  # no answer, no sign
    assert set(outcome.verdicts.values()) == {"avoid"}
    for reasons in outcome.reasons.values():
        (reason,) = reasons
        assert reason.question == UNANSWERED
        assert "include signs of an emergency" in reason.text


def test_the_two_answers_of_the_reported_partial_screening() -> None:
    """n to bladder, y to saddle numbness, then left: the reasons cite those two
    answers and say the rest were not answered, at the emergency level."""
    given = {"ce-bladder": "no", "ce-saddle-numbness": "yes"}
    outcome = evaluate(RULES, given)
    assert outcome.answers == given
    assert [(f.id, f.urgency, f.answers) for f in outcome.red_flags] == [
        ("cauda-equina", "emergency", (("ce-saddle-numbness", "yes"),))
    ]
    for therapy in THERAPIES:
        reasons = outcome.reasons[therapy]
        assert outcome.verdicts[therapy] == "avoid"
        assert {r.question for r in reasons} == {"red-flag:cauda-equina", UNANSWERED}
        text = " ".join(r.text for r in reasons)
        assert "Emergency: go to an emergency department now" in text
        assert "said yes to a sign of an emergency (numbness around the genitals" in text
        assert f"You answered 2 of {len(RULES.questions)} questions" in text
        for word in ("weren't sure", "get checked today", "cancer"):
            assert word not in text


@given(
    st.dictionaries(
        st.sampled_from(RULES.question_ids), st.sampled_from(("yes", "no", "unsure")), max_size=20
    )
)
def test_every_reason_cites_only_answers_given(given_answers: dict[str, str]) -> None:
    outcome = evaluate(RULES, given_answers)
    assert outcome.answers == given_answers
    assert set(outcome.unanswered) == set(RULES.question_ids) - set(given_answers)
    for flag in outcome.red_flags:
        assert all(given_answers.get(q) == a for q, a in flag.answers)
        assert set(flag.questions) <= set(given_answers)
    for therapy, reasons in outcome.reasons.items():
        for reason in reasons:
            if reason.question == UNANSWERED:
                assert outcome.unanswered and "You answered" in reason.text
            elif not reason.question.startswith("red-flag:"):
                assert given_answers[reason.question] == reason.answer
        # unanswered weighs as unsure would: the same verdicts as filling them in
        filled = {q: given_answers.get(q, "unsure") for q in RULES.question_ids}
        assert outcome.verdicts[therapy] == evaluate(RULES, filled).verdicts[therapy]
    # the record keeps what was said, and the flags it raised
    record = outcome.to_record("abc123", datetime(2026, 11, 21, tzinfo=UTC), partial=True)
    assert record.answers == given_answers


def test_a_bad_answer_is_rejected_and_unknown_ids_are_ignored() -> None:
    with pytest.raises(InvalidInputError, match="answers.a"):
        evaluate(TINY, {"a": "maybe"})
    outcome = evaluate(TINY, {"a": "no", "b": "no", "c": "no", "d": "no", "gone": "yes"})
    assert "gone" not in outcome.answers and all_ok(outcome)


def test_to_record_round_trips_through_the_export_shape() -> None:
    at = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
    record = evaluate(RULES, answers(ce_bladder="yes", hernia="yes")).to_record("abc123", at)
    assert record.version == RULES.version
    assert ScreeningRecord.from_dict(record.to_dict()) == record
    assert record.verdicts["inversion"] == "avoid"


# --- needs_rescreen ------------------------------------------------------------


def _record(days_ago: int, version: str = RULES.version) -> ScreeningRecord:
    at = datetime(2026, 11, 21, 8, 30, tzinfo=UTC) - timedelta(days=days_ago)
    return ScreeningRecord("r1", at, version)


def test_needs_rescreen() -> None:
    today = date(2026, 11, 21)
    assert "not done" in present(needs_rescreen(None, RULES.version, today))
    assert needs_rescreen(_record(10), RULES.version, today) is None
    assert needs_rescreen(_record(90), RULES.version, today) is None
    assert "91 days" in present(needs_rescreen(_record(91), RULES.version, today))
    changed = present(needs_rescreen(_record(1, version="2020.1-1"), RULES.version, today))
    assert "changed" in changed and "2020.1-1" in changed
