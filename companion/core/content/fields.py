"""Shared pieces of the content parsers: problems, references and a field reader.

:class:`FieldReader` reads typed fields out of one YAML mapping (from
:mod:`companion.core.content.yaml_lines`) and records a :class:`ContentProblem` with
the right ``file:line`` for anything missing, mistyped or unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from companion.core.content.names import ID_PATTERN
from companion.core.content.yaml_lines import LineDict, LineList, line_of

__all__ = ["ID_PATTERN", "ContentProblem", "FieldReader", "Ref", "require_mapping"]


@dataclass(frozen=True, slots=True)
class ContentProblem:
    """One thing wrong with the content, where it is."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference from one content file to an id defined elsewhere."""

    kind: str
    """``article``, ``routine``, ``question`` or ``source``."""
    target: str
    path: str
    line: int
    field: str


class FieldReader:
    """Reads typed fields out of one YAML mapping, recording problems."""

    def __init__(self, data: LineDict, path: str, problems: list[ContentProblem], where: str):
        self.data, self.path, self.problems, self.where = data, path, problems, where

    def problem(self, key: str | None, message: str) -> None:
        line = self.data.line_of(key) if key is not None else self.data.line
        name = f"{self.where}{key}" if key else self.where.rstrip(".") or "file"
        self.problems.append(ContentProblem(self.path, line, f"{name}: {message}"))

    def only(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                self.problem(str(key), f"unknown field (expected one of: {', '.join(allowed)})")

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(key, "is required" if key not in self.data else "must not be empty")
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.problem(key, "must be text")
            return ""
        return str(value).strip()

    def ident(self, key: str) -> str:
        value = self.text(key)
        if value and not ID_PATTERN.match(value):
            self.problem(key, f"{value!r} is not a valid id (lower-case words joined by '-')")
            return ""
        return value

    def choice(self, key: str, options: tuple[str, ...]) -> str:
        value = self.text(key)
        if value and value not in options:
            self.problem(key, f"{value!r} must be one of: {', '.join(options)}")
            return ""
        return value

    def integer(self, key: str, low: int, high: int, *, required: bool = True) -> int | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(key, f"must be a whole number from {low} to {high}")
            return None
        return value

    def mapping(self, key: str) -> LineDict | None:
        value = self.data.get(key)
        if value is None:
            self.problem(key, "is required")
            return None
        if not isinstance(value, LineDict):
            self.problem(key, "must be a mapping of fields")
            return None
        return value

    def items(self, key: str, *, required: bool = True) -> LineList:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "is required")
            return LineList()
        if not isinstance(value, LineList):
            self.problem(key, "must be a list")
            return LineList()
        return value

    def refs(
        self, key: str, kind: str, refs: list[Ref], *, required: bool = True
    ) -> tuple[str, ...]:
        """A list of ids that must exist elsewhere; each becomes a :class:`Ref`."""
        found: list[str] = []
        items = self.items(key, required=required)
        for index, item in enumerate(items):
            if not isinstance(item, str) or not ID_PATTERN.match(item):
                self.problems.append(
                    ContentProblem(
                        self.path,
                        items.line_of(index),
                        f"{self.where}{key}: {item!r} is not a valid id",
                    )
                )
                continue
            found.append(item)
            refs.append(Ref(kind, item, self.path, items.line_of(index), f"{self.where}{key}"))
        return tuple(found)


def require_mapping(data: Any, path: str, problems: list[ContentProblem], what: str) -> bool:
    if isinstance(data, LineDict):
        return True
    problems.append(ContentProblem(path, line_of(data, 1), f"{what} must be a YAML mapping"))
    return False
