"""Parse one XML part of a Word package without entities, DTDs or the network."""

from __future__ import annotations

from lxml import etree

from drafter.ooxml.errors import PackageError

_DOCTYPE = "tệp XML có khai báo DOCTYPE (DTD: có thể là bom XML hoặc thực thể ngoài): từ chối đọc"


def parse_xml(
    data: bytes,
    *,
    max_depth: int | None = None,
    remove_comments: bool = False,
    remove_pis: bool = False,
) -> etree._Element:
    """Parse one XML part and return its root element.

    Entities are not expanded, no DTD or network resource is loaded, and any
    document that declares a DOCTYPE is refused outright (Office never writes
    one; it is how entity bombs and external entities get in).  Nesting
    deeper than ``max_depth`` is refused (the parser's own cap of 256 levels
    holds whatever ``max_depth`` says).  Raises :class:`PackageError` for a
    DOCTYPE, too deep a tree or malformed XML.
    """
    if _declares_doctype(data):
        raise PackageError(_DOCTYPE)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=remove_comments,
        remove_pis=remove_pis,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"nội dung XML bị hỏng: {exc}") from exc
    # The byte scan above cannot see a DOCTYPE in an encoding it does not
    # decode; the parsed tree can.
    docinfo = root.getroottree().docinfo
    doctype: str = getattr(docinfo, "doctype", "")  # missing from lxml-stubs
    if doctype or docinfo.internalDTD is not None:
        raise PackageError(_DOCTYPE)
    if max_depth is not None and _deeper_than(root, max_depth):
        raise PackageError(f"nội dung XML lồng nhau quá sâu (hơn {max_depth} cấp): từ chối đọc")
    return root


def _deeper_than(root: etree._Element, max_depth: int) -> bool:
    """Whether the tree has more than ``max_depth`` levels of elements (the root is level 1)."""
    depth = 0
    for event, _element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > max_depth:
                return True
        else:
            depth -= 1
    return False


def _declares_doctype(data: bytes) -> bool:
    """Whether the XML prolog holds ``<!DOCTYPE``, in UTF-8/ASCII or UTF-16."""
    if b"<!DOCTYPE" in data:
        return True
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "<!DOCTYPE" in data.decode("utf-16", errors="replace")
    return False
