// pricing.estimate: the Field Engineer §06 `estimate` contract served from the price book, company labor and markup.
// With an advisor, Claude's web research fills only the items the price book lacks, and the answer says so.
import { z } from "zod";
import { defineTool, failure, KernelError, type ToolContext } from "../kernel/index.ts";
import { fillGaps, gapItemsFor, researchGaps } from "./estimate-research.ts";
import {
  PRICE_VIEWER_ROLES,
  PRICING_SENSITIVE,
  missingSkusReason,
  priceBookLookup,
  pricingOf,
} from "./price-book-io.ts";
import { type PriceBookLookup, quoteTier } from "./quote-math.ts";

const Input = z.object({
  system: z.enum(["furnace", "boiler", "ac", "heat_pump"]),
  tier: z.enum(["good", "better", "best"]),
  property: z.object({
    sqft: z.number().positive().nullable(),
    yearBuilt: z.number().int().nullable(),
    region: z.string().max(40).nullable(),
  }),
  site: z.object({
    access: z.enum(["easy", "moderate", "tight"]).nullable(),
    equipmentLocation: z.string().max(120).nullable(),
    ductwork: z.string().max(40).nullable(),
    lineSet: z.enum(["reuse", "new", "unknown"]),
  }),
  existing: z
    .object({ fuel: z.string().nullable(), refrigerant: z.string().nullable(), ageYears: z.number().nullable() })
    .nullable()
    .describe("The equipment being replaced; null for a new install"),
  special: z.array(z.enum(["finished_basement", "crawlspace", "attic"])).default([]),
});

const Money = z.number();

export const estimateTool = defineTool({
  name: "pricing.estimate",
  title: "Estimate a job from the price book",
  description:
    "Prices one system at one Good/Better/Best tier from the price book (vendor cost + company labor + markup): " +
    "all-in price, a range, the breakdown (equipment, labor, materials, line set, tear-out and disposal, hazardous " +
    "handling for R-22 and pre-1980 homes, permit), the assumptions, the price book's as-of month and a confidence. " +
    "Sales managers, office and the founder also see vendorCost, margin and floorPrice; everyone who sells sees their " +
    "commission. When the price book lacks an item and an API key is set, Claude researches that item's cost on the " +
    "web: the answer is then rough, names each researched item and its source, and the price book is not changed. " +
    "Read only: it saves nothing.",
  effect: "read",
  risk: "low",
  roles: PRICE_VIEWER_ROLES,
  input: Input,
  output: z.object({
    allInPrice: Money,
    range: z.object({ low: Money, high: Money }),
    breakdown: z.object({
      equipment: Money,
      labor: Money,
      materials: Money,
      lineSet: Money,
      tearOutDisposal: Money,
      hazardous: Money,
      permit: Money,
    }),
    assumptions: z.array(z.string()),
    asOf: z.string(),
    confidence: z.enum(["rough", "price_book"]),
    source: z.string(),
    researched: z.array(z.object({ sku: z.string(), what: z.string(), sourceUrl: z.string().nullable() })),
    vendorCost: Money,
    margin: Money,
    floorPrice: Money,
    commission: Money,
  }),
  sensitive: PRICING_SENSITIVE,
  example: {
    system: "furnace",
    tier: "better",
    property: { sqft: 2000, yearBuilt: 1975, region: "CO" },
    site: { access: "moderate", equipmentLocation: "basement", ductwork: "fair", lineSet: "unknown" },
    existing: { fuel: "natural_gas", refrigerant: null, ageYears: 18 },
    special: [],
  },
  async guard(input, ctx) {
    const plan = await planEstimate(input, ctx);
    return plan.ok ? null : { refuse: failure("not_found", plan.reason) };
  },
  async run(input, ctx) {
    const plan = await planEstimate(input, ctx);
    const first = plan.ok ? plan.quote.systems[0] : undefined;
    if (!plan.ok || !first) throw new KernelError("estimate_unpriced", "estimate ran past its guard without a price");
    const { estimate } = first;
    if (plan.researched.length === 0) {
      return {
        ...estimate,
        source: "Price book (vendor cost) + company labor rate + markup; no web research.",
        researched: [],
      };
    }
    const skus = plan.researched.map((r) => r.sku).join(", ");
    return {
      ...estimate,
      // A researched cost is a web figure, not the office's own: the estimate is rough until the book has the item.
      confidence: "rough" as const,
      assumptions: [
        ...estimate.assumptions,
        ...plan.researched.map(
          (r) =>
            `${r.sku} (${r.what}) is not in the price book: its cost was researched on the web by ${plan.by}` +
            `${r.sourceUrl ? ` (${r.sourceUrl})` : ""} — verify it and add it with pricing.import_prices.`,
        ),
      ],
      source:
        `Price book (vendor cost) + company labor rate + markup; ${plan.by} web research filled only the items the ` +
        `price book lacks (${skus}), so this is a rough estimate.`,
      researched: plan.researched,
    };
  },
});

type EstimatePlan =
  | {
      ok: true;
      quote: Extract<ReturnType<typeof quoteTier>, { ok: true }>["quote"];
      researched: { sku: string; what: string; sourceUrl: string | null }[];
      by: string;
    }
  | { ok: false; reason: string };

/** Prices from the book; items it lacks are researched by the advisor when there is one (and only those). */
async function planEstimate(input: z.output<typeof Input>, ctx: ToolContext): Promise<EstimatePlan> {
  const { lookup } = await priceBookLookup(ctx);
  const config = pricingOf(ctx);
  const priced = (book: PriceBookLookup) => quoteTier(request(input), config, book);
  const fromBook = priced(lookup);
  if (fromBook.ok) return { ok: true, quote: fromBook.quote, researched: [], by: "" };
  const gaps = gapItemsFor(input.system, input.tier, config, fromBook.missing);
  const research = researchGaps(ctx, input, gaps, input.property.region);
  if (research === null) return { ok: false, reason: missingSkusReason(fromBook.missing) };
  const advice = await research;
  if (!advice.ok) return { ok: false, reason: `${missingSkusReason(fromBook.missing)} Web research: ${advice.note}` };
  const filled = fillGaps(lookup, gaps, advice.value, ctx.now.toISOString().slice(0, 7));
  const withResearch = priced(filled.lookup);
  if (!withResearch.ok || filled.unfilled.length > 0) {
    const still = withResearch.ok ? filled.unfilled : withResearch.missing;
    return { ok: false, reason: `${missingSkusReason(still)} Web research by ${advice.by} did not find them either.` };
  }
  return { ok: true, quote: withResearch.quote, researched: filled.researched, by: advice.by };
}

function request(input: z.output<typeof Input>) {
  return {
    systems: [{ system: input.system, existing: input.existing }],
    tier: input.tier,
    property: input.property,
    site: input.site,
    special: input.special,
    addOns: [],
  };
}
