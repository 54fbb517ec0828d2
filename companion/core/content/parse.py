"""Parse and validate each kind of content file, reporting ``file:line`` problems.

Every parser takes loaded YAML (:mod:`companion.core.content.yaml_lines`), the file's
path and a list to append :class:`ContentProblem` to. It returns the parsed
object (or ``None`` when the file is unusable) plus the cross-references it
found (:class:`Ref`), which :mod:`companion.core.content.library` resolves once every
file is loaded. Parsers never raise for bad content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from companion.core.content.fields import (
    ContentProblem,
    FieldReader,
    Ref,
    require_mapping,
)
from companion.core.content.routine import ROUTINE_SIDES, Routine, RoutineStep
from companion.core.content.rules import parse_rules
from companion.core.content.yaml_lines import LineDict, YamlError, load_yaml
from companion.core.records import THERAPIES

__all__ = [
    "ARTICLE_KINDS",
    "BODY_HEADINGS",
    "EVIDENCE_LABELS",
    "Article",
    "ContentProblem",
    "Evidence",
    "Ref",
    "Source",
    "parse_article",
    "parse_routine",
    "parse_rules",
    "parse_sources",
    "split_front_matter",
]

ARTICLE_KINDS = ("therapy", "exercise")
EVIDENCE_LABELS = (
    "recommended by guidelines",
    "some evidence",
    "little or no evidence",
    "not recommended by guidelines",
)
BODY_HEADINGS = ("Who it may help", "How to do it", "Dose", "Stop if", "Where sources disagree")
"""Body sections, in this order. The last is required for therapy articles only."""

_ARTICLE_LINK = re.compile(r"\]\(article:([^)\s]*)\)")


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the bibliography."""

    id: str
    title: str
    publisher: str
    year: int | None = None
    """``None`` for an undated source (written ``year: undated``)."""
    url: str | None = None
    note: str = ""
    author: str = ""
    """The people, panel or organisation responsible for it."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What guidelines and trials found, beside what enthusiasts claim."""

    label: str
    """One of :data:`EVIDENCE_LABELS`."""
    guidelines: str
    trials: str
    claims: str
    scope: str = ""
    """What the label's evidence is about when it is not this very thing, e.g.
    ``exercise and stretching in general`` for a stretch with no trial of its own."""

    @property
    def shown_label(self) -> str:
        """The label as shown beside the article: ``some evidence (for … in general)``."""
        return f"{self.label} (for {self.scope})" if self.scope else self.label


@dataclass(frozen=True, slots=True)
class Article:
    """A therapy or exercise article: front matter fields plus its Markdown body."""

    id: str
    title: str
    kind: str
    """``therapy`` or ``exercise``."""
    therapy: str
    """The therapy id it belongs to (exercises belong to ``stretching``)."""
    summary: str
    evidence: Evidence
    contraindications: tuple[str, ...]
    """Screening question ids whose answers decide whether this is safe to try."""
    routine: str | None
    related: tuple[str, ...]
    sources: tuple[str, ...]
    body: str
    """Markdown after the front matter. Internal links look like ``[x](article:ID)``."""
    source: str = "built-in"
    """``built-in`` or ``user``."""
    path: str = ""

    def sections(self) -> list[tuple[str, str]]:
        """The body as (heading, text) pairs; text before the first heading has heading ``""``."""
        sections: list[tuple[str, str]] = []
        heading, lines = "", list[str]()
        for line in self.body.splitlines():
            if line.startswith("## "):
                if heading or any(part.strip() for part in lines):
                    sections.append((heading, "\n".join(lines).strip()))
                heading, lines = line[3:].strip(), []
            else:
                lines.append(line)
        sections.append((heading, "\n".join(lines).strip()))
        return sections

    def linked_articles(self) -> tuple[str, ...]:
        """Ids of the articles the body links to, in order of first mention."""
        return tuple(dict.fromkeys(_ARTICLE_LINK.findall(self.body)))


def parse_sources(data: Any, path: str, problems: list[ContentProblem]) -> dict[str, Source]:
    """``sources.yaml``: ``sources: [{id, title, author, publisher, year, url?, note?}]``.

    ``author``, ``title`` and ``year`` are required (``year: undated`` for a web
    page without a date), so every citation can be looked up.
    """
    sources: dict[str, Source] = {}
    if not require_mapping(data, path, problems, "the sources file"):
        return sources
    top = FieldReader(data, path, problems, "")
    top.only(("sources",))
    for index, item in enumerate(top.items("sources")):
        where = f"sources[{index}]."
        if not isinstance(item, LineDict):
            problems.append(
                ContentProblem(
                    path,
                    top.items("sources").line_of(index),
                    f"{where.rstrip('.')}: must be a mapping",
                )
            )
            continue
        read = FieldReader(item, path, problems, where)
        read.only(("id", "title", "author", "publisher", "year", "url", "note"))
        source_id = read.ident("id")
        url = read.text("url", required=False) or None
        if url and not url.startswith(("https://", "http://")):
            read.problem("url", "must start with https:// or http://")
        source = Source(
            id=source_id,
            title=read.text("title"),
            publisher=read.text("publisher"),
            year=None if item.get("year") == "undated" else read.integer("year", 1900, 2100),
            url=url,
            note=read.text("note", required=False),
            author=read.text("author"),
        )
        if source_id in sources:
            read.problem("id", f"duplicate source id {source_id!r}")
        elif source_id:
            sources[source_id] = source
    return sources


def parse_routine(
    data: Any, path: str, problems: list[ContentProblem], source: str
) -> tuple[Routine | None, list[Ref]]:
    """A routine file: id, title, therapy, summary, steps."""
    refs: list[Ref] = []
    if not require_mapping(data, path, problems, "a routine"):
        return None, refs
    count = len(problems)
    read = FieldReader(data, path, problems, "")
    read.only(("id", "title", "therapy", "summary", "steps"))
    routine_id, title = read.ident("id"), read.text("title")
    therapy, summary = read.choice("therapy", THERAPIES), read.text("summary")
    steps: list[RoutineStep] = []
    step_items = read.items("steps")
    if "steps" in data and not step_items:
        read.problem("steps", "must list at least one step")
    for index, item in enumerate(step_items):
        if not isinstance(item, LineDict):
            problems.append(
                ContentProblem(
                    path, step_items.line_of(index), f"steps[{index}]: must be a mapping"
                )
            )
            continue
        step = FieldReader(item, path, problems, f"steps[{index}].")
        step.only(("exercise", "side", "hold", "reps", "rest", "cue"))
        exercise = step.ident("exercise")
        if exercise:
            refs.append(
                Ref("article", exercise, path, item.line_of("exercise"), f"steps[{index}].exercise")
            )
        steps.append(
            RoutineStep(
                exercise=exercise,
                side=step.choice("side", ROUTINE_SIDES),
                hold_seconds=step.integer("hold", 1, 3600) or 0,
                reps=step.integer("reps", 1, 100) or 0,
                rest_seconds=step.integer("rest", 0, 3600) or 0,
                cue=step.text("cue"),
            )
        )
    if len(problems) > count:
        return None, refs
    return Routine(routine_id, title, therapy, summary, tuple(steps), source, path), refs


def split_front_matter(
    text: str, path: str, problems: list[ContentProblem]
) -> tuple[Any, str, int] | None:
    """Front matter data, the body, and the body's first line; ``None`` on a problem."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.append(
            ContentProblem(path, 1, "missing front matter: the file must start with a line '---'")
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            break
    else:
        problems.append(ContentProblem(path, 1, "front matter is never closed by a line '---'"))
        return None
    try:
        data = load_yaml("".join(lines[1:index]), first_line=2)
    except YamlError as err:
        problems.append(ContentProblem(path, err.line, f"front matter: {err.message}"))
        return None
    return data, "".join(lines[index + 1 :]), index + 2


def parse_article(
    text: str, path: str, problems: list[ContentProblem], source: str
) -> tuple[Article | None, list[Ref]]:
    """An article: YAML front matter between ``---`` lines, then Markdown."""
    refs: list[Ref] = []
    split = split_front_matter(text, path, problems)
    if split is None:
        return None, refs
    data, body, body_line = split
    if not require_mapping(data, path, problems, "front matter"):
        return None, refs
    count = len(problems)
    read = FieldReader(data, path, problems, "")
    read.only(
        (
            "id",
            "title",
            "kind",
            "therapy",
            "summary",
            "evidence",
            "contraindications",
            "routine",
            "related",
            "sources",
        )
    )
    article_id, kind = read.ident("id"), read.choice("kind", ARTICLE_KINDS)
    therapy = read.choice("therapy", THERAPIES)
    if kind == "exercise" and therapy and therapy != "stretching":
        read.problem("therapy", "must be 'stretching' for an exercise")
    if kind == "therapy" and therapy and article_id and therapy != article_id:
        read.problem("therapy", f"a therapy article's id must be its therapy ({therapy!r})")
    evidence = _parse_evidence(read, path, problems)
    routine = read.ident("routine") if "routine" in data else None
    if routine:
        refs.append(Ref("routine", routine, path, data.line_of("routine"), "routine"))
    elif kind == "exercise" and "routine" not in data:
        read.problem("routine", "is required for an exercise")
    sources = read.refs("sources", "source", refs, required=True)
    if source == "built-in" and "sources" in data and not sources:
        read.problem("sources", "must name at least one source")
    article = Article(
        id=article_id,
        title=read.text("title"),
        kind=kind,
        therapy=therapy,
        summary=read.text("summary"),
        evidence=evidence,
        contraindications=read.refs("contraindications", "question", refs, required=False),
        routine=routine,
        related=read.refs("related", "article", refs, required=False),
        sources=sources,
        body=body.strip("\n") + "\n",
        source=source,
        path=path,
    )
    _check_body(article, body, body_line, path, problems, refs)
    if len(problems) > count:
        return None, refs
    return article, refs


def _parse_evidence(read: FieldReader, path: str, problems: list[ContentProblem]) -> Evidence:
    data = read.mapping("evidence")
    if data is None:
        return Evidence("", "", "", "")
    evidence = FieldReader(data, path, problems, "evidence.")
    evidence.only(("label", "guidelines", "trials", "claims", "scope"))
    return Evidence(
        evidence.choice("label", EVIDENCE_LABELS),
        evidence.text("guidelines"),
        evidence.text("trials"),
        evidence.text("claims"),
        evidence.text("scope", required=False),
    )


def _check_body(
    article: Article,
    body: str,
    first_line: int,
    path: str,
    problems: list[ContentProblem],
    refs: list[Ref],
) -> None:
    headings: list[tuple[str, int]] = []
    for offset, line in enumerate(body.splitlines()):
        number = first_line + offset
        if line.startswith("## "):
            headings.append((line[3:].strip(), number))
        for target in _ARTICLE_LINK.findall(line):
            refs.append(Ref("article", target, path, number, "link"))
    required = list(BODY_HEADINGS if article.kind == "therapy" else BODY_HEADINGS[:-1])
    names = [name for name, _ in headings]
    for name in required:
        if name not in names:
            problems.append(ContentProblem(path, first_line, f"body: missing section '## {name}'"))
    present = [name for name in names if name in BODY_HEADINGS]
    if present != sorted(present, key=BODY_HEADINGS.index):
        problems.append(
            ContentProblem(
                path,
                first_line,
                f"body: sections must come in this order: {', '.join(BODY_HEADINGS)}",
            )
        )
    steps = [s for h, s in article.sections() if h == "How to do it"]
    if steps and not re.search(r"^\s*1\.\s", steps[0], re.MULTILINE):
        steps_line = dict(headings).get("How to do it", first_line)
        problems.append(
            ContentProblem(path, steps_line, "body: 'How to do it' must have numbered steps")
        )
