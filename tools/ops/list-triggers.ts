// ops.list_triggers: what the trigger engine has noticed, grouped by type, with each trigger's suggestion (read).
import { z } from "zod";
import { listTriggers } from "../../store/repos/ops.ts";
import { defineTool } from "../kernel/index.ts";
import { TRIGGER_LABELS, type TriggerType } from "./thresholds.ts";

export const listTriggersTool = defineTool({
  name: "ops.list_triggers",
  title: "What the office should not forget",
  description:
    "Triggers the office's watcher has raised (leads gone quiet, deals moving backwards, accounts at risk, past " +
    "customers to re-engage, quotes to chase, agreement renewals), grouped by type, each with the proposal it " +
    "suggested. Open by default; closed ones cleared on their own.",
  effect: "read",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "ai_client"],
  input: z.object({
    status: z.enum(["open", "closed", "all"]).default("open"),
    limit: z.number().int().min(1).max(500).default(200),
  }),
  output: z.object({
    groups: z.array(
      z.object({
        type: z.string(),
        label: z.string(),
        count: z.number(),
        triggers: z.array(
          z.object({
            triggerId: z.string(),
            recordId: z.string(),
            customerId: z.string().nullable(),
            context: z.record(z.string(), z.unknown()),
            status: z.string(),
            createdAt: z.string(),
            suggestionId: z.string().nullable(),
          }),
        ),
      }),
    ),
  }),
  example: { status: "open" },
  async run(input, ctx) {
    const rows = await listTriggers(ctx.db, ctx.tenantId, input.status, input.limit);
    const groups = new Map<string, (typeof rows)[number][]>();
    for (const row of rows) groups.set(row.type, [...(groups.get(row.type) ?? []), row]);
    return {
      groups: [...groups].map(([type, list]) => ({
        type,
        label: TRIGGER_LABELS[type as TriggerType] ?? type,
        count: list.length,
        triggers: list.map((t) => ({
          triggerId: t.id,
          recordId: t.recordId,
          customerId: t.customerId,
          context: t.context,
          status: t.status,
          createdAt: t.createdAt,
          suggestionId: t.suggestionId,
        })),
      })),
    };
  },
});
