// What a model sees of each tool — name, description, JSON schemas, annotations — is snapshotted beside the tool,
// so a change to a tool's public face shows in review. Update with `npx vitest run test/tool-snapshots -u`.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { allTools } from "../tools/index.ts";
import { annotationsFor, packOf } from "../tools/kernel/index.ts";

describe("tool snapshots", () => {
  it.each(allTools.map((t) => [t.name, t] as const))("%s", async (name, tool) => {
    const face = {
      name,
      title: tool.title,
      description: tool.description,
      effect: tool.effect,
      risk: tool.risk,
      roles: tool.roles,
      annotations: annotationsFor(tool),
      inputSchema: z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }),
      outputSchema: z.toJSONSchema(tool.output, { unrepresentable: "any" }),
    };
    await expect(`${JSON.stringify(face, null, 2)}\n`).toMatchFileSnapshot(
      `../tools/${packOf(name)}/__toolsnaps__/${name}.snap.json`,
    );
  });
});
