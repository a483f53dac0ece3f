// Tool results as readable cards: the dashboard's KPIs, a customer 360, tables for lists, a red banner for a hard
// stop, a plain notice for a refusal. Renders what the kernel returned; it decides nothing.
import { approvalCard } from "./approval.js";
import { el, formatMoney, formatValue, humanize } from "./dom.js";

const MAX_ROWS = 50;
const MAX_COLUMNS = 7;

/** One kernel call of a chat turn (TurnCall) as a card. */
export function renderCall(call) {
  if (call.status === "stopped" && call.stop) return hardStopBanner(call.stop);
  if (call.status === "refused") return refusalNotice(call.failure, call.proposal);
  if (call.proposal) return approvalCard(call.proposal, call.tool === "kernel.decide" ? undefined : call.input);
  return dataCard(call.tool, call.data);
}

export function hardStopBanner(stop) {
  return el(
    "section",
    { class: "hard-stop", role: "alert" },
    el("h3", {}, "STOP — ", stop.type === "universal" ? "hard stop" : "conditional stop"),
    el("p", { class: "stop-message" }, stop.message),
    el("p", { class: "stop-action" }, el("strong", {}, "Do now: "), stop.action),
  );
}

export function refusalNotice(failure, proposal) {
  return el(
    "section",
    { class: "notice refusal", role: "status" },
    el("p", {}, el("strong", {}, "Not done. "), failure?.reason ?? "The office refused this request."),
    el(
      "p",
      { class: "meta" },
      failure?.class ? `(${failure.class.replaceAll("_", " ")})` : "",
      proposal ? ` — ${proposal.id} is ${proposal.status}` : "",
    ),
  );
}

export function dataCard(tool, data) {
  // A stored conversation keeps the call but not always its data: say what was looked up.
  if (data === undefined)
    return el("p", { class: "meta", "data-tool": tool }, `Looked up: ${toolTitle(tool).toLowerCase()}.`);
  if (tool === "crm.dashboard" && data?.kpis) return dashboardCard(data);
  if (tool === "crm.get_customer" && data?.customer) return customerCard(data);
  return el(
    "section",
    { class: "card data", "data-tool": tool },
    el("h3", {}, toolTitle(tool)),
    valueView("", data, 0),
  );
}

function toolTitle(tool) {
  const name = tool.includes(".") ? tool.slice(tool.indexOf(".") + 1) : tool;
  return humanize(name);
}

// ---------------------------------------------------------------- dashboard

const KPI_LABELS = [
  ["newLeadsToday", "New leads today"],
  ["newLeads7d", "New leads, 7 days"],
  ["openQuotes", "Open quotes"],
  ["openQuoteValueCents", "Open quote value"],
  ["jobsToday", "Jobs today"],
  ["overdueFollowUps", "Overdue follow-ups"],
  ["pendingApprovals", "Pending approvals"],
  ["intakeInReview", "Intake in review"],
];

export function dashboardCard(data) {
  const kpis = el(
    "dl",
    { class: "kpis" },
    KPI_LABELS.filter(([key]) => key in data.kpis).map(([key, label]) =>
      el("div", { class: "kpi", "data-kpi": key }, el("dt", {}, label), el("dd", {}, formatValue(key, data.kpis[key]))),
    ),
  );
  const missed = data.missedOpportunities;
  return el(
    "section",
    { class: "card dashboard", "data-tool": "crm.dashboard" },
    el("h3", {}, "Dashboard for ", data.date),
    kpis,
    missed
      ? el(
          "p",
          { class: "missed" },
          `Missed opportunities: ${missed.unansweredLeads.count} unanswered leads (${formatMoney(missed.unansweredLeads.valueCents)}), `,
          `${missed.staleQuotes.count} stale quotes (${formatMoney(missed.staleQuotes.valueCents)}), `,
          `${missed.lapsedAgreements.count} lapsed agreements, ${missed.unreturnedCalls.count} unreturned calls.`,
        )
      : null,
    el("h4", {}, `Due today (${data.dueToday.length})`),
    table(data.dueToday, ["title", "kind", "dueAt"]),
  );
}

// ---------------------------------------------------------------- customer 360

export function customerCard(data) {
  const c = data.customer;
  const section = (title, rows, columns) =>
    rows && rows.length > 0 ? [el("h4", {}, `${title} (${rows.length})`), table(rows, columns)] : [];
  return el(
    "section",
    { class: "card customer", "data-tool": "crm.get_customer", "data-customer-id": c.id },
    el("h3", {}, c.name),
    el(
      "dl",
      { class: "facts" },
      fact("Phone", c.phone ?? "none on file", "phone"),
      fact("Email", c.email ?? "none on file", "email"),
      fact("Status", c.status, "status"),
      c.optedOut?.length ? fact("Opted out of", c.optedOut.join(", "), "opted-out") : null,
      c.tags?.length ? fact("Tags", c.tags.join(", "), "tags") : null,
    ),
    (data.riskFlags ?? []).length > 0
      ? el(
          "ul",
          { class: "risk-flags" },
          data.riskFlags.map((f) => el("li", {}, typeof f === "string" ? f : formatValue("", f))),
        )
      : null,
    section(
      "Properties",
      (data.properties ?? []).map((p) => ({
        address: [p.street, p.unit, p.city, p.state].filter(Boolean).join(", "),
        sqft: p.sqft,
        yearBuilt: p.yearBuilt,
        equipment: (p.equipment ?? [])
          .map((e) => [e.type?.replaceAll("_", " "), e.installedYear].filter(Boolean).join(" "))
          .join("; "),
      })),
      ["address", "sqft", "yearBuilt", "equipment"],
    ),
    section("Open opportunities", data.activeOpportunities),
    section("Quotes", data.quotes),
    section("Tasks", data.tasks, ["title", "kind", "dueAt", "status"]),
    section("Notes", data.notes, ["body", "authorId", "createdAt"]),
    section("Recent interactions", data.recentInteractions),
  );
}

function fact(label, value, key) {
  return el("div", { class: "fact", "data-fact": key }, el("dt", {}, label), el("dd", {}, value));
}

// ---------------------------------------------------------------- anything else

function isFlat(value) {
  return value === null || value === undefined || ["string", "number", "boolean"].includes(typeof value);
}

/** An array of records → a table of their simple fields (ids last, at most a few columns). */
export function table(rows, columns) {
  const keys =
    columns ??
    [...new Set(rows.flatMap((r) => Object.keys(r ?? {}).filter((k) => isFlat(r[k]))))]
      .sort((a, b) => Number(/Id$|^id$/.test(a)) - Number(/Id$|^id$/.test(b)))
      .slice(0, MAX_COLUMNS);
  const shown = rows.slice(0, MAX_ROWS);
  return el(
    "div",
    { class: "table-wrap" },
    el(
      "table",
      {},
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          keys.map((k) => el("th", { scope: "col" }, humanize(k))),
        ),
      ),
      el(
        "tbody",
        {},
        shown.map((row) =>
          el(
            "tr",
            {},
            keys.map((k) => el("td", { "data-label": humanize(k) }, formatValue(k, row?.[k]))),
          ),
        ),
      ),
    ),
    rows.length > shown.length ? el("p", { class: "meta" }, `…and ${rows.length - shown.length} more.`) : null,
  );
}

function valueView(key, value, depth) {
  if (isFlat(value)) return el("span", {}, formatValue(key, value));
  if (Array.isArray(value)) {
    if (value.length === 0) return el("span", { class: "meta" }, "none");
    if (value.every((v) => v && typeof v === "object" && !Array.isArray(v))) return table(value);
    return el(
      "ul",
      {},
      value.slice(0, MAX_ROWS).map((v) => el("li", {}, valueView(key, v, depth + 1))),
    );
  }
  if (depth >= 3) return el("code", {}, JSON.stringify(value).slice(0, 300));
  return el(
    "dl",
    { class: "fields" },
    Object.entries(value).map(([k, v]) =>
      el("div", { class: "field" }, el("dt", {}, humanize(k)), el("dd", {}, valueView(k, v, depth + 1))),
    ),
  );
}
