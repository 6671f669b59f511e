"""WeasyPrint's structure tree made PDF/UA-1: what it tags page by page, made one tree of the document.

WeasyPrint 70 builds the structure tree of each page apart, from the boxes laid out on
it: an element that runs over a page break (a section, a table, a row, a list) becomes
one structure element per page, a table repeats its header row as a second ``THead``,
a description list is tagged ``L > Div > LI``, a list item's paragraphs may sit beside
its ``LBody``, the running header and page numbers (the page's margin boxes) are marked
content that no element holds and no artifact marks, a link's description is its raw
target (``#noteref-1``), and no element says it is in another language than the page.

``record_sources`` wraps WeasyPrint's tree builder to note, on each structure element,
the HTML element it was made from (and to describe each link by its text); ``fix_tree``,
run as the PDF's finisher before it is written, then merges each element's pieces into
one, drops the repeated header rows (they become artifacts, their header ids mapped to
the first's), puts list items, labels and bodies where PDF/UA-1 wants them, marks
``/Lang`` where the HTML says ``lang``, rebuilds the parent tree, and turns every
marked content sequence no element holds into an ``/Artifact``.  Everything is in
pydyf's objects, in document order: the same page gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pydyf

_SOURCE = "_nvap_source"
"""The attribute of a structure element (a pydyf Dictionary) holding (HTML element, tag) it was made from."""


def record_sources(tags_module: Any) -> None:
    """Wrap ``weasyprint.pdf.tags._build_box_tree`` (once) to note each structure element's HTML element."""
    original: Callable[..., Iterator[Any]] = tags_module._build_box_tree
    if getattr(original, "_nvap_recording", False):
        return

    def build_box_tree(
        box: Any, parent: Any, pdf: Any, page_number: int, nums: Any, annotations: Any, tags: Any
    ) -> Iterator[Any]:
        source = getattr(box, "_box", box)  # an absolute element's placeholder
        annotation = getattr(source, "link_annotation", None)
        if annotation is not None and source.element is not None:
            # A link is described by its words, not by its target (PDF/UA-1 7.18.5).
            text = " ".join("".join(source.element.itertext()).split())
            if text:
                annotation["Contents"] = pydyf.String(text)
        for element in original(box, parent, pdf, page_number, nums, annotations, tags):
            if not hasattr(element, _SOURCE) and source.element is not None:
                setattr(element, _SOURCE, (source.element, source.element_tag))
            yield element

    build_box_tree._nvap_recording = True  # type: ignore[attr-defined]
    tags_module._build_box_tree = build_box_tree


@dataclass(eq=False)
class _Node:
    """A structure element and its kids, as the finisher rearranges them."""

    obj: Any
    kids: list[_Node | _Content] = field(default_factory=list)

    @property
    def tag(self) -> str:
        return str(self.obj["S"]).lstrip("/")

    @property
    def source(self) -> tuple[Any, str] | None:
        return getattr(self.obj, _SOURCE, None)

    def same_source(self, other: _Node) -> bool:
        mine, theirs = self.source, other.source
        return mine is not None and theirs is not None and mine[0] is theirs[0] and mine[1] == theirs[1] and self.tag == other.tag


@dataclass(frozen=True, eq=False)
class _Content:
    """Marked content (``mcid`` on ``page``) or an annotation (``objr``, an OBJR dictionary) an element holds."""

    page: bytes
    mcid: int | None = None
    objr: Any = None


class _Tree:
    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.pages: list[bytes] = list(pdf.page_references)
        self.header_ids: dict[str, str] = {}

    def get(self, reference: bytes) -> Any:
        return self.pdf.objects[int(reference.split()[0])]

    def read(self, obj: Any) -> _Node:
        node = _Node(obj)
        page = obj.get("Pg", b"")
        for kid in obj["K"]:
            if isinstance(kid, int):
                node.kids.append(_Content(page, mcid=kid))
                continue
            target = self.get(kid)
            if target.get("Type") == "/OBJR":
                node.kids.append(_Content(target["Pg"], objr=target))
            else:
                node.kids.append(self.read(target))
        return node

    def new(self, tag: str, kids: list[_Node | _Content], like: _Node) -> _Node:
        obj = pydyf.Dictionary({"Type": "/StructElem", "S": f"/{tag}", "K": pydyf.Array(), "Pg": like.obj.get("Pg")})
        self.pdf.add_object(obj)
        return _Node(obj, kids)


def fix_tree(pdf: Any) -> None:
    """Make the structure tree WeasyPrint wrote for ``pdf`` (a pydyf PDF, not yet written) PDF/UA-1's: see the module."""
    catalog_root = pdf.catalog.get("StructTreeRoot")
    if catalog_root is None:
        return
    tree = _Tree(pdf)
    root = tree.get(catalog_root)
    document = tree.read(tree.get(root["K"][0]))
    page_lang = str(getattr(pdf.catalog.get("Lang"), "string", ""))
    _merge_pieces(tree, document)
    _fill_headers(document)
    _one_annotation_a_link(tree, document, inside_link=False)
    _fix_lists(tree, document)
    _mark_languages(document, page_lang)
    _write(tree, document)
    _rebuild_parent_tree(tree, root, document)


def _merge_pieces(tree: _Tree, node: _Node) -> None:
    """One element for each HTML element a page break cut: later pieces' kids appended to the first's."""
    kids: list[_Node | _Content] = []
    for kid in node.kids:
        last = kids[-1] if kids else None
        if isinstance(kid, _Node) and isinstance(last, _Node) and last.same_source(kid):
            _append_piece(tree, last, kid)
        else:
            kids.append(kid)
    node.kids = kids
    for kid in node.kids:
        if isinstance(kid, _Node):
            _merge_pieces(tree, kid)


def _append_piece(tree: _Tree, first: _Node, piece: _Node) -> None:
    for kid in piece.kids:
        earlier = (
            next((k for k in first.kids if isinstance(k, _Node) and k.same_source(kid)), None) if isinstance(kid, _Node) else None
        )
        if isinstance(kid, _Node) and kid.tag == "THead" and earlier is not None:
            # The header row a table repeats on a later page: its cells' ids are the first's.
            _map_header_ids(tree, earlier, kid)
            continue
        first.kids.append(kid)


def _map_header_ids(tree: _Tree, first: _Node, repeat: _Node) -> None:
    for kept, dropped in zip(_header_cells(first), _header_cells(repeat), strict=False):
        if "ID" in kept.obj and "ID" in dropped.obj:
            tree.header_ids[dropped.obj["ID"].string] = kept.obj["ID"].string


def _header_cells(node: _Node) -> Iterator[_Node]:
    for kid in node.kids:
        if isinstance(kid, _Node):
            if kid.tag == "TH":
                yield kid
            yield from _header_cells(kid)


def _fill_headers(node: _Node) -> None:
    """A cell of a row a page break cut, tagged on the later page with no header: its row's and column's headers."""
    if node.tag != "Table":
        for kid in node.kids:
            if isinstance(kid, _Node):
                _fill_headers(kid)
        return
    rows = list(_rows(node))
    heads = next((r for r in _rows(node, head=True)), None)
    columns = [c.obj.get("ID") for c in _cells(heads)] if heads is not None else []
    for row in rows:
        cells = list(_cells(row))
        row_headers = [c.obj["ID"] for c in cells if c.tag == "TH" and "ID" in c.obj]
        for j, cell in enumerate(cells):
            attributes = cell.obj.get("A")
            if cell.tag == "TD" and isinstance(attributes, dict) and not attributes.get("Headers"):
                column = [columns[j]] if j < len(columns) and columns[j] is not None else []
                attributes["Headers"] = pydyf.Array([*row_headers, *column])


def _rows(node: _Node, *, head: bool = False) -> Iterator[_Node]:
    for kid in node.kids:
        if isinstance(kid, _Node):
            if kid.tag == "TR":
                yield kid
            elif kid.tag in ("THead", "TBody", "TFoot") and (kid.tag == "THead") == head:
                yield from _rows(kid, head=False)


def _cells(row: _Node) -> Iterator[_Node]:
    return (k for k in row.kids if isinstance(k, _Node) and k.tag in ("TH", "TD"))


def _one_annotation_a_link(tree: _Tree, node: _Node, *, inside_link: bool) -> None:
    """A link's words in an element of their own (``<a><span lang="en">``) get a second annotation: it goes."""
    inside_link = inside_link or node.tag == "Link"
    kept: list[_Node | _Content] = []
    for kid in node.kids:
        if isinstance(kid, _Content) and kid.objr is not None and node.tag != "Link" and inside_link:
            page = tree.get(kid.objr["Pg"])
            page["Annots"] = pydyf.Array(a for a in page["Annots"] if a != kid.objr["Obj"])
            continue
        if isinstance(kid, _Node):
            _one_annotation_a_link(tree, kid, inside_link=inside_link)
        kept.append(kid)
    node.kids = kept


_LIST_KIDS = {"L", "LI", "Caption"}


def _fix_lists(tree: _Tree, node: _Node) -> None:
    """List items in lists, and a list item's content in its label and body (PDF/UA-1 7.6)."""
    if node.tag == "L":
        node.kids = [_as_list_item(tree, kid, node) for kid in node.kids]
    elif node.tag == "LI":
        labels = [k for k in node.kids if isinstance(k, _Node) and k.tag == "Lbl"]
        rest = [k for k in node.kids if not (isinstance(k, _Node) and k.tag == "Lbl")]
        if not (len(rest) == 1 and isinstance(rest[0], _Node) and rest[0].tag == "LBody"):
            body: list[_Node | _Content] = []
            for kid in rest:
                body.extend(kid.kids if isinstance(kid, _Node) and kid.tag == "LBody" else [kid])
            rest = [tree.new("LBody", body, node)] if body else []
        node.kids = [*labels, *rest]
    else:
        # A list item outside a list (a description list's term and details in a Div): in a list of its own.
        kids: list[_Node | _Content] = []
        for kid in node.kids:
            if isinstance(kid, _Node) and kid.tag == "LI":
                last = kids[-1] if kids else None
                if isinstance(last, _Node) and last.tag == "L" and last.source is None:
                    last.kids.append(kid)
                    continue
                kids.append(tree.new("L", [kid], node))
            else:
                kids.append(kid)
        node.kids = kids
    for kid in node.kids:
        if isinstance(kid, _Node):
            _fix_lists(tree, kid)


def _body(item: _Node) -> list[_Node | _Content]:
    """What a list item holds, without its LBody."""
    return [c for k in item.kids for c in (k.kids if isinstance(k, _Node) and k.tag == "LBody" else [k])]


def _as_list_item(tree: _Tree, kid: _Node | _Content, parent: _Node) -> _Node | _Content:
    if isinstance(kid, _Node) and kid.tag in _LIST_KIDS:
        return kid
    if isinstance(kid, _Node) and kid.tag == "Div":
        items = [k for k in kid.kids if isinstance(k, _Node) and k.tag == "LI"]
        if len(items) >= 2 and len(items) == len(kid.kids):
            # A description list's group (<div><dt>...</dt><dd>...</dd></div>): one item, the term its label.
            kid.obj["S"] = "/LI"
            kid.kids = [tree.new("Lbl", _body(items[0]), kid), tree.new("LBody", [c for i in items[1:] for c in _body(i)], kid)]
            return kid
    return tree.new("LI", [tree.new("LBody", [kid], parent)], parent)


def _mark_languages(node: _Node, lang: str) -> None:
    """``/Lang`` on each element whose HTML element's language differs from the one around it."""
    source = node.source
    own = source[0].get("lang") if source is not None and hasattr(source[0], "get") else None
    if own and own != lang:
        node.obj["Lang"] = pydyf.String(own)
        lang = own
    for kid in node.kids:
        if isinstance(kid, _Node):
            _mark_languages(kid, lang)


def _write(tree: _Tree, node: _Node) -> None:
    """Each element's kids and parent as the rearranged tree has them; a repeated header's cell ids as the first's."""
    page = node.obj.get("Pg")
    kids = pydyf.Array()
    for kid in node.kids:
        if isinstance(kid, _Node):
            kid.obj["P"] = node.obj.reference
            _write(tree, kid)
            kids.append(kid.obj.reference)
        elif kid.objr is not None:
            kids.append(kid.objr.reference)
        elif kid.page == page:
            kids.append(kid.mcid)
        else:
            kids.append(pydyf.Dictionary({"Type": "/MCR", "Pg": kid.page, "MCID": kid.mcid}))
    node.obj["K"] = kids
    attributes = node.obj.get("A")
    if tree.header_ids and isinstance(attributes, dict) and "Headers" in attributes:
        attributes["Headers"] = pydyf.Array(pydyf.String(tree.header_ids.get(h.string, h.string)) for h in attributes["Headers"])


def _rebuild_parent_tree(tree: _Tree, root: Any, document: _Node) -> None:
    """The parent tree from the tree as it now is; marked content no element holds becomes an artifact."""
    held: dict[bytes, dict[int, bytes]] = {page: {} for page in tree.pages}
    annotations: list[tuple[Any, bytes]] = []

    def walk(node: _Node) -> None:
        for kid in node.kids:
            if isinstance(kid, _Node):
                walk(kid)
            elif kid.objr is not None:
                annotations.append((tree.get(kid.objr["Obj"]), node.obj.reference))
            else:
                held[kid.page][kid.mcid] = node.obj.reference  # type: ignore[index]

    walk(document)
    nums = pydyf.Array()
    for number, page in enumerate(tree.pages):
        highest = _artifacts_outside(tree, page, held[page])
        nums.extend([number, pydyf.Array(held[page].get(mcid, "null") for mcid in range(highest + 1))])
    for key, (annotation, parent) in enumerate(annotations, start=len(tree.pages)):
        annotation["StructParent"] = key
        nums.extend([key, parent])
    tree.get(root["ParentTree"])["Nums"] = nums


def _artifacts_outside(tree: _Tree, page: bytes, held: dict[int, bytes]) -> int:
    """Turn the page's marked content no element holds into artifacts; the highest MCID still held (-1: none)."""
    page_obj = tree.get(page)
    stream = tree.get(page_obj["Contents"])
    operations = stream.stream
    rewritten: list[Any] = []
    i = 0
    while i < len(operations):
        operation = operations[i]
        if (
            isinstance(operation, dict)
            and "MCID" in operation
            and i + 1 < len(operations)
            and operations[i + 1] == b"BDC"
            and rewritten
            and operation["MCID"] not in held
        ):
            rewritten[-1] = "/Artifact"
            rewritten.append(b"BMC")
            i += 2
            continue
        rewritten.append(operation)
        i += 1
    stream.stream = rewritten
    return max(held, default=-1)
