"use strict";
(function () {
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const el = (tag, attrs, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  const norm = (s) => (s || "").replace(/[\u064A\u0649]/g, "\u06CC").replace(/\u0643/g, "\u06A9")
    .replace(/[\u0629\u06C0]/g, "\u0647").replace(/[\u0623\u0625\u0622]/g, "\u0627").replace(/\u0624/g, "\u0648")
    .replace(/[\u064B-\u065F\u0670\u0640\u200C]/g, "").replace(/\s+/g, " ").trim().toLowerCase();

  const short = (s, n = 40) => (s && s.length > n ? s.slice(0, n - 1) + "…" : s || "");
  // Language of labels and panels, remembered across pages (localStorage; file:// pages share it per browser).
  const stored = (() => { try { return localStorage.getItem("kg-lang"); } catch (err) { return null; } })();
  let lang = stored === "fa" ? "fa" : "en";
  const labelOf = (x) => (lang === "fa" && x.label_fa ? x.label_fa : x.label_en);
  const styleOf = (type) => data.styles.types[type] || data.styles.types.Thing;
  const nodes = new vis.DataSet(data.nodes.map((n) => {
    const s = styleOf(n.type);
    return { id: n.id, label: short(labelOf(n)), shape: s.shape, level: n.level, color: { background: s.color, border: "#33415c" },
             value: n.degree, font: { size: 14, color: "#1d2433" } };
  }));
  const edges = new vis.DataSet(data.edges.map((e) => {
    const s = data.styles.relations[e.relation] || { color: "#8a94a6", dashes: false };
    const fact = !e.modality || e.modality === "fact";  // other modalities: dotted and faint (legend entry below)
    return { id: e.id, from: e.source, to: e.target, label: data.edges.length <= 160 ? labelOf(e) : undefined,
             arrows: "to", color: { color: s.color, opacity: fact ? 0.85 : 0.45 }, dashes: fact ? s.dashes : [2, 5],
             width: fact ? 1 + 2 * (e.confidence || 0.5) : 1,
             font: { size: 11, align: "middle", color: "#5b6475", strokeWidth: 3 } };
  }));
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));

  const hierarchical = data.nodes.some((n) => n.level !== undefined);
  const network = new vis.Network(document.getElementById("network"), { nodes, edges }, {
    layout: hierarchical
      ? { hierarchical: { direction: "LR", levelSeparation: 330, nodeSpacing: 26, sortMethod: "directed" } }
      : { randomSeed: 7, improvedLayout: data.nodes.length < 150 },
    nodes: { scaling: { min: 10, max: 42 } },
    edges: { smooth: { type: "continuous" } },
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false },
    physics: hierarchical
      ? { solver: "hierarchicalRepulsion", hierarchicalRepulsion: { nodeDistance: 60 }, stabilization: { iterations: 300 } }
      : { solver: "forceAtlas2Based", forceAtlas2Based: { gravitationalConstant: -60, springLength: 110 },
          stabilization: { iterations: 500, updateInterval: 50 } },
  });
  const status = document.getElementById("status");
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });  // keep the layout still once it has settled
    network.fit();
    status.textContent = `${data.nodes.length} nodes, ${data.edges.length} edges`;
    document.body.dataset.stable = "true";
  });
  const toggle = document.getElementById("lang-toggle");
  const applyLang = () => {
    nodes.update(data.nodes.map((n) => ({ id: n.id, label: short(labelOf(n)) })));
    if (data.edges.length <= 160) edges.update(data.edges.map((e) => ({ id: e.id, label: labelOf(e) })));
    document.documentElement.lang = lang;
    document.getElementById("details").dir = lang === "fa" ? "rtl" : "ltr";
    toggle.textContent = lang === "fa" ? "English labels" : "نمایش فارسی";
    toggle.setAttribute("aria-pressed", String(lang === "fa"));
  };
  toggle.addEventListener("click", () => {
    lang = lang === "fa" ? "en" : "fa";
    try { localStorage.setItem("kg-lang", lang); } catch (err) { /* storage may be off: the page still switches */ }
    applyLang();
  });
  applyLang();
  window.kgPage = { network, nodes, edges, data, lang: () => lang };

  // Filters by node type and relation.
  const hiddenTypes = new Set(), hiddenRelations = new Set();
  const applyFilters = () => {
    nodes.update(data.nodes.map((n) => ({ id: n.id, hidden: hiddenTypes.has(n.type) })));
    edges.update(data.edges.map((e) => ({ id: e.id, hidden: hiddenRelations.has(e.relation) })));
  };
  const filterBox = (container, key, label, swatch, hidden) => {
    const row = el("label", { class: "filter" });
    const box = el("input", { type: "checkbox", "data-filter": key });
    box.checked = true;
    box.addEventListener("change", () => { box.checked ? hidden.delete(key) : hidden.add(key); applyFilters(); });
    row.append(box, swatch, el("span", {}, label));
    container.appendChild(row);
  };
  const typeBox = document.getElementById("type-filters");
  for (const type of [...new Set(data.nodes.map((n) => n.type))].sort()) {
    const s = styleOf(type);
    const sw = el("span", { class: "swatch" });
    sw.style.background = s.color;
    const count = data.nodes.filter((n) => n.type === type).length;
    filterBox(typeBox, type, `${s.label} (${count})`, sw, hiddenTypes);
  }
  const relBox = document.getElementById("relation-filters");
  for (const rel of [...new Set(data.edges.map((e) => e.relation))].sort()) {
    const s = data.styles.relations[rel] || { color: "#8a94a6", dashes: false };
    const sw = el("span", { class: "line" + (s.dashes ? " dashed" : "") });
    sw.style.borderColor = s.color;
    const sample = data.edges.find((e) => e.relation === rel);
    filterBox(relBox, rel, `${sample.label_en} (${data.edges.filter((e) => e.relation === rel).length})`, sw, hiddenRelations);
  }
  const notFacts = data.edges.filter((e) => e.modality && e.modality !== "fact");
  if (notFacts.length) {  // drawn only with `kg network NAME --modality all`
    const row = el("div", { class: "filter", id: "legend-not-fact" });
    row.append(el("span", { class: "line dotted" }),
               el("span", {}, `not a fact: ${[...new Set(notFacts.map((e) => e.modality))].sort().join(", ")} (${notFacts.length})`));
    relBox.appendChild(row);
  }

  // Search over English and Persian labels.
  const hits = document.getElementById("search-hits");
  document.getElementById("search").addEventListener("input", (ev) => {
    hits.replaceChildren();
    const q = norm(ev.target.value);
    if (!q) return;
    for (const n of data.nodes.filter((n) => norm(n.label_en).includes(q) || norm(n.label_fa).includes(q)).slice(0, 12)) {
      const b = el("button", { type: "button" }, n.label_en + (n.label_fa ? ` — ${n.label_fa}` : ""));
      b.addEventListener("click", () => { network.selectNodes([n.id]); network.focus(n.id, { scale: 1.2, animation: true }); showNode(n.id); });
      hits.appendChild(b);
    }
  });

  // Details panel: built with textContent only, so labels and quotes can never run as HTML.
  const panel = document.getElementById("details");
  const fa = (text) => el("div", { lang: "fa", dir: "rtl", class: "fa" }, text);
  const claimBlock = (c) => {
    const box = el("div", { class: "claim" });
    const head = el("div");
    head.appendChild(el("span", { class: "tag" }, c.id));
    if (c.paragraph) head.appendChild(el("span", { class: "tag" }, c.paragraph));
    if (c.negated) head.appendChild(el("span", { class: "tag neg" }, "the article says this did not happen"));
    if (c.modality && c.modality !== "Fact") head.appendChild(el("span", { class: "tag" }, `modality: ${c.modality.toLowerCase()}`));
    box.appendChild(head);
    if (c.gloss) box.appendChild(el("p", {}, c.gloss));
    if (c.reading) box.appendChild(el("div", { dir: "rtl", lang: "fa", class: "reading" }, c.reading));
    if (c.quote) box.appendChild(el("div", { dir: "auto", class: "quote", title: "verbatim extraction" }, c.quote));
    if (c.lines) box.appendChild(el("div", { class: "hint" }, `article-fa.txt, lines ${c.lines}`));
    return box;
  };
  function showNode(id) {
    const n = byId.get(id);
    if (!n) return;
    panel.replaceChildren();
    panel.appendChild(el("h2", { id: "details-title" }, labelOf(n)));
    if (n.label_fa && lang === "en") panel.appendChild(fa(n.label_fa));
    if (lang === "fa") panel.appendChild(el("div", { class: "hint", dir: "ltr" }, n.label_en));
    const dl = el("dl");
    const add = (k, v) => { if (v) { dl.append(el("dt", {}, k), el("dd", {}, v)); } };
    add("type", styleOf(n.type).label);
    add("date", n.date);
    add("description", n.description);
    add("links", String(n.degree));
    panel.appendChild(dl);
    const related = data.edges.filter((e) => e.source === id || e.target === id);
    for (const e of related.slice(0, 30)) {
      panel.appendChild(el("p", { class: "hint" }, `${labelOf(byId.get(e.source))} — ${labelOf(e)} → ${labelOf(byId.get(e.target))}`));
      for (const c of e.claims.slice(0, 2)) panel.appendChild(claimBlock(c));
    }
  }
  function showEdge(id) {
    const e = edgeById.get(id);
    if (!e) return;
    panel.replaceChildren();
    panel.appendChild(el("h2", { id: "details-title" }, `${labelOf(byId.get(e.source))} — ${labelOf(e)} → ${labelOf(byId.get(e.target))}`));
    const dl = el("dl");
    dl.append(el("dt", {}, "confidence"), el("dd", {}, String(e.confidence)));
    if (e.detail) dl.append(el("dt", {}, "detail"), el("dd", {}, e.detail));
    panel.appendChild(dl);
    for (const c of e.claims) panel.appendChild(claimBlock(c));
  }
  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
})();
