// Upload panel: paste text or pick a file; POST /api/ingest with the token; list what was coded.

import { api } from "./api.js";
import { cameoLabel, QUAD } from "./codes.js";
import { h } from "./svg.js";

/** The `articles` body for a pasted text or a chosen file (.jsonl: one article per line). */
async function articlesFrom(form) {
  const file = form.file.files[0];
  const meta = {};
  for (const k of ["title", "outlet", "date"]) if (form[k].value.trim()) meta[k] = form[k].value.trim();
  if (file) {
    const text = await file.text();
    const name = file.name.toLowerCase();
    if (name.endsWith(".jsonl")) {
      return text.split(/\r?\n/).filter((l) => l.trim()).map((l, i) => {
        try { return JSON.parse(l); } catch { throw new Error(`${file.name} line ${i + 1} is not JSON`); }
      });
    }
    if (name.endsWith(".json")) {
      const data = JSON.parse(text);
      return Array.isArray(data) ? data : data.articles || [data];
    }
    const html = name.endsWith(".html") || name.endsWith(".htm") || /^\s*<(!doctype|html)/i.test(text);
    return [{ ...meta, [html ? "html" : "text"]: text }];
  }
  const text = form.text.value.trim();
  if (!text) throw new Error("Paste an article's text or choose a file first.");
  return [{ ...meta, text }];
}

function eventLine(e) {
  const actor = (a) => (a ? `${a.code}${a.name ? ` (${a.name})` : ""}` : "—");
  return h("li", { class: "coded", "data-cameo": e.cameo },
    h("span", { class: "quad-dot", style: `background:${QUAD[e.quad_class]?.color || "#888"}` }),
    h("code", {}, e.cameo), ` ${cameoLabel(e.cameo)}: ${actor(e.source)} → ${actor(e.target)}`,
    e.location && e.location.name ? ` @ ${e.location.name}` : "",
    e.date ? ` · ${e.date}` : "",
    h("div", { class: "muted small" }, `“${(e.evidence && e.evidence.trigger) || ""}” — ${(e.evidence && e.evidence.sentence) || ""}`));
}

export function setupUpload(form, out, { onIngested }) {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const button = form.querySelector("button[type=submit]");
    out.replaceChildren(h("p", { class: "busy" }, "Coding…"));
    let articles;
    try { articles = await articlesFrom(form); } catch (err) {
      out.replaceChildren(h("p", { class: "error", role: "alert" }, err.message)); return;
    }
    const token = form.token.value.trim();
    button.disabled = true;
    try {
      const res = await api("api/ingest", {
        method: "POST", body: { articles }, quiet: true,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      const blocks = (res.articles || []).map((a) => h("div", { class: "ingested", "data-status": a.status },
        h("p", {}, h("strong", {}, `Article ${a.id}: ${a.status}`), ` — ${(a.events || []).length} events`),
        h("ul", { class: "coded-list" }, ...(a.events || []).map(eventLine))));
      const skipped = (res.skipped || []).map((sk) => h("p", { class: "error" }, `Skipped ${sk.origin}: ${sk.reason}`));
      out.replaceChildren(...blocks, ...skipped);
      if (!blocks.length && !skipped.length) out.replaceChildren(h("p", { class: "empty" }, "The server coded nothing."));
      form.file.value = "";  // the next upload starts from the text box again
      onIngested(res);
    } catch (err) {
      const hint = err.status === 401 || err.status === 403 ? " Check the ingest token." : "";
      out.replaceChildren(h("p", { class: "error", role: "alert" }, `Upload failed: ${err.message}.${hint}`));
    } finally {
      button.disabled = false;
    }
  });
}
