"""Reading the latest screening's verdicts, as the library, timers and
dashboard do."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from companion.core.content.library import load_library
from companion.core.ids import new_id
from companion.core.records import THERAPIES, ScreeningRecord
from companion.core.screening.engine import RaisedFlag, evaluate
from companion.core.screening.verdicts import (
    current_verdicts,
    describe_reason,
    flag_title,
    therapy_advice,
    unfinished_note,
    verdict_label,
)

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
RULES = load_library().rules


def record_for(**answers: str) -> ScreeningRecord:
    given = {question.id: "no" for question in RULES.questions}
    given.update({key.replace("_", "-"): value for key, value in answers.items()})
    return evaluate(RULES, given).to_record(new_id(NOW), NOW)


def test_labels_are_words_with_a_symbol() -> None:
    assert verdict_label("avoid") == "✗ AVOID"
    assert verdict_label("caution") == "! CAUTION"
    assert verdict_label("ok") == "✓ OK"
    assert verdict_label(None) == "? not screened"


def test_no_screening_means_no_verdicts_not_an_all_clear() -> None:
    assert current_verdicts(None) == {}
    advice = therapy_advice("inversion", None, RULES)
    assert advice.verdict is None and not advice.needs_override
    assert "not done the safety screening" in advice.reasons[0]


def test_a_trashed_screening_does_not_count() -> None:
    trashed = replace(record_for(), deleted_at=NOW)
    assert current_verdicts(trashed) == {}


def test_a_therapy_missing_from_an_imported_record_reads_as_caution() -> None:
    partial = ScreeningRecord("abcdef12", NOW, RULES.version, verdicts={"inversion": "ok"})
    assert current_verdicts(partial) == {
        "inversion": "ok",
        "decompression": "caution",
        "massage": "caution",
        "stretching": "caution",
    }


def test_glaucoma_advice_says_avoid_inversion_with_the_reason() -> None:
    latest = record_for(glaucoma_or_retina="yes")
    inversion = therapy_advice("inversion", latest, RULES)
    assert inversion.verdict == "avoid" and inversion.needs_override
    assert inversion.label == "✗ AVOID"
    assert len(inversion.reasons) == 1 and "glaucoma" in inversion.reasons[0]
    assert inversion.screened_at == NOW and not inversion.outdated
    stretching = therapy_advice("stretching", latest, RULES)
    assert (stretching.verdict, stretching.reasons) == ("ok", ())


def test_an_older_rules_version_keeps_the_verdict_but_says_so() -> None:
    old = replace(record_for(glaucoma_or_retina="yes"), version="2020.1")
    advice = therapy_advice("inversion", old, RULES)
    assert advice.verdict == "avoid" and advice.outdated
    assert "older set of questions (version 2020.1)" in advice.reasons[0]


def test_reasons_in_a_few_words() -> None:
    outcome = evaluate(RULES, {q.id: "no" for q in RULES.questions} | {"weak-bones": "unsure"})
    described = [describe_reason(r, RULES) for r in outcome.reasons["inversion"]]
    assert described == ["unsure: osteoporosis or weak bones → caution"]
    flagged = evaluate(RULES, {q.id: "no" for q in RULES.questions} | {"ce-bladder": "yes"})
    hold = flagged.reasons["stretching"][0]
    assert describe_reason(hold, RULES) == "emergency sign above → avoid"


def test_flag_titles_come_from_the_group_that_asked() -> None:
    outcome = evaluate(RULES, {q.id: "yes" for q in RULES.questions})
    titles = [flag_title(flag, RULES) for flag in outcome.red_flags]
    assert titles[0] == "Signs that need emergency care"
    assert "Warning signs: infection" in titles
    assert flag_title(RaisedFlag("made-up-flag", "prompt", "", ("gone",)), RULES) == "Made up flag"


def test_every_therapy_is_covered() -> None:
    assert set(current_verdicts(record_for())) == set(THERAPIES)


def test_a_partial_screening_gives_reasons_only_from_the_answers_given() -> None:
    """The reported case: n to bladder, y to saddle numbness, then left."""
    given = {"ce-bladder": "no", "ce-saddle-numbness": "yes"}
    record = evaluate(RULES, given).to_record(new_id(NOW), NOW, partial=True)
    assert record.answers == given
    advice = therapy_advice("stretching", record, RULES)
    assert advice.verdict == "avoid" and advice.needs_override
    flag, unfinished = advice.reasons
    assert flag.startswith("Emergency: go to an emergency department now.")
    assert f"You answered 2 of {len(RULES.questions)} questions" in unfinished
    for word in ("weren't sure", "unsure", "get checked today", "cancer"):
        assert all(word not in reason for reason in advice.reasons), word


def test_unfinished_note_counts_from_the_same_evaluation() -> None:
    total = len(RULES.questions)
    given = {"ce-bladder": "no", "ce-saddle-numbness": "yes"}
    partial = evaluate(RULES, given).to_record(new_id(NOW), NOW, partial=True)
    assert unfinished_note(partial, RULES) == f"unfinished: 2 of {total} questions answered"
    assert unfinished_note(record_for(), RULES) == ""  # every question answered
    assert unfinished_note(None, RULES) == ""
