// Shared readers and words for the field packs' offline answers (survey, pricing, repair, inventory): safe access to
// the untyped tool data the model sees, and dollar amounts as the tools return them. Nothing here invents a figure.

export type Data = Record<string, unknown>;

export function rec(value: unknown): Data {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Whole dollars as the field tools return them (not cents): 11102.5 → "$11,103". */
export function dollars(amount: number): string {
  return `$${amount.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
}

/** Dollars and cents for payments: 111.02 → "$111.02". */
export function dollarsAndCents(amount: number): string {
  return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "low–high" for a tool's range object, or null when it is not one. */
export function dollarRange(value: unknown): string | null {
  const r = rec(value);
  const low = num(r.low);
  const high = num(r.high);
  if (low === null || high === null) return null;
  return low === high ? dollars(low) : `${dollars(low)}–${dollars(high)}`;
}

export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
