// What the outbound tools share: the draft input, and its risk scan with the customer's opt-outs and the tenant's
// quiet hours and time zone (tenant config). The scan itself is the pure scanOutbound; this only gathers its inputs.
import { z } from "zod";
import type { Customer, OutboundDraft } from "../../contracts/index.ts";
import type { TenantRow } from "../../store/repos/tenants.ts";
import { type OutboundRiskFlag, scanOutbound } from "./outbound-risk.ts";

export const DraftInputSchema = z
  .object({
    customerId: z.string().min(1),
    channel: z.enum(["sms", "email"]),
    body: z.string().trim().min(1, "write the message").max(2000),
    /** When the person means to send it; checked against quiet hours. */
    sendAt: z.iso.datetime({ offset: true }).optional(),
    /** Only "manual_copy" is approved: a person copies the text and sends it. */
    sendPath: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
export type DraftInput = z.infer<typeof DraftInputSchema>;

const TenantOutboundConfig = z.object({
  timeZone: z.string().optional(),
  quietHours: z
    .object({ startHour: z.number().int().min(0).max(23), endHour: z.number().int().min(0).max(23) })
    .optional(),
  quietHoursChannels: z.array(z.enum(["sms", "email"])).optional(),
});

/** The demo business is in a Colorado-like state; a tenant sets its own zone in config.timeZone. */
const DEFAULT_TIME_ZONE = "America/Denver";

export function draftRiskFlags(input: DraftInput, customer: Customer, tenant: TenantRow): OutboundRiskFlag[] {
  const parsed = TenantOutboundConfig.safeParse(tenant.config ?? {});
  const config = parsed.success ? parsed.data : {};
  return scanOutbound({
    body: input.body,
    channel: input.channel,
    customer: { optedOut: customer.optedOut },
    timeZone: config.timeZone ?? DEFAULT_TIME_ZONE,
    ...(input.sendAt ? { sendAt: new Date(input.sendAt) } : {}),
    ...(config.quietHours ? { quietHours: config.quietHours } : {}),
    ...(config.quietHoursChannels ? { quietHoursChannels: config.quietHoursChannels } : {}),
    ...(input.sendPath ? { sendPath: input.sendPath } : {}),
  });
}

/** Flags as stored on a draft (kind and reason; the matched phrase is part of the reason). */
export function storedFlags(flags: readonly OutboundRiskFlag[]): OutboundDraft["riskFlags"] {
  return flags.map((f) => ({ kind: f.kind, reason: f.reason }));
}
