// Inline SVG bar charts, drawn from plain data with no chart library: one row per label, one bar per series, the
// value written beside each bar. Colours come from classes in ops.css (the CSP allows no inline styles).
import { el } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const LABEL_WIDTH = 260;
const VALUE_WIDTH = 64;
const BAR_HEIGHT = 14;
const ROW_GAP = 10;
const TOP = 6;

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A value in words: "—" for none. */
function plain(value) {
  return value === null || value === undefined ? "—" : String(value);
}

/**
 * A horizontal bar chart in a <figure>.
 * rows: [{ label, values: [number, …] }] — one value per series; series: [{ name, tone }] (tone picks the colour class);
 * format(value) writes a value (default: the number itself). Bars scale to the largest value; 0 draws no bar.
 */
export function barChart({ title, rows, series = [{ name: "count", tone: "primary" }], format = plain, empty }) {
  const figure = el("figure", { class: "chart", "data-chart": title });
  figure.append(el("figcaption", {}, title));
  if (rows.length === 0) {
    figure.append(el("p", { class: "meta", "data-role": "empty" }, empty ?? "Nothing to show yet."));
    return figure;
  }
  const max = Math.max(1e-9, ...rows.flatMap((r) => r.values.filter((v) => typeof v === "number")));
  const rowHeight = series.length * BAR_HEIGHT + ROW_GAP;
  const height = TOP + rows.length * rowHeight;
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const words = rows.map(
    (r) => `${r.label}: ${r.values.map((v, i) => `${series[i]?.name ?? ""} ${format(v)}`).join(", ")}`,
  );
  const chart = svg("svg", {
    class: "bars",
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: "img",
    "aria-label": `${title}. ${words.join("; ")}`,
    preserveAspectRatio: "xMinYMin meet",
  });
  rows.forEach((row, r) => {
    const y = TOP + r * rowHeight;
    chart.append(
      svg("text", { class: "bar-label", x: LABEL_WIDTH - 8, y: y + (series.length * BAR_HEIGHT) / 2 + 4 }, row.label),
    );
    row.values.forEach((value, s) => {
      const number = typeof value === "number" ? value : 0;
      const width = number > 0 ? Math.max(2, (number / max) * barSpace) : 0;
      const barY = y + s * BAR_HEIGHT;
      const tone = series[s]?.tone ?? "primary";
      chart.append(
        svg(
          "rect",
          {
            class: `bar tone-${tone}`,
            x: LABEL_WIDTH,
            y: barY,
            width: width.toFixed(1),
            height: BAR_HEIGHT - 2,
            rx: 2,
            "data-label": row.label,
            "data-series": series[s]?.name ?? "",
            "data-value": value ?? "",
          },
          svg("title", {}, `${row.label} — ${series[s]?.name ?? ""}: ${format(value)}`),
        ),
        svg("text", { class: "bar-value", x: LABEL_WIDTH + width + 6, y: barY + BAR_HEIGHT - 4 }, format(value)),
      );
    });
  });
  figure.append(chart);
  if (series.length > 1) {
    figure.append(
      el(
        "p",
        { class: "legend" },
        series.map((s) => el("span", { class: `key tone-${s.tone}` }, s.name)),
      ),
    );
  }
  return figure;
}
