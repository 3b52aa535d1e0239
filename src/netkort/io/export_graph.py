"""Writing the network as GraphML and GEXF 1.3, the graph files Gephi, yEd and networkx open.

The graph holds "me", every person and every known tie. Values are converted before
writing: a missing value is left out (not written as "None"), a list becomes one
comma-separated string, and characters XML 1.0 cannot hold are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Literal

AttrType = Literal["string", "int", "double", "boolean"]
Value = str | int | float | bool | list[str] | None

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_TYPES = {"string": "string", "int": "integer", "double": "double", "boolean": "boolean"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(slots=True)
class Node:
    id: str
    label: str
    attrs: dict[str, Value] = field(default_factory=dict)


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    weight: float = 1.0
    attrs: dict[str, Value] = field(default_factory=dict)


@dataclass(slots=True)
class Graph:
    """Nodes and edges with attributes declared once in ``node_attrs``/``edge_attrs``."""

    node_attrs: dict[str, AttrType]
    edge_attrs: dict[str, AttrType]
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    description: str = ""


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def text_of(value: Value, kind: AttrType) -> str | None:
    """The attribute as XML text of its declared type, or None to leave it out."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, list):
        value = ", ".join(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "int":
        return str(int(value))
    if kind == "double":
        return repr(float(value))
    return clean(str(value))


def _document(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def write_graphml(graph: Graph) -> bytes:
    root = ET.Element(
        "graphml",
        {
            "xmlns": GRAPHML_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": (
                f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
            ),
        },
    )
    keys: dict[tuple[str, str], str] = {}
    declared = [("node", "label", "string")]
    declared += [("node", n, t) for n, t in graph.node_attrs.items()]
    declared += [("edge", "weight", "double")]
    declared += [("edge", n, t) for n, t in graph.edge_attrs.items()]
    for i, (where, name, kind) in enumerate(declared):
        keys[(where, name)] = f"d{i}"
        ET.SubElement(
            root,
            "key",
            {"id": f"d{i}", "for": where, "attr.name": name, "attr.type": kind},
        )
    body = ET.SubElement(root, "graph", {"id": "netkort", "edgedefault": "undirected"})
    for node in graph.nodes:
        el = ET.SubElement(body, "node", {"id": node.id})
        _graphml_data(el, keys["node", "label"], clean(node.label))
        for name, kind in graph.node_attrs.items():
            _graphml_data(el, keys["node", name], text_of(node.attrs.get(name), kind))
    for i, edge in enumerate(graph.edges):
        el = ET.SubElement(
            body, "edge", {"id": f"e{i}", "source": edge.source, "target": edge.target}
        )
        _graphml_data(el, keys["edge", "weight"], repr(float(edge.weight)))
        for name, kind in graph.edge_attrs.items():
            _graphml_data(el, keys["edge", name], text_of(edge.attrs.get(name), kind))
    return _document(root)


def _graphml_data(parent: ET.Element, key: str, text: str | None) -> None:
    if text is not None:
        ET.SubElement(parent, "data", {"key": key}).text = text


def write_gexf(graph: Graph, today: dt.date) -> bytes:
    root = ET.Element(
        "gexf",
        {
            "xmlns": GEXF_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd",
            "version": "1.3",
        },
    )
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": today.isoformat()})
    ET.SubElement(meta, "creator").text = "netkort"
    ET.SubElement(meta, "description").text = clean(graph.description)
    body = ET.SubElement(root, "graph", {"defaultedgetype": "undirected", "mode": "static"})
    _gexf_attributes(body, "node", graph.node_attrs)
    _gexf_attributes(body, "edge", graph.edge_attrs)
    nodes = ET.SubElement(body, "nodes")
    for node in graph.nodes:
        el = ET.SubElement(nodes, "node", {"id": node.id, "label": clean(node.label)})
        _gexf_values(el, graph.node_attrs, node.attrs)
    edges = ET.SubElement(body, "edges")
    for i, edge in enumerate(graph.edges):
        el = ET.SubElement(
            edges,
            "edge",
            {
                "id": str(i),
                "source": edge.source,
                "target": edge.target,
                "weight": repr(float(edge.weight)),
            },
        )
        _gexf_values(el, graph.edge_attrs, edge.attrs)
    return _document(root)


def _gexf_attributes(parent: ET.Element, cls: str, attrs: dict[str, AttrType]) -> None:
    el = ET.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
    for name, kind in attrs.items():
        ET.SubElement(el, "attribute", {"id": name, "title": name, "type": GEXF_TYPES[kind]})


def _gexf_values(el: ET.Element, declared: dict[str, AttrType], attrs: dict[str, Value]) -> None:
    values = [(n, text_of(attrs.get(n), kind)) for n, kind in declared.items()]
    present = [(n, v) for n, v in values if v is not None]
    if present:
        holder = ET.SubElement(el, "attvalues")
        for name, value in present:
            ET.SubElement(holder, "attvalue", {"for": name, "value": value})
