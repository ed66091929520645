// Code lists the filter bar and legends show: CAMEO root names, PLOVER event types, QuadClass.
// Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies).

export const CAMEO_ROOTS = {
  "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
  "05": "Diplomatic cooperation", "06": "Material cooperation", "07": "Provide aid", "08": "Yield",
  "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
  "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce",
  "18": "Assault", "19": "Fight", "20": "Unconventional mass violence",
};

export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

export const QUAD = {
  1: { name: "Verbal cooperation", color: "#0072B2" },
  2: { name: "Material cooperation", color: "#009E73" },
  3: { name: "Verbal conflict", color: "#E69F00" },
  4: { name: "Material conflict", color: "#D55E00" },
};

/** Diverging colour for a Goldstein score (-10 conflict .. +10 cooperation). */
export function goldsteinColor(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#8a8f98";
  const t = Math.max(-1, Math.min(1, g / 10));
  // red (#c0392b) through grey (#8a8f98) to blue (#1f5fa8)
  const lerp = (a, b, u) => Math.round(a + (b - a) * u);
  const [from, to, u] = t < 0 ? [[138, 143, 152], [192, 57, 43], -t] : [[138, 143, 152], [31, 95, 168], t];
  return `rgb(${lerp(from[0], to[0], u)},${lerp(from[1], to[1], u)},${lerp(from[2], to[2], u)})`;
}

/** A darker variant for text on white (contrast >= 4.5:1 at every score). */
export function goldsteinTextColor(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#4f5562";
  if (g <= -0.05) return g <= -5 ? "#a3261a" : "#8c3a2e";
  if (g >= 0.05) return g >= 5 ? "#1a4f8c" : "#2f5684";
  return "#4f5562";
}

export function cameoLabel(code) {
  const root = String(code || "").slice(0, 2);
  return CAMEO_ROOTS[root] || "";
}
