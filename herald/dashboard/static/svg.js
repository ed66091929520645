// Tiny helpers for building SVG and HTML without a library.

// The HTML parser puts <svg> in the SVG namespace by itself; read it from there so no URL
// (not even a namespace name) appears in the dashboard's files.
const probe = document.createElement("template");
probe.innerHTML = "<svg></svg>";
const SVG_NS = probe.content.firstChild.namespaceURI;

/** An SVG element with attributes; children may be nodes or strings. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
  return el;
}

/** An HTML element with attributes (`class`, `data-*`, properties like `onclick`). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** An SVG <title> tooltip (read by screen readers too). */
export const tip = (text) => s("title", {}, text);

/** A responsive SVG canvas of the given logical size. */
export function canvas(w, hgt, label, { interactive = false } = {}) {
  // a chart with focusable parts is a group (role=img would hide its buttons from screen readers)
  return s("svg", { viewBox: `0 0 ${w} ${hgt}`, width: "100%", role: interactive ? "group" : "img", "aria-label": label,
    preserveAspectRatio: "xMidYMid meet" });
}

/** "Nice" round tick values covering [0, max]. */
export function ticks(max, n = 4) {
  if (!(max > 0)) return [0];
  const raw = max / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw);
  const out = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

export function message(container, text, cls = "empty") {
  container.replaceChildren(h("p", { class: cls }, text));
}
