// Map of geocoded events: equirectangular projection of the shipped Natural Earth outlines,
// one circle per place (area = events, colour = mean Goldstein).

import { api } from "./api.js";
import { goldsteinColor } from "./codes.js";
import { s, tip, canvas, message } from "./svg.js";

const TOP = 85, BOTTOM = -60;          // Antarctica is left out of world.json
const W = 720, H = Math.round((W * (TOP - BOTTOM)) / 360);
const px = (lon) => ((lon + 180) / 360) * W;
const py = (lat) => ((TOP - lat) / (TOP - BOTTOM)) * H;

let world = null;
async function loadWorld() {
  if (!world) world = api("world.json");
  return world;
}

function countryPath(geom) {
  const parts = [];
  for (const poly of geom.coordinates) {
    for (const ring of poly) {
      parts.push("M" + ring.map(([lon, lat]) => `${px(lon).toFixed(1)},${py(lat).toFixed(1)}`).join("L") + "Z");
    }
  }
  return parts.join("");
}

let basemap = null;
function buildBasemap(geo) {
  const g = s("g", { class: "land", "clip-path": "url(#map-clip)" });
  for (const f of geo.features) {
    g.append(s("path", { d: countryPath(f.geometry), "data-iso": f.id || "" }, tip(f.properties.name || "")));
  }
  return g;
}

/** The viewBox showing every located place with a margin (at least ~50 degrees wide), in the
 * canvas's aspect ratio and inside the world; the whole world when `fit` is off or nothing is located. */
function viewFor(located, fit) {
  if (!fit || !located.length) return { x: 0, y: 0, w: W, h: H };
  const xs = located.map((p) => px(p.lon)), ys = located.map((p) => py(p.lat));
  const pad = (12 / 360) * W;
  let x0 = Math.min(...xs) - pad, x1 = Math.max(...xs) + pad, y0 = Math.min(...ys) - pad, y1 = Math.max(...ys) + pad;
  let w = Math.max(x1 - x0, (50 / 360) * W), h = Math.max(y1 - y0, 1);
  if (w / h < W / H) w = (h * W) / H; else h = (w * H) / W;
  w = Math.min(w, W); h = Math.min(h, H);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const x = Math.min(Math.max(0, cx - w / 2), W - w), y = Math.min(Math.max(0, cy - h / 2), H - h);
  return { x, y, w, h };
}

export async function renderMap(container, places, { onPlace, fit = true }) {
  let geo;
  try { geo = await loadWorld(); } catch { world = null; message(container, "The map outlines could not be loaded.", "error"); return; }
  basemap = basemap || buildBasemap(geo);
  const located = places.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  const vb = viewFor(located, fit);
  const zoom = W / vb.w;
  const svg = canvas(W, H, `Map of ${places.length} places with events`, { interactive: true });
  svg.setAttribute("viewBox", `${vb.x.toFixed(1)} ${vb.y.toFixed(1)} ${vb.w.toFixed(1)} ${vb.h.toFixed(1)}`);
  svg.append(
    s("defs", {}, s("clipPath", { id: "map-clip" }, s("rect", { x: 0, y: 0, width: W, height: H }))),
    s("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }),
    basemap.cloneNode(true),
  );
  const max = Math.max(1, ...located.map((p) => p.events));
  const dots = s("g", { class: "places" });
  // biggest first so small circles stay on top and clickable
  for (const p of [...located].sort((a, b) => b.events - a.events)) {
    const r = (4 + 14 * Math.sqrt(p.events / max)) / zoom;
    const c = s("circle", {
      cx: px(p.lon).toFixed(1), cy: py(p.lat).toFixed(1), r: r.toFixed(1), class: "place",
      fill: goldsteinColor(p.goldstein_mean), "data-name": p.name, "data-events": p.events,
      tabindex: 0, role: "button",
      "aria-label": `${p.name}${p.country ? ` (${p.country})` : ""}: ${p.events} events; filter by this place`,
    }, tip(`${p.name}${p.country ? ` (${p.country})` : ""}: ${p.events} events, mean Goldstein ${
      p.goldstein_mean === null || p.goldstein_mean === undefined ? "n/a" : p.goldstein_mean.toFixed(1)}`));
    const pick = () => onPlace(p.name);
    c.addEventListener("click", pick);
    c.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
    dots.append(c);
  }
  svg.append(dots);
  container.replaceChildren(svg);
  if (!located.length) container.append(Object.assign(document.createElement("p"),
    { className: "empty overlay", textContent: "No geocoded events match these filters." }));
}
