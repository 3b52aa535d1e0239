// The network map: sigma.js draws what the server laid out (positions come from
// netkort.analysis.layout), and this module wires the controls to it. Bundled by
// scripts/build-assets.mjs into static/vendor/netkort-map.js; no inline code (CSP).
import Graph from "graphology";
import Sigma from "sigma";

const ME = "me";
const HUB = "hub:";
const TIE_COLOUR = "rgba(70, 70, 70, 0.3)";
const TREE_COLOUR = "rgba(60, 60, 60, 0.35)";
const HIGHLIGHT = "#111111";
const GUIDE = "rgba(120, 120, 120, 0.35)";

function fold(text) {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

function byId(id) {
  return document.getElementById(id);
}

class NetworkMap {
  constructor(root, data, strings) {
    this.root = root;
    this.data = data;
    this.strings = strings;
    this.view = "rings";
    this.colour = byId("map-colour").value;
    this.size = byId("map-size").value;
    this.filters = {};
    this.visible = new Uint8Array(data.n).fill(1);
    this.selected = null;
    this.showTies = !data.edgesOff;
    this.hoverEdges = [];
    this.folded = null;
    this.adjacency = null;
    this.pendingSizes = new Set();
    this.graph = new Graph({ multi: false, type: "undirected" });
  }

  start() {
    this.addNodes();
    byId("map-edges").checked = this.showTies;
    this.renderer = new Sigma(this.graph, byId("map-canvas"), {
      renderLabels: byId("map-labels").checked,
      labelRenderedSizeThreshold: 7,
      stagePadding: 60,
      labelDensity: 0.6,
      hideEdgesOnMove: this.data.n > 5000,
      zIndex: true,
      defaultEdgeColor: TIE_COLOUR,
      minCameraRatio: 0.01,
      maxCameraRatio: 4,
      nodeReducer: (node, attrs) => this.reduceNode(node, attrs),
      edgeReducer: (edge, attrs) => this.reduceEdge(edge, attrs),
    });
    this.renderer.createCanvasContext("guides", { beforeLayer: "edges" });
    this.renderer.resize(true);
    this.renderer.on("afterRender", () => this.drawGuides());
    this.wireEvents();
    this.setTies(this.showTies);
    this.applyColour();
    if (!this.data.sizes[this.size]) this.fetchSizes(this.size);
    this.buildFilters();
    this.updateStatus();
    this.updateSvgLink();
  }

  // --- the graph -----------------------------------------------------------------------

  addNodes() {
    const d = this.data;
    const pos = d.views.rings;
    // A goal size mode the browser kept selected across a reload arrives later.
    const sizes = (d.sizes[this.size] ?? Object.values(d.sizes)[0]).of;
    for (let i = 0; i < d.n; i++) {
      this.graph.addNode(String(i), {
        x: pos.x[i],
        y: pos.y[i],
        size: sizes[i],
        label: d.label[i],
        color: "#888",
        zIndex: 1,
      });
    }
    this.graph.addNode(ME, {
      x: 0,
      y: 0,
      size: 11,
      label: d.me,
      color: HIGHLIGHT,
      forceLabel: true,
      zIndex: 3,
    });
    d.sectors.forEach((sector, k) => {
      const [x, y] = this.sectorLabelPosition(k);
      this.graph.addNode(HUB + k, {
        x,
        y,
        size: 3,
        label: sector.label,
        color: "#666",
        forceLabel: true,
        zIndex: 2,
      });
    });
  }

  sectorLabelPosition(k) {
    if (this.view === "mind") return this.data.views.mind.hubs[k];
    const sector = this.data.sectors[k];
    const middle = (sector.start + sector.end) / 2;
    const radius = this.data.rings[this.data.rings.length - 1][1] * 1.08;
    return [Math.round(radius * Math.cos(middle)), Math.round(radius * Math.sin(middle))];
  }

  setView(view) {
    this.view = view;
    const pos = this.data.views[view];
    this.graph.updateEachNodeAttributes((node, attrs) => {
      if (node === ME) return attrs;
      if (node.startsWith(HUB)) {
        const [x, y] = this.sectorLabelPosition(Number(node.slice(HUB.length)));
        return { ...attrs, x, y, size: view === "mind" ? 8 : 3 };
      }
      const i = Number(node);
      return { ...attrs, x: pos.x[i], y: pos.y[i] };
    });
    this.setTree(view === "mind");
    this.renderer.getCamera().animatedReset({ duration: 300 });
    this.updateSvgLink();
    this.afterFrames(() => {
      document.body.dataset.view = view;
    });
  }

  setTree(on) {
    this.dropEdges("tree:");
    if (!on) return;
    this.data.sectors.forEach((_s, k) => {
      this.graph.addEdgeWithKey(`tree:me:${k}`, ME, HUB + k, { color: TREE_COLOUR, size: 2 });
    });
    // Branches to every person only where they stay readable and cheap to draw.
    if (this.data.edgesOff) return;
    for (let i = 0; i < this.data.n; i++) {
      const hub = HUB + this.data.sector[i];
      this.graph.addEdgeWithKey(`tree:${i}`, hub, String(i), { color: TREE_COLOUR, size: 0.5 });
    }
  }

  dropEdges(prefix) {
    for (const edge of this.graph.filterEdges((key) => key.startsWith(prefix))) {
      this.graph.dropEdge(edge);
    }
  }

  adjacent() {
    if (!this.adjacency) {
      const ties = this.data.ties;
      this.adjacency = Array.from({ length: this.data.n }, () => []);
      for (let k = 0; k < ties.length; k += 2) {
        this.adjacency[ties[k]].push(ties[k + 1]);
        this.adjacency[ties[k + 1]].push(ties[k]);
      }
    }
    return this.adjacency;
  }

  setTies(on) {
    this.showTies = on;
    const ties = this.data.ties;
    if (on) {
      this.clearHoverTies();
      for (let k = 0; k < ties.length; k += 2) {
        this.graph.mergeEdgeWithKey(`tie:${k}`, String(ties[k]), String(ties[k + 1]), { size: 1 });
      }
    } else {
      this.dropEdges("tie:");
    }
    this.afterFrames(() => {
      document.body.dataset.ties = on ? "shown" : "hidden";
    });
  }

  showHoverTies(node) {
    if (this.showTies || node === ME || node.startsWith(HUB)) return;
    const i = Number(node);
    document.body.dataset.hoverTies = String(this.adjacent()[i].length);
    for (const j of this.adjacent()[i]) {
      const key = `hover:${Math.min(i, j)}:${Math.max(i, j)}`;
      if (!this.graph.hasEdge(key)) {
        this.graph.addEdgeWithKey(key, String(i), String(j), { color: HIGHLIGHT, size: 1 });
        this.hoverEdges.push(key);
      }
    }
  }

  clearHoverTies() {
    for (const key of this.hoverEdges) if (this.graph.hasEdge(key)) this.graph.dropEdge(key);
    this.hoverEdges = [];
    delete document.body.dataset.hoverTies;
  }

  // --- colours, sizes, filters ---------------------------------------------------------

  applyColour() {
    const mode = this.data.colours[this.colour];
    const colours = mode.legend.map((entry) => entry[1]);
    this.graph.updateEachNodeAttributes((node, attrs) => {
      if (node === ME || node.startsWith(HUB)) return attrs;
      return { ...attrs, color: colours[mode.of[Number(node)]] };
    });
    this.buildLegend(mode);
    this.updateSvgLink();
    this.afterFrames(() => {
      document.body.dataset.colour = this.colour;
    });
  }

  applySize() {
    const mode = this.data.sizes[this.size];
    if (!mode) {
      this.fetchSizes(this.size);
      return;
    }
    const sizes = mode.of;
    this.graph.updateEachNodeAttributes((node, attrs) => {
      if (node === ME || node.startsWith(HUB)) return attrs;
      return { ...attrs, size: sizes[Number(node)] };
    });
    this.afterFrames(() => {
      document.body.dataset.size = this.size;
    });
  }

  // Goal size modes (priority) cost the server the analysis, so they come only when picked.
  fetchSizes(key) {
    const select = byId("map-size");
    const option = Array.from(select.options).find((o) => o.value === key);
    if (!option?.dataset.src || this.pendingSizes.has(key)) return;
    this.pendingSizes.add(key);
    select.setAttribute("aria-busy", "true");
    fetch(option.dataset.src, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((sizes) => {
        // Sizes are aligned by position: refuse them if the persons changed meanwhile.
        if (sizes.n !== this.data.n || sizes.idSum !== this.idSum()) throw new Error("changed");
        this.data.sizes[key] = sizes;
        if (this.size === key) this.applySize();
      })
      .catch(() => {
        byId("map-status").textContent = this.strings.sizes_failed;
        document.body.dataset.sizeFailed = key;
      })
      .finally(() => {
        this.pendingSizes.delete(key);
        select.removeAttribute("aria-busy");
      });
  }

  idSum() {
    return this.data.id.reduce((sum, id) => sum + id, 0);
  }

  buildLegend(mode) {
    const counts = new Array(mode.legend.length).fill(0);
    for (const c of mode.of) counts[c] += 1;
    const list = byId("map-legend");
    list.replaceChildren();
    byId("map-legend-title").textContent = mode.label;
    mode.legend.forEach(([label, colour], c) => {
      if (!counts[c]) return;
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = colour;
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, `${label} (${counts[c].toLocaleString()})`);
      list.append(item);
    });
  }

  buildFilters() {
    const box = byId("map-filters");
    this.data.filters.forEach((filter) => {
      const field = document.createElement("div");
      const label = document.createElement("label");
      label.textContent = filter.label;
      label.htmlFor = `map-filter-${filter.key}`;
      const select = document.createElement("select");
      select.id = label.htmlFor;
      select.name = `filter-${filter.key}`;
      select.dataset.filter = filter.key;
      select.append(new Option(this.strings.all, ""));
      filter.options.forEach((option, k) => select.append(new Option(option, String(k))));
      select.addEventListener("change", () => {
        if (select.value === "") delete this.filters[filter.key];
        else this.filters[filter.key] = Number(select.value);
        this.applyFilters();
      });
      field.append(label, select);
      box.append(field);
    });
  }

  applyFilters() {
    const active = this.data.filters.filter((f) => f.key in this.filters);
    let shown = 0;
    for (let i = 0; i < this.data.n; i++) {
      let ok = 1;
      for (const f of active) {
        const value = f.of[i];
        const wanted = this.filters[f.key];
        if (Array.isArray(value) ? !value.includes(wanted) : value !== wanted) {
          ok = 0;
          break;
        }
      }
      this.visible[i] = ok;
      shown += ok;
    }
    this.renderer.refresh();
    this.updateStatus(shown);
    this.afterFrames(() => {
      document.body.dataset.shown = String(shown);
    });
  }

  reduceNode(node, attrs) {
    if (node === ME || node.startsWith(HUB)) return attrs;
    const i = Number(node);
    if (!this.visible[i]) return { ...attrs, hidden: true };
    if (this.selected === i) return { ...attrs, highlighted: true, forceLabel: true, zIndex: 3 };
    return attrs;
  }

  reduceEdge(edge, attrs) {
    const [source, target] = this.graph.extremities(edge);
    const hidden = (node) => node !== ME && !node.startsWith(HUB) && !this.visible[Number(node)];
    if (hidden(source) || hidden(target)) return { ...attrs, hidden: true };
    return attrs;
  }

  updateStatus(shown) {
    const count = shown ?? this.data.n;
    const text =
      count === this.data.n
        ? this.strings.all_shown.replace("%(count)s", count.toLocaleString())
        : this.strings.some_shown
            .replace("%(shown)s", count.toLocaleString())
            .replace("%(count)s", this.data.n.toLocaleString());
    byId("map-status").textContent = text;
  }

  // --- guides: rings and sector borders behind the nodes ---------------------------------

  drawGuides() {
    const ctx = this.renderer.getCanvases().guides.getContext("2d");
    const { width, height } = this.renderer.getDimensions();
    ctx.clearRect(0, 0, width, height);
    if (this.view !== "rings") return;
    const centre = this.renderer.graphToViewport({ x: 0, y: 0 });
    const scale = (r) => {
      const p = this.renderer.graphToViewport({ x: r, y: 0 });
      return Math.hypot(p.x - centre.x, p.y - centre.y);
    };
    ctx.strokeStyle = GUIDE;
    ctx.lineWidth = 1;
    const rings = this.data.rings;
    for (const [inner, outer] of rings) {
      ctx.beginPath();
      ctx.arc(centre.x, centre.y, scale((inner + outer) / 2), 0, 2 * Math.PI);
      ctx.setLineDash([2, 4]);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    const far = scale(rings[rings.length - 1][1]);
    const near = scale(rings[0][0]);
    for (const sector of this.data.sectors) {
      // Sector angles are in graph space (y up); the viewport's y points down.
      const a = sector.start;
      ctx.beginPath();
      ctx.moveTo(centre.x + near * Math.cos(a), centre.y - near * Math.sin(a));
      ctx.lineTo(centre.x + far * Math.cos(a), centre.y - far * Math.sin(a));
      ctx.stroke();
    }
  }

  // --- search, selection, side panel ------------------------------------------------------

  search(query) {
    const terms = fold(query).split(/\s+/).filter(Boolean);
    const list = byId("map-results");
    list.replaceChildren();
    if (!terms.length) return [];
    if (!this.folded) this.folded = this.data.label.map(fold);
    const hits = [];
    for (let i = 0; i < this.data.n && hits.length < 200; i++) {
      if (terms.every((t) => this.folded[i].includes(t))) hits.push(i);
    }
    const first = terms[0];
    hits.sort((a, b) => {
      const pa = this.folded[a].startsWith(first) ? 0 : 1;
      const pb = this.folded[b].startsWith(first) ? 0 : 1;
      return pa - pb || this.folded[a].localeCompare(this.folded[b]);
    });
    for (const i of hits.slice(0, 10)) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "outline secondary";
      button.textContent = this.data.label[i];
      button.addEventListener("click", () => this.select(i, true));
      item.append(button);
      list.append(item);
    }
    byId("map-search-status").textContent = hits.length
      ? this.strings.found.replace("%(count)s", String(hits.length))
      : this.strings.none_found;
    return hits;
  }

  select(i, fly) {
    this.selected = i;
    if (fly) {
      const display = this.renderer.getNodeDisplayData(String(i));
      if (display) {
        this.renderer
          .getCamera()
          .animate({ x: display.x, y: display.y, ratio: 0.3 }, { duration: 500 });
      }
    }
    this.renderer.refresh();
    this.openPanel(i);
  }

  openPanel(i) {
    const url = this.root.dataset.personUrl.replace(/\/0\/$/, `/${this.data.id[i]}/`);
    const panel = byId("map-panel");
    fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        panel.innerHTML = html;
        // The panel's own forms (logging a contact) post with htmx.
        if (window.htmx) window.htmx.process(panel);
        panel.dataset.person = String(this.data.id[i]);
        panel.focus({ preventScroll: true });
      })
      .catch(() => {
        panel.textContent = this.strings.panel_failed;
      });
  }

  // --- export ------------------------------------------------------------------------------

  updateSvgLink() {
    const link = byId("map-svg");
    const url = new URL(link.href, window.location.href);
    url.searchParams.set("colour", this.colour);
    url.searchParams.set("view", this.view);
    url.searchParams.set("labels", byId("map-labels").checked ? "1" : "0");
    link.href = url.pathname + url.search;
  }

  exportPng() {
    // The WebGL layers keep their pixels only until the frame is shown, so copy them
    // right after a render.
    this.renderer.once("afterRender", () => {
      const canvases = this.renderer.getCanvases();
      const first = canvases.nodes;
      const out = document.createElement("canvas");
      out.width = first.width;
      out.height = first.height;
      const ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, out.width, out.height);
      for (const id of ["guides", "edges", "edgeLabels", "nodes", "labels"]) {
        if (canvases[id]) ctx.drawImage(canvases[id], 0, 0, out.width, out.height);
      }
      out.toBlob((blob) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = `${this.root.dataset.filename}-${this.view}.png`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      }, "image/png");
    });
    this.renderer.refresh();
  }

  // --- wiring ------------------------------------------------------------------------------

  afterFrames(callback) {
    requestAnimationFrame(() => requestAnimationFrame(callback));
  }

  wireEvents() {
    this.renderer.on("clickNode", ({ node }) => {
      if (node !== ME && !node.startsWith(HUB)) this.select(Number(node), false);
    });
    this.renderer.on("enterNode", ({ node }) => this.showHoverTies(node));
    this.renderer.on("leaveNode", () => this.clearHoverTies());
    byId("map-colour").addEventListener("change", (e) => {
      this.colour = e.target.value;
      this.applyColour();
    });
    byId("map-size").addEventListener("change", (e) => {
      this.size = e.target.value;
      this.applySize();
    });
    byId("map-edges").addEventListener("change", (e) => this.setTies(e.target.checked));
    byId("map-labels").addEventListener("change", (e) => {
      this.renderer.setSetting("renderLabels", e.target.checked);
      this.updateSvgLink();
      this.afterFrames(() => {
        document.body.dataset.labels = e.target.checked ? "shown" : "hidden";
      });
    });
    for (const radio of document.querySelectorAll("input[name=map-view]")) {
      radio.addEventListener("change", (e) => {
        if (e.target.checked) this.setView(e.target.value);
      });
    }
    byId("map-search").addEventListener("submit", (e) => {
      e.preventDefault();
      const hits = this.search(byId("map-q").value);
      if (hits.length) this.select(hits[0], true);
    });
    byId("map-png").addEventListener("click", () => this.exportPng());
    byId("map-zoom-in").addEventListener("click", () =>
      this.renderer.getCamera().animatedZoom({ duration: 300 }),
    );
    byId("map-zoom-out").addEventListener("click", () =>
      this.renderer.getCamera().animatedUnzoom({ duration: 300 }),
    );
    byId("map-zoom-reset").addEventListener("click", () =>
      this.renderer.getCamera().animatedReset({ duration: 300 }),
    );
  }
}

function main() {
  const root = byId("network-map");
  if (!root) return;
  const strings = JSON.parse(byId("map-strings").textContent);
  const started = performance.now();
  fetch(root.dataset.src, { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then((data) => {
      const loaded = performance.now();
      const map = new NetworkMap(root, data, strings);
      map.start();
      map.renderer.once("afterRender", () => {
        map.afterFrames(() => {
          const body = document.body.dataset;
          body.nodes = String(data.n);
          body.graphNodes = String(map.graph.order);
          body.loadMs = String(Math.round(loaded - started));
          body.renderMs = String(Math.round(performance.now() - started));
          body.colour = map.colour;
          body.view = map.view;
          body.mapReady = "1";
        });
      });
      map.renderer.refresh();
      window.netkortMap = map;
    })
    .catch(() => {
      byId("map-status").textContent = strings.failed;
      document.body.dataset.mapFailed = "1";
    });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
