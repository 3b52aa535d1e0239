"""GraphML and GEXF 1.3 for Gephi: checked element by element with lxml and read back
with networkx.

The published XSD files (graphml.xsd, gexf.xsd 1.3) are not shipped by any package this
machine can install, so the checks below follow those schemas by hand: the root and its
namespace, keys/attributes declared before use, every value of its declared type, edges
between existing nodes.
"""

from __future__ import annotations

import datetime as dt
import io

import networkx as nx
import pytest
from lxml import etree

from export_network import TRICKY_NAMES, build_network
from netkort.services.export import ExportOptions, export
from netkort.store.models import Assessment, Person, Tie, Workspace

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"


@pytest.fixture
def full(workspace: Workspace) -> Workspace:
    build_network(workspace)
    return workspace


def data(workspace: Workspace, fmt: str) -> bytes:
    return export(workspace, ExportOptions(fmt, language="en")).data


def check_value(kind: str, text: str) -> None:
    assert text not in ("None", "[]", ""), text
    if kind in ("int", "integer", "long"):
        int(text)
    elif kind in ("double", "float"):
        float(text)
    elif kind == "boolean":
        assert text in ("true", "false")


def test_graphml_follows_the_schema(full: Workspace) -> None:
    root = etree.fromstring(data(full, "graphml"))
    assert root.tag == f"{GRAPHML}graphml"
    children = [c.tag for c in root]
    assert children[-1] == f"{GRAPHML}graph"
    assert set(children[:-1]) == {f"{GRAPHML}key"}
    keys = {k.get("id"): k for k in root.iter(f"{GRAPHML}key")}
    for key in keys.values():
        assert key.get("for") in ("node", "edge")
        assert key.get("attr.type") in ("boolean", "int", "long", "float", "double", "string")
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None and graph.get("edgedefault") == "undirected"
    node_ids = [n.get("id") for n in graph.iter(f"{GRAPHML}node")]
    assert len(node_ids) == len(set(node_ids))
    for edge in graph.iter(f"{GRAPHML}edge"):
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
    for element in graph.iter(f"{GRAPHML}node", f"{GRAPHML}edge"):
        for value in element.iter(f"{GRAPHML}data"):
            key = keys[value.get("key")]
            assert key.get("for") == etree.QName(element).localname
            check_value(key.get("attr.type"), value.text or "")


def test_graphml_reads_back_with_networkx(full: Workspace) -> None:
    graph = nx.read_graphml(io.BytesIO(data(full, "graphml")))
    persons = Person.objects.filter(workspace=full).count()
    assert graph.number_of_nodes() == persons + 1
    assert graph.number_of_edges() == persons + Tie.objects.filter(workspace=full).count()
    assert graph.nodes["me"]["kind"] == "me"
    arabic = Person.objects.get(workspace=full, display_name=TRICKY_NAMES[2])
    node = graph.nodes[f"p{arabic.pk}"]
    assert node["label"] == TRICKY_NAMES[2]
    assert node["closeness"] == arabic.closeness
    assert node["organisation"] == "Ærø Ølhus, A/S"
    assert "vip" in node["tags"]
    assessed = Assessment.objects.filter(workspace=full).select_related("person").first()
    assert assessed is not None
    roles = graph.nodes[f"p{assessed.person_id}"]
    assert roles["status"] == assessed.status
    assert roles["information"] is assessed.is_information
    assert graph.edges["me", f"p{arabic.pk}"]["weight"] > 0


def test_gexf_follows_the_1_3_schema(full: Workspace) -> None:
    root = etree.fromstring(data(full, "gexf"))
    assert root.tag == f"{GEXF}gexf"
    assert root.get("version") == "1.3"
    meta, graph = list(root)
    assert meta.tag == f"{GEXF}meta"
    dt.date.fromisoformat(meta.get("lastmodifieddate") or "")
    assert graph.tag == f"{GEXF}graph"
    assert graph.get("defaultedgetype") == "undirected"
    declared: dict[str, dict[str, str]] = {}
    for attributes in graph.iter(f"{GEXF}attributes"):
        cls = attributes.get("class")
        assert cls in ("node", "edge")
        declared[cls] = {a.get("id"): a.get("type") for a in attributes}
    tags = [c.tag for c in graph]
    assert tags == [f"{GEXF}attributes"] * 2 + [f"{GEXF}nodes", f"{GEXF}edges"]
    node_ids = {n.get("id") for n in graph.iter(f"{GEXF}node")}
    for cls, path in (("node", f"{GEXF}node"), ("edge", f"{GEXF}edge")):
        for element in graph.iter(path):
            for value in element.iter(f"{GEXF}attvalue"):
                check_value(declared[cls][value.get("for")], value.get("value") or "")
    for edge in graph.iter(f"{GEXF}edge"):
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
        float(edge.get("weight") or "")


def test_gexf_reads_back_with_networkx(full: Workspace) -> None:
    graph = nx.read_gexf(io.BytesIO(data(full, "gexf")), version="1.3")
    persons = Person.objects.filter(workspace=full).count()
    assert graph.number_of_nodes() == persons + 1
    arabic = Person.objects.get(workspace=full, display_name=TRICKY_NAMES[2])
    node = graph.nodes[f"p{arabic.pk}"]
    assert node["label"] == TRICKY_NAMES[2]
    assert node["closeness"] == arabic.closeness
    names = {graph.nodes[n]["label"] for n in graph}
    for name in TRICKY_NAMES:
        assert name in names
