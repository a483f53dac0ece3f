// The kernel's typed result: every channel renders these four the same way.
import { z } from "zod";
import { FailureSchema } from "./failure.ts";
import { ProposalViewSchema } from "./proposals.ts";

export const HardStopSchema = z.object({
  stopId: z.string(),
  type: z.enum(["universal", "conditional"]),
  message: z.string(),
  action: z.string(),
  clearedBy: z.object({ gates: z.array(z.string()) }),
  matched: z.string().optional(),
});
export type HardStop = z.infer<typeof HardStopSchema>;

export const ToolResultSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok"), data: z.unknown() }),
  z.object({ status: z.literal("proposed"), proposal: ProposalViewSchema }),
  z.object({ status: z.literal("refused"), failure: FailureSchema }),
  z.object({ status: z.literal("stopped"), stop: HardStopSchema, data: z.unknown().optional() }),
]);
export type ToolResult<T = unknown> =
  | { status: "ok"; data: T }
  | { status: "proposed"; proposal: z.infer<typeof ProposalViewSchema> }
  | { status: "refused"; failure: z.infer<typeof FailureSchema> }
  | { status: "stopped"; stop: HardStop; data?: unknown };
