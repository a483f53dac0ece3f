// The customer proposal document (Field Engineer §08 "Proposal document layout"): 12 parts, one printable page.
// Pure: builds HTML from customer-safe fields only; the input type has no place for internal figures. The CSS avoids
// the word a cost search looks for, so a whole-document search stays meaningful.

export interface DocumentBrand {
  displayName: string;
  accentColor: string;
  tagline: string;
  phone: string;
  email: string;
  licenseNumber: string;
}

type Level = "good" | "better" | "best";

/** Everything the customer may see. Deliberately a separate shape: nothing internal can ride along. */
export interface CustomerProposal {
  number: string;
  date: string;
  validThrough: string;
  customer: { name: string; street: string; city: string; state: string; zip: string };
  preparedBy: string;
  tier: Level;
  why: string;
  systems: { name: string; label: string }[];
  columns: { level: Level; labels: string[]; sellPrice: number; isChosen: boolean }[];
  included: string[];
  addOns: { description: string; sellPrice: number }[];
  sellPrice: number;
  discount: number;
  rebatesEstimated: number;
  netOutOfPocket: number;
  deposit: { pct: number; amount: number };
  balance: { pct: number; amount: number };
  savings: {
    range: { low: number; high: number };
    baselineLabel: string;
    tierLabel: string;
    footnote: string | null;
  } | null;
  financing: { lender: string; termYears: number; apr: number; monthlyPayment: number }[];
  financingDisclaimer: string;
  rebates: { name: string; level: string; amountLabel: string }[];
  sizingNote: string;
  signature: { name: string; signedAt: string } | null;
}

const LEVEL_NAMES: Readonly<Record<Level, string>> = { good: "Good", better: "Better", best: "Best" };

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export function dollars(amount: number, cents = false): string {
  return `$${amount.toLocaleString("en-US", {
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: cents ? 2 : 0,
  })}`;
}

function safeColor(color: string): string {
  return /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : "#2f5bd3";
}

/** The one-page customer proposal as a standalone HTML document with print CSS. */
export function proposalHtml(p: CustomerProposal, brand: DocumentBrand): string {
  const e = escapeHtml;
  const accent = safeColor(brand.accentColor);
  const money = (n: number) => e(dollars(n));
  const columns = p.columns
    .map(
      (c) =>
        `<div class="col${c.isChosen ? " chosen" : ""}"><h4>${LEVEL_NAMES[c.level]}${c.isChosen ? " — recommended" : ""}</h4>` +
        `<ul>${c.labels.map((l) => `<li>${e(l)}</li>`).join("")}</ul><p class="price">${money(c.sellPrice)}</p></div>`,
    )
    .join("");
  const savings = p.savings
    ? `<p><strong>${e(dollars(p.savings.range.low))}–${e(dollars(p.savings.range.high))} per year*</strong> ` +
      `${e(p.savings.baselineLabel)} (${e(p.savings.tierLabel)}). An estimate, not a promise.</p>` +
      (p.savings.footnote ? `<p class="note">${e(p.savings.footnote).replaceAll("\n", "<br>")}</p>` : "")
    : "<p>Savings estimate not prepared for this proposal.</p>";
  const financing = p.financing.length
    ? `<ul>${p.financing
        .map(
          (f) =>
            `<li>${e(f.lender)}: ${e(dollars(f.monthlyPayment, true))}/month for ${f.termYears} years at ${f.apr}% APR</li>`,
        )
        .join("")}</ul><p class="note">${e(p.financingDisclaimer)}</p>`
    : "<p>Financing options available on request, subject to credit approval.</p>";
  const rebates = p.rebates.length
    ? `<ul>${p.rebates.map((r) => `<li>${e(r.name)} (${e(r.level)}): ${e(r.amountLabel)}</li>`).join("")}</ul>`
    : "<p>No rebate programs identified yet.</p>";
  const signature = p.signature
    ? `<p>Accepted by <strong>${e(p.signature.name)}</strong> on ${e(p.signature.signedAt.slice(0, 10))}.</p>`
    : `<p class="sign">Signature ____________________________ Date ____________</p>`;

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Proposal ${e(p.number)} — ${e(brand.displayName)}</title>
<style>
@page { size: letter; }
* { box-sizing: border-box; }
body { font: 10px/1.35 "IBM Plex Sans", Arial, sans-serif; color: #222; }
header { background: #2b2b2b; color: #fff; padding: 8px 12px; display: flex; justify-content: space-between; }
header .mark { font: 700 16px "Archivo", Arial, sans-serif; }
header .tag { color: ${accent}; font-size: 10px; }
section { padding: 4px 12px; break-inside: avoid; }
h3 { font-size: 11px; padding-top: 2px; color: ${accent}; text-transform: uppercase; }
.cols { display: flex; gap: 6px; }
.col { flex: 1; border: 1px solid #ccc; padding: 4px; }
.col.chosen { border: 2px solid ${accent}; }
.col h4 { font-size: 11px; }
.col ul, section ul { padding-left: 14px; }
.price { font-weight: 700; }
.headline { font-size: 14px; font-weight: 700; color: #e8731a; }
.note, .fine { font-size: 8px; color: #555; }
.sign { padding-top: 8px; }
footer { border-top: 1px solid #ccc; padding: 4px 12px; font-size: 8px; color: #555; }
@media print { body { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
</style></head><body>
<header><div><div class="mark">${e(brand.displayName)}</div><div class="tag">${e(brand.tagline)}</div></div>
<div>Proposal ${e(p.number)}<br>Date ${e(p.date)}<br>Valid through ${e(p.validThrough)}</div></header>
<section><h3>Customer &amp; property</h3><p>${e(p.customer.name)} — ${e(p.customer.street)}, ${e(p.customer.city)}, ${e(p.customer.state)} ${e(p.customer.zip)}<br>Prepared by ${e(p.preparedBy)}</p></section>
<section><h3>Recommended system</h3><p><strong>${LEVEL_NAMES[p.tier]}:</strong> ${p.systems.map((s) => `${e(s.name)} — ${e(s.label)}`).join("; ")}</p><p>${e(p.why)}</p></section>
<section><h3>Good / Better / Best</h3><div class="cols">${columns}</div></section>
<section><h3>What's included</h3><ul>${p.included.map((i) => `<li>${e(i)}</li>`).join("")}${p.addOns.map((a) => `<li>${e(a.description)}</li>`).join("")}</ul></section>
<section><h3>Your investment</h3><p>System price ${money(p.sellPrice)}${p.discount > 0 ? ` (includes a ${money(p.discount)} discount)` : ""}<br>
Estimated rebates − ${money(p.rebatesEstimated)} (to be verified)<br>
<span class="headline">Net out-of-pocket ${money(p.netOutOfPocket)}</span><br>
Deposit (${p.deposit.pct}%) at acceptance ${money(p.deposit.amount)} · Balance (${p.balance.pct}%) at completion ${money(p.balance.amount)}</p></section>
<section><h3>Estimated savings</h3>${savings}</section>
<section><h3>Financing</h3>${financing}</section>
<section><h3>Rebates &amp; incentives</h3>${rebates}<p class="note">Amounts subject to verification; rebates are to be verified before they are counted.</p></section>
<section><h3>Acceptance</h3><p>Signing accepts this proposal and authorizes scheduling.</p>${signature}</section>
<section class="fine"><h3>Fine print</h3><p>Figures are estimates, not guarantees. Savings use dated energy rates (see the asterisk note). Financing is subject to credit approval. Rebates are to be verified. ${e(p.sizingNote)} This proposal is valid through ${e(p.validThrough)}.</p></section>
<footer>${e(brand.displayName)} · ${e(brand.phone)} · ${e(brand.email)} · License ${e(brand.licenseNumber)}</footer>
</body></html>
`;
}
