// Sales survey records, price book items and sales proposals: the documents both the survey and pricing packs share.
// Every function takes the tenant first; the zod schemas here are the stored shape of each JSON document.
import { and, asc, eq, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db.ts";
import { type IdPrefix, newId } from "../ids.ts";
import { containsIgnoringCase } from "../like.ts";
import { priceBookItems, salesProposals, surveys } from "../schema-field.ts";

// ---------------------------------------------------------------- survey document (Field Engineer §07)

const TierLevel = z.enum(["good", "better", "best"]);
export const ProposedSystemSchema = z.enum(["furnace", "boiler", "ac", "heat_pump"]);
export type ProposedSystem = z.infer<typeof ProposedSystemSchema>;
export const AddOnSchema = z.enum(["panel_upgrade", "ductwork_replacement", "new_line_set", "iaq", "zoning"]);

export const SurveySystemSchema = z.object({
  type: z.enum(["furnace", "ac", "heat_pump", "boiler", "water_heater", "minisplit", "other"]),
  fuel: z.enum(["natural_gas", "propane", "electric", "oil", "none"]).nullable(),
  brand: z.string().max(80).nullable(),
  model: z.string().max(80).nullable(),
  serial: z.string().max(80).nullable(),
  ageYears: z.number().min(0).max(120).nullable(),
  condition: z.enum(["good", "fair", "poor", "failed"]).nullable(),
  tonnage: z.number().min(0.5).max(25).nullable(),
  refrigerant: z.string().max(20).nullable(),
  /** Heating efficiency as a fraction (0.8 = 80% AFUE), when read from the nameplate. */
  afue: z.number().min(0.5).max(1).nullable(),
});
export type SurveySystem = z.infer<typeof SurveySystemSchema>;

export const SurveyPropertySchema = z.object({
  street: z.string().max(200),
  city: z.string().max(100),
  state: z.string().length(2),
  zip: z.string().max(10),
  sqft: z.number().int().positive().nullable(),
  yearBuilt: z.number().int().min(1700).max(2100).nullable(),
  stories: z.number().int().min(1).max(6).nullable(),
});

export const SurveySiteSchema = z.object({
  access: z.enum(["easy", "moderate", "tight"]).nullable(),
  equipmentLocation: z.string().max(120).nullable(),
  ductwork: z.enum(["good", "fair", "poor"]).nullable(),
  lineSet: z.enum(["reuse", "replace", "unknown"]).nullable(),
  panel: z.enum(["100A", "125A", "150A", "200A", "200A+"]).nullable(),
  hasOpenBreakerSpaces: z.boolean().nullable(),
  special: z.array(z.enum(["finished_basement", "crawlspace", "attic"])),
});

export const SurveyNeedsSchema = z.object({
  concerns: z.array(z.enum(["humidity", "dust", "hot_cold_rooms", "uneven_temperatures", "noise"])),
  notes: z.string().max(2000),
});

export const CustomerGoalSchema = z.enum([
  "lowest_upfront_cost",
  "best_value",
  "lower_bills",
  "comfort",
  "reliability",
  "environment",
  "direct_replacement",
  "best_available",
]);

export const BillMonthSchema = z.object({
  fuel: z.enum(["electric", "natural_gas", "propane", "oil"]),
  periodMonth: z.string().regex(/^\d{4}-\d{2}$/),
  usage: z.number().nonnegative(),
  unit: z.enum(["kWh", "therm", "ccf", "gal"]),
  cost: z.number().nonnegative(),
});

export const EnergyProfileSchema = z.object({
  heatingFuel: z.enum(["natural_gas", "electric_resistance", "heat_pump", "propane", "oil"]).nullable(),
  propane: z
    .object({
      tank: z.enum(["owned", "leased"]).nullable(),
      tankGal: z.number().positive().nullable(),
      pricePerGal: z.number().positive().nullable(),
      annualGallons: z.number().nonnegative().nullable(),
      /** True when price or usage came from defaults, not the customer. */
      estimated: z.boolean(),
    })
    .nullable(),
  solar: z
    .object({
      present: z.boolean(),
      sizeKwDc: z.number().nonnegative().nullable(),
      netMetered: z.boolean().nullable(),
      ageYears: z.number().nonnegative().nullable(),
    })
    .nullable(),
  battery: z
    .object({
      present: z.boolean(),
      usableKwh: z.number().nonnegative().nullable(),
      backs: z.enum(["whole_home", "essentials", "partial"]).nullable(),
    })
    .nullable(),
  bills: z.object({ provided: z.boolean(), months: z.array(BillMonthSchema).max(36) }),
});

export const PHOTO_CATEGORIES = [
  "install_location",
  "home_exterior",
  "equipment_area",
  "electrical_panel",
  "nameplate",
  "access_obstructions",
] as const;
/** Field Engineer §12: ~200px thumbnails persist; full-size images never do. */
export const MAX_THUMBNAIL_BASE64_CHARS = 200_000;

export const SurveyPhotoSchema = z.object({
  category: z.enum(PHOTO_CATEGORIES),
  label: z.string().min(1).max(120),
  mediaType: z.enum(["image/jpeg", "image/png", "image/webp"]),
  thumbnailBase64: z
    .string()
    .min(1)
    .max(
      MAX_THUMBNAIL_BASE64_CHARS,
      "Only thumbnails are kept (about 200 px, at most ~200 KB); full-size images are never stored.",
    ),
  addedBy: z.string(),
  addedAt: z.string(),
});

const UtilitySuggestionSchema = z.object({
  name: z.string().nullable(),
  confidence: z.enum(["high", "medium", "low"]),
  sourceUrl: z.string().nullable(),
  alternatives: z.array(z.string()),
});

export const SurveyUtilitySchema = z.object({
  /** Field Engineer §06: what was detected, what was chosen, who confirmed — all stamped. */
  detected: z.object({ electric: UtilitySuggestionSchema, gas: UtilitySuggestionSchema, source: z.string() }),
  chosen: z.object({ electric: z.string().nullable(), gas: z.string().nullable() }),
  confirmedBy: z.string(),
  confirmedAt: z.string(),
  proposalId: z.string().nullable(),
});

export const SurveyPlanSchema = z.object({
  /** Which systems the proposal replaces or adds; null means "like for like from the surveyed systems". */
  systems: z.array(ProposedSystemSchema).nullable(),
  /** Add-ons the rep toggled; null means "the flagged scope items". */
  addOns: z.array(AddOnSchema).nullable(),
  baseline: z.enum(["current", "repair", "good_tier"]),
  repairEstimate: z.number().nonnegative().nullable(),
});

const MoneyRangeSchema = z.object({ low: z.number(), high: z.number() });

export const SavingsSummarySchema = z.object({
  tier: z.enum(["basis", "better", "best"]),
  tierLabel: z.string(),
  baseline: z.enum(["current", "repair", "good_tier"]),
  baselineLabel: z.string(),
  range: MoneyRangeSchema,
  assumptions: z.array(z.object({ label: z.string(), value: z.string() })),
  footnote: z.string().nullable(),
});
export type SavingsSummary = z.infer<typeof SavingsSummarySchema>;

const RebateLineSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(["federal", "state", "utility"]),
  amount: z.number(),
  amountLabel: z.string(),
  source: z.string(),
});
const TierRebatesSchema = z.object({ programs: z.array(RebateLineSchema), estimatedTotal: z.number() });

/** What the survey pack derived from the record (sizing, tiers, flags, framing, rebates, savings) at its last change. */
export const SurveyDerivedSchema = z.object({
  computedAt: z.string(),
  sizing: z.object({
    coolingTons: z.number().nullable(),
    heatingBtu: z.object({ low: z.number(), high: z.number() }).nullable(),
    verifySizing: z.boolean(),
    reasons: z.array(z.string()),
  }),
  systems: z.array(
    z.object({
      system: ProposedSystemSchema,
      category: z.enum(["cooling", "furnace_boiler", "heat_pump"]),
      /** The surveyed system it replaces, as an index into `systems`; null for a new addition. */
      replacesIndex: z.number().int().nullable(),
      existing: z
        .object({ fuel: z.string().nullable(), refrigerant: z.string().nullable(), ageYears: z.number().nullable() })
        .nullable(),
    }),
  ),
  tiers: z.array(
    z.object({
      level: TierLevel,
      isLead: z.boolean(),
      labels: z.array(z.object({ system: ProposedSystemSchema, label: z.string() })),
    }),
  ),
  leadTier: TierLevel,
  leadsWith: z.string(),
  primaryGoal: CustomerGoalSchema.nullable(),
  flags: z.array(
    z.object({
      code: z.string(),
      kind: z.string(),
      message: z.string(),
      addOn: AddOnSchema.nullable(),
      systemIndex: z.number().int().nullable(),
    }),
  ),
  addOns: z.array(AddOnSchema),
  rebates: z.object({ good: TierRebatesSchema, better: TierRebatesSchema, best: TierRebatesSchema }),
  savings: z.object({
    good: SavingsSummarySchema.nullable(),
    better: SavingsSummarySchema.nullable(),
    best: SavingsSummarySchema.nullable(),
  }),
  /** The estimate contract's property and site (Field Engineer §06 `estimate`). */
  estimate: z.object({
    property: z.object({
      sqft: z.number().nullable(),
      yearBuilt: z.number().nullable(),
      region: z.string().nullable(),
    }),
    site: z.object({
      access: z.enum(["easy", "moderate", "tight"]).nullable(),
      equipmentLocation: z.string().nullable(),
      ductwork: z.string().nullable(),
      lineSet: z.enum(["reuse", "new", "unknown"]),
    }),
    special: z.array(z.enum(["finished_basement", "crawlspace", "attic"])),
  }),
});
export type SurveyDerived = z.infer<typeof SurveyDerivedSchema>;

export const SurveyDataSchema = z.object({
  property: SurveyPropertySchema,
  systems: z.array(SurveySystemSchema).max(12),
  site: SurveySiteSchema,
  needs: SurveyNeedsSchema,
  goals: z.array(CustomerGoalSchema),
  primaryGoal: CustomerGoalSchema.nullable(),
  goalContext: z.array(z.enum(["staying_long_term", "selling_soon"])),
  energy: EnergyProfileSchema,
  photos: z.array(SurveyPhotoSchema).max(40),
  plan: SurveyPlanSchema,
  utility: SurveyUtilitySchema.nullable(),
  stamps: z.array(z.object({ what: z.string(), by: z.string(), at: z.string() })),
  derived: SurveyDerivedSchema.nullable(),
});
export type SurveyData = z.infer<typeof SurveyDataSchema>;

export interface SurveyRecord {
  id: string;
  customerId: string | null;
  createdBy: string;
  status: string;
  data: SurveyData;
  createdAt: string;
  updatedAt: string;
  version: number;
}

type SurveyRow = typeof surveys.$inferSelect;

function toSurvey(row: SurveyRow): SurveyRecord {
  return {
    id: row.id,
    customerId: row.customerId,
    createdBy: row.createdBy,
    status: row.status,
    data: SurveyDataSchema.parse(row.data),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function getSurvey(db: Db, tenantId: string, id: string): Promise<SurveyRecord | null> {
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.tenantId, tenantId), eq(surveys.id, id)))
    .limit(1);
  return row ? toSurvey(row) : null;
}

export async function insertSurvey(
  db: Db,
  tenantId: string,
  input: { id?: string; customerId: string | null; createdBy: string; status?: string; data: SurveyData; now: string },
): Promise<SurveyRecord> {
  const row = {
    id: input.id ?? newId("srv" as IdPrefix),
    tenantId,
    customerId: input.customerId,
    createdBy: input.createdBy,
    status: input.status ?? "in_progress",
    data: SurveyDataSchema.parse(input.data),
    createdAt: input.now,
    updatedAt: input.now,
    version: 1,
  };
  await db.insert(surveys).values(row);
  return toSurvey(row);
}

/** Replaces the survey document and bumps its version; null when the survey is not in this tenant. */
export async function saveSurveyData(
  db: Db,
  tenantId: string,
  id: string,
  data: SurveyData,
  now: string,
  status?: string,
): Promise<SurveyRecord | null> {
  const current = await getSurvey(db, tenantId, id);
  if (!current) return null;
  const next = {
    ...current,
    data: SurveyDataSchema.parse(data),
    status: status ?? current.status,
    updatedAt: now,
    version: current.version + 1,
  };
  await db
    .update(surveys)
    .set({ data: next.data, status: next.status, updatedAt: now, version: next.version })
    .where(and(eq(surveys.tenantId, tenantId), eq(surveys.id, id)));
  return next;
}

// ---------------------------------------------------------------- price book

export const PRICE_BOOK_CATEGORIES = [
  "equipment_furnace",
  "equipment_ac",
  "equipment_heat_pump",
  "equipment_boiler",
  "equipment_water_heater",
  "materials",
  "line_set",
  "permit",
  "disposal",
  "hazardous",
  "labor",
  "iaq",
  "zoning",
  "electrical",
] as const;
export type PriceBookCategory = (typeof PRICE_BOOK_CATEGORIES)[number];

export interface PriceBookItem {
  id: string;
  sku: string;
  description: string;
  vendor: string;
  category: PriceBookCategory;
  vendorCostCents: number;
  unit: string;
  updatedAt: string;
  version: number;
}

type PriceBookRow = typeof priceBookItems.$inferSelect;

function toItem(row: PriceBookRow): PriceBookItem {
  return {
    id: row.id,
    sku: row.sku,
    description: row.description,
    vendor: row.vendor,
    category: row.category as PriceBookCategory,
    vendorCostCents: row.vendorCostCents,
    unit: row.unit,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function listPriceBookItems(
  db: Db,
  tenantId: string,
  filter: { category?: string; query?: string; limit?: number } = {},
): Promise<PriceBookItem[]> {
  const conditions = [eq(priceBookItems.tenantId, tenantId)];
  if (filter.category) conditions.push(eq(priceBookItems.category, filter.category));
  const q = filter.query?.trim();
  if (q) {
    const match = or(
      containsIgnoringCase(priceBookItems.sku, q),
      containsIgnoringCase(priceBookItems.description, q),
      containsIgnoringCase(priceBookItems.vendor, q),
    );
    if (match) conditions.push(match);
  }
  const rows = await db
    .select()
    .from(priceBookItems)
    .where(and(...conditions))
    .orderBy(asc(priceBookItems.category), asc(priceBookItems.sku))
    .limit(filter.limit ?? 500);
  return rows.map(toItem);
}

export async function getPriceBookItem(db: Db, tenantId: string, id: string): Promise<PriceBookItem | null> {
  const [row] = await db
    .select()
    .from(priceBookItems)
    .where(and(eq(priceBookItems.tenantId, tenantId), eq(priceBookItems.id, id)))
    .limit(1);
  return row ? toItem(row) : null;
}

export async function getPriceBookItemBySku(db: Db, tenantId: string, sku: string): Promise<PriceBookItem | null> {
  const [row] = await db
    .select()
    .from(priceBookItems)
    .where(and(eq(priceBookItems.tenantId, tenantId), eq(priceBookItems.sku, sku)))
    .limit(1);
  return row ? toItem(row) : null;
}

export interface PriceBookItemInput {
  sku: string;
  description: string;
  vendor: string;
  category: PriceBookCategory;
  vendorCostCents: number;
  unit?: string;
}

export async function insertPriceBookItem(
  db: Db,
  tenantId: string,
  input: PriceBookItemInput & { id?: string; now: string },
): Promise<PriceBookItem> {
  const row = {
    id: input.id ?? newId("pbi" as IdPrefix),
    tenantId,
    sku: input.sku,
    description: input.description,
    vendor: input.vendor,
    category: input.category,
    vendorCostCents: input.vendorCostCents,
    unit: input.unit ?? "each",
    updatedAt: input.now,
    version: 1,
  };
  await db.insert(priceBookItems).values(row);
  return toItem(row);
}

export async function updatePriceBookItem(
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<PriceBookItemInput>,
  now: string,
): Promise<PriceBookItem | null> {
  const current = await getPriceBookItem(db, tenantId, id);
  if (!current) return null;
  const next: PriceBookItem = { ...current, ...patch, updatedAt: now, version: current.version + 1 };
  await db
    .update(priceBookItems)
    .set({
      sku: next.sku,
      description: next.description,
      vendor: next.vendor,
      category: next.category,
      vendorCostCents: next.vendorCostCents,
      unit: next.unit,
      updatedAt: now,
      version: next.version,
    })
    .where(and(eq(priceBookItems.tenantId, tenantId), eq(priceBookItems.id, id)));
  return next;
}

// ---------------------------------------------------------------- sales proposal document (Field Engineer §08)

const PaymentPartSchema = z.object({ pct: z.number(), amount: z.number(), dueAt: z.string() });

export const SalesProposalDataSchema = z.object({
  number: z.string(),
  customer: z.object({
    name: z.string(),
    street: z.string(),
    city: z.string(),
    state: z.string(),
    zip: z.string(),
  }),
  preparedBy: z.object({ id: z.string(), name: z.string() }),
  tier: TierLevel,
  leadTier: TierLevel,
  primaryGoal: CustomerGoalSchema.nullable(),
  systems: z.array(z.object({ system: ProposedSystemSchema, label: z.string() })),
  /** Good / Better / Best side by side, each with its sell price. */
  columns: z.array(
    z.object({
      level: TierLevel,
      isLead: z.boolean(),
      isChosen: z.boolean(),
      labels: z.array(z.object({ system: ProposedSystemSchema, label: z.string() })),
      sellPrice: z.number(),
    }),
  ),
  included: z.array(z.string()),
  addOns: z.array(z.object({ addOn: AddOnSchema, description: z.string(), sellPrice: z.number() })),
  listPrice: z.number(),
  discount: z.number().nonnegative(),
  sellPrice: z.number(),
  rebatesEstimated: z.number(),
  rebates: z.array(RebateLineSchema),
  netOutOfPocket: z.number(),
  deposit: PaymentPartSchema,
  balance: PaymentPartSchema,
  financing: z
    .array(z.object({ lender: z.string(), termYears: z.number(), apr: z.number(), monthlyPayment: z.number() }))
    .max(2),
  financingDisclaimer: z.string(),
  savings: SavingsSummarySchema.nullable(),
  sizingNote: z.string(),
  assumptions: z.array(z.string()),
  priceBookAsOf: z.string(),
  validThrough: z.string(),
  signature: z.object({ name: z.string(), signedAt: z.string() }).nullable(),
  handoff: z.object({ googleCalendar: z.boolean(), quickBooks: z.boolean() }),
  floorException: z.object({ approvedVia: z.string(), reason: z.string() }).nullable(),
  /** Cost-side figures for the manager and office views (Field Engineer §11); filtered at the source for others. */
  internal: z.object({
    vendorCost: z.number(),
    margin: z.number(),
    marginPct: z.number(),
    floorPrice: z.number(),
    commission: z.number(),
  }),
});
export type SalesProposalData = z.infer<typeof SalesProposalDataSchema>;

export interface SalesProposalRecord {
  id: string;
  surveyId: string;
  customerId: string | null;
  preparedBy: string;
  status: string;
  data: SalesProposalData;
  createdAt: string;
  acceptedAt: string | null;
  version: number;
}

type SalesProposalRow = typeof salesProposals.$inferSelect;

function toSalesProposal(row: SalesProposalRow): SalesProposalRecord {
  return {
    id: row.id,
    surveyId: row.surveyId,
    customerId: row.customerId,
    preparedBy: row.preparedBy,
    status: row.status,
    data: SalesProposalDataSchema.parse(row.data),
    createdAt: row.createdAt,
    acceptedAt: row.acceptedAt,
    version: row.version,
  };
}

export async function getSalesProposal(db: Db, tenantId: string, id: string): Promise<SalesProposalRecord | null> {
  const [row] = await db
    .select()
    .from(salesProposals)
    .where(and(eq(salesProposals.tenantId, tenantId), eq(salesProposals.id, id)))
    .limit(1);
  return row ? toSalesProposal(row) : null;
}

export async function salesProposalsOfSurvey(
  db: Db,
  tenantId: string,
  surveyId: string,
): Promise<SalesProposalRecord[]> {
  const rows = await db
    .select()
    .from(salesProposals)
    .where(and(eq(salesProposals.tenantId, tenantId), eq(salesProposals.surveyId, surveyId)))
    .orderBy(asc(salesProposals.createdAt));
  return rows.map(toSalesProposal);
}

export async function insertSalesProposal(
  db: Db,
  tenantId: string,
  input: {
    id?: string;
    surveyId: string;
    customerId: string | null;
    preparedBy: string;
    status?: string;
    data: SalesProposalData;
    now: string;
  },
): Promise<SalesProposalRecord> {
  const row = {
    id: input.id ?? newId("spr" as IdPrefix),
    tenantId,
    surveyId: input.surveyId,
    customerId: input.customerId,
    preparedBy: input.preparedBy,
    status: input.status ?? "draft",
    data: SalesProposalDataSchema.parse(input.data),
    createdAt: input.now,
    acceptedAt: null,
    version: 1,
  };
  await db.insert(salesProposals).values(row);
  return toSalesProposal(row);
}

/** Replaces the proposal document (and status / acceptance time) and bumps its version. */
export async function saveSalesProposal(
  db: Db,
  tenantId: string,
  id: string,
  change: { data: SalesProposalData; status?: string; acceptedAt?: string | null },
): Promise<SalesProposalRecord | null> {
  const current = await getSalesProposal(db, tenantId, id);
  if (!current) return null;
  const next: SalesProposalRecord = {
    ...current,
    data: SalesProposalDataSchema.parse(change.data),
    status: change.status ?? current.status,
    acceptedAt: change.acceptedAt === undefined ? current.acceptedAt : change.acceptedAt,
    version: current.version + 1,
  };
  await db
    .update(salesProposals)
    .set({ data: next.data, status: next.status, acceptedAt: next.acceptedAt, version: next.version })
    .where(and(eq(salesProposals.tenantId, tenantId), eq(salesProposals.id, id)));
  return next;
}
