// Request and response shapes that belong to the REST channel itself (envelopes, decision bodies, health).
// Domain payloads live in contracts/; these only wrap them for HTTP, and openapi.ts documents both.
import { z } from "zod";
import { FailureClassSchema, FailureSchema, HardStopSchema, ProposalViewSchema } from "../contracts/index.ts";

export const DecisionBodySchema = z
  .object({ notes: z.string().max(2000, "notes are limited to 2000 characters").optional() })
  .strict();

export const EditBodySchema = z.object({ input: z.unknown() }).strict();

/** The kernel's result as the API returns it: one of the four statuses, plus the proposal when there is one. */
export const ApiResultSchema = z.object({
  status: z.enum(["ok", "proposed", "refused", "stopped"]),
  data: z.unknown().optional(),
  proposal: ProposalViewSchema.optional(),
  failure: FailureSchema.optional(),
  stop: HardStopSchema.optional(),
});

export const RefusalSchema = z.object({
  status: z.literal("refused"),
  failure: z.object({
    class: FailureClassSchema,
    reason: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const ProposalListSchema = z.object({ proposals: z.array(ProposalViewSchema) });
export const ProposalEnvelopeSchema = z.object({ proposal: ProposalViewSchema });

export const HealthSchema = z.object({
  ok: z.boolean(),
  /** Which server process answered: several run behind one load balancer on PostgreSQL. */
  instance: z.object({ pid: z.number().int(), startedAt: z.string() }),
  store: z.object({
    ok: z.boolean(),
    backend: z.enum(["sqlite", "postgres"]),
    path: z.string(),
    /** Migrations applied: the schema version this instance runs on. */
    migrations: z.number().int(),
    journalMode: z.string().optional(),
    /** PostgreSQL: this instance's connection pool. */
    pool: z.object({ total: z.number().int(), idle: z.number().int(), waiting: z.number().int() }).optional(),
  }),
  tenants: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["active", "sev0_stop"]),
      adapterHealth: z.enum(["healthy", "degraded"]),
      writesEnabled: z.boolean(),
      sendsEnabled: z.literal(false),
    }),
  ),
});

export const ScanRunSchema = z.object({
  tenantId: z.string(),
  /** Why nothing was scanned (frozen, degraded, or a scan of this business already running on some instance). */
  skipped: z.string().optional(),
  emitted: z.array(z.object({ triggerId: z.string(), type: z.string(), recordId: z.string() })),
  closed: z.array(z.object({ triggerId: z.string(), type: z.string(), recordId: z.string() })),
  suggestions: z.array(z.string()),
  durationMs: z.number(),
});
