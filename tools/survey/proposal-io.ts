// Shell helpers for the survey pack's proposal tools: load a sales proposal inside the tenant and project its views.
// The customer projection copies named customer-safe fields only; nothing internal can ride along.
import { z } from "zod";
import { getSalesProposal, SalesProposalDataSchema, type SalesProposalRecord } from "../../store/repos/field-sales.ts";
import { KernelError, type ToolContext } from "../kernel/index.ts";
import type { CustomerProposal, DocumentBrand } from "./proposal-html.ts";

export const ProposalViewSchema = z.object({
  id: z.string(),
  surveyId: z.string(),
  customerId: z.string().nullable(),
  preparedBy: z.string(),
  status: z.string(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  version: z.number().int(),
  proposal: SalesProposalDataSchema,
});

export function proposalViewOf(record: SalesProposalRecord): z.input<typeof ProposalViewSchema> {
  const { data, ...rest } = record;
  return { ...rest, proposal: data };
}

export async function loadProposal(ctx: ToolContext, proposalId: string): Promise<SalesProposalRecord> {
  const found = await getSalesProposal(ctx.db, ctx.tenantId, proposalId);
  if (!found) throw new KernelError("proposal_vanished", `sales proposal ${proposalId} vanished`);
  return found;
}

const SYSTEM_NAMES = { furnace: "Furnace", boiler: "Boiler", ac: "Air conditioner", heat_pump: "Heat pump" } as const;

const WHY: Readonly<Record<string, string>> = {
  lowest_upfront_cost: "The most affordable way to solve the problem, with financing to spread the payments.",
  best_value: "The best balance of price, efficiency and long-term value.",
  lower_bills: "Chosen to lower your energy bills: see the estimated savings below.",
  comfort: "Chosen for steadier temperatures and quieter, more even comfort.",
  reliability: "Chosen for dependable heating and cooling with a maintenance plan.",
  environment: "Chosen for efficiency and electrification, with the incentives that support it.",
  direct_replacement: "A like-for-like replacement with the least change and disruption.",
  best_available: "Top performance and efficiency.",
};

/** The customer's view of a proposal: only the fields the customer document may show (Field Engineer §08). */
export function customerProposalOf(record: SalesProposalRecord): CustomerProposal {
  const d = record.data;
  return {
    number: d.number,
    date: record.createdAt.slice(0, 10),
    validThrough: d.validThrough,
    customer: {
      name: d.customer.name,
      street: d.customer.street,
      city: d.customer.city,
      state: d.customer.state,
      zip: d.customer.zip,
    },
    preparedBy: d.preparedBy.name,
    tier: d.tier,
    why: (d.primaryGoal ? WHY[d.primaryGoal] : undefined) ?? "Recommended for your home from the survey.",
    systems: d.systems.map((s) => ({ name: SYSTEM_NAMES[s.system], label: s.label })),
    columns: d.columns.map((c) => ({
      level: c.level,
      labels: c.labels.map((l) => `${SYSTEM_NAMES[l.system]}: ${l.label}`),
      sellPrice: c.sellPrice,
      isChosen: c.isChosen,
    })),
    included: [...d.included],
    addOns: d.addOns.map((a) => ({ description: a.description, sellPrice: a.sellPrice })),
    sellPrice: d.sellPrice,
    discount: d.discount,
    rebatesEstimated: d.rebatesEstimated,
    netOutOfPocket: d.netOutOfPocket,
    deposit: { pct: d.deposit.pct, amount: d.deposit.amount },
    balance: { pct: d.balance.pct, amount: d.balance.amount },
    savings: d.savings
      ? {
          range: { low: d.savings.range.low, high: d.savings.range.high },
          baselineLabel: d.savings.baselineLabel,
          tierLabel: d.savings.tierLabel,
          footnote: d.savings.footnote,
        }
      : null,
    financing: d.financing.map((f) => ({
      lender: f.lender,
      termYears: f.termYears,
      apr: f.apr,
      monthlyPayment: f.monthlyPayment,
    })),
    financingDisclaimer: d.financingDisclaimer,
    rebates: d.rebates.map((r) => ({ name: r.name, level: r.level, amountLabel: r.amountLabel })),
    sizingNote: d.sizingNote,
    signature: d.signature ? { name: d.signature.name, signedAt: d.signature.signedAt } : null,
  };
}

/** The synthetic brand from the tenant's branding, with contact lines from `config.proposal` when the office set them. */
export function brandOf(tenant: ToolContext["tenant"]): DocumentBrand {
  const settings = z
    .object({
      tagline: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
      licenseNumber: z.string().optional(),
    })
    .safeParse(tenant.config?.proposal ?? {});
  const s = settings.success ? settings.data : {};
  return {
    displayName: tenant.branding.displayName,
    accentColor: tenant.branding.accentColor,
    tagline: s.tagline ?? "Quality without an upsell",
    phone: s.phone ?? "(303) 555-0100",
    email: s.email ?? "office@example.com",
    licenseNumber: s.licenseNumber ?? "DEMO-0000 (synthetic)",
  };
}
