// Words for the survey and pricing packs' offline answers: sizing, tiers and flags, savings ranges, utilities, the
// proposal and price book items — only from what the tools returned. A salesperson never sees cost: nothing here
// names a cost-side field, and a field the kernel removed is simply absent.
import { arr, dollarRange, dollars, dollarsAndCents, list, num, rec, str } from "./say-field.ts";

export function saySizing(data: unknown): string {
  const d = rec(data);
  const tons = num(d.coolingTons);
  const band = rec(d.heatingBtu);
  const low = num(band.low);
  const high = num(band.high);
  const parts: string[] = [];
  if (tons !== null) parts.push(`about ${tons} tons of cooling`);
  if (low !== null && high !== null)
    parts.push(`a heating band of ${low.toLocaleString("en-US")}–${high.toLocaleString("en-US")} BTU`);
  const reasons = arr(d.reasons).flatMap((r) => (typeof r === "string" ? [r] : []));
  const head = parts.length > 0 ? `Sizing cross-check: ${list(parts)}.` : "Sizing cross-check: no confident number.";
  const verify =
    d.verifySizing === true ? ` Office to verify sizing${reasons.length > 0 ? `: ${reasons.join(" ")}` : "."}` : "";
  return `${head}${verify} It's a heuristic, not a Manual J.`;
}

export function sayRecommendation(data: unknown): string {
  const d = rec(data);
  const lines: string[] = [];
  const framing = rec(d.framing);
  const lead = str(framing.leadTier);
  for (const tier of arr(d.tiers).map((t) => rec(t))) {
    const labels = arr(tier.labels)
      .map((l) => str(rec(l).label))
      .filter((l): l is string => l !== null);
    lines.push(
      `- ${str(tier.level) ?? "?"}${tier.isLead === true ? " (lead)" : ""}: ${labels.join(" + ") || "nothing to propose yet"}`,
    );
  }
  const flags = [...arr(d.systemFlags), ...arr(d.homeFlags)]
    .map((f) => str(rec(f).message))
    .filter((m): m is string => m !== null);
  const out = [`Good / Better / Best${lead ? `, leading with ${lead}` : ""}:`, ...lines];
  const leadsWith = str(framing.leadsWith);
  if (leadsWith) out.push(`Story: ${leadsWith}`);
  if (flags.length > 0) out.push(`Flags: ${flags.join(" ")}`);
  const addOns = arr(d.addOns).flatMap((a) => (typeof a === "string" ? [a.replaceAll("_", " ")] : []));
  if (addOns.length > 0) out.push(`Add-ons to offer: ${list(addOns)}.`);
  const sizing = rec(d.sizing);
  if (str(sizing.note)) out.push(str(sizing.note) ?? "");
  if (d.utilityConfirmed !== true) out.push(`The utilities aren't confirmed yet; ask "which utility is it".`);
  return out.join("\n");
}

export function saySavings(data: unknown, askedHeatPump: boolean): string {
  const d = rec(data);
  const range = dollarRange(d.range);
  const out = [
    `Estimated heating savings ${range ?? "not available"} a year with the ${str(d.proposedTier) ?? "proposed"} tier, ${
      str(d.baselineLabel) ?? "against the current system"
    } (${str(d.tierLabel) ?? "estimate"}).`,
  ];
  const payback = rec(d.paybackYears);
  const low = num(payback.low);
  if (low !== null) {
    const high = num(payback.high);
    out.push(
      `Simple payback about ${low}${high !== null && high !== low ? `–${high}` : high === null ? "+" : ""} years.`,
    );
  }
  const assumptions = arr(d.assumptions)
    .map((a) => rec(a))
    .flatMap((a) => (str(a.label) && str(a.value) ? [`${str(a.label)}: ${str(a.value)}`] : []));
  if (askedHeatPump) {
    const proposed = assumptions.find((a) => a.startsWith("Proposed system"));
    if (proposed) out.push(`Compared as ${proposed.replace(/^Proposed system: /, "")}.`);
  }
  if (assumptions.length > 0) out.push(`Assumptions: ${assumptions.join("; ")}.`);
  const footnote = str(d.footnote);
  if (footnote) out.push(footnote);
  const note = str(d.note);
  if (note) out.push(note);
  return out.join("\n");
}

export function sayUtilities(data: unknown): string {
  const d = rec(data);
  const line = (kind: string, value: unknown) => {
    const s = rec(value);
    const picks = arr(s.pickList).flatMap((p) => (typeof p === "string" ? [p] : []));
    return `${kind}: ${str(s.name) ?? "no suggestion"} (${str(s.confidence) ?? "low"} confidence). Pick from: ${picks.join(" / ")}.`;
  };
  return [
    d.confirmed === true ? "The utilities are already confirmed on this survey." : "Suggested — not confirmed:",
    line("Electric", d.electric),
    line("Gas", d.gas),
    `Source: ${str(d.source) ?? "reference list"}. ${str(d.webSearch) ?? ""}`.trim(),
    d.confirmed === true
      ? ""
      : `Ask the customer, then say e.g. "confirm ${shortName(rec(d.electric).name)} and ${shortName(rec(d.gas).name)}".`,
  ]
    .filter(Boolean)
    .join("\n");
}

function shortName(name: unknown): string {
  const n = str(name);
  if (!n) return "<electric>";
  return n
    .replace(/\(demo\)/gi, "")
    .replace(/&/g, "and")
    .toLowerCase()
    .trim();
}

/** survey.get_proposal data, in sell-side words only. */
export function sayProposal(data: unknown): string {
  const d = rec(data);
  const p = rec(d.proposal);
  const systems = arr(p.systems)
    .map((s) => str(rec(s).label))
    .filter((s): s is string => s !== null);
  const out = [
    `Proposal ${str(p.number) ?? str(d.id) ?? ""} for ${str(rec(p.customer).name) ?? "the customer"} — ${str(d.status) ?? "draft"}.`,
    `${str(p.tier) ?? "?"} tier: ${systems.join(" + ") || "no systems"}.`,
  ];
  const sell = num(p.sellPrice);
  const rebates = num(p.rebatesEstimated);
  const net = num(p.netOutOfPocket);
  if (sell !== null)
    out.push(`Price ${dollars(sell)}${num(p.discount) ? ` after a ${dollars(num(p.discount) ?? 0)} discount` : ""}.`);
  if (rebates !== null) out.push(`Estimated rebates ${dollars(rebates)} (to be verified).`);
  if (net !== null) out.push(`Net out-of-pocket ${dollars(net)}.`);
  const deposit = rec(p.deposit);
  const balance = rec(p.balance);
  if (num(deposit.amount) !== null && num(balance.amount) !== null) {
    out.push(
      `Deposit ${num(deposit.pct)}% ${dollars(num(deposit.amount) ?? 0)} at acceptance, balance ${num(balance.pct)}% ${dollars(
        num(balance.amount) ?? 0,
      )} at completion.`,
    );
  }
  const columns = arr(p.columns)
    .map((c) => rec(c))
    .flatMap((c) => (num(c.sellPrice) !== null ? [`${str(c.level)} ${dollars(num(c.sellPrice) ?? 0)}`] : []));
  if (columns.length > 0) out.push(`All tiers: ${columns.join(", ")}.`);
  const financing = arr(p.financing)
    .map((f) => rec(f))
    .flatMap((f) =>
      num(f.monthlyPayment) !== null
        ? [
            `${str(f.lender) ?? "financing"} ${num(f.apr)}% for ${num(f.termYears)} years ≈ ${dollarsAndCents(num(f.monthlyPayment) ?? 0)}/month`,
          ]
        : [],
    );
  if (financing.length > 0) out.push(`Financing: ${financing.join("; ")}. ${str(p.financingDisclaimer) ?? ""}`.trim());
  const savings = rec(p.savings);
  const range = dollarRange(savings.range);
  if (range) out.push(`Estimated savings ${range} a year (${str(savings.tierLabel) ?? "estimate"}).`);
  if (str(p.validThrough)) out.push(`Valid through ${str(p.validThrough)}.`);
  return out.join("\n");
}

export function sayFinancing(data: unknown): string {
  const d = rec(data);
  const amount = num(d.amount);
  const options = arr(d.options)
    .map((o) => rec(o))
    .map(
      (o) =>
        `${num(o.apr)}% for ${num(o.termYears)} years: about ${dollarsAndCents(num(o.monthlyPayment) ?? 0)} a month`,
    );
  return `Financing ${amount !== null ? dollars(amount) : "that"} — ${options.join("; ")}. ${str(d.disclaimer) ?? ""}`.trim();
}

/** pricing.list_items data: sell prices only, whatever else a role's view carries. */
export function sayItems(data: unknown): string {
  const items = arr(rec(data).items).map((i) => rec(i));
  if (items.length === 0) return "Nothing in the price book matches that.";
  const shown = items.slice(0, 6).map((i) => {
    const sell = num(i.sellPrice);
    return `- ${str(i.sku) ?? "?"}: ${str(i.description) ?? ""} — ${sell !== null ? dollars(sell) : "no price"} per ${str(i.unit) ?? "each"}`;
  });
  const more = items.length > 6 ? [`…and ${items.length - 6} more.`] : [];
  return [
    `Price book sell price${items.length === 1 ? "" : "s"} (equipment line only; an installed price comes with the proposal):`,
    ...shown,
    ...more,
  ].join("\n");
}
