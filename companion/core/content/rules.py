"""Parse and validate the screening rules file (``content/screening.yaml``).

Checks the schema, that every group and therapy is known, that emergency
red flags come first, then other red flags, then treatment questions, and
that every therapy gets a verdict from at least one question.
"""

from __future__ import annotations

from typing import Any

from companion.core.content.fields import ContentProblem, FieldReader, Ref, require_mapping
from companion.core.content.yaml_lines import LineDict, LineList
from companion.core.records import THERAPIES
from companion.core.screening.engine import FlagRule, Group, Question, Rules

__all__ = ["RULE_URGENCIES", "parse_rules"]

RULE_URGENCIES = ("emergency", "prompt")
"""The levels a ``yes`` can raise; ``same-day`` comes from an unsure emergency answer."""


def _advice_texts(table: Any) -> dict[str, str]:
    """The shared advice texts: a flag's ``advice`` may name one by its key
    (written out once, without YAML anchors)."""
    if not isinstance(table, dict):
        return {}
    return {str(key): str(text) for key, text in table.items() if isinstance(text, str)}


def parse_rules(
    data: Any, path: str, problems: list[ContentProblem]
) -> tuple[Rules | None, list[Ref]]:
    """``screening.yaml``: version, ordered groups and questions (see the file's header)."""
    refs: list[Ref] = []
    if not require_mapping(data, path, problems, "the screening rules"):
        return None, refs
    count = len(problems)
    top = FieldReader(data, path, problems, "")
    top.only(("version", "advice", "groups", "questions"))
    version = top.text("version")
    advice = _advice_texts(top.mapping("advice") if "advice" in data else None)
    groups: list[Group] = []
    group_items = top.items("groups")
    for index, item in enumerate(group_items):
        if not isinstance(item, LineDict):
            problems.append(
                ContentProblem(
                    path, group_items.line_of(index), "groups: each group must be a mapping"
                )
            )
            continue
        read = FieldReader(item, path, problems, f"groups[{index}].")
        read.only(("id", "title", "intro"))
        group = Group(read.ident("id"), read.text("title"), read.text("intro", required=False))
        if group.id in {g.id for g in groups}:
            read.problem("id", f"duplicate group id {group.id!r}")
        groups.append(group)
    group_ids = [g.id for g in groups]

    questions: list[Question] = []
    question_items = top.items("questions")
    for index, item in enumerate(question_items):
        if not isinstance(item, LineDict):
            problems.append(
                ContentProblem(
                    path,
                    question_items.line_of(index),
                    "questions: each question must be a mapping",
                )
            )
            continue
        question = _parse_question(
            item, path, problems, f"questions[{index}].", group_ids, refs, advice
        )
        if question is None:
            continue
        if question.id in {q.id for q in questions}:
            problems.append(
                ContentProblem(path, item.line_of("id"), f"duplicate question id {question.id!r}")
            )
        questions.append(question)

    _check_order(questions, question_items, group_ids, path, problems)
    covered = {therapy for q in questions for therapy in q.verdicts}
    for therapy in THERAPIES:
        if therapy not in covered:
            problems.append(
                ContentProblem(
                    path,
                    data.line_of("questions"),
                    f"no question gives a verdict for therapy {therapy!r}",
                )
            )
    if len(problems) > count:
        return None, refs
    return Rules(version, tuple(groups), tuple(questions)), refs


def _parse_question(
    item: LineDict,
    path: str,
    problems: list[ContentProblem],
    where: str,
    group_ids: list[str],
    refs: list[Ref],
    advice: dict[str, str],
) -> Question | None:
    read = FieldReader(item, path, problems, where)
    read.only(("id", "group", "topic", "ask", "why", "sources", "yes"))
    question_id = read.ident("id")
    group = read.text("group")
    if group and group not in group_ids:
        read.problem("group", f"unknown group {group!r}")
    ask, why, topic = read.text("ask"), read.text("why"), read.text("topic")
    if "\n" in why:
        read.problem("why", "must be a single line")
    sources = read.refs("sources", "source", refs)
    if not sources:
        read.problem("sources", "must name at least one source")
    effect = read.mapping("yes")
    flag: FlagRule | None = None
    verdicts: dict[str, str] = {}
    if effect is not None:
        effects = FieldReader(effect, path, problems, f"{where}yes.")
        effects.only(("red_flag", "verdicts"))
        if "red_flag" in effect:
            flag_data = effects.mapping("red_flag")
            if flag_data is not None:
                flag_read = FieldReader(flag_data, path, problems, f"{where}yes.red_flag.")
                flag_read.only(("id", "urgency", "advice"))
                flag = FlagRule(
                    flag_read.ident("id"),
                    flag_read.choice("urgency", RULE_URGENCIES),
                    advice.get(text := flag_read.text("advice"), text),
                )
        if "verdicts" in effect:
            verdict_data = effects.mapping("verdicts")
            for therapy, verdict in (verdict_data or {}).items():
                if therapy not in THERAPIES:
                    effects.problem(
                        "verdicts",
                        f"unknown therapy {therapy!r} (expected one of: {', '.join(THERAPIES)})",
                    )
                elif verdict not in ("avoid", "caution"):
                    effects.problem("verdicts", f"{therapy}: {verdict!r} must be avoid or caution")
                else:
                    verdicts[str(therapy)] = verdict
        if flag is None and not verdicts:
            read.problem("yes", "must declare a red_flag, verdicts, or both")
    if not question_id:
        return None
    return Question(question_id, group, ask, why, topic, sources, flag, verdicts)


def _check_order(
    questions: list[Question],
    items: LineList,
    group_ids: list[str],
    path: str,
    problems: list[ContentProblem],
) -> None:
    """Red flags first (emergencies before the rest), and questions grouped in group order."""

    def stage(question: Question) -> int:
        if question.red_flag is not None and question.red_flag.urgency == "emergency":
            return 0
        return 1 if question.red_flag is not None else 2

    lines = {q.id: items.line_of(i) for i, q in enumerate(questions)}
    for earlier, later in zip(questions, questions[1:], strict=False):
        if stage(later) < stage(earlier):
            problems.append(
                ContentProblem(
                    path,
                    lines[later.id],
                    f"question {later.id!r} must "
                    "come earlier: emergency red flags first, then other "
                    "red flags, then treatment questions",
                )
            )
        if (
            later.group in group_ids
            and earlier.group in group_ids
            and (group_ids.index(later.group) < group_ids.index(earlier.group))
        ):
            problems.append(
                ContentProblem(
                    path,
                    lines[later.id],
                    f"question {later.id!r} is out "
                    f"of group order (group {later.group!r} comes before "
                    f"{earlier.group!r})",
                )
            )
