// The telemetry page: what the office noticed and how people decided, read from /api/telemetry.json (the ops.telemetry
// tool, run by the kernel as the signed-in person) and drawn as inline SVG bar charts. It shows; it decides nothing.
// Loaded beside app.js (which does the header and the offline badge), it starts itself on the telemetry page only.
import { api } from "./api.js";
import { refusalNotice } from "./cards.js";
import { barChart } from "./charts.js";
import { clear, el, humanize } from "./dom.js";

const STATUS_ORDER = ["pending", "approved", "applied", "failed", "rejected", "expired", "superseded"];

function percent(rate) {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}

function minutesText(m) {
  if (m === null || m === undefined) return "—";
  if (m < 90) return `${m} min`;
  return `${Math.round((m / 60) * 10) / 10} h`;
}

function ms(value) {
  return value === null || value === undefined ? "—" : `${Math.round(value)} ms`;
}

function kpi(key, label, value) {
  return el("div", { class: "kpi", "data-kpi": key }, el("dt", {}, label), el("dd", {}, value));
}

/** Status counts as chart rows, in lifecycle order, leaving out statuses with nothing in them. */
function statusRows(byStatus) {
  const names = [...STATUS_ORDER, ...Object.keys(byStatus).filter((s) => !STATUS_ORDER.includes(s))];
  return names.filter((s) => (byStatus[s] ?? 0) > 0).map((s) => ({ label: humanize(s), values: [byStatus[s]] }));
}

export function telemetryView(t) {
  const s = t.suggestions;
  const p = t.proposals;
  return el(
    "div",
    { class: "telemetry" },
    el(
      "dl",
      { class: "kpis" },
      kpi("openTriggers", "Open triggers", t.triggers.open),
      kpi("pendingSuggestions", "Suggestions waiting", s.byStatus.pending ?? 0),
      kpi("suggestionApprovalRate", "Suggestions approved", percent(s.approvalRate)),
      kpi("suggestionP50", "Time to decide (median)", minutesText(s.timeToDecisionMinutes.p50)),
      kpi("applied", "Changes applied", p.applied),
      kpi("failed", "Applies failed", p.failed),
      kpi("refusals", "Refusals", t.refusals.total),
      kpi("scans", "Scans", t.scans.count),
      kpi("lastScan", "Last scan", ms(t.scans.lastDurationMs)),
      kpi("openIncidents", "Open incidents", t.governance.openIncidents),
    ),
    el("h2", {}, "What the office noticed"),
    barChart({
      title: "Triggers by type",
      rows: t.triggers.byType.map((x) => ({ label: x.label, values: [x.total, x.open] })),
      series: [
        { name: "raised", tone: "primary" },
        { name: "still open", tone: "warn" },
      ],
    }),
    el(
      "p",
      { class: "meta", "data-role": "scans" },
      `${t.scans.count} scan${t.scans.count === 1 ? "" : "s"}; last took ${ms(t.scans.lastDurationMs)}, ` +
        `median ${ms(t.scans.p50DurationMs)}.`,
    ),
    el("h2", {}, "How people decided"),
    barChart({ title: "Suggestions by status", rows: statusRows(s.byStatus), empty: "No suggestions yet." }),
    barChart({
      title: "Approved and rejected",
      rows: [
        { label: "Suggestions", values: [s.approved, s.rejected] },
        { label: "All proposals", values: [p.approved, p.rejected] },
      ],
      series: [
        { name: "approved", tone: "ok" },
        { name: "rejected", tone: "stop" },
      ],
    }),
    el(
      "p",
      { class: "meta", "data-role": "rates" },
      `Suggestions: ${percent(s.approvalRate)} approved, ${percent(s.rejectionRate)} rejected. ` +
        `All proposals: ${percent(p.approvalRate)} approved, ${percent(p.rejectionRate)} rejected` +
        (p.autoApproved > 0 ? ` (${p.autoApproved} approved by a listed rule, not counted).` : "."),
    ),
    barChart({
      title: "Minutes from proposal to decision",
      rows: [
        { label: "Suggestions", values: [s.timeToDecisionMinutes.p50, s.timeToDecisionMinutes.p90] },
        { label: "All proposals", values: [p.timeToDecisionMinutes.p50, p.timeToDecisionMinutes.p90] },
      ],
      series: [
        { name: "median", tone: "primary" },
        { name: "90th percentile", tone: "warn" },
      ],
      format: minutesText,
    }),
    barChart({ title: "All proposals by status", rows: statusRows(p.byStatus), empty: "No proposals yet." }),
    el("h2", {}, "Refusals and governance"),
    barChart({
      title: "Refusals by failure class",
      rows: t.refusals.byClass.map((r) => ({ label: r.class.replaceAll("_", " "), values: [r.count] })),
      series: [{ name: "refusals", tone: "stop" }],
      empty: "Nothing has been refused.",
    }),
    barChart({
      title: "Governed changes by status",
      rows: Object.entries(t.governance.contractsByStatus).map(([status, n]) => ({ label: status, values: [n] })),
      empty: "No governed changes yet.",
    }),
    el("h2", {}, "The model"),
    barChart({
      title: "Suggestions by source (this server, since it started)",
      rows: Object.entries(t.process.suggestionsBySource).map(([source, n]) => ({ label: source, values: [n] })),
      empty: "No suggestions written since the server started.",
    }),
    el(
      "p",
      { class: "meta", "data-role": "model" },
      `Model calls since the server started: ${t.process.modelCalls}; fell back to the offline template: ` +
        `${t.process.modelFallbacks}. As of ${new Date(t.generatedAt).toLocaleString("en-US")}.`,
    ),
  );
}

export async function startTelemetry() {
  const slot = document.getElementById("telemetry");
  const load = async () => {
    const { ok, body } = await api("/api/telemetry.json");
    clear(slot).append(ok ? telemetryView(body) : refusalNotice(body?.failure));
  };
  document.getElementById("reload")?.addEventListener("click", () => void load());
  await load();
}

if (document.body.dataset.page === "telemetry") void startTelemetry();
