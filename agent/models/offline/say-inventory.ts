// Words for the inventory pack's offline answers: part matches and stock per location, only from search_parts and
// stock_levels results. Never a price or cost: the inventory tools return none.
import type { ToolOutcome } from "./intent.ts";
import { arr, num, rec, str } from "./say-field.ts";

export interface PartMatch {
  partId: string;
  sku: string;
  description: string;
  availableInScope: number;
  availableAnywhere: number;
}

/** The matches of an inventory.search_parts result. */
export function partMatches(data: unknown): PartMatch[] {
  return arr(rec(data).matches).flatMap((m) => {
    const match = rec(m);
    const partId = str(match.partId);
    if (!partId) return [];
    const anywhere = arr(match.stock).reduce<number>((n, s) => n + (num(rec(s).available) ?? 0), 0);
    return [
      {
        partId,
        sku: str(match.sku) ?? partId,
        description: str(match.description) ?? "",
        availableInScope: num(match.availableInScope) ?? 0,
        availableAnywhere: anywhere,
      },
    ];
  });
}

/** inventory.search_parts data: the tool's own one-line answer, then each match with stock per location. */
export function sayMatches(data: unknown): string {
  const d = rec(data);
  const lines = [str(d.answer) ?? "Here is what I found."];
  for (const m of arr(d.matches).slice(0, 6)) {
    const match = rec(m);
    const stock = arr(match.stock)
      .map((s) => rec(s))
      .map((s) => `${num(s.available) ?? 0} at ${str(s.locationName) ?? "?"}`);
    lines.push(
      `- ${str(match.sku) ?? "?"}: ${str(match.description) ?? ""}${stock.length > 0 ? ` — available ${stock.join(", ")}` : " — none in stock"}`,
    );
  }
  return lines.join("\n");
}

/** inventory.stock_levels results for the matched parts, narrowed to the warehouse or trucks when asked. */
export function sayStockLines(
  matches: readonly PartMatch[],
  levels: readonly ToolOutcome[],
  where: "warehouse" | "truck" | null,
): string {
  const lines: string[] = [];
  for (const match of matches) {
    const outcome = levels.find((l) => l.input.partId === match.partId);
    if (outcome?.result.status !== "ok") continue;
    const rows = arr(rec(outcome.result.data).lines)
      .map((l) => rec(l))
      .filter((l) => where === null || l.locationKind === where);
    const shown = rows.map(
      (l) =>
        `${num(l.quantity) ?? 0} at ${str(l.locationName) ?? "?"} (${num(l.reserved) ?? 0} reserved, ${num(l.available) ?? 0} available)`,
    );
    lines.push(
      `- ${match.sku} ${match.description}: ${shown.length > 0 ? shown.join("; ") : `none ${where ? `in the ${where}` : "stocked"}`}`,
    );
  }
  return lines.length > 0 ? lines.join("\n") : "No stock lines came back for those parts.";
}
