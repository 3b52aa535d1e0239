"""GraphML and GEXF 1.3 for Gephi: validated, checked element by element with lxml, and
read back with networkx.

GraphML is validated against the published XSD files (GraphML 1.1, the same namespace),
as the npm package graphml-moddle ships them (a dev dependency in package.json), with
the XLink schema they import from the PyPI package xmlschema; nothing is fetched. No
package on PyPI or npm ships the GEXF 1.3 XSD files, so the GEXF checks follow that
schema by hand: the root and its namespace, attributes declared before use, every value
of its declared type, edges between existing nodes.
"""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from export_network import TRICKY_NAMES, build_network
from netkort.services.export import ExportOptions, export
from netkort.store.models import Assessment, Person, Tie, Workspace

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GRAPHML_XSD = Path(__file__).parents[1] / "node_modules/graphml-moddle/resources/graphml/xsd"
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


class LocalSchemas(etree.Resolver):
    """The schemas the GraphML XSD imports, from the packages' files (never the network)."""

    def resolve(self, url: str, public_id: str, context: object) -> object:
        if not url.startswith(("http:", "https:")):
            return None  # a file of the package itself
        schemas = resources.files("xmlschema") / "schemas"
        local = {
            "graphml-structure.xsd": GRAPHML_XSD / "graphml-structure.xsd",
            "xlink.xsd": schemas / "XLINK" / "xlink.xsd",
            "xml.xsd": schemas / "XML" / "xml.xsd",
        }.get(url.rsplit("/", 1)[-1])
        if local is None:
            raise AssertionError(f"the schema would fetch {url}")
        return self.resolve_filename(str(local), context)


def graphml_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(GRAPHML_XSD / "graphml.xsd"), parser))


def test_graphml_is_valid_against_the_published_schema(full: Workspace) -> None:
    schema = graphml_schema()
    document = etree.fromstring(data(full, "graphml"))
    assert schema.validate(document), schema.error_log
    # The schema does catch a broken file: an edge without a target.
    edge = document.find(f"{GRAPHML}graph/{GRAPHML}edge")
    assert edge is not None
    del edge.attrib["target"]
    assert not schema.validate(document)


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


def test_nodes_carry_the_analysis_scores(full: Workspace) -> None:
    from netkort.services import analysis, plan

    measures = analysis.measures(full)
    goal = plan.goal_for(full)
    assert goal is not None
    top = plan.plan_for(full, goal, top=5).rows
    assert measures.brokers and top
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(io.BytesIO(data(full, fmt)))
        persons = [n for n in graph if n != "me"]
        for node in persons:
            attrs = graph.nodes[node]
            pid = int(node[1:])
            assert 0 <= attrs["tie_strength"] <= 1, (fmt, node)
            assert attrs["ring"] == measures.rings[pid], (fmt, node)
            assert isinstance(attrs["broker"], bool)
            assert "priority" in attrs
        for broker in measures.brokers:
            attrs = graph.nodes[f"p{broker.person.id}"]
            assert attrs["broker"] is True
            assert attrs["constraint"] == pytest.approx(broker.constraint, abs=1e-3)
            assert attrs["effective_size"] == pytest.approx(broker.effective_size, abs=1e-2)
        # The action list's order is the order of the priority scores.
        shown = [graph.nodes[f"p{row.person_id}"]["priority"] for row in top]
        assert shown[0] == pytest.approx(top[0].score, abs=0.01)
        assert max(graph.nodes[n]["priority"] for n in persons) >= shown[0] - 0.01
