"""Every rule of the clinical facts sheet §1–§2, one test each, through the
rules engine: the answers a person gives in, the flags and verdicts out.

Each case is named after the flag or contraindication it checks, so a failing
test names the clinical rule that broke.
"""

from __future__ import annotations

import pytest

from companion.core.records import THERAPIES, ScreeningRecord
from companion.core.screening.engine import evaluate
from tests.test_screening_rules import RULES, answers

HELD = {
    "inversion": "avoid",
    "decompression": "avoid",
    "massage": "caution",
    "stretching": "caution",
}
"""What a cancer, infection or fracture flag does until a clinician has seen it."""


def outcome_of(question_id: str, answer: str = "yes"):
    return evaluate(RULES, answers(**{question_id.replace("-", "_"): answer}))


# --- §1 Red flags ------------------------------------------------------------

EMERGENCY_SIGNS = [
    ("cauda-equina-bladder", "ce-bladder"),
    ("cauda-equina-saddle-numbness", "ce-saddle-numbness"),
    ("cauda-equina-bowel", "ce-bowel"),
    ("cauda-equina-sexual-dysfunction", "ce-sexual"),
    ("cauda-equina-leg-weakness", "ce-leg-weakness"),
    ("cauda-equina-both-legs", "ce-both-legs"),
    ("cauda-equina-spreading-numbness", "ce-spreading-numbness"),
    ("cauda-equina-difficulty-walking", "ce-walking"),
    ("aortic-aneurysm-sudden-pain", "sudden-severe-pain"),
]


@pytest.mark.parametrize(
    "question_id", [q for _, q in EMERGENCY_SIGNS], ids=[n for n, _ in EMERGENCY_SIGNS]
)
def test_emergency_sign_yes_is_emergency_and_every_therapy_avoid(question_id: str) -> None:
    outcome = outcome_of(question_id)
    (flag,) = outcome.red_flags
    assert flag.urgency == "emergency"
    assert flag.answers == ((question_id, "yes"),)
    assert outcome.verdicts == {t: "avoid" for t in THERAPIES}


@pytest.mark.parametrize(
    "question_id", [q for _, q in EMERGENCY_SIGNS], ids=[n for n, _ in EMERGENCY_SIGNS]
)
def test_emergency_sign_unsure_is_same_day_and_every_therapy_avoid(question_id: str) -> None:
    outcome = outcome_of(question_id, "unsure")
    (flag,) = outcome.red_flags
    assert flag.urgency == "same-day" and flag.unsure_only
    assert flag.answers == ((question_id, "unsure"),)
    assert outcome.verdicts == {t: "avoid" for t in THERAPIES}


def test_emergency_questions_say_new_or_getting_worse() -> None:
    for question in RULES.in_group("cauda-equina"):
        if question.red_flag and question.red_flag.id == "cauda-equina":
            ask = question.ask.lower()
            assert any(word in ask for word in ("new", "worse", "spreading")), question.id


HELD_FLAGS = [
    ("cancer-history", "cancer-history", "possible-cancer"),
    ("cancer-weight-loss", "weight-loss", "possible-cancer"),
    ("cancer-pain-at-rest", "pain-at-rest", "possible-cancer"),
    ("cancer-not-improving-unassessed", "not-improving", "possible-cancer"),
    ("infection-fever", "fever-or-unwell", "possible-infection"),
    ("infection-injecting-drugs", "injecting-drugs", "possible-infection"),
    ("infection-weak-immune-system", "weak-immune-system", "possible-infection"),
    ("infection-recent-bacterial", "recent-infection", "possible-infection"),
    ("fracture-major-trauma", "major-injury", "possible-fracture"),
    ("fracture-minor-trauma-over-50", "minor-injury-older", "possible-fracture"),
    ("fracture-long-term-steroids", "long-term-steroids", "possible-fracture"),
]


@pytest.mark.parametrize(
    ("question_id", "flag_id"), [c[1:] for c in HELD_FLAGS], ids=[c[0] for c in HELD_FLAGS]
)
def test_cancer_infection_fracture_flag_is_prompt_and_holds_traction(
    question_id: str, flag_id: str
) -> None:
    outcome = outcome_of(question_id)
    (flag,) = outcome.red_flags
    assert (flag.id, flag.urgency) == (flag_id, "prompt")
    assert outcome.verdicts == HELD


OTHER_FLAGS = [
    ("other-onset-under-20-or-over-55", "age-at-onset"),
    ("other-thoracic-pain", "upper-back-pain"),
    ("other-inflammatory-back-pain", "inflammatory-back-pain"),
    ("other-spine-shape-change", "spine-shape-change"),
    ("other-generally-unwell", "generally-unwell"),
]


@pytest.mark.parametrize(
    "question_id", [q for _, q in OTHER_FLAGS], ids=[n for n, _ in OTHER_FLAGS]
)
def test_other_warning_sign_is_prompt_and_every_therapy_caution(question_id: str) -> None:
    outcome = outcome_of(question_id)
    (flag,) = outcome.red_flags
    assert (flag.id, flag.urgency) == ("other-warning-sign", "prompt")
    assert outcome.verdicts == {t: "caution" for t in THERAPIES}


def test_not_improving_counts_only_when_no_clinician_assessed_it() -> None:
    assert "assessed" in RULES.question("not-improving").ask


def test_emergency_outranks_prompt_and_the_record_keeps_yes_and_unsure() -> None:
    outcome = evaluate(
        RULES, answers(ce_saddle_numbness="unsure", ce_bladder="yes", weight_loss="yes")
    )
    assert [f.urgency for f in outcome.red_flags] == ["emergency", "prompt"]
    record = outcome.to_record("screen-1", outcome_at())
    cauda = record.red_flags[0]
    assert set(cauda.raised_by) == {("ce-bladder", "yes"), ("ce-saddle-numbness", "unsure")}
    again = ScreeningRecord.from_dict(record.to_dict())
    assert again.red_flags == record.red_flags


def outcome_at():
    from datetime import UTC, datetime

    return datetime(2026, 12, 1, 9, tzinfo=UTC)


# --- §2 Contraindications by therapy ---------------------------------------

CONTRAINDICATIONS = [
    # inversion: avoid
    ("inversion-glaucoma-or-retina", "glaucoma-or-retina", "inversion", "avoid"),
    ("inversion-high-blood-pressure", "high-blood-pressure", "inversion", "avoid"),
    ("inversion-heart-stroke-or-tia", "heart-or-stroke", "inversion", "avoid"),
    ("inversion-pregnancy", "pregnancy", "inversion", "avoid"),
    ("inversion-osteoporosis", "weak-bones", "inversion", "avoid"),
    ("inversion-recent-fracture", "recent-fracture", "inversion", "avoid"),
    ("inversion-spinal-or-joint-implants", "implants", "inversion", "avoid"),
    ("inversion-hip-replacement", "hip-replacement", "inversion", "avoid"),
    ("inversion-hernia", "hernia", "inversion", "avoid"),
    ("inversion-middle-ear-infection", "ear-infection", "inversion", "avoid"),
    ("inversion-blood-thinners-and-aspirin", "blood-thinners", "inversion", "avoid"),
    ("inversion-bleeding-disorder", "bleeding-disorder", "inversion", "avoid"),
    ("inversion-recent-spine-surgery", "recent-spine-surgery", "inversion", "avoid"),
    ("inversion-recent-eye-surgery", "recent-eye-surgery", "inversion", "avoid"),
    ("inversion-conjunctivitis", "conjunctivitis", "inversion", "avoid"),
    ("inversion-over-weight-limit", "over-weight-limit", "inversion", "avoid"),
    # inversion is traction: every traction contraindication rules it out too
    ("inversion-aortic-aneurysm", "aortic-aneurysm", "inversion", "avoid"),
    ("inversion-cord-compression", "cord-compression", "inversion", "avoid"),
    ("inversion-spinal-instability", "spinal-instability", "inversion", "avoid"),
    ("inversion-spine-infection-or-tumour", "spine-infection-or-tumour", "inversion", "avoid"),
    ("inversion-inflammatory-arthritis", "inflammatory-arthritis", "inversion", "avoid"),
    ("inversion-herniated-disc-caution", "herniated-disc", "inversion", "caution"),
    # decompression / traction
    (
        "decompression-spine-infection-or-tumour",
        "spine-infection-or-tumour",
        "decompression",
        "avoid",
    ),
    ("decompression-osteoporosis", "weak-bones", "decompression", "avoid"),
    ("decompression-unhealed-fracture", "recent-fracture", "decompression", "avoid"),
    ("decompression-spinal-instability", "spinal-instability", "decompression", "avoid"),
    ("decompression-cord-compression", "cord-compression", "decompression", "avoid"),
    ("decompression-aortic-aneurysm", "aortic-aneurysm", "decompression", "avoid"),
    ("decompression-recent-spine-surgery", "recent-spine-surgery", "decompression", "avoid"),
    ("decompression-inflammatory-arthritis", "inflammatory-arthritis", "decompression", "avoid"),
    ("decompression-pregnancy", "pregnancy", "decompression", "avoid"),
    ("decompression-spinal-hardware", "implants", "decompression", "avoid"),
    ("decompression-severe-nerve-damage", "nerve-damage", "decompression", "caution"),
    ("decompression-heart-insufficiency", "heart-or-stroke", "decompression", "caution"),
    ("decompression-lung-insufficiency", "lung-condition", "decompression", "caution"),
    ("decompression-hypermobility", "hypermobility", "decompression", "caution"),
    ("decompression-claustrophobia", "claustrophobia", "decompression", "caution"),
    # massage
    ("massage-over-infection-or-tumour", "spine-infection-or-tumour", "massage", "avoid"),
    ("massage-deep-vein-thrombosis", "blood-clot", "massage", "avoid"),
    ("massage-open-wound", "skin-wound", "massage", "avoid"),
    ("massage-suspected-fracture", "recent-fracture", "massage", "caution"),
    ("massage-blood-thinners", "blood-thinners", "massage", "caution"),
    ("massage-bleeding-disorder", "bleeding-disorder", "massage", "caution"),
    ("massage-pregnancy", "pregnancy", "massage", "caution"),
    # stretching
    ("stretching-recent-spine-surgery", "recent-spine-surgery", "stretching", "caution"),
    ("stretching-recent-fracture", "recent-fracture", "stretching", "caution"),
    ("stretching-hip-replacement", "hip-replacement", "stretching", "caution"),
]


@pytest.mark.parametrize(
    ("question_id", "therapy", "verdict"),
    [c[1:] for c in CONTRAINDICATIONS],
    ids=[c[0] for c in CONTRAINDICATIONS],
)
def test_contraindication(question_id: str, therapy: str, verdict: str) -> None:
    outcome = outcome_of(question_id)
    assert outcome.red_flags == ()
    assert outcome.verdicts[therapy] == verdict
    unsure = outcome_of(question_id, "unsure")
    assert unsure.verdicts[therapy] == "caution"


def test_every_contraindication_question_is_covered_here() -> None:
    covered = {(c[1], c[2]) for c in CONTRAINDICATIONS}
    for question in RULES.questions:
        if question.red_flag is None:
            for therapy in question.verdicts:
                assert (question.id, therapy) in covered, (question.id, therapy)


def test_every_red_flag_question_is_covered_here() -> None:
    named = (
        {q for _, q in EMERGENCY_SIGNS} | {c[1] for c in HELD_FLAGS} | {q for _, q in OTHER_FLAGS}
    )
    assert named == {q.id for q in RULES.questions if q.red_flag}
