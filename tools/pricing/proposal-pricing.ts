// Builds a sales proposal document from a survey's stored recommendation and the price book (shell helper).
// Survey rules ran in the survey pack and were stored on the survey; pricing rules run here. Packs never import each other.
import { getCustomer } from "../../store/repos/customers.ts";
import {
  getSurvey,
  type SalesProposalData,
  type SurveyRecord,
  salesProposalsOfSurvey,
} from "../../store/repos/field-sales.ts";
import type { Failure, Preview } from "../../contracts/index.ts";
import { failure, type ToolContext } from "../kernel/index.ts";
import type { Tier } from "./defaults.ts";
import { missingSkusReason, priceBookLookup, pricingOf } from "./price-book-io.ts";
import { type FinancingTerms, proposalMoney } from "./proposal-math.ts";
import { quoteTier, type TierQuote } from "./quote-math.ts";

export interface ProposalRequest {
  surveyId: string;
  tier?: Tier | undefined;
  financing?: FinancingTerms[] | undefined;
}

export interface BuiltProposal {
  survey: SurveyRecord;
  data: SalesProposalData;
  basis: Preview["basis"];
}

const TIERS: readonly Tier[] = ["good", "better", "best"];

/** Field Engineer §06: the survey cannot advance to a proposal until a person confirmed the utilities. */
export function utilityGate(survey: SurveyRecord): Failure | null {
  if (survey.data.utility) return null;
  return failure(
    "gate_required",
    "Confirm the utility first: the electric and gas providers for this address have not been confirmed by a " +
      "person (survey.suggest_utility shows the list; survey.confirm_utility records the choice). A proposal cannot " +
      "be made until then.",
  );
}

function includedFor(survey: SurveyRecord, quote: TierQuote, labels: readonly { label: string }[]): string[] {
  const derived = survey.data.derived;
  const included = [
    `Equipment: ${labels.map((l) => l.label).join(" and ")}`,
    "Professional installation by our licensed crew",
  ];
  if (derived?.systems.some((s) => s.existing !== null)) included.push("Removal and disposal of the old equipment");
  if (quote.systems.some((s) => s.estimate.breakdown.lineSet > 0)) {
    included.push(
      derived?.estimate.site.lineSet === "reuse" ? "Line set flush and pressure test" : "New refrigerant line set",
    );
  }
  if (quote.systems.some((s) => s.estimate.breakdown.hazardous > 0)) {
    included.push("Safe handling of old refrigerant and materials where needed");
  }
  included.push(
    "Permit and inspection",
    "Startup, testing and commissioning",
    "Manufacturer warranty registration",
    "Rebate paperwork",
  );
  return included;
}

/** The proposal for a survey, or the refusal that explains why it cannot be made yet. */
export async function buildProposal(
  request: ProposalRequest,
  ctx: ToolContext,
): Promise<{ ok: true; built: BuiltProposal } | { ok: false; failure: Failure }> {
  const survey = await getSurvey(ctx.db, ctx.tenantId, request.surveyId);
  if (!survey)
    return { ok: false, failure: failure("not_found", `No survey with id ${request.surveyId} in this business.`) };
  const gate = utilityGate(survey);
  if (gate) return { ok: false, failure: gate };
  const derived = survey.data.derived;
  if (!derived) {
    return {
      ok: false,
      failure: failure(
        "invalid_input",
        "This survey has no recommendation yet; update it with survey.update_survey first.",
      ),
    };
  }

  const config = pricingOf(ctx);
  const { lookup, bySku } = await priceBookLookup(ctx);
  const quotes = new Map<Tier, TierQuote>();
  for (const tier of TIERS) {
    const result = quoteTier(
      {
        systems: derived.systems.map((s) => ({ system: s.system, existing: s.existing })),
        tier,
        property: derived.estimate.property,
        site: derived.estimate.site,
        special: derived.estimate.special,
        addOns: derived.addOns,
      },
      config,
      lookup,
    );
    if (!result.ok) return { ok: false, failure: failure("not_found", missingSkusReason(result.missing)) };
    quotes.set(tier, result.quote);
  }

  const tier = request.tier ?? derived.leadTier;
  const quote = quotes.get(tier) as TierQuote;
  const rebates = derived.rebates[tier];
  const money = proposalMoney({
    sellPrice: quote.sellPrice,
    rebatesEstimated: rebates.estimatedTotal,
    depositPct: config.depositPct,
    financing: (request.financing ?? config.financingOptions).slice(0, 2),
  });
  const customer = survey.customerId ? await getCustomer(ctx.db, ctx.tenantId, survey.customerId) : null;
  const earlier = await salesProposalsOfSurvey(ctx.db, ctx.tenantId, survey.id);
  const validThrough = new Date(ctx.now.getTime() + config.proposalValidDays * 86_400_000).toISOString().slice(0, 10);
  const tons = derived.sizing.coolingTons;
  const labelsOf = (level: Tier) => derived.tiers.find((t) => t.level === level)?.labels ?? [];

  const data: SalesProposalData = {
    number: `SP-${survey.id.slice(-6).toUpperCase()}-${earlier.length + 1}`,
    customer: {
      name: customer?.name ?? "Homeowner",
      street: survey.data.property.street,
      city: survey.data.property.city,
      state: survey.data.property.state,
      zip: survey.data.property.zip,
    },
    preparedBy: { id: ctx.actor.id, name: ctx.actor.name },
    tier,
    leadTier: derived.leadTier,
    primaryGoal: derived.primaryGoal,
    systems: labelsOf(tier),
    columns: TIERS.map((level) => ({
      level,
      isLead: level === derived.leadTier,
      isChosen: level === tier,
      labels: labelsOf(level),
      sellPrice: (quotes.get(level) as TierQuote).sellPrice,
    })),
    included: includedFor(survey, quote, labelsOf(tier)),
    addOns: quote.addOns,
    listPrice: quote.sellPrice,
    discount: 0,
    sellPrice: money.sellPrice,
    rebatesEstimated: money.rebatesEstimated,
    rebates: rebates.programs,
    netOutOfPocket: money.netOutOfPocket,
    deposit: money.deposit,
    balance: money.balance,
    financing: money.financing,
    financingDisclaimer: money.financingDisclaimer,
    savings: derived.savings[tier],
    sizingNote: derived.sizing.verifySizing
      ? "Sizing is preliminary: the office will verify it before install."
      : `Sizing is a preliminary cross-check${tons !== null ? ` (${tons} tons)` : ""}, confirmed before install.`,
    assumptions: quote.assumptions,
    priceBookAsOf: quote.asOf,
    validThrough,
    signature: null,
    handoff: { googleCalendar: false, quickBooks: false },
    floorException: null,
    internal: {
      vendorCost: quote.vendorCost,
      margin: quote.margin,
      marginPct: quote.marginPct,
      floorPrice: quote.floorPrice,
      commission: quote.commission,
    },
  };
  const usedSkus = new Set([...quotes.values()].flatMap((q) => q.skus));
  const basis: Preview["basis"] = [
    { entity: "survey", id: survey.id, version: survey.version },
    ...[...usedSkus].flatMap((sku) => {
      const item = bySku.get(sku);
      return item ? [{ entity: "price_book_item", id: item.id, version: item.version }] : [];
    }),
  ];
  return { ok: true, built: { survey, data, basis } };
}
