// Event table (merged events, paged) and the evidence panel of one event.

import { QUAD, cameoLabel, goldsteinTextColor } from "./codes.js";
import { h } from "./svg.js";

const fmt = (g) => (g === null || g === undefined ? "" : Number(g).toFixed(1));

export function renderTable(tbody, page, { onOpen, selected }) {
  tbody.replaceChildren();
  if (!page.items.length) {
    tbody.append(h("tr", {}, h("td", { colspan: 7, class: "empty" }, "No events match these filters.")));
    return;
  }
  for (const ev of page.items) {
    const place = ev.location && ev.location.name ? ev.location.name : "";
    const open = () => onOpen(ev.merged_id, tr);
    const tr = h("tr", {
      tabindex: 0, class: "event-row", "data-id": ev.merged_id, "data-cameo": ev.cameo,
      "aria-current": ev.merged_id === selected ? "true" : null,
      "aria-label": `${ev.date || "undated"}, ${ev.cameo} ${cameoLabel(ev.cameo)}, ${ev.source_code || "no source"} to ${
        ev.target_code || "no target"}${place ? ` in ${place}` : ""}. Press Enter for the evidence.`,
      onclick: open,
      onkeydown: (e) => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); }
        else if (e.key === "ArrowDown") { e.preventDefault(); tr.nextElementSibling?.focus(); }
        else if (e.key === "ArrowUp") { e.preventDefault(); tr.previousElementSibling?.focus(); }
      },
    },
    h("td", { class: "nowrap" }, ev.date || "—"),
    h("td", {}, h("span", { class: "quad-dot", style: `background:${QUAD[ev.quad_class]?.color || "#888"}`,
      title: QUAD[ev.quad_class]?.name || "" }), h("code", {}, ev.cameo), " ",
    h("span", { class: "muted" }, cameoLabel(ev.cameo))),
    h("td", {}, ev.source_code || "—"),
    h("td", {}, ev.target_code || "—"),
    h("td", { class: "place-cell" }, place),
    h("td", { class: "num" }, h("span", { class: "gold", style: `color:${goldsteinTextColor(ev.goldstein)}` }, fmt(ev.goldstein))),
    h("td", { class: "num" }, String(ev.num_mentions ?? "")));
    tbody.append(tr);
  }
}

/** Where a span sits in the sentence: its offsets minus the sentence's, else found by text. */
function relSpan(sentence, evStart, start, end, text) {
  if (Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(evStart)) {
    const a = start - evStart, b = end - evStart;
    if (a >= 0 && b <= sentence.length && a < b) return [a, b];
  }
  if (text) {
    const i = sentence.indexOf(text);
    if (i >= 0) return [i, i + text.length];
  }
  return null;
}

/** The sentence as text nodes and <mark>s; overlapping spans share a segment with both classes. */
export function highlight(sentence, spans) {
  const cuts = new Set([0, sentence.length]);
  for (const sp of spans) { cuts.add(sp.range[0]); cuts.add(sp.range[1]); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    const text = sentence.slice(a, b);
    const on = spans.filter((sp) => sp.range[0] <= a && sp.range[1] >= b);
    if (!on.length) { out.push(text); continue; }
    out.push(h("mark", { class: on.map((sp) => `hl-${sp.role}`).join(" "), "data-role": on.map((sp) => sp.role).join(" "),
      title: on.map((sp) => sp.title).join("; ") }, text));
  }
  return out;
}

function actorLine(role, a) {
  if (!a) return h("span", { class: "muted" }, `no ${role}`);
  return h("span", {}, h("code", {}, a.code || "?"), a.name ? ` ${a.name}` : "");
}

export function renderEvidence(body, ev) {
  const mentions = ev.mentions || [];
  const head = h("p", { class: "ev-summary" },
    h("strong", {}, `${ev.date || "undated"} · `), h("code", {}, ev.cameo), ` ${cameoLabel(ev.cameo)}`,
    ev.plover ? ` · PLOVER ${ev.plover}` : "", ` · Goldstein ${fmt(ev.goldstein)} · `,
    `${ev.source_code || "—"} → ${ev.target_code || "—"}`,
    ev.location && ev.location.name ? ` · ${ev.location.name}` : "",
    ` · ${mentions.length} mention${mentions.length === 1 ? "" : "s"}`);
  const list = h("ol", { class: "mentions" });
  for (const m of mentions) {
    const evd = m.evidence || {};
    const sentence = evd.sentence || "";
    const spans = [];
    const add = (role, start, end, text, title) => {
      const range = relSpan(sentence, evd.start, start, end, text);
      if (range) spans.push({ role, range, title });
    };
    if (m.source) add("source", m.source.start, m.source.end, m.source.text, `source ${m.source.code || ""}`);
    if (m.target) add("target", m.target.start, m.target.end, m.target.text, `target ${m.target.code || ""}`);
    add("trigger", evd.trigger_start, evd.trigger_end, evd.trigger, `trigger (${m.cameo || ev.cameo})`);
    const art = m.article || {};
    list.append(h("li", { class: "mention", "data-event": m.event_id || "" },
      h("blockquote", { class: "sentence" }, ...highlight(sentence, spans)),
      h("p", { class: "meta" },
        actorLine("source", m.source), " → ", actorLine("target", m.target),
        m.cameo && m.cameo !== ev.cameo ? ` · coded ${m.cameo}` : ""),
      h("p", { class: "meta article" },
        art.url ? h("a", { href: art.url, target: "_blank", rel: "noopener noreferrer" }, art.title || art.url)
          : h("span", { class: "title" }, art.title || "(untitled article)"),
        art.outlet ? ` — ${art.outlet}` : "", art.date ? ` — ${art.date}` : "",
        art.id ? h("span", { class: "muted" }, ` (article ${art.id})`) : "")));
  }
  if (!mentions.length) list.append(h("li", { class: "empty" }, "The server returned no mentions for this event."));
  body.replaceChildren(head, list);
}
