"""The content library: therapy and exercise articles, routines, screening rules, sources.

Built-in content lives in the repository's ``content/`` folder (copied into
the wheel as ``companion/_content``). A person can add their own articles and
routines under their config directory (``<config>/articles/*.md`` and
``<config>/routines/*.yaml``); those are validated exactly like the built-in
ones and marked ``source="user"``.

A user file may *add* to the library but never replace a built-in article or
routine: built-in articles carry the safety notes (stop-if, contraindications,
the evidence), and a silent replacement could hide them. A user file that
reuses a built-in id is reported as a problem and left out.

Nothing here imports Textual; every problem is a :class:`ContentProblem`
(``path:line: message``), never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.core.content.names import content_root, user_content_dir
from companion.core.content.parse import (
    Article,
    ContentProblem,
    Evidence,
    Ref,
    Source,
    parse_article,
    parse_routine,
    parse_rules,
    parse_sources,
)
from companion.core.content.routine import Routine
from companion.core.content.yaml_lines import YamlError, load_yaml
from companion.core.errors import CompanionError
from companion.core.files import FileRefusedError, read_regular
from companion.core.records import THERAPIES
from companion.core.screening.engine import Rules
from companion.core.untrusted import control_position
from companion.core.words import count_of

__all__ = [
    "Article",
    "ContentError",
    "ContentProblem",
    "Evidence",
    "Library",
    "Source",
    "check_content",
    "content_root",
    "load_library",
    "scan_content",
    "user_content_dir",
]

BUILT_IN = "built-in"
USER = "user"


class ContentError(CompanionError):
    """The content library is invalid; lists every problem as ``path:line: message``."""

    exit_code = 1

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = problems
        """Every problem found, sorted by file and line."""
        listed = "\n".join(f"  {problem}" for problem in problems)
        count = count_of(len(problems), "problem")
        super().__init__(
            f"the content library is invalid ({count}); run `companion content check`:\n{listed}"
        )


@dataclass(frozen=True, slots=True)
class Library:
    """Everything the library, screening and timer screens read."""

    articles: dict[str, Article]
    """Article id → article, built-in first, then the user's own."""
    routines: dict[str, Routine]
    rules: Rules
    sources: dict[str, Source]

    def article(self, article_id: str) -> Article:
        return self.articles[article_id]

    def therapy_articles(self) -> list[Article]:
        """One article per therapy, in the canonical therapy order."""
        return [self.articles[t] for t in THERAPIES if t in self.articles]

    def exercises(self, therapy: str = "stretching") -> list[Article]:
        """Exercise articles for a therapy, sorted by title."""
        found = [a for a in self.articles.values() if a.kind == "exercise" and a.therapy == therapy]
        return sorted(found, key=lambda article: article.title.lower())

    def routines_for(self, therapy: str) -> list[Routine]:
        return [routine for routine in self.routines.values() if routine.therapy == therapy]


def load_library(root: Path | None = None, user_dir: Path | None = None) -> Library:
    """Load and validate everything; raise :class:`ContentError` listing the problems."""
    library, problems = scan_content(root, user_dir)
    if problems or library is None:
        raise ContentError(problems)
    return library


def check_content(
    root: Path | None = None, user_dir: Path | None = None, *, include_user: bool = True
) -> list[ContentProblem]:
    """Every problem in the content under ``root`` plus (unless told not to) the user's files."""
    return scan_content(root, user_dir, include_user=include_user)[1]


def _collect(
    paths: Iterable[Path],
    read: Callable[[Path, list[ContentProblem]], Any],
    parse: Callable[..., tuple[Any, list[Any]]],
    into: dict[str, Any],
    damaged: set[str],
    problems: list[ContentProblem],
    source: str,
) -> list[Any]:
    """Read and parse each file into ``into`` (by id); returns the cross-references
    found. A file that cannot be loaded is named in ``damaged`` by its stem."""
    refs: list[Any] = []
    for path in paths:
        data = read(path, problems)
        item, found = (None, []) if data is None else parse(data, str(path), problems, source)
        refs += found
        if item is None:
            damaged.add(path.stem)
        elif _fits(item.id, path, into, problems):
            into[item.id] = item
    return refs


def scan_content(
    root: Path | None = None, user_dir: Path | None = None, *, include_user: bool = True
) -> tuple[Library | None, list[ContentProblem]]:
    """Load what can be loaded and collect every problem (sorted by file and line).

    ``root`` defaults to :func:`content_root`, ``user_dir`` to
    :func:`user_content_dir`; ``include_user=False`` checks ``root`` alone.
    The library is ``None`` only when the screening rules could not be read;
    otherwise it holds every valid article and routine.
    """
    root = content_root() if root is None else root
    user_dir = user_content_dir() if user_dir is None else user_dir
    problems: list[ContentProblem] = []
    refs: list[Ref] = []

    sources_data = _load_yaml_file(root / "sources.yaml", problems, required=True)
    source_map = (
        None
        if sources_data is None
        else parse_sources(sources_data, str(root / "sources.yaml"), problems)
    )
    rules_data = _load_yaml_file(root / "screening.yaml", problems, required=True)
    rules = None
    if rules_data is not None:
        rules, rule_refs = parse_rules(rules_data, str(root / "screening.yaml"), problems)
        refs += rule_refs

    articles: dict[str, Article] = {}
    routines: dict[str, Routine] = {}
    # Files that exist but could not be loaded: their ids (file names) still count
    # as defined, so one damaged file gives one problem, not a cascade.
    damaged: dict[str, set[str]] = {"article": set(), "routine": set()}
    folders = [(root, BUILT_IN)] + ([(user_dir, USER)] if include_user else [])
    for folder, source in folders:
        refs += _collect(
            _files(folder / "articles", ".md"),
            _read,
            parse_article,
            articles,
            damaged["article"],
            problems,
            source,
        )
        refs += _collect(
            _files(folder / "routines", ".yaml", ".yml"),
            _load_yaml_file,
            parse_routine,
            routines,
            damaged["routine"],
            problems,
            source,
        )

    _check_refs(refs, articles, routines, rules, source_map, damaged, problems)
    _check_consistency(root, articles, routines, rules, damaged["article"], problems)
    problems.sort(key=lambda problem: (problem.path, problem.line))
    if rules is None:
        return None, problems
    return Library(articles, routines, rules, source_map or {}), problems


CONTENT_FILE_MAX = 1_000_000
"""Bytes one content file may hold; the longest shipped article is a few KB."""


def _files(folder: Path, *suffixes: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in suffixes and p.is_file())


def _read(path: Path, problems: list[ContentProblem]) -> str | None:
    """The text of a content file: a regular file of at most :data:`CONTENT_FILE_MAX`
    bytes, UTF-8, without control characters (newline, CR and tab aside)."""
    try:
        text = read_regular(path, CONTENT_FILE_MAX).decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(ContentProblem(str(path), 1, f"not UTF-8 text ({err.reason})"))
        return None
    except FileRefusedError as err:
        problems.append(ContentProblem(str(path), 1, f"cannot be used: it {err}"))
        return None
    position = control_position(text, bidi=True)
    if position is not None:
        line = text.count("\n", 0, position) + 1
        code = f"U+{ord(text[position]):04X}"
        problems.append(ContentProblem(str(path), line, f"holds a control character ({code})"))
        return None
    return text


def _load_yaml_file(path: Path, problems: list[ContentProblem], *, required: bool = False) -> Any:
    if not path.is_file():
        if required:
            problems.append(ContentProblem(str(path), 1, "file is missing"))
        return None
    text = _read(path, problems)
    if text is None:
        return None
    try:
        data = load_yaml(text)
    except YamlError as err:
        problems.append(ContentProblem(str(path), err.line, err.message))
        return None
    if data is None:
        problems.append(ContentProblem(str(path), 1, "file is empty"))
    return data


def _fits(item_id: str, path: Path, known: dict[str, Any], problems: list[ContentProblem]) -> bool:
    """False (with a problem) when ``item_id`` is taken or does not match the file name."""
    if item_id != path.stem:
        problems.append(
            ContentProblem(str(path), 1, f"id {item_id!r} must match the file name ({path.stem!r})")
        )
        return False
    if item_id in known:
        other = known[item_id]
        whose = "built-in" if other.source == BUILT_IN else "user"
        hint = (
            "; your own files may add to the library but not replace a built-in one"
            if whose == "built-in"
            else ""
        )
        problems.append(
            ContentProblem(
                str(path),
                1,
                f"duplicate id {item_id!r}: already used by the {whose} file {other.path}{hint}",
            )
        )
        return False
    return True


def _check_refs(
    refs: list[Ref],
    articles: dict[str, Article],
    routines: dict[str, Routine],
    rules: Rules | None,
    sources: dict[str, Source] | None,
    damaged: dict[str, set[str]],
    problems: list[ContentProblem],
) -> None:
    known = {
        "article": set(articles) | damaged["article"],
        "routine": set(routines) | damaged["routine"],
        "question": set(rules.question_ids) if rules else None,
        "source": set(sources) if sources is not None else None,
    }
    names = {
        "article": "article",
        "routine": "routine",
        "question": "screening question",
        "source": "source (see sources.yaml)",
    }
    for ref in refs:
        ids = known[ref.kind]
        if ids is not None and ref.target not in ids:
            problems.append(
                ContentProblem(
                    ref.path, ref.line, f"{ref.field}: unknown {names[ref.kind]} {ref.target!r}"
                )
            )


def _check_consistency(
    root: Path,
    articles: dict[str, Article],
    routines: dict[str, Routine],
    rules: Rules | None,
    damaged_articles: set[str],
    problems: list[ContentProblem],
) -> None:
    for therapy in THERAPIES:
        if therapy not in articles and therapy not in damaged_articles:
            problems.append(
                ContentProblem(
                    str(root / "articles" / f"{therapy}.md"),
                    1,
                    f"missing the article for therapy {therapy!r}",
                )
            )
    for article in articles.values():
        routine = routines.get(article.routine or "")
        if routine is not None and routine.therapy != article.therapy:
            problems.append(
                ContentProblem(
                    article.path,
                    1,
                    f"routine {routine.id!r} is for {routine.therapy!r}, "
                    f"but this article is about {article.therapy!r}",
                )
            )
        if rules is None or article.kind != "therapy":
            continue
        listed = set(article.contraindications)
        for question in rules.questions:
            if article.therapy in question.verdicts and question.id not in listed:
                problems.append(
                    ContentProblem(
                        article.path,
                        1,
                        f"contraindications: missing {question.id!r}, "
                        f"which the screening uses for {article.therapy!r}",
                    )
                )
