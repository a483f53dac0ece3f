// survey.refresh_rates: install a new energy-rates snapshot for this business. Medium risk: the rates move every
// customer-facing savings figure, so office or the founder approves, seeing each rate before and after.
import { z } from "zod";
import { getTenant, setTenantConfig } from "../../store/repos/tenants.ts";
import { defineTool, failure, KernelError } from "../kernel/index.ts";
import { BUNDLED_RATES_SNAPSHOT, NATIONAL_STATE, RATE_UNITS, type RateRow, type RatesSnapshot } from "./rates-data.ts";
import { RATES_CONFIG_SECTION, ratesSnapshotOf } from "./rates-io.ts";
import { RateRowSchema, snapshotId, snapshotIssues, snapshotVintage } from "./rates-snapshot.ts";

const RATE_EDITOR_ROLES = ["founder", "office", "sales_manager"] as const;

const EXAMPLE_ROWS: RateRow[] = [
  {
    state: "US",
    fuel: "electric",
    price: 0.178,
    trendPctPerYear: 4.2,
    source: "EIA Electric Power Monthly",
    asOf: "2026-02",
    level: "national",
    area: "United States",
  },
  {
    state: "US",
    fuel: "gas",
    price: 1.61,
    trendPctPerYear: 5.1,
    source: "EIA Natural Gas Monthly",
    asOf: "2026-02",
    level: "national",
    area: "United States",
  },
  {
    state: "US",
    fuel: "propane",
    price: 2.92,
    trendPctPerYear: 3.2,
    source: "EIA Heating Oil and Propane Update",
    asOf: "2026-03",
    level: "national",
    area: "United States",
  },
  {
    state: "US",
    fuel: "oil",
    price: 3.84,
    trendPctPerYear: 2.1,
    source: "EIA Heating Oil and Propane Update",
    asOf: "2026-03",
    level: "national",
    area: "United States",
  },
];

function keyOf(row: RateRow): string {
  return row.utility ? `${row.utility} ${row.fuel}` : `${row.state} ${row.fuel}`;
}

/** One rate in words for the approver; a missing one says what takes its place. */
function described(row: RateRow | undefined, isUtility: boolean): string {
  if (!row) return isUtility ? "none (the state rate applies)" : "none (the national rate applies)";
  const trend = `${row.trendPctPerYear >= 0 ? "+" : ""}${row.trendPctPerYear}%/yr`;
  return `$${row.price}/${RATE_UNITS[row.fuel]} (${row.level} ${row.area}, ${row.source}, as of ${row.asOf}, ${trend})`;
}

function summaryOf(snapshot: RatesSnapshot): string {
  const vintage = snapshotVintage(snapshot);
  const states = new Set(snapshot.rows.filter((r) => !r.utility && r.state !== NATIONAL_STATE).map((r) => r.state));
  const span = vintage.oldest === vintage.newest ? vintage.newest : `${vintage.oldest} to ${vintage.newest}`;
  const stateWord = states.size === 1 ? "state" : "states";
  return `${snapshot.rows.length} rates (${states.size} ${stateWord} + national), ${vintage.sources.join("; ")}, as of ${span}`;
}

export const refreshRatesTool = defineTool({
  name: "survey.refresh_rates",
  title: "Install new energy rates",
  description:
    "Replaces the business's energy-rates snapshot (the rates every savings profile is priced on) with new dated " +
    "rows: per state (or per utility, electric and gas) and fuel — price in dollars, trend % per year, source, asOf " +
    "— plus a national (US) row per fuel as the fallback. basedOn is the snapshotId from survey.get_rates; the " +
    "change is refused if the rates changed meanwhile. Becomes a medium-risk proposal that office or the founder " +
    "approves, seeing every rate before and after; savings figures use the new rates and their vintage only after " +
    "it is applied. It does not fetch rates from anywhere.",
  effect: "write",
  risk: "medium",
  roles: RATE_EDITOR_ROLES,
  input: z.object({
    rows: z.array(RateRowSchema).min(4).max(2_000),
    basedOn: z.string().min(1).describe("The snapshotId of the rates this replaces (from survey.get_rates)"),
    note: z.string().max(500).optional().describe("Where the file came from, for the approver"),
  }),
  output: z.object({
    snapshotId: z.string(),
    replaced: z.string(),
    rates: z.number().int(),
    vintage: z.object({ newest: z.string(), oldest: z.string(), sources: z.array(z.string()) }),
  }),
  example: { rows: EXAMPLE_ROWS, basedOn: snapshotId(BUNDLED_RATES_SNAPSHOT), note: "EIA figures for February 2026" },
  async guard(input, ctx) {
    const issues = snapshotIssues(input.rows, ctx.now);
    if (issues.length > 0) {
      return {
        refuse: failure("invalid_input", `The new rates are not usable: ${issues[0]?.message} Nothing was changed.`, {
          issues: issues.map((i) => ({
            path: i.index === null ? "rows" : `rows.${i.index}.${i.path}`,
            message: i.message,
          })),
        }),
      };
    }
    // Read inside the apply transaction too: the rates must still be the ones the approver saw replaced.
    const tenant = (await getTenant(ctx.db, ctx.tenantId)) ?? ctx.tenant;
    const current = snapshotId(ratesSnapshotOf(tenant));
    if (current !== input.basedOn) {
      return {
        refuse: failure(
          "duplicate_or_conflict",
          `The business's rates are ${current}, not ${input.basedOn}: they changed since this was prepared. Review ` +
            "the current rates (survey.get_rates) and propose again. Nothing was changed.",
        ),
      };
    }
    return null;
  },
  async preview(input, ctx) {
    const before = ratesSnapshotOf(ctx.tenant);
    const after: RatesSnapshot = { rows: input.rows };
    const beforeByKey = new Map(before.rows.map((r) => [keyOf(r), r]));
    const afterByKey = new Map(after.rows.map((r) => [keyOf(r), r]));
    const keys = [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])].sort();
    const changes = keys.flatMap((key) => {
      const isUtility = Boolean((beforeByKey.get(key) ?? afterByKey.get(key))?.utility);
      const was = described(beforeByKey.get(key), isUtility);
      const will = described(afterByKey.get(key), isUtility);
      return was === will ? [] : [{ entity: "energy_rate", id: key, field: "rate", before: was, after: will }];
    });
    return {
      summary:
        `Energy rates: replace ${summaryOf(before)} with ${summaryOf(after)}. ${changes.length} rates change; ` +
        "savings profiles use the new rates and their as-of dates once this is applied." +
        (input.note ? ` Note: ${input.note}` : ""),
      changes,
      basis: [],
    };
  },
  async run(input, ctx) {
    const snapshot: RatesSnapshot = { rows: input.rows };
    const id = snapshotId(snapshot);
    // Only the rates section changes; the rest of the business's configuration is written back as it is now.
    const tenant = await getTenant(ctx.db, ctx.tenantId);
    if (!tenant) throw new KernelError("tenant_vanished", "the business vanished inside the apply transaction");
    await setTenantConfig(ctx.db, ctx.tenantId, {
      ...tenant.config,
      [RATES_CONFIG_SECTION]: {
        rows: input.rows,
        installedAt: ctx.now.toISOString(),
        installedBy: ctx.actor.id,
        proposalId: ctx.proposalId ?? null,
        note: input.note ?? null,
      },
    });
    const stored = await getTenant(ctx.db, ctx.tenantId);
    if (!stored || snapshotId(ratesSnapshotOf(stored)) !== id) {
      throw new KernelError("rates_not_installed", "the rates snapshot did not read back as written");
    }
    return { snapshotId: id, replaced: input.basedOn, rates: input.rows.length, vintage: snapshotVintage(snapshot) };
  },
});
