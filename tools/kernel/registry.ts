// The registry: the one list of tools every channel adapts. Built from the packs' explicit arrays.
import type { Mode, Role } from "../../contracts/index.ts";
import { type AnyTool, packOf } from "./define-tool.ts";

export interface ToolSummary {
  name: string;
  pack: string;
  title: string;
  effect: AnyTool["effect"];
  risk: AnyTool["risk"];
  roles: readonly Role[];
}

export class Registry {
  readonly #tools = new Map<string, AnyTool>();

  constructor(tools: readonly AnyTool[]) {
    for (const tool of tools) {
      if (this.#tools.has(tool.name)) throw new Error(`tool ${tool.name} is registered twice`);
      this.#tools.set(tool.name, tool);
    }
  }

  get(name: string): AnyTool | undefined {
    return this.#tools.get(name);
  }

  list(): AnyTool[] {
    return [...this.#tools.values()];
  }

  /** What an actor may call in a mode: read_only offers only reads (the filter comes from each tool's own effect). */
  visibleTo(role: Role, mode: Mode): AnyTool[] {
    return this.list().filter((t) => t.roles.includes(role) && (mode !== "read_only" || t.effect === "read"));
  }

  summaries(): ToolSummary[] {
    return this.list().map((t) => ({
      name: t.name,
      pack: packOf(t.name),
      title: t.title,
      effect: t.effect,
      risk: t.risk,
      roles: t.roles,
    }));
  }
}
