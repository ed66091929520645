// Actor network: who acts on whom. A small force layout (repulsion between every pair, springs
// along edges, a pull to the centre, cooling), seeded so the same data always draws the same.

import { goldsteinColor } from "./codes.js";
import { s, h, tip, canvas, message } from "./svg.js";

const W = 640, H = 360, PAD = 34;

function layout(nodes, edges) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / n;
    return { x: W / 2 + Math.cos(a) * W * 0.3, y: H / 2 + Math.sin(a) * H * 0.3 };
  });
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)])
    .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.7;
  let temp = W / 8;
  for (let it = 0; it < 300; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        let d = Math.hypot(dx, dy);
        if (d < 0.01) { dx = 0.01 * (i - j); dy = 0.01; d = Math.hypot(dx, dy); }
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = (d * d) / k;
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
      disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (W / 2 - pos[i].x) * 0.05 * k / 10;
      disp[i].y += (H / 2 - pos[i].y) * 0.05 * k / 10;
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x += (disp[i].x / d) * Math.min(d, temp);
      pos[i].y += (disp[i].y / d) * Math.min(d, temp);
    }
    temp = Math.max(0.5, temp * 0.97);
  }
  // fit into the canvas
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // fill the canvas (each axis on its own), but do not blow a small graph up past 2.5 times
  const sx = Math.min(2.5, x1 > x0 ? (W - 2 * PAD - 40) / (x1 - x0) : 1);
  const sy = Math.min(2.5, y1 > y0 ? (H - 2 * PAD) / (y1 - y0) : 1);
  const fitted = pos.map((p) => ({
    x: W / 2 + (p.x - (x0 + x1) / 2) * sx,
    y: H / 2 + (p.y - (y0 + y1) / 2) * sy,
  }));
  // then push apart nodes whose label boxes (wide, short) would overlap, along the smaller overlap
  const BW = 62, BH = 34;
  for (let it = 0; it < 80; it++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = fitted[i], b = fitted[j];
        const dx = b.x - a.x, dy = b.y - a.y;
        const ox = BW - Math.abs(dx), oy = BH - Math.abs(dy);
        if (ox <= 0 || oy <= 0) continue;
        if (ox / BW < oy / BH) {
          const sgn = dx === 0 ? (i < j ? 1 : -1) : Math.sign(dx);
          a.x -= (sgn * ox) / 2; b.x += (sgn * ox) / 2;
        } else {
          const sgn = dy === 0 ? 1 : Math.sign(dy);
          a.y -= (sgn * oy) / 2; b.y += (sgn * oy) / 2;
        }
        moved = true;
      }
    }
    for (const p of fitted) {
      p.x = Math.min(W - PAD, Math.max(PAD, p.x));
      p.y = Math.min(H - PAD / 2, Math.max(PAD, p.y));
    }
    if (!moved) break;
  }
  return fitted;
}

export function renderNetwork(container, legend, data, { onActor }) {
  legend.replaceChildren(h("span", { class: "key" }, "Edge colour: mean Goldstein "),
    ...[-10, -5, 0, 5, 10].map((g) => h("span", { class: "key" },
      h("span", { class: "swatch", style: `background:${goldsteinColor(g)}` }), String(g))));
  const nodes = data.nodes || [], edges = data.edges || [];
  if (!nodes.length) { message(container, "No source→target pairs match these filters."); return; }
  const pos = layout(nodes, edges);
  const at = new Map(nodes.map((d, i) => [d.id, { ...d, ...pos[i] }]));
  const maxN = Math.max(1, ...nodes.map((d) => d.events || 0));
  const radius = (d) => 6 + 10 * Math.sqrt((d.events || 0) / maxN);
  const maxE = Math.max(1, ...edges.map((e) => e.events));
  const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));

  const svg = canvas(W, H, `Actor network: ${nodes.length} actors, ${edges.length} links`, { interactive: true });
  const gE = s("g", { class: "edges" }), gN = s("g", { class: "nodes" });
  for (const e of edges) {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) continue;
    const color = goldsteinColor(e.goldstein_mean);
    const width = 1.5 + 6 * Math.sqrt(e.events / maxE);
    const label = `${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${
      e.goldstein_mean === null || e.goldstein_mean === undefined ? "n/a" : Number(e.goldstein_mean).toFixed(1)}`;
    if (a === b || e.source === e.target) {
      const r = radius(a);
      gE.append(s("path", { d: `M${a.x - 4},${a.y - r} c-14,-26 22,-26 8,0`, class: "edge", stroke: color,
        "stroke-width": width, fill: "none", "data-source": e.source, "data-target": e.target }, tip(label)));
      continue;
    }
    // bend a pair that has edges both ways so the two arrows do not overlap
    const bend = pairs.has(`${e.target}\u0000${e.source}`) ? 0.18 : 0;
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.hypot(dx, dy));
    const cx = (a.x + b.x) / 2 - dy * bend, cy = (a.y + b.y) / 2 + dx * bend;
    // end the line at the target's rim, along the curve's last direction
    const tx = b.x - cx, ty = b.y - cy, td = Math.max(1, Math.hypot(tx, ty));
    const rb = radius(b) + 2;
    const ex = b.x - (tx / td) * rb, ey = b.y - (ty / td) * rb;
    const ux = tx / td, uy = ty / td, ah = 6 + width;
    const g = s("g", { class: "edge", "data-source": e.source, "data-target": e.target }, tip(label));
    g.append(
      s("path", { d: `M${a.x},${a.y} Q${cx},${cy} ${ex - ux * ah * 0.6},${ey - uy * ah * 0.6}`, stroke: color,
        "stroke-width": width, fill: "none", "stroke-linecap": "round", opacity: 0.85 }),
      s("polygon", { fill: color, points: `${ex},${ey} ${ex - ux * ah - uy * ah * 0.5},${ey - uy * ah + ux * ah * 0.5} ${
        ex - ux * ah + uy * ah * 0.5},${ey - uy * ah - ux * ah * 0.5}` }),
    );
    gE.append(g);
  }
  for (const d of at.values()) {
    const r = radius(d);
    const node = s("g", { class: "node", transform: `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`, tabindex: 0,
      role: "button", "data-id": d.id, "aria-label": `${d.id}: ${d.events} events; filter by this actor` },
    tip(`${d.id}${d.country ? ` (${d.country})` : ""}: ${d.events} events`),
    s("circle", { r: r.toFixed(1) }),
    s("text", { y: -r - 4, "text-anchor": "middle" }, d.id));
    const pick = () => onActor(d.id);
    node.addEventListener("click", pick);
    node.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); } });
    gN.append(node);
  }
  svg.append(gE, gN);
  container.replaceChildren(svg);
}
