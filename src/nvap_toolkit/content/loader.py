"""Read content files: YAML with node positions, and nothing a hostile file can abuse.

PyYAML silently keeps the last of two equal keys, expands aliases without limit
and recurses once per nesting level (libyaml's composer crashes the process on
very deep input).  So nvap reads the *event* stream, which libyaml produces
iteratively, and composes the node tree itself: bounded depth, no aliases,
duplicate keys reported, every node keeping its start position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import display_path
from ..issues import Issue
from .source import Document

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()


def tree_of(doc: Document) -> Node | None:
    """The document's node tree: the one kept, else parsed again from its text (a validated document keeps none:
    see ``load_project``), or None if it cannot be read. The tree is not kept."""
    if doc.node is not None or not doc.text:
        return doc.node
    try:
        return _compose_fast(doc.text) if _plain_enough(doc.text) else _compose(doc.text)
    except (_Stop, yaml.YAMLError):
        return None


class _Stop(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        self.mark = mark
        self.message = message


def read_document(path: Path, base: Path | None = None, *, known: Mapping[tuple[str, str], Any] | None = None) -> Document:
    """Read and parse one YAML file; problems are collected on the document, never raised.

    ``known``: the plain data of files read before without a problem, by how each was shown
    and its text: a file shown so, with that text, is given that data and not parsed again
    (the same text gives the same data). It keeps no node tree (``tree_of`` parses it, to
    place a problem).
    """
    doc = Document(path=path, shown=display_path(path, base))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            doc.issues.append(
                Issue.at(
                    doc.shown,
                    1,
                    1,
                    f"the file is too large ({size / 1048576:.1f} MB; content files may be at most {MAX_BYTES // 1048576} MB)",
                )
            )
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc.issues.append(Issue.at(doc.shown, 1, 1, f"cannot read the file: {exc.strerror or exc}"))
        return doc
    try:
        doc.text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.issues.append(
            Issue.at(
                doc.shown, line, col, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read): save it as UTF-8"
            )
        )
        return doc
    if known:
        text = doc.text.removeprefix("\ufeff")
        data = known.get((doc.shown, text), _UNKNOWN)
        if data is not _UNKNOWN:
            doc.text, doc.data = text, data
            return doc
    return _parse(doc)


_UNKNOWN: Any = object()


def read_text(text: str, path: Path, shown: str) -> Document:
    """Parse ``text`` as the content file ``path`` (e.g. its committed version), as ``read_document`` would."""
    doc = Document(path=path, shown=shown, text=text)
    return _parse(doc)


def _parse(doc: Document) -> Document:
    if doc.text.startswith("\ufeff"):
        doc.text = doc.text[1:]
    if not doc.text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in doc.text.splitlines()):
        doc.issues.append(Issue.at(doc.shown, 1, 1, "the file is empty: it should hold a mapping of fields"))
        return doc
    try:
        doc.node = _compose_fast(doc.text) if _plain_enough(doc.text) else _compose(doc.text)
    except _Stop as stop:
        doc.issues.append(Issue.at(doc.shown, stop.mark.line + 1, stop.mark.column + 1, stop.message))
        return doc
    except yaml.MarkedYAMLError as exc:
        line, col, what = syntax_message(exc, doc.text)
        doc.issues.append(Issue.at(doc.shown, line, col, what))
        return doc
    except yaml.YAMLError as exc:
        doc.issues.append(Issue.at(doc.shown, 1, 1, f"YAML syntax error: {exc}"))
        return doc
    if doc.node is None:
        doc.issues.append(Issue.at(doc.shown, 1, 1, "the file is empty: it should hold a mapping of fields"))
        return doc
    _check_duplicate_keys(doc, doc.node)
    if doc.issues:
        return doc
    doc.data = to_python(doc, doc.node)
    return doc


def syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """The line, column and words for a YAML syntax error: for the usual slips, in plain words with the fix.

    A tab in the indentation, a quote never closed (placed where it opens, not
    where the file ends), a colon and a space inside a value, and lines indented
    unlike their neighbours; anything else gets the parser's own words.
    """
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    problem, context = exc.problem or "", exc.context or ""
    if "cannot start any token" in problem and "\t" in here[: max(col, 1)]:
        return line, here.index("\t") + 1, "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"
    unclosed = _unclosed_quote(lines, line)
    if unclosed is not None:
        at_line, at_col, opened = unclosed
        return (
            at_line,
            at_col,
            f"the text that starts with {opened} here is never closed: end it with {opened} on the same line "
            '(a quote inside the text is written twice in single quotes, or as \\" in double quotes)',
        )
    if problem.startswith("mapping values are not allowed"):
        key, sep, value = here.partition(": ")
        if sep and col > len(key) + 2 and value.strip():
            indent = key[: len(key) - len(key.lstrip())]
            fixed = value.strip().replace('"', '\\"')
            return (
                line,
                col,
                (
                    "a colon and a space inside a value make YAML read a field name: put the value in quotes: "
                    f'{indent}{key.strip()}: "{fixed}"'
                ),
            )
        return (
            line,
            len(here) - len(here.lstrip()) + 1,
            (
                "this line is indented more than the line before it, which holds a value, not fields or a list: "
                "indent it as far as the field it belongs beside"
            ),
        )
    if problem.startswith(("expected <block end>", "did not find expected '-'", "did not find expected key")):
        where = exc.context_mark
        since = f" (the block it is in starts at line {where.line + 1})" if where is not None else ""
        return (
            line,
            col,
            (
                f"this line is not indented like the lines around it{since}: give the items of one list, and the fields of "
                "one mapping, the same number of spaces"
            ),
        )
    what = problem or context or "the YAML cannot be read"
    if problem and context and exc.context_mark:
        what += f" ({context} started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
    return line, col, f"YAML syntax error: {what}"


_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[^\s#'\"][^:#]*:\s+)?(['\"])")


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int, str] | None:
    """The first value in lines 1..``upto`` that opens a quote and does not close it on its line: (line, column, quote)."""
    for number, text in enumerate(lines[:upto], start=1):
        match = _QUOTED_VALUE.match(text)
        if match is None:
            continue
        quote, rest = match.group(1), text[match.end() :]
        closed = re.search(r"'(?!')", rest.replace("''", "")) if quote == "'" else re.search(r'(?<!\\)"', rest)
        if closed is None:
            return number, match.start(1) + 1, quote
    return None


# An anchor, alias or tag starts a node: after a space, bracket, comma or at a line's start.
_CAREFUL = re.compile(r"(?:^|[\s\[{,])[&*!](?![\s,\[\]{}*])|^(?:---|\.\.\.)", re.M)
_FLOW = re.compile(r"[\[\]{}]")


def _plain_enough(text: str) -> bool:
    """True when libyaml's own (recursive, much faster) composer is safe for ``text``.

    That is: no anchor, alias, tag or document marker anywhere (the careful composer
    reports those), and nesting far too shallow to exhaust the C stack: each block level
    needs one more column of indentation, each flow level one more bracket.
    """
    if _CAREFUL.search(text):
        return False
    indent = max((len(line) - len(line.lstrip(" ")) for line in text.splitlines()), default=0)
    depth = flow = 0
    for m in _FLOW.finditer(text):
        flow += 1 if m.group() in "[{" else -1
        depth = max(depth, flow)
    return indent + depth < 2 * MAX_DEPTH


def _compose_fast(text: str) -> Node | None:
    node = yaml.compose(text, Loader=_Loader)
    if node is not None:
        _check_depth(node)
    return node


def _check_depth(root: Node) -> None:
    pending: list[tuple[Node, int]] = [(root, 1)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, (MappingNode, SequenceNode)):
            if depth > MAX_DEPTH:
                raise _Stop(node.start_mark, f"the content is nested too deeply (more than {MAX_DEPTH} levels)")
            children = [v for pair in node.value for v in pair] if isinstance(node, MappingNode) else node.value
            pending.extend((child, depth + 1) for child in children)


def _compose(text: str) -> Node | None:
    """Build the node tree from libyaml's events, without recursion."""
    stack: list[tuple[Node, list[Any]]] = []
    root: Node | None = None
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Stop(event.start_mark, "the file holds more than one YAML document ('---'): keep one per file")
            continue
        if isinstance(event, yaml.AliasEvent):
            raise _Stop(
                event.start_mark,
                f"aliases (*{event.anchor}) are not allowed in content: write the value out, or refer to it by key",
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if event.anchor is not None:
                raise _Stop(
                    event.start_mark,
                    f"anchors (&{event.anchor}) are not allowed in content: write the value out, or refer to it by key",
                )
            if event.tag is not None and event.tag not in ("!", "tag:yaml.org,2002:str"):
                raise _Stop(event.start_mark, f"the tag {event.tag} is not allowed in content: remove it")
        node: Node
        if isinstance(event, yaml.ScalarEvent):
            tag = "tag:yaml.org,2002:str" if event.tag else str(_resolver.resolve(ScalarNode, event.value, event.implicit))  # type: ignore[no-untyped-call]
            # The C parser's marks behave as the pure-Python ones (line, column, index).
            node = ScalarNode(tag, event.value, cast(Mark, event.start_mark), cast(Mark, event.end_mark), event.style)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _Stop(event.start_mark, f"the content is nested too deeply (more than {MAX_DEPTH} levels)")
            cls = SequenceNode if isinstance(event, yaml.SequenceStartEvent) else MappingNode
            tag = "tag:yaml.org,2002:seq" if cls is SequenceNode else "tag:yaml.org,2002:map"
            node = cls(tag, [], cast(Mark, event.start_mark), cast(Mark, event.end_mark), event.flow_style)
            stack.append((node, []))
            continue
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node, items = stack.pop()
            node.end_mark = event.end_mark
            if isinstance(node, MappingNode):
                node.value = list(zip(items[0::2], items[1::2], strict=True))
            else:
                node.value = items
        else:
            continue
        if stack:
            stack[-1][1].append(node)
        else:
            root = node
    return root


def _check_duplicate_keys(doc: Document, root: Node) -> None:
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, MappingNode):
            seen: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in seen:
                        first = seen[key.value].start_mark.line + 1
                        doc.issue(
                            key,
                            f"duplicate key '{key.value}' (first given on line {first}): YAML would silently keep only the last one",
                        )
                    else:
                        seen[key.value] = key
                else:
                    doc.issue(key, "a key must be plain text, not a list or mapping")
                pending.append(value)
        elif isinstance(node, SequenceNode):
            pending.extend(node.value)


_constructor = yaml.constructor.SafeConstructor()


def to_python(doc: Document, node: Node) -> Any:
    """Plain data from a node (depth already bounded by the composer)."""
    if isinstance(node, MappingNode):
        # Keys are identifiers: keep them as written ('2.1' stays text, never the number 2.1).
        return {str(k.value): to_python(doc, v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [to_python(doc, item) for item in node.value]
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value


def locate(node: Node | None, loc: tuple[Any, ...], *, at_key: bool = False) -> Node | None:
    """The node at a location path; the deepest node found when the rest is missing.

    With ``at_key``, the node of the last key itself (an unknown or badly named key).
    """
    loc = tuple(p for p in loc if p != "[key]")
    current = node
    for i, part in enumerate(loc):
        if isinstance(current, MappingNode):
            for key, value in current.value:
                if isinstance(key, ScalarNode) and key.value == str(part):
                    current = key if at_key and i == len(loc) - 1 else value
                    break
            else:
                return current
        elif isinstance(current, SequenceNode) and isinstance(part, int) and 0 <= part < len(current.value):
            current = current.value[part]
        else:
            return current
    return current
