// Timeline: events per period stacked by QuadClass, or the mean Goldstein score as a line.

import { QUAD, goldsteinColor } from "./codes.js";
import { s, h, tip, canvas, ticks, message } from "./svg.js";

const W = 640, H = 230, M = { top: 12, right: 12, bottom: 40, left: 40 };

const utc = (iso) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
const iso = (d) => d.toISOString().slice(0, 10);

/** Every period from the first to the last one returned, so gaps show as gaps. */
function fillPeriods(rows, interval) {
  if (rows.length < 2) return rows.map((r) => r.period.slice(0, 10));
  const first = utc(rows[0].period), last = utc(rows[rows.length - 1].period);
  const out = [];
  for (let d = first; d <= last && out.length < 400;) {
    out.push(iso(d));
    d = new Date(d);
    if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + (interval === "week" ? 7 : 1));
  }
  const known = new Set(rows.map((r) => r.period.slice(0, 10)));
  // a server whose weeks do not start where ours do: fall back to the periods it returned
  return [...known].every((p) => out.includes(p)) ? out : [...known].sort();
}

function label(period, interval) {
  const d = utc(period);
  const mon = d.toLocaleString("en", { month: "short", timeZone: "UTC" });
  return interval === "month" ? `${mon} ${d.getUTCFullYear()}` : `${d.getUTCDate()} ${mon}`;
}

export function renderTimeline(container, legend, rows, { mode, interval }) {
  legend.replaceChildren();
  if (!rows.length) { message(container, "No dated events match these filters."); return; }
  const periods = fillPeriods(rows, interval);
  const byPeriod = new Map(rows.map((r) => [r.period.slice(0, 10), r]));
  const iw = W - M.left - M.right, ih = H - M.top - M.bottom;
  const band = iw / periods.length;
  const x = (i) => M.left + i * band;
  const barW = Math.max(1, Math.min(band * 0.76, 40));
  const svg = canvas(W, H, mode === "quad" ? "Events per period by QuadClass" : "Mean Goldstein score per period");
  const g = s("g");
  svg.append(g);

  if (mode === "quad") {
    const max = Math.max(...rows.map((r) => r.count));
    const yt = ticks(max);
    const top = yt[yt.length - 1] || 1;
    const y = (v) => M.top + ih - (v / top) * ih;
    for (const t of yt) {
      g.append(s("line", { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), class: "grid" }),
        s("text", { x: M.left - 6, y: y(t) + 4, class: "axis", "text-anchor": "end" }, String(t)));
    }
    periods.forEach((p, i) => {
      const r = byPeriod.get(p);
      if (!r) return;
      let acc = 0;
      for (const q of [1, 2, 3, 4]) {
        const share = Number((r.quad || {})[q] ?? (r.quad || {})[String(q)] ?? 0);
        const n = Math.round(share * r.count * 1000) / 1000;
        if (n <= 0) continue;
        g.append(s("rect", {
          x: x(i) + (band - barW) / 2, width: barW, y: y(acc + n), height: Math.max(0.5, y(acc) - y(acc + n)),
          fill: QUAD[q].color, class: `bar q${q}`, "data-period": p, "data-quad": q,
        }, tip(`${p}: ${Math.round(n)} ${QUAD[q].name.toLowerCase()} of ${r.count} events`)));
        acc += n;
      }
    });
    legend.append(...[1, 2, 3, 4].map((q) => h("span", { class: "key" },
      h("span", { class: "swatch", style: `background:${QUAD[q].color}` }), `${q} ${QUAD[q].name}`)));
  } else {
    const y = (v) => M.top + ih / 2 - (v / 10) * (ih / 2);
    for (const t of [-10, -5, 0, 5, 10]) {
      g.append(s("line", { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), class: t === 0 ? "grid zero" : "grid" }),
        s("text", { x: M.left - 6, y: y(t) + 4, class: "axis", "text-anchor": "end" }, String(t)));
    }
    const pts = periods.map((p, i) => [p, i, byPeriod.get(p)]).filter(([, , r]) => r && r.goldstein_mean !== null);
    // a line through consecutive periods only: an empty period breaks it instead of being bridged
    let run = [];
    const flush = () => {
      if (run.length > 1) {
        g.append(s("polyline", { class: "gline", fill: "none",
          points: run.map(([, i, r]) => `${x(i) + band / 2},${y(r.goldstein_mean)}`).join(" ") }));
      }
      run = [];
    };
    for (const pt of pts) {
      if (run.length && pt[1] !== run[run.length - 1][1] + 1) flush();
      run.push(pt);
    }
    flush();
    for (const [p, i, r] of pts) {
      g.append(s("circle", { cx: x(i) + band / 2, cy: y(r.goldstein_mean), r: 4, class: "pt", "data-period": p,
        fill: goldsteinColor(r.goldstein_mean) },
      tip(`${p}: mean Goldstein ${r.goldstein_mean.toFixed(1)} over ${r.count} events`)));
    }
    legend.append(h("span", { class: "key" }, "Goldstein scale: −10 most conflictual … +10 most cooperative"));
  }

  const every = Math.max(1, Math.ceil(periods.length / 8));
  periods.forEach((p, i) => {
    if (i % every) return;
    g.append(s("text", { x: x(i) + band / 2, y: H - M.bottom + 16, class: "axis", "text-anchor": "middle" },
      label(p, interval)));
  });
  g.append(s("line", { x1: M.left, x2: W - M.right, y1: M.top + ih, y2: M.top + ih, class: "axis-line" }));
  container.replaceChildren(svg);
}
