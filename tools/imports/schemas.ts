// Zod shapes the imports tools share: the batch summary every channel prints, and the inputs that name a batch row.
import { z } from "zod";
import { CANONICAL_FIELDS } from "./profiles.ts";

export const SourceProfileSchema = z.enum(["servicetitan", "jobber", "housecall_pro", "generic"]);

export const ColumnOverrideSchema = z.union([z.enum(CANONICAL_FIELDS), z.literal("ignore"), z.literal("unresolved")]);

export const SummaryMatchSchema = z.union([
  z.object({ row: z.number().int(), score: z.number() }),
  z.object({ customerId: z.string(), score: z.number() }),
]);

export const BatchSummarySchema = z.object({
  batchId: z.string(),
  rows: z.number().int(),
  columns: z.object({ mapped: z.array(z.string()), ignored: z.array(z.string()), unresolved: z.array(z.string()) }),
  rowErrors: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  proposals: z.number().int(),
  mergeCandidates: z.array(z.object({ row: z.number().int(), matches: z.array(SummaryMatchSchema) })),
});

export const BatchIdSchema = z.string().min(1).max(80);
export const RowNumberSchema = z.number().int().min(1).max(10_000_000);

export const IMPORT_ROLES = ["founder", "office", "sales_manager"] as const;
