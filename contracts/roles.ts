// Roles, actors and what each role may see. Permissions are enforced by the kernel;
// this file only names them.
import { z } from "zod";

export const HUMAN_ROLES = ["founder", "office", "sales_manager", "salesperson", "tech", "customer"] as const;
export const ROLES = [...HUMAN_ROLES, "ai_client", "system"] as const;

export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Staff who work inside the office (everyone human but the customer). */
export const STAFF_ROLES: readonly Role[] = ["founder", "office", "sales_manager", "salesperson", "tech"];
/** Managers may approve low-risk proposals of anyone (ARCHITECTURE §3.4). */
export const MANAGER_ROLES: readonly Role[] = ["founder", "office", "sales_manager"];
/** Field Engineer §11: only the sales manager, office and founder see exact cost and margin. */
export const COST_VIEWER_ROLES: readonly Role[] = ["founder", "office", "sales_manager"];

/** Output keys that carry vendor cost or margin; stripped at any depth for roles outside COST_VIEWER_ROLES. */
export const COST_FIELDS = ["vendorCost", "vendorCostCents", "margin", "marginPct", "marginCents", "unitCost"] as const;
/** Commission is visible to the roles that see cost and to the salesperson it belongs to (their private screen). */
export const COMMISSION_FIELDS = ["commission", "commissionCents"] as const;

export function isHumanRole(role: Role): boolean {
  return (HUMAN_ROLES as readonly string[]).includes(role);
}

export function canSeeCost(role: Role): boolean {
  return COST_VIEWER_ROLES.includes(role);
}

export const ModeSchema = z.enum(["read_only", "propose_actions", "apply_allowed"]);
export type Mode = z.infer<typeof ModeSchema>;
/** Modes a channel, token, model or MCP client may hold. `apply_allowed` belongs to the safe apply engine alone. */
export const ChannelModeSchema = z.enum(["read_only", "propose_actions"]);
export type ChannelMode = z.infer<typeof ChannelModeSchema>;

export const ChannelSchema = z.enum(["slack", "web", "cli", "mcp", "api", "public", "trigger", "voice"]);
export type Channel = z.infer<typeof ChannelSchema>;
/** Channels whose calls are initiated by a machine and so must carry evidence refs for writes. */
export const AI_CHANNELS: readonly Channel[] = ["mcp", "trigger"];

export const ActorSchema = z.object({
  id: z.string().min(1),
  tenantId: z.string().min(1),
  name: z.string().min(1),
  role: RoleSchema,
});
export type Actor = z.infer<typeof ActorSchema>;
