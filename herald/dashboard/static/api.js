// Every call to herald's HTTP API goes through here, so a failure always reaches the page.

const listeners = new Set();

/** Subscribe to API errors (the page shows them in its alert region). */
export function onApiError(fn) { listeners.add(fn); }

export class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

async function describe(res) {
  let detail = "";
  try {
    const body = await res.json();
    detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
  } catch { detail = res.statusText; }
  return `${res.status} ${detail || res.statusText}`;
}

/** GET or POST `path` (relative to the page, so a proxy prefix works) and return parsed JSON. */
export async function api(path, { params, method = "GET", body, headers = {}, quiet = false } = {}) {
  const url = new URL(path, document.baseURI);
  if (params) for (const [k, v] of params) url.searchParams.append(k, v);
  const init = { method, headers: { Accept: "application/json", ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    const e = new ApiError(`Cannot reach the herald server (${url.pathname}): ${err.message}`, 0);
    if (!quiet) listeners.forEach((fn) => fn(e));
    throw e;
  }
  if (!res.ok) {
    const e = new ApiError(`${url.pathname}: ${await describe(res)}`, res.status);
    if (!quiet) listeners.forEach((fn) => fn(e));
    throw e;
  }
  return res.json();
}
