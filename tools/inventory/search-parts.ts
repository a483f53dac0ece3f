// inventory.search_parts: "do I have a 45/5 capacitor on my truck?" — parts that fit the words, with stock per location.
import { z } from "zod";
import { getLocation, listParts, truckOf } from "../../store/repos/field-repair.ts";
import { defineTool } from "../kernel/index.ts";
import { parsePartQuery, partMatches } from "./part-query.ts";
import { linesByPart, PartSchema, StockLineSchema } from "./stock-view.ts";

export const searchPartsTool = defineTool({
  name: "inventory.search_parts",
  title: "Search parts and stock",
  description:
    "Finds parts from a question said the way a tech says it — 'do I have a 45/5 capacitor on my truck', 'forty " +
    "five five cap', 'flame sensor' — reading capacitor ratings (µF pairs), part kinds and 'my truck' (the caller's " +
    "own truck). Returns each matching part with its quantity, reserved and available count per location, and a " +
    "one-line answer. Narrow with locationId, or techId for another tech's truck. Read only; never shows cost.",
  effect: "read",
  risk: "low",
  roles: ["tech", "office", "founder", "sales_manager", "salesperson"],
  input: z.object({
    query: z.string().min(1).max(300),
    locationId: z.string().min(1).optional(),
    techId: z.string().min(1).optional(),
  }),
  output: z.object({
    answer: z.string(),
    interpreted: z.object({
      microfarads: z.string().nullable(),
      category: z.string().nullable(),
      terms: z.array(z.string()),
      scope: z.string(),
    }),
    matches: z.array(PartSchema.extend({ stock: z.array(StockLineSchema), availableInScope: z.number().int() })),
  }),
  refs: { locationId: "inventory_location", techId: "tech_profile" },
  example: { query: "do I have a 45/5 capacitor on my truck" },
  async run(input, ctx) {
    const query = parsePartQuery(input.query);
    const truckTech = input.techId ?? (query.mine && ctx.actor.role === "tech" ? ctx.actor.id : null);
    const scopeLocation = input.locationId
      ? await getLocation(ctx.db, ctx.tenantId, input.locationId)
      : truckTech
        ? await truckOf(ctx.db, ctx.tenantId, truckTech)
        : null;
    const parts = (await listParts(ctx.db, ctx.tenantId)).filter((p) => partMatches(p, query)).slice(0, 25);
    const lines = await linesByPart(
      ctx,
      parts.map((p) => p.id),
    );
    const matches = parts.map((p) => {
      const stock = lines.get(p.id) ?? [];
      const inScope = scopeLocation ? stock.filter((s) => s.locationId === scopeLocation.id) : stock;
      return {
        partId: p.id,
        sku: p.sku,
        description: p.description,
        category: p.category,
        attributes: p.attributes,
        stock,
        availableInScope: inScope.reduce((n, s) => n + s.available, 0),
      };
    });
    const scope = scopeLocation
      ? scopeLocation.name
      : truckTech
        ? `${truckTech}'s truck (none assigned; all locations)`
        : "all locations";
    const found = matches.filter((m) => m.availableInScope > 0);
    const label = query.microfarads ? `${query.microfarads} µF ${query.category ?? "part"}` : input.query;
    let answer: string;
    if (matches.length === 0) answer = `No part in the catalog matches "${input.query}".`;
    else if (found.length > 0) {
      answer = `Yes — ${found.map((m) => `${m.availableInScope} × ${m.sku}`).join(", ")} available on ${scope}.`;
    } else {
      const elsewhere = matches.flatMap((m) =>
        m.stock.filter((s) => s.available > 0).map((s) => `${s.available} at ${s.locationName}`),
      );
      answer = `None available on ${scope} for ${label}.${elsewhere.length > 0 ? ` Elsewhere: ${elsewhere.join(", ")}.` : ""}`;
    }
    return {
      answer,
      interpreted: { microfarads: query.microfarads, category: query.category, terms: query.terms, scope },
      matches,
    };
  },
});
