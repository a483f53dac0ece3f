// A tool is a value: name, effect, risk, roles, schemas, refs, example and its functions, declared once.
// The agent, MCP server, REST routes and CLI all read the same definition from the registry.
import type { z } from "zod";
import type { Actor, Channel, Effect, Failure, HardStop, Mode, Preview, Risk, Role } from "../../contracts/index.ts";
import type { Db } from "../../store/db.ts";
import type { EntityKind } from "../../store/repos/entities.ts";
import type { TenantRow } from "../../store/repos/tenants.ts";
import type { Advisor } from "./advisor.ts";

/** What a tool's functions receive. `db` is the read connection, or the transaction when the safe apply engine runs a write. */
export interface ToolContext {
  readonly tenantId: string;
  readonly tenant: TenantRow;
  readonly actor: Actor;
  readonly channel: Channel;
  readonly mode: Mode;
  readonly db: Db;
  readonly now: Date;
  /** The proposal being applied, when the safe apply engine is running this tool. */
  readonly proposalId?: string;
  /** A model's advice (vision, research, diagnosis) when one is configured; absent offline. Code still decides. */
  readonly advisor?: Advisor;
}

/** A pack's gate or stop verdict (ARCHITECTURE §3.3 step 7). Evaluated by the pack's own code. */
export type GuardVerdict = { refuse: Failure } | { stop: HardStop; data?: unknown } | null;

export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** `pack.verb_noun` */
  readonly name: string;
  readonly title: string;
  /** Written for a model and a person: what it does, when to use it, what it will not do. */
  readonly description: string;
  readonly effect: Effect;
  readonly risk: Risk;
  readonly roles: readonly Role[];
  readonly input: I;
  readonly output: O;
  /** Input paths (dotted; `[]` for arrays) that hold record ids, resolved inside the caller's tenant only. */
  readonly refs?: Readonly<Record<string, EntityKind>>;
  /** Extra output keys only cost-seeing roles receive (the kernel always strips vendor cost, margin, commission). */
  readonly sensitive?: readonly string[];
  /** A valid input; registry-wide tests fill its ref paths with real ids. */
  readonly example: z.input<I>;
  /** Read: returns data. Write/external: called only by the safe apply engine, inside one transaction. */
  run(input: z.output<I>, ctx: ToolContext): Promise<z.input<O>>;
  /** Write/external: the before/after an approver sees, and the record versions it was built on. */
  preview?(input: z.output<I>, ctx: ToolContext): Promise<Preview>;
  /**
   * A listed low-risk auto rule (ARCHITECTURE §4): the proposal is approved by the rule itself and applied at once.
   * Only for low-risk writes that change no business record (e.g. filing a change request); the registry test holds it.
   */
  readonly autoApply?: { readonly rule: string; readonly why: string };
  /** Gates and hard stops, evaluated before run or propose, and again before apply. */
  guard?(input: z.output<I>, ctx: ToolContext): Promise<GuardVerdict>;
}

export type AnyTool = ToolDefinition<z.ZodType, z.ZodType>;

export function packOf(toolName: string): string {
  return toolName.split(".")[0] ?? toolName;
}

/** Declares a tool. Throws at load time when the declaration is incomplete, so a bad tool never registers. */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(def: ToolDefinition<I, O>): ToolDefinition<I, O> {
  if (!/^[a-z]+\.[a-z_]+$/.test(def.name)) throw new Error(`tool name ${def.name} is not pack.verb_noun`);
  if (!def.effect || !def.risk) throw new Error(`tool ${def.name} must declare effect and risk`);
  if (def.roles.length === 0) throw new Error(`tool ${def.name} must name the roles that may call it`);
  if (def.effect !== "read" && !def.preview) throw new Error(`write tool ${def.name} must have a preview`);
  return def;
}

/** MCP-style hints derived from the tool's own declaration (never from a separate list). */
export function annotationsFor(tool: Pick<AnyTool, "effect" | "risk" | "title">) {
  return {
    title: tool.title,
    readOnlyHint: tool.effect === "read",
    destructiveHint: tool.effect !== "read" && tool.risk !== "low",
    idempotentHint: tool.effect === "read",
    openWorldHint: tool.effect === "external",
  };
}
