// The business's energy-rates snapshot: the one it installed through survey.refresh_rates (tenant config `rates`), or
// the bundled one. Shell only: the shape and checks live in rates-snapshot.ts, the lookups in rates-data.ts.
import { z } from "zod";
import type { TenantRow } from "../../store/repos/tenants.ts";
import { KernelError } from "../kernel/index.ts";
import { BUNDLED_RATES_SNAPSHOT, type RatesSnapshot } from "./rates-data.ts";
import { RateRowSchema } from "./rates-snapshot.ts";

/** Where the installed snapshot lives in the tenant's configuration. */
export const RATES_CONFIG_SECTION = "rates";

export const InstalledRatesSchema = z.object({
  rows: z.array(RateRowSchema).min(1),
  installedAt: z.string(),
  installedBy: z.string(),
  proposalId: z.string().nullable(),
  note: z.string().nullable(),
});
export type InstalledRates = z.infer<typeof InstalledRatesSchema>;

/** The installed snapshot with who installed it and when, or null while the business runs on the bundled one. */
export function installedRatesOf(tenant: Pick<TenantRow, "config">): InstalledRates | null {
  const stored = tenant.config[RATES_CONFIG_SECTION];
  if (stored === undefined || stored === null) return null;
  const parsed = InstalledRatesSchema.safeParse(stored);
  // Only the safe apply engine writes this section, after validation: a bad one is a broken store, never a silent
  // swap back to the bundled figures.
  if (!parsed.success)
    throw new KernelError("rates_config_invalid", "the installed energy-rates snapshot is unreadable");
  return parsed.data;
}

/** The snapshot every savings figure of this business is priced on. */
export function ratesSnapshotOf(tenant: Pick<TenantRow, "config">): RatesSnapshot {
  const installed = installedRatesOf(tenant);
  return installed ? { rows: installed.rows } : BUNDLED_RATES_SNAPSHOT;
}
