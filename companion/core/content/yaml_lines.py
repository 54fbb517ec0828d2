"""YAML that remembers where things were: the line of every mapping, key and item.

Content files are written by hand, so every problem the checker reports names
a ``file:line``. :func:`load_yaml` returns plain ``dict``/``list`` subclasses
that carry those lines, and turns every YAML error (syntax, duplicate key)
into a :class:`YamlError` with a 1-based line, never a traceback.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["LineDict", "LineList", "YamlError", "line_of", "load_yaml"]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[Any, Any]):
    """A mapping from YAML, with ``line`` (where it starts) and ``key_lines``."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line of ``key`` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence from YAML, with ``line`` and ``item_lines``."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class YamlError(Exception):
    """A YAML document that cannot be read."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        """1-based line of the problem (0 when unknown)."""
        self.message = message
        super().__init__(f"line {line}: {message}")


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose mappings and sequences remember their lines."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as err:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                "a key cannot be a list or a mapping",
                key_node.start_mark,
            ) from err
        if key in result:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"duplicate key {key!r}",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)

# YAML 1.1 reads yes/no/on/off as booleans, which would turn a screening rule's
# ``yes:`` key into ``True``. Hand-written content only means true/false.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def line_of(value: Any, default: int = 0) -> int:
    """The line a loaded mapping or list started on, or ``default``."""
    return getattr(value, "line", default) or default


def _refuse_programs(text: str, offset: int) -> None:
    """Content is data: an anchor, an alias or an explicit tag is refused with its line.

    Aliases are what makes a "billion laughs" file expand without end, and tags
    ask the loader to build something other than text, numbers, lists and maps.
    Scanning the events is linear in the text, and only runs when the text holds
    one of the characters these need.
    """
    if "&" not in text and "*" not in text and "!" not in text:
        return
    for event in yaml.parse(text, Loader=_BaseLoader):
        mark = event.start_mark
        line = (mark.line if mark is not None else 0) + 1 + offset
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(line, "YAML aliases (*name) are not allowed in content files")
        if getattr(event, "anchor", None) is not None:
            raise YamlError(line, "YAML anchors (&name) are not allowed in content files")
        tag = getattr(event, "tag", None)
        if tag is not None and not _implicit(event):
            raise YamlError(line, f"YAML tags ({tag}) are not allowed in content files")


def _implicit(event: yaml.Event) -> bool:
    """Whether a node's tag was resolved by YAML itself rather than written in the file."""
    implicit = getattr(event, "implicit", False)
    return bool(implicit[0] or implicit[1]) if isinstance(implicit, tuple) else bool(implicit)


def load_yaml(text: str, *, first_line: int = 1) -> Any:
    """Parse one YAML document; lines count from ``first_line`` (for front matter).

    Anchors, aliases and tags are refused (:func:`_refuse_programs`), in the
    shipped content as in the user's own.
    """
    offset = first_line - 1
    try:
        _refuse_programs(text, offset)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + offset if mark is not None else first_line
        problem = err.problem or err.context or "unreadable YAML"
        raise YamlError(line, f"YAML syntax error: {problem}") from err
    except yaml.YAMLError as err:
        raise YamlError(first_line, f"YAML error: {err}") from err
    if offset:
        _shift(data, offset)
    return data


def _shift(value: Any, offset: int) -> None:
    if isinstance(value, LineDict):
        value.line += offset
        value.key_lines = {key: line + offset for key, line in value.key_lines.items()}
        for child in value.values():
            _shift(child, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.item_lines = [line + offset for line in value.item_lines]
        for child in value:
            _shift(child, offset)
