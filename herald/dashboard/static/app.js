// herald dashboard: the filter bar drives every view through the API's query string.

import { api, onApiError } from "./api.js";
import { CAMEO_ROOTS, PLOVER_TYPES, QUAD } from "./codes.js";
import { renderTimeline } from "./timeline.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { renderTable, renderEvidence } from "./events.js";
import { setupUpload } from "./upload.js";
import { h, message } from "./svg.js";

const $ = (sel) => document.querySelector(sel);
const PAGE = 25;
const FILTERS = ["start", "end", "actor", "country", "dyad", "cameo_root", "plover", "quad_class", "place", "min_mentions"];
const state = { offset: 0, selected: null, generation: 0, mapFit: true, places: [] };

// ---------------------------------------------------------------- errors, shown in the page

const errors = $("#errors");
function showError(text) {
  if ([...errors.querySelectorAll(".msg")].some((m) => m.textContent === text)) return;
  const item = h("div", { class: "error-item" }, h("span", { class: "msg" }, text),
    h("button", { type: "button", class: "secondary", "aria-label": "Dismiss this message",
      onclick: () => item.remove() }, "×"));
  errors.append(item);
}
onApiError((e) => showError(e.message));
window.addEventListener("error", (e) => showError(`Dashboard error: ${e.message}`));
window.addEventListener("unhandledrejection", (e) => showError(`Dashboard error: ${e.reason?.message || e.reason}`));

// ---------------------------------------------------------------- filter bar

const form = $("#filters");
function fillSelects() {
  $("#f-cameo").append(...Object.entries(CAMEO_ROOTS).map(([c, n]) => h("option", { value: c }, `${c} ${n}`)));
  $("#f-plover").append(...PLOVER_TYPES.map((p) => h("option", { value: p }, p)));
  $("#f-quad").append(...Object.entries(QUAD).map(([q, v]) => h("option", { value: q }, `${q} ${v.name}`)));
}

function readUrl() {
  const q = new URLSearchParams(location.search);
  for (const k of FILTERS) if (q.has(k) && form.elements[k]) form.elements[k].value = q.get(k);
  if (q.get("mode")) $("#t-mode").value = q.get("mode");
  if (q.get("interval")) $("#t-interval").value = q.get("interval");
  if (q.get("sort")) $("#e-sort").value = q.get("sort");
}

/** The filter values as query parameters (empty fields left out). */
function filterParams() {
  const p = new URLSearchParams();
  for (const k of FILTERS) {
    let v = (form.elements[k].value || "").trim();
    if (!v) continue;
    if (k === "country" || k === "dyad") v = v.toUpperCase();
    p.set(k, v);
  }
  return p;
}

function writeUrl() {
  const p = filterParams();
  if ($("#t-mode").value !== "quad") p.set("mode", $("#t-mode").value);
  if ($("#t-interval").value !== "day") p.set("interval", $("#t-interval").value);
  if ($("#e-sort").value !== "date") p.set("sort", $("#e-sort").value);
  const qs = p.toString();
  history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
}

function withParams(extra) {
  const p = filterParams();
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p;
}

// ---------------------------------------------------------------- views

async function view(section, work) {
  const el = $(section);
  el.setAttribute("aria-busy", "true");
  try {
    await work();
  } catch (err) {
    const chart = el.querySelector(".chart") || el.querySelector("tbody");
    if (chart && chart.tagName === "TBODY") {
      chart.replaceChildren(h("tr", {}, h("td", { colspan: 7, class: "error" }, `Could not load: ${err.message}`)));
    } else if (chart) message(chart, `Could not load: ${err.message}`, "error");
    throw err;
  } finally {
    el.removeAttribute("aria-busy");
  }
}

async function loadStats() {
  const st = await api("api/stats");
  const range = st.first_date ? `${st.first_date} – ${st.last_date}` : "no dated events";
  $("#stats").textContent = `${st.articles} articles · ${st.events} event mentions · ${range}`;
}

const timeline = () => view("#timeline", async () => {
  const gen = state.generation;
  const rows = await api("api/series", { params: withParams({ interval: $("#t-interval").value }) });
  if (gen !== state.generation) return;  // a newer filter is on its way
  renderTimeline($("#timeline-chart"), $("#timeline-legend"), rows, { mode: $("#t-mode").value, interval: $("#t-interval").value });
});

const network = () => view("#network", async () => {
  const gen = state.generation;
  const data = await api("api/network", { params: withParams({ limit: 40 }) });
  if (gen !== state.generation) return;
  renderNetwork($("#network-chart"), $("#goldstein-legend"), data, { onActor: (id) => setFilter("actor", id) });
});

const drawMap = () => renderMap($("#map-chart"), state.places || [], {
  onPlace: (name) => setFilter("place", name), fit: state.mapFit });
const map = () => view("#map", async () => {
  const gen = state.generation;
  const places = await api("api/places", { params: withParams({ limit: 500 }) });
  if (gen !== state.generation) return;
  state.places = places;
  await drawMap();
});

const table = () => view("#events", async () => {
  const gen = state.generation, offset = state.offset;
  const page = await api("api/events", { params: withParams({ merged: "true", limit: PAGE, offset, sort: $("#e-sort").value }) });
  if (gen !== state.generation || offset !== state.offset) return;
  renderTable($("#events-table tbody"), page, { onOpen: openEvidence, selected: state.selected });
  const last = Math.min(page.total, page.offset + page.items.length);
  $("#events-count").textContent = `${page.total} merged event${page.total === 1 ? "" : "s"}`;
  $("#page-info").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "";
  $("#prev-page").disabled = page.offset <= 0;
  $("#next-page").disabled = last >= page.total;
});

async function refresh() {
  const gen = ++state.generation;
  document.body.dataset.state = "loading";
  const results = await Promise.allSettled([loadStats(), timeline(), network(), map(), table()]);
  if (gen !== state.generation) return;
  document.body.dataset.state = results.some((r) => r.status === "rejected") ? "error" : "ready";
}

function setFilter(name, value) {
  form.elements[name].value = value;
  apply();
}

function apply() {
  state.offset = 0;
  writeUrl();
  refresh();
}

// ---------------------------------------------------------------- evidence

async function openEvidence(id, row) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#events-table tr.event-row")) {
    if (tr.dataset.id === id) tr.setAttribute("aria-current", "true");
    else tr.removeAttribute("aria-current");
  }
  const panel = $("#evidence"), body = $("#evidence-body");
  panel.hidden = false;
  panel.dataset.id = id;
  body.replaceChildren(h("p", { class: "busy" }, "Loading evidence…"));
  try {
    const ev = await api(`api/events/${encodeURIComponent(id)}`);
    renderEvidence(body, ev);
    panel.dataset.loaded = id;
  } catch (err) {
    message(body, `Could not load the evidence: ${err.message}`, "error");
  }
  $("#evidence-h").focus({ preventScroll: true });
  panel.scrollIntoView({ block: "nearest", behavior: "instant" });
  state.returnTo = row;
}

// ---------------------------------------------------------------- actor suggestions

let suggestTimer = 0;
function suggestActors() {
  clearTimeout(suggestTimer);
  const q = form.elements.actor.value.trim();
  if (q.length < 2) return;
  suggestTimer = setTimeout(async () => {
    try {
      const actors = await api("api/actors", { params: new URLSearchParams({ q, limit: 20 }), quiet: true });
      $("#actor-list").replaceChildren(...actors.map((a) => h("option", { value: a.code }, a.name || a.code)));
    } catch { /* suggestions are optional; the filter itself reports errors */ }
  }, 250);
}

// ---------------------------------------------------------------- wiring

function main() {
  fillSelects();
  readUrl();
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  form.addEventListener("reset", () => setTimeout(apply, 0));
  form.elements.actor.addEventListener("input", suggestActors);
  for (const sel of ["#f-cameo", "#f-plover", "#f-quad"]) $(sel).addEventListener("change", apply);
  $("#t-mode").addEventListener("change", () => { writeUrl(); timeline().catch(() => {}); });
  $("#t-interval").addEventListener("change", () => { writeUrl(); timeline().catch(() => {}); });
  $("#map-fit").addEventListener("click", (e) => {
    state.mapFit = !state.mapFit;
    e.target.setAttribute("aria-pressed", String(state.mapFit));
    e.target.textContent = state.mapFit ? "Zoomed to events" : "Whole world";
    drawMap();
  });
  $("#e-sort").addEventListener("change", () => { state.offset = 0; writeUrl(); table().catch(() => {}); });
  $("#prev-page").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); table().catch(() => {}); });
  $("#next-page").addEventListener("click", () => { state.offset += PAGE; table().catch(() => {}); });
  $("#close-evidence").addEventListener("click", () => {
    $("#evidence").hidden = true;
    state.returnTo?.focus();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("#evidence").hidden) $("#close-evidence").click();
  });
  setupUpload($("#upload-form"), $("#upload-result"), { onIngested: () => refresh() });
  refresh();
}

main();
