// pricing.estimate: the Field Engineer §06 `estimate` contract served from the price book, company labor and markup.
import { z } from "zod";
import { defineTool, failure, KernelError } from "../kernel/index.ts";
import {
  PRICE_VIEWER_ROLES,
  PRICING_SENSITIVE,
  missingSkusReason,
  priceBookLookup,
  pricingOf,
} from "./price-book-io.ts";
import { quoteTier } from "./quote-math.ts";

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
    "commission. Read only: it saves nothing and does no web research.",
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
    const { lookup } = await priceBookLookup(ctx);
    const result = quoteTier(request(input), pricingOf(ctx), lookup);
    return result.ok ? null : { refuse: failure("not_found", missingSkusReason(result.missing)) };
  },
  async run(input, ctx) {
    const { lookup } = await priceBookLookup(ctx);
    const result = quoteTier(request(input), pricingOf(ctx), lookup);
    const first = result.ok ? result.quote.systems[0] : undefined;
    if (!first) throw new KernelError("estimate_unpriced", "estimate ran past its guard without a price");
    const { estimate } = first;
    return {
      ...estimate,
      source: "Price book (vendor cost) + company labor rate + markup; no web research.",
    };
  },
});

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
