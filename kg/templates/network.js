"use strict";
// One network page: vis-network draws nodes and edges; this script draws the labels (never over a
// node: a label that would cover a node or another label is left out until the view is zoomed in),
// the legends, the filters, the modality switch, the argument's collapsed view and the details panel.
(function () {
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const FONT_PX = 12, LINE_PX = 15, GAP_PX = 3;
  const STR = {
    en: { nodes: "nodes", edges: "edges", layout: "laying out…", select: "Select a node or an edge.",
          type: "type", date: "date", description: "description", links: "links", confidence: "confidence",
          detail: "detail", modality: "modality", lines: "article-fa.txt, lines", negated: "the article says this did not happen",
          other: "Other modalities", showOther: "show claims that are not facts", otherLegend: "not a fact (dotted)",
          argument: "Argument", expandAll: "expand all evidence", collapseAll: "collapse all",
          supporting: "supporting", undermining: "undermining", context: "context only", evidence: "evidence",
          clickToExpand: "Click to show the evidence claims; click the indicator to fold them again.",
          reading: "Persian text in reading order", extracted: "as extracted (line order of the PDF)" },
    fa: { nodes: "گره", edges: "یال", layout: "در حال چیدمان…", select: "یک گره یا یال را برگزینید.",
          type: "گونه", date: "تاریخ", description: "توضیح", links: "پیوندها", confidence: "اطمینان",
          detail: "جزئیات", modality: "وجه", lines: "article-fa.txt، سطرهای", negated: "به گفتهٔ مقاله این رخ نداده است",
          other: "وجه‌های دیگر", showOther: "نمایش ادعاهایی که واقعیت نیستند", otherLegend: "نه واقعیت (نقطه‌چین)",
          argument: "استدلال", expandAll: "نمایش همهٔ شواهد", collapseAll: "جمع کردن همه",
          supporting: "تأییدکننده", undermining: "تضعیف‌کننده", context: "زمینه", evidence: "شواهد",
          clickToExpand: "برای دیدن ادعاهای شاهد کلیک کنید؛ برای جمع کردن روی شاخص کلیک کنید.",
          reading: "متن فارسی به ترتیب خواندن", extracted: "متن استخراج‌شده (ترتیب سطرهای PDF)" },
  };
  let lang = window.kgLang ? window.kgLang.get() : "en";
  const t = (key) => STR[lang][key];
  const faDigits = (s) => String(s).replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]);
  const num = (n) => (lang === "fa" ? faDigits(n) : String(n));
  const el = (tag, attrs, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  const norm = (s) => (s || "").replace(/[\u064A\u0649]/g, "\u06CC").replace(/\u0643/g, "\u06A9")
    .replace(/[\u0629\u06C0]/g, "\u0647").replace(/[\u0623\u0625\u0622]/g, "\u0627").replace(/\u0624/g, "\u0648")
    .replace(/[\u064B-\u065F\u0670\u0640\u200C]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  const short = (s, n) => { s = (s || "").replace(/\s+/g, " ").trim(); return s.length > n ? s.slice(0, n - 1) + "…" : s; };
  const styleOf = (type) => data.styles.types[type] || data.styles.types.Thing;
  const relStyle = (rel) => data.styles.relations[rel] || { color: "#8a94a6", dashes: false, fa: "" };
  const isFact = (e) => !e.modality || e.modality === "fact";
  const argument = data.name === "argument";

  // -- the model: data nodes and edges, plus (argument) one collapsed evidence node per indicator ----
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const allEdges = data.edges.map((e) => ({ ...e }));
  const counts = new Map();  // indicator -> {id, indicator, evidence: Set, readings: {supports: n, ...}}
  if (argument) {
    for (const e of allEdges) {
      if (byId.get(e.source).type !== "Evidence") continue;
      e.indicator = e.target;
      let c = counts.get(e.target);
      if (!c) { c = { id: "count:" + e.target, indicator: e.target, evidence: new Set(), readings: {} }; counts.set(e.target, c); }
      c.evidence.add(e.source);
      c.readings[e.relation] = (c.readings[e.relation] || 0) + 1;
    }
    let next = allEdges.length;
    for (const c of counts.values()) {
      const node = { id: c.id, type: "EvidenceCount", count: c, level: 3, label_en: "", label_fa: "" };
      data.nodes.push(node); byId.set(c.id, node);
      Object.keys(c.readings).sort().forEach((rel, i) => allEdges.push({
        id: next++, source: c.id, target: c.indicator, relation: rel, label_en: rel, label_fa: relStyle(rel).fa,
        confidence: 0.8, detail: "", modality: "", claims: [], countEdge: true, curve: i }));
    }
  }
  const labelText = (n) => {
    if (n.type === "EvidenceCount") {
      const r = n.count.readings, parts = [];
      for (const [rel, key] of [["supports", "supporting"], ["undermines", "undermining"], ["context", "context"]]) {
        if (r[rel]) parts.push(`${num(r[rel])} ${t(key)}`);
      }
      return parts.join(" · ");
    }
    if (n.short_en) return lang === "fa" ? n.short_fa : n.short_en;
    const text = lang === "fa" && n.label_fa ? n.label_fa : n.label_en;
    return short(text, n.type === "Evidence" ? 58 : argument ? 34 : 30);
  };
  const nodeName = (n) => (lang === "fa" && n.label_fa ? n.label_fa : n.label_en);
  const relName = (e) => (lang === "fa" && e.label_fa ? e.label_fa : e.label_en);
  const modName = (m) => { const x = data.modalities[m]; return x ? (lang === "fa" && x.fa ? x.fa : x.en) : m; };

  // -- state: filters, the modality switch, expanded indicators -----------------------------------
  const hiddenTypes = new Set(), hiddenRelations = new Set(), expanded = new Set();
  let showOther = data.modality === "all";
  const edgeVisible = (e) => {
    if (hiddenRelations.has(e.relation)) return false;
    if (!isFact(e) && !showOther && !argument) return false;
    if (argument && e.countEdge) return !expanded.has(e.target);
    if (argument && e.indicator) return expanded.has(e.indicator);
    return true;
  };
  const visibleSets = () => {
    const edgeIds = new Set(), nodeIds = new Set();
    // A node is shown while it has a link in the current view and its type is not switched off.
    const shownType = (id) => !hiddenTypes.has(byId.get(id).type);
    for (const e of allEdges) {
      if (!edgeVisible(e)) continue;
      if (shownType(e.source)) nodeIds.add(e.source);
      if (shownType(e.target)) nodeIds.add(e.target);
      if (shownType(e.source) && shownType(e.target)) edgeIds.add(e.id);
    }
    return { edgeIds, nodeIds };
  };

  const degree = new Map();
  for (const e of allEdges) if (isFact(e) || argument) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) || 0) + 1);
  const nodes = new vis.DataSet(data.nodes.map((n) => {
    const s = styleOf(n.type);
    const node = { id: n.id, shape: s.shape, color: { background: s.color, border: "#33415c" }, borderWidth: 1, hidden: true };
    if (argument) node.size = n.type === "Theory" ? 13 : n.type === "Indicator" ? 10 : 8;
    else node.value = degree.get(n.id) || 1;
    return node;
  }));
  const edges = new vis.DataSet(allEdges.map((e) => {
    const s = relStyle(e.relation), fact = isFact(e) || argument;
    const edge = { id: e.id, from: e.source, to: e.target, arrows: { to: { enabled: true, scaleFactor: 0.6 } },
                   color: { color: s.color, opacity: fact ? 0.85 : 0.6 },
                   dashes: fact ? s.dashes : data.styles.nonFactDashes, width: 1 + 2 * (e.confidence || 0.5), hidden: true };
    if (e.curve) edge.smooth = { type: "curvedCW", roundness: 0.12 };
    return edge;
  }));
  const edgeById = new Map(allEdges.map((e) => [e.id, e]));

  const container = document.getElementById("kg-network");
  const network = new vis.Network(container, { nodes, edges }, {
    layout: argument ? { randomSeed: 1 } : { randomSeed: 7, improvedLayout: data.nodes.length < 150 },
    nodes: { scaling: { min: 7, max: 26 }, font: { size: 0 } },
    edges: { smooth: argument ? { type: "cubicBezier", forceDirection: "horizontal", roundness: 0.45 } : { type: "continuous" } },
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false, multiselect: false },
    physics: argument ? false
      : { solver: "forceAtlas2Based",  // big networks (all): stronger repulsion and longer springs spread the clusters
          forceAtlas2Based: data.nodes.length > 150 ? { gravitationalConstant: -150, springLength: 150, avoidOverlap: 0.8 }
            : { gravitationalConstant: -80, springLength: 120, avoidOverlap: 0.6 },
          stabilization: { iterations: 600, updateInterval: 50 } },
  });
  const status = document.getElementById("kg-status");
  status.textContent = t("layout");

  // -- labels: measured and drawn here, in screen pixels, never over a node or another label -------
  const measureCtx = document.createElement("canvas").getContext("2d");
  const fontOf = (px, fa) => `${px}px ${fa ? '"Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic"' : '"Noto Sans", "DejaVu Sans"'}, sans-serif`;
  const widthCache = new Map();
  const textWidth = (text, fa) => {
    const key = (fa ? "f:" : "e:") + text;
    if (!widthCache.has(key)) { measureCtx.font = fontOf(FONT_PX, fa); widthCache.set(key, measureCtx.measureText(text).width + 4); }
    return widthCache.get(key);
  };
  const hasArabic = (s) => /[\u0600-\u06FF]/.test(s);
  let placed = [];  // [{id, text, fa, x, y, w, h}] in canvas coordinates (x, y: top-left)
  let visible = { edgeIds: new Set(), nodeIds: new Set() };
  const overlap = (a, b, pad) => a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
  // A node's box around its current position (vis updates its own boxes only when it draws).
  const nodeBox = (id) => {
    const b = network.getBoundingBox(id), p = network.getPositions([id])[id], w = b.right - b.left, h = b.bottom - b.top;
    return { x: p.x - w / 2, y: p.y - h / 2, w, h };
  };
  const labelBox = (id, text, scale, pos) => {
    const fa = hasArabic(text), b = nodeBox(id), w = textWidth(text, fa) / scale, h = LINE_PX / scale;
    if (argument) return { x: b.x + b.w + GAP_PX / scale, y: (b.y + b.h / 2) - h / 2, w, h, fa };
    const cx = pos ? pos.x : b.x + b.w / 2;
    return { x: cx - w / 2, y: b.y + b.h + 1 / scale, w, h, fa };
  };
  const priority = (ids) => ids.sort((a, b) => {
    const rank = (id) => { const ty = byId.get(id).type; return argument ? ({ Theory: 0, Indicator: 1, EvidenceCount: 2 }[ty] ?? 3) : 0; };
    return rank(a) - rank(b) || (degree.get(b) || 0) - (degree.get(a) || 0) || (a < b ? -1 : 1);
  });
  function placeLabels() {
    const scale = network.getScale();
    const ids = priority([...visible.nodeIds]);
    const boxes = new Map(ids.map((id) => [id, nodeBox(id)]));
    const tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    const view = { x: tl.x, y: tl.y, w: br.x - tl.x, h: br.y - tl.y };
    const pad = 2 / scale;
    placed = [];
    for (const id of ids) {
      const text = labelText(byId.get(id));
      if (!text) continue;
      const box = labelBox(id, text, scale);
      if (box.x < view.x || box.y < view.y || box.x + box.w > view.x + view.w || box.y + box.h > view.y + view.h) continue;
      let free = true;
      for (const [other, ob] of boxes) if (other !== id && overlap(box, ob, pad)) { free = false; break; }
      if (free) for (const p of placed) if (overlap(box, p, pad)) { free = false; break; }
      if (free) placed.push({ id, text, ...box });
    }
    network.redraw();
  }
  network.on("afterDrawing", (ctx) => {
    const scale = network.getScale();
    ctx.save();
    ctx.textBaseline = "middle";
    for (const p of placed) {
      ctx.font = fontOf(FONT_PX / scale, p.fa);
      ctx.direction = p.fa ? "rtl" : "ltr";
      ctx.textAlign = "center";
      const cx = p.x + p.w / 2, cy = p.y + p.h / 2;
      ctx.lineWidth = 3 / scale; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.lineJoin = "round";
      ctx.strokeText(p.text, cx, cy);
      ctx.fillStyle = "#1d2433";
      ctx.fillText(p.text, cx, cy);
    }
    ctx.restore();
  });

  // -- layout ---------------------------------------------------------------------------------------
  const applyVisibility = () => {
    visible = visibleSets();
    nodes.update(data.nodes.map((n) => ({ id: n.id, hidden: !visible.nodeIds.has(n.id),
                                           value: argument ? undefined : (degree.get(n.id) || 1) })));
    edges.update(allEdges.map((e) => ({ id: e.id, hidden: !visible.edgeIds.has(e.id) })));
  };
  // The argument: fixed columns, left to right (statements about the theories, theories, indicators,
  // evidence), each row one label high, labels to the right of their node.
  function argumentLayout() {
    const ids = [...visible.nodeIds];
    const of = (type) => ids.filter((id) => byId.get(id).type === type);
    const out = (id) => allEdges.filter((e) => e.source === id && visible.edgeIds.has(e.id)).map((e) => e.target);
    const into = (id) => allEdges.filter((e) => e.target === id && visible.edgeIds.has(e.id)).map((e) => e.source);
    const theories = of("Theory").sort((a, b) => into(b).length - into(a).length || (a < b ? -1 : 1));
    const indicators = [];
    for (const th of theories) indicators.push(...into(th).filter((id) => byId.get(id).type === "Indicator")
      .sort((a, b) => (byId.get(a).label_en < byId.get(b).label_en ? -1 : 1)));
    for (const id of of("Indicator")) if (!indicators.includes(id)) indicators.push(id);
    const col3 = [], seen = new Set();
    for (const ind of indicators) {
      for (const src of into(ind).sort()) if (!seen.has(src) && byId.get(src).level === 3) { seen.add(src); col3.push([src, ind]); }
    }
    const statements = ids.filter((id) => byId.get(id).level === 0)
      .sort((a, b) => theories.indexOf(out(a)[0]) - theories.indexOf(out(b)[0]) || (a < b ? -1 : 1));
    const row = 26, pos = new Map();
    const widest = (list) => Math.max(40, ...list.map((id) => textWidth(labelText(byId.get(id)), hasArabic(labelText(byId.get(id))))));
    const gap = 40, xs = [0];
    for (const col of [statements, theories, indicators]) xs.push(xs[xs.length - 1] + widest(col) + gap);
    // Each indicator gets as many rows as it has evidence shown (at least one), its evidence beside it.
    let cursor = 0;
    for (const ind of indicators) {
      const kids = col3.filter(([, parent]) => parent === ind).map(([id]) => id);
      kids.forEach((id, i) => pos.set(id, { x: xs[3], y: cursor + i * row }));
      pos.set(ind, { x: xs[2], y: cursor + (Math.max(kids.length, 1) - 1) * row / 2 });
      cursor += Math.max(kids.length, 1) * row;
    }
    const stack = (list, want, x) => {  // at the wanted heights, at least one row apart
      let last = -Infinity;
      for (const id of list) { const y = Math.max(want(id), last + row); pos.set(id, { x, y }); last = y; }
    };
    const mean = (list) => list.reduce((s, id) => s + pos.get(id).y, 0) / list.length;
    stack(theories, (id) => { const inds = into(id).filter((s) => pos.has(s)); return inds.length ? mean(inds) : 0; }, xs[1]);
    const lead = (id) => { const ths = out(id).filter((s) => theories.includes(s)); return ths.length ? mean(ths) : 0; };
    // Statements about a theory, centred on it.
    const groups = new Map();
    for (const id of statements) { const key = lead(id); groups.set(key, [...(groups.get(key) || []), id]); }
    let last = -Infinity;
    for (const [y0, list] of [...groups].sort((a, b) => a[0] - b[0])) {
      let y = Math.max(y0 - (list.length - 1) * row / 2, last + row);
      for (const id of list) { pos.set(id, { x: xs[0], y }); last = y; y += row; }
    }
    for (const [id, p] of pos) network.moveNode(id, p.x, p.y);
    return pos;
  }
  // Other pages: once the physics has settled, push apart the nodes whose labels would collide
  // (most-linked first, as many labels as fit a third of the canvas), then show the whole drawing.
  function declutter() {
    const W = container.clientWidth, H = container.clientHeight;
    const ids = priority([...visible.nodeIds]);
    let budget = 0.33 * W * H;
    const labelled = [];
    for (const id of ids) {
      const n = byId.get(id);
      const w = Math.max(textWidth(short(n.label_en, 30), false), n.label_fa ? textWidth(short(n.label_fa, 30), true) : 0);
      if (budget - w * LINE_PX < 0) break;
      budget -= w * LINE_PX; labelled.push([id, w]);
    }
    for (let round = 0; round < 6; round++) {
      network.fit({ animation: false });
      const scale = network.getScale() * 0.92;
      network.moveTo({ scale, animation: false });
      const pos = network.getPositions(ids);
      const foot = new Map();
      for (const id of ids) {
        const b = nodeBox(id), p = pos[id];
        const f = { dx: b.x - p.x, dy: b.y - p.y, w: b.w, h: b.h };
        const lw = labelled.find(([x]) => x === id);
        if (lw) { const w = lw[1] / scale; f.dx = Math.min(f.dx, -w / 2); f.w = Math.max(f.w, w); f.h += (LINE_PX + 2) / scale; }
        foot.set(id, f);
      }
      let moved = false;
      for (let iter = 0; iter < 80; iter++) {
        let any = false;
        for (let i = 0; i < ids.length; i++) {
          for (let j = i + 1; j < ids.length; j++) {
            const a = ids[i], b = ids[j], fa = foot.get(a), fb = foot.get(b), pa = pos[a], pb = pos[b];
            const ax = pa.x + fa.dx, ay = pa.y + fa.dy, bx = pb.x + fb.dx, by = pb.y + fb.dy, m = 4 / scale;
            const ox = Math.min(ax + fa.w, bx + fb.w) - Math.max(ax, bx) + m, oy = Math.min(ay + fa.h, by + fb.h) - Math.max(ay, by) + m;
            if (ox <= 0 || oy <= 0) continue;
            any = true;
            if (ox < oy) { const d = (ax + fa.w / 2 < bx + fb.w / 2 ? -1 : 1) * ox / 2; pa.x += d; pb.x -= d; }
            else { const d = (ay + fa.h / 2 < by + fb.h / 2 ? -1 : 1) * oy / 2; pa.y += d; pb.y -= d; }
          }
        }
        if (!any) break;
        moved = true;
      }
      for (const id of ids) network.moveNode(id, pos[id].x, pos[id].y);
      if (!moved) break;
    }
    network.fit({ animation: false });
    fitWithLabels(labelled.map(([id]) => id));
  }
  // Fit the nodes and the labels of ``ids`` (labels keep their pixel size, so this takes a few steps).
  function fitWithLabels(ids) {
    const W = container.clientWidth, H = container.clientHeight;
    for (let step = 0; step < 5; step++) {
      const scale = network.getScale();
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      const grow = (b) => { x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y); x1 = Math.max(x1, b.x + b.w); y1 = Math.max(y1, b.y + b.h); };
      for (const id of visible.nodeIds) grow(nodeBox(id));
      for (const id of ids) {
        const n = byId.get(id);
        grow(labelBox(id, short(n.label_en, 30), scale));
        if (n.label_fa) grow(labelBox(id, short(n.label_fa, 30), scale));
      }
      const factor = Math.min((W - 16) / ((x1 - x0) * scale), (H - 16) / ((y1 - y0) * scale));
      network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale * Math.min(factor, 1), animation: false });
      if (factor >= 0.995) break;
    }
  }
  function showWhole() {
    if (argument) {
      const pos = argumentLayout();
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const [id, p] of pos) {
        const w = textWidth(labelText(byId.get(id)), true);
        minX = Math.min(minX, p.x - 15); maxX = Math.max(maxX, p.x + 15 + w); minY = Math.min(minY, p.y - 15); maxY = Math.max(maxY, p.y + 15);
      }
      const W = container.clientWidth, H = container.clientHeight;
      // Scale 1 (labels at their design size); a drawing taller than the canvas starts at its top.
      const y = maxY - minY + 20 > H ? minY - 10 + H / 2 : (minY + maxY) / 2;
      const x = maxX - minX + 20 > W ? minX - 10 + W / 2 : (minX + maxX) / 2;
      network.moveTo({ position: { x, y }, scale: 1, animation: false });
    } else {
      declutter();
    }
    placeLabels();
  }
  const settled = () => {
    status.textContent = `${num(visible.nodeIds.size)} ${t("nodes")}, ${num(visible.edgeIds.size)} ${t("edges")}`;
    document.body.dataset.stable = "true";
  };
  function refresh(relayout) {
    document.body.dataset.stable = "false";
    applyVisibility();
    if (relayout) showWhole(); else placeLabels();
    settled();
  }
  applyVisibility();
  if (argument) {
    requestAnimationFrame(() => { showWhole(); settled(); });
  } else {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: false });  // the layout stays still once it has settled
      showWhole();
      settled();
    });
  }
  for (const ev of ["zoom", "dragEnd"]) network.on(ev, () => placeLabels());
  window.addEventListener("resize", () => placeLabels());

  // -- legends and filters --------------------------------------------------------------------------
  const typeBox = document.getElementById("kg-type-filters"), relBox = document.getElementById("kg-relation-filters");
  const modBox = document.getElementById("kg-modality-box"), argBox = document.getElementById("kg-argument-controls");
  const filterRow = (container, key, label, swatch, hidden, count) => {
    const row = el("label", { class: "kg-filter" });
    const box = el("input", { type: "checkbox", "data-filter": key });
    box.checked = !hidden.has(key);
    box.addEventListener("change", () => { box.checked ? hidden.delete(key) : hidden.add(key); refresh(false); });
    row.append(box, swatch, el("span", {}, `${label} (${num(count)})`));
    container.appendChild(row);
  };
  function legends() {
    typeBox.replaceChildren(); relBox.replaceChildren(); modBox.replaceChildren(); argBox.replaceChildren();
    const types = [...new Set(data.nodes.map((n) => n.type))].sort();
    for (const type of types) {
      const s = styleOf(type), sw = el("span", { class: "kg-swatch" });
      sw.style.background = s.color;
      filterRow(typeBox, type, lang === "fa" ? s.fa : s.en, sw, hiddenTypes, data.nodes.filter((n) => n.type === type).length);
    }
    for (const rel of [...new Set(allEdges.filter((e) => !e.countEdge).map((e) => e.relation))].sort()) {
      const s = relStyle(rel), sw = el("span", { class: "kg-line" + (s.dashes ? " dashed" : "") });
      sw.style.borderColor = s.color;
      const sample = allEdges.find((e) => e.relation === rel);
      filterRow(relBox, rel, relName(sample), sw, hiddenRelations, allEdges.filter((e) => e.relation === rel && !e.countEdge).length);
    }
    const others = allEdges.filter((e) => !isFact(e));
    if (others.length && !argument) {
      modBox.appendChild(el("h2", {}, t("other")));
      const row = el("label", { class: "kg-filter" });
      const box = el("input", { type: "checkbox", id: "kg-show-other", "data-filter": "modality" });
      box.checked = showOther;
      box.addEventListener("change", () => { showOther = box.checked; refresh(false); });
      const sw = el("span", { class: "kg-line dotted" });
      sw.style.borderColor = "#5b6475";
      const kinds = [...new Set(others.map((e) => e.modality))].sort().map(modName).join(", ");
      row.append(box, sw, el("span", {}, `${t("showOther")} (${num(others.length)})`));
      modBox.appendChild(row);
      modBox.appendChild(el("p", { class: "kg-hint" }, `${t("otherLegend")}: ${kinds}`));
    }
    if (argument) {
      argBox.appendChild(el("h2", {}, t("argument")));
      const all = el("button", { type: "button", class: "kg-button", id: "kg-expand-all" }, t("expandAll"));
      all.addEventListener("click", () => { for (const c of counts.keys()) expanded.add(c); refresh(true); });
      const none = el("button", { type: "button", class: "kg-button", id: "kg-collapse-all" }, t("collapseAll"));
      none.addEventListener("click", () => { expanded.clear(); refresh(true); });
      argBox.append(all, none, el("p", { class: "kg-hint" }, t("clickToExpand")));
    }
  }

  // -- search -----------------------------------------------------------------------------------------
  const hits = document.getElementById("kg-search-hits");
  document.getElementById("kg-search").addEventListener("input", (ev) => {
    hits.replaceChildren();
    const q = norm(ev.target.value);
    if (!q) return;
    for (const n of data.nodes.filter((n) => norm(n.label_en).includes(q) || norm(n.label_fa).includes(q)).slice(0, 12)) {
      const b = el("button", { type: "button" }, n.label_en + (n.label_fa ? ` — ${n.label_fa}` : ""));
      b.addEventListener("click", () => {
        if (argument && n.type === "Evidence") { for (const c of counts.values()) if (c.evidence.has(n.id)) expanded.add(c.indicator); refresh(true); }
        if (!visible.nodeIds.has(n.id)) return;
        network.selectNodes([n.id]); network.focus(n.id, { scale: Math.max(network.getScale(), 1), animation: false }); placeLabels(); showNode(n.id);
      });
      hits.appendChild(b);
    }
  });

  // -- details panel: textContent only, so labels and quotes never run as HTML ------------------------
  const panel = document.getElementById("kg-details");
  let current = null;
  const fa = (text) => el("div", { lang: "fa", dir: "rtl" }, text);
  const claimBlock = (c) => {
    const box = el("div", { class: "kg-claim" });
    const head = el("div");
    head.appendChild(el("span", { class: "kg-tag" }, c.id));
    if (c.paragraph) head.appendChild(el("span", { class: "kg-tag" }, c.paragraph));
    if (c.modality) head.appendChild(el("span", { class: "kg-tag mod", "data-modality": c.modality }, `${t("modality")}: ${modName(c.modality)}`));
    if (c.negated) head.appendChild(el("span", { class: "kg-tag neg" }, t("negated")));
    box.appendChild(head);
    if (c.gloss) box.appendChild(el("p", { lang: "en", dir: "ltr" }, c.gloss));
    if (c.reading) {
      box.appendChild(el("div", { class: "kg-hint" }, t("reading")));
      box.appendChild(el("div", { lang: "fa", dir: "rtl", class: "kg-quote" }, c.reading));
    }
    if (c.quote) {
      if (c.reading) box.appendChild(el("div", { class: "kg-hint" }, t("extracted")));
      box.appendChild(el("div", { dir: "auto", class: "kg-quote" }, c.quote));
    }
    if (c.lines) box.appendChild(el("div", { class: "kg-hint" }, `${t("lines")} ${c.lines}`));
    return box;
  };
  const addRow = (dl, k, v) => { if (v) dl.append(el("dt", {}, t(k)), el("dd", {}, v)); };
  const edgeTitle = (e) => `${nodeName(byId.get(e.source))} — ${relName(e)} → ${nodeName(byId.get(e.target))}`
    + (isFact(e) ? "" : ` (${modName(e.modality)})`);
  function showNode(id) {
    const n = byId.get(id);
    if (!n) return;
    current = ["node", id];
    panel.replaceChildren();
    if (n.type === "EvidenceCount") {
      const ind = byId.get(n.count.indicator);
      panel.appendChild(el("h2", { id: "kg-details-title" }, `${t("evidence")}: ${nodeName(ind)}`));
      panel.appendChild(el("p", {}, labelText(n)));
      panel.appendChild(el("p", { class: "kg-hint" }, t("clickToExpand")));
      return;
    }
    panel.appendChild(el("h2", { id: "kg-details-title" }, lang === "fa" && n.label_fa && n.type !== "Evidence" ? n.label_fa : n.label_en));
    if (n.label_fa && n.type !== "Evidence") panel.appendChild(lang === "fa" ? el("div", { lang: "en", dir: "ltr" }, n.label_en) : fa(n.label_fa));
    const dl = el("dl");
    addRow(dl, "type", lang === "fa" ? styleOf(n.type).fa : styleOf(n.type).en);
    addRow(dl, "date", n.date);
    addRow(dl, "description", n.description);
    addRow(dl, "links", num(degree.get(id) || 0));
    panel.appendChild(dl);
    if (n.claim) panel.appendChild(claimBlock(n.claim));
    const related = allEdges.filter((e) => !e.countEdge && (e.source === id || e.target === id) && (isFact(e) || showOther || argument));
    for (const e of related.slice(0, 30)) {
      panel.appendChild(el("p", { class: "kg-hint" }, edgeTitle(e)));
      for (const c of e.claims.slice(0, 2)) if (c.id !== (n.claim || {}).id) panel.appendChild(claimBlock(c));
    }
  }
  function showEdge(id) {
    const e = edgeById.get(id);
    if (!e) return;
    current = ["edge", id];
    panel.replaceChildren();
    panel.appendChild(el("h2", { id: "kg-details-title" }, edgeTitle(e)));
    const dl = el("dl");
    addRow(dl, "confidence", num(e.confidence));
    addRow(dl, "modality", e.modality ? modName(e.modality) : "");
    addRow(dl, "detail", e.detail);
    panel.appendChild(dl);
    for (const c of e.claims) panel.appendChild(claimBlock(c));
  }
  const blank = () => { current = null; panel.replaceChildren(el("p", { class: "kg-hint" }, t("select"))); };
  network.on("click", (params) => {
    if (params.nodes.length) {
      const id = params.nodes[0], n = byId.get(id);
      if (argument && n.type === "EvidenceCount") { expanded.add(n.count.indicator); refresh(true); network.focus(n.count.indicator, { scale: 1, animation: false }); placeLabels(); }
      else if (argument && n.type === "Indicator" && counts.has(id)) {
        expanded.has(id) ? expanded.delete(id) : expanded.add(id);
        refresh(true); network.focus(id, { scale: 1, animation: false }); placeLabels();
      }
      showNode(id);
    } else if (params.edges.length) showEdge(params.edges[0]);
  });
  network.on("hoverEdge", (params) => { const e = edgeById.get(params.edge); if (e) container.title = edgeTitle(e); });
  network.on("blurEdge", () => { container.title = ""; });

  function setLanguage(next) {
    lang = next;
    document.getElementById("kg-subtitle").textContent = data.subtitle[lang];
    legends();
    if (current) (current[0] === "node" ? showNode : showEdge)(current[1]); else blank();
    if (document.body.dataset.stable === "true") { if (argument) { showWhole(); } else { placeLabels(); } settled(); }
  }
  document.addEventListener("kg-lang", (ev) => setLanguage(ev.detail));
  setLanguage(lang);

  window.kgPage = {
    network, nodes, edges, data, expanded,
    visibleNodeIds: () => [...visible.nodeIds], visibleEdgeIds: () => [...visible.edgeIds],
    // Boxes in page (CSS pixel) coordinates, for the tests: what was drawn, where.
    labelBoxes: () => placed.map((p) => {
      const r = container.getBoundingClientRect(), a = network.canvasToDOM({ x: p.x, y: p.y }), b = network.canvasToDOM({ x: p.x + p.w, y: p.y + p.h });
      return { id: p.id, text: p.text, left: a.x + r.left, top: a.y + r.top, right: b.x + r.left, bottom: b.y + r.top };
    }),
    nodeBoxes: () => [...visible.nodeIds].map((id) => {
      const r = container.getBoundingClientRect(), bb = network.getBoundingBox(id);
      const a = network.canvasToDOM({ x: bb.left, y: bb.top }), b = network.canvasToDOM({ x: bb.right, y: bb.bottom });
      return { id, left: a.x + r.left, top: a.y + r.top, right: b.x + r.left, bottom: b.y + r.top };
    }),
  };
})();
