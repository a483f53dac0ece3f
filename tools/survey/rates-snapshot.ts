// A rates snapshot as a business supplies it (Field Engineer §06 `rates`): the zod shape of one dated rate, the checks
// across rows, and reading a CSV or JSON file with every problem tied to its line. Pure: no I/O, no store, no kernel.
import Papa from "papaparse";
import { z } from "zod";
import {
  NATIONAL_STATE,
  RATE_FUELS,
  RATE_UNITS,
  type RateFuel,
  type RateRow,
  type RatesSnapshot,
} from "./rates-data.ts";

// Plausible residential prices: wide enough for Hawaii electricity or a winter propane spike, narrow enough to catch
// cents typed as dollars (15.2 for $0.152/kWh) or $/MMBtu typed as $/therm.
const PRICE_BOUNDS: Readonly<Record<RateFuel, { min: number; max: number }>> = {
  electric: { min: 0.03, max: 1.0 },
  gas: { min: 0.2, max: 6.0 },
  propane: { min: 0.5, max: 8.0 },
  oil: { min: 1.0, max: 8.0 },
};

const AS_OF = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

export const RateRowSchema = z
  .object({
    state: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Use the two-letter state code in capitals ("CO"), or "US" for the national row.'),
    fuel: z.enum(RATE_FUELS as [RateFuel, ...RateFuel[]], { error: "Use electric, gas, propane or oil." }),
    price: z.number({ error: "Give the price as a number of dollars." }).positive("The price must be above zero."),
    trendPctPerYear: z
      .number({ error: "Give the trend as a percent per year (a number, e.g. 4.5)." })
      .min(-50, "A trend below -50% a year is not plausible.")
      .max(100, "A trend above 100% a year is not plausible."),
    source: z.string().trim().min(1, "Say where the figure comes from (source).").max(160),
    asOf: z.string().regex(AS_OF, 'The vintage (asOf) must be "YYYY" or "YYYY-MM".'),
    level: z.enum(["utility", "state", "region", "national"]),
    area: z.string().trim().min(1).max(120),
    utility: z.string().trim().min(1).max(120).nullable().optional(),
  })
  .strict()
  .superRefine((row, ctx) => {
    const bounds = PRICE_BOUNDS[row.fuel];
    if (row.price < bounds.min || row.price > bounds.max) {
      ctx.addIssue({
        code: "custom",
        path: ["price"],
        message:
          `$${row.price}/${RATE_UNITS[row.fuel]} is not a plausible residential ${row.fuel} price ` +
          `($${bounds.min}–$${bounds.max}/${RATE_UNITS[row.fuel]}); prices are in dollars, not cents.`,
      });
    }
    if (row.utility && row.level !== "utility") {
      ctx.addIssue({ code: "custom", path: ["level"], message: 'A row naming a utility has level "utility".' });
    }
    if (!row.utility && row.level === "utility") {
      ctx.addIssue({ code: "custom", path: ["utility"], message: "A utility-level row must name its utility." });
    }
    if (row.utility && row.fuel !== "electric" && row.fuel !== "gas") {
      ctx.addIssue({ code: "custom", path: ["fuel"], message: "Utility-level rates exist for electric and gas only." });
    }
    if (row.state === NATIONAL_STATE && !row.utility && row.level !== "national") {
      ctx.addIssue({ code: "custom", path: ["level"], message: 'The US row has level "national".' });
    }
  });

export const RatesSnapshotSchema = z.object({
  rows: z.array(RateRowSchema).min(RATE_FUELS.length).max(2_000),
});

/**
 * A problem at one row (`index` into the rows; null for the snapshot as a whole). `scope` "set" marks a problem of
 * the rows together (a missing national rate, an incomplete state), which a row that failed to read may explain.
 */
export interface SnapshotIssue {
  index: number | null;
  scope: "row" | "set";
  path: string;
  message: string;
}

function keyOf(row: Pick<RateRow, "state" | "fuel" | "utility">): string {
  return row.utility ? `${row.utility} ${row.fuel}` : `${row.state} ${row.fuel}`;
}

function monthIndex(asOf: string): number {
  const [year, month] = asOf.split("-");
  return Number(year) * 12 + (month ? Number(month) - 1 : 0);
}

/**
 * The checks across rows: no rate given twice, a national row for every fuel (the fallback), every state complete
 * (a half-refreshed state would mix vintages), and no vintage after `today`.
 */
export function snapshotIssues(rows: readonly RateRow[], today: Date): SnapshotIssue[] {
  const issues: SnapshotIssue[] = [];
  const firstAt = new Map<string, number>();
  const thisMonth = today.getUTCFullYear() * 12 + today.getUTCMonth();
  rows.forEach((row, index) => {
    const key = keyOf(row);
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, index);
    else issues.push({ index, scope: "row", path: "fuel", message: `${key} is given twice (also row ${first + 1}).` });
    if (monthIndex(row.asOf) > thisMonth) {
      issues.push({ index, scope: "row", path: "asOf", message: `The vintage ${row.asOf} is in the future.` });
    }
  });
  for (const fuel of RATE_FUELS) {
    if (!rows.some((r) => r.fuel === fuel && !r.utility && r.state === NATIONAL_STATE)) {
      issues.push({
        index: null,
        scope: "set",
        path: "rows",
        message: `There is no national (US) ${fuel} rate; every state the snapshot lacks falls back to it.`,
      });
    }
  }
  const fuelsByState = new Map<string, { first: number; fuels: Set<RateFuel> }>();
  rows.forEach((row, index) => {
    if (row.utility || row.state === NATIONAL_STATE) return;
    const entry = fuelsByState.get(row.state) ?? { first: index, fuels: new Set<RateFuel>() };
    entry.fuels.add(row.fuel);
    fuelsByState.set(row.state, entry);
  });
  for (const [state, { first, fuels }] of fuelsByState) {
    const missing = RATE_FUELS.filter((f) => !fuels.has(f));
    if (missing.length > 0) {
      issues.push({
        index: first,
        scope: "set",
        path: "state",
        message: `${state} has no ${missing.join(", ")} rate; give all four fuels for a state, or none.`,
      });
    }
  }
  return issues;
}

/** A short stable id of a snapshot's contents, so a proposal can say which snapshot it replaces. */
export function snapshotId(snapshot: RatesSnapshot): string {
  const canonical = JSON.stringify(
    [...snapshot.rows]
      .map((r) => [r.state, r.fuel, r.utility ?? "", r.price, r.trendPctPerYear, r.source, r.asOf, r.level, r.area])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );
  // FNV-1a, 32 bits: enough to tell two snapshots apart, not a security boundary.
  let hash = 0x811c9dc5;
  for (let i = 0; i < canonical.length; i += 1) {
    hash ^= canonical.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `rates-${hash.toString(16).padStart(8, "0")}`;
}

/** The newest and oldest vintage in a snapshot, and the sources it quotes. */
export function snapshotVintage(snapshot: RatesSnapshot): { newest: string; oldest: string; sources: string[] } {
  const sorted = [...snapshot.rows].sort((a, b) => monthIndex(a.asOf) - monthIndex(b.asOf));
  return {
    oldest: sorted[0]?.asOf ?? "",
    newest: sorted.at(-1)?.asOf ?? "",
    sources: [...new Set(snapshot.rows.map((r) => r.source))].sort(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a file: CSV (one rate per line) or JSON (the shape `office rates show --json` prints).

/** A problem tied to the file: `line` is 1-based, null when it concerns the whole file. */
export interface FileIssue {
  line: number | null;
  path: string;
  message: string;
}

export type ParsedRatesFile = { ok: true; snapshot: RatesSnapshot } | { ok: false; issues: FileIssue[] };

const STATE_NAMES: Readonly<Record<string, string>> = {
  AL: "Alabama",
  AK: "Alaska",
  AZ: "Arizona",
  AR: "Arkansas",
  CA: "California",
  CO: "Colorado",
  CT: "Connecticut",
  DE: "Delaware",
  DC: "District of Columbia",
  FL: "Florida",
  GA: "Georgia",
  HI: "Hawaii",
  ID: "Idaho",
  IL: "Illinois",
  IN: "Indiana",
  IA: "Iowa",
  KS: "Kansas",
  KY: "Kentucky",
  LA: "Louisiana",
  ME: "Maine",
  MD: "Maryland",
  MA: "Massachusetts",
  MI: "Michigan",
  MN: "Minnesota",
  MS: "Mississippi",
  MO: "Missouri",
  MT: "Montana",
  NE: "Nebraska",
  NV: "Nevada",
  NH: "New Hampshire",
  NJ: "New Jersey",
  NM: "New Mexico",
  NY: "New York",
  NC: "North Carolina",
  ND: "North Dakota",
  OH: "Ohio",
  OK: "Oklahoma",
  OR: "Oregon",
  PA: "Pennsylvania",
  RI: "Rhode Island",
  SC: "South Carolina",
  SD: "South Dakota",
  TN: "Tennessee",
  TX: "Texas",
  UT: "Utah",
  VT: "Vermont",
  VA: "Virginia",
  WA: "Washington",
  WV: "West Virginia",
  WI: "Wisconsin",
  WY: "Wyoming",
  US: "United States",
};

const FUEL_WORDS: Readonly<Record<string, RateFuel>> = {
  electric: "electric",
  electricity: "electric",
  gas: "gas",
  natural_gas: "gas",
  "natural gas": "gas",
  propane: "propane",
  lp: "propane",
  oil: "oil",
  heating_oil: "oil",
  "heating oil": "oil",
};

// CSV headers, in any case, snake_case or camelCase.
const COLUMNS: Readonly<Record<string, keyof RateRow>> = {
  state: "state",
  fuel: "fuel",
  price: "price",
  trend_pct_per_year: "trendPctPerYear",
  trendpctperyear: "trendPctPerYear",
  trend: "trendPctPerYear",
  source: "source",
  as_of: "asOf",
  asof: "asOf",
  level: "level",
  area: "area",
  utility: "utility",
};
const REQUIRED_COLUMNS: readonly (keyof RateRow)[] = ["state", "fuel", "price", "trendPctPerYear", "source", "asOf"];

/** Fills what a file may leave out: the level (utility, national or state) and the area's name. */
function completeRow(raw: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...raw };
  if (typeof row["state"] === "string") row["state"] = row["state"].trim().toUpperCase();
  if (typeof row["fuel"] === "string") row["fuel"] = FUEL_WORDS[row["fuel"].trim().toLowerCase()] ?? row["fuel"];
  if (row["utility"] === "" || row["utility"] === undefined) delete row["utility"];
  const utility = typeof row["utility"] === "string" ? row["utility"] : null;
  const state = typeof row["state"] === "string" ? row["state"] : "";
  const area = typeof row["area"] === "string" ? row["area"].trim() : "";
  if (row["level"] === undefined || row["level"] === "") {
    // An area other than the state itself (propane's "Rocky Mountain") makes the figure a regional one.
    const regional = area !== "" && area !== state && area !== STATE_NAMES[state];
    row["level"] = utility ? "utility" : state === NATIONAL_STATE ? "national" : regional ? "region" : "state";
  }
  if (row["area"] === undefined || row["area"] === "") row["area"] = utility ?? STATE_NAMES[state] ?? state;
  return row;
}

function numberCell(cell: string): number | string {
  const trimmed = cell.trim().replace(/^\$/, "").replace(/%$/, "");
  return trimmed !== "" && Number.isFinite(Number(trimmed)) ? Number(trimmed) : cell;
}

function zodIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.join(".") || "row", message: issue.message }));
}

function validate(rawRows: Array<Record<string, unknown>>, lines: readonly number[], today: Date): ParsedRatesFile {
  const issues: FileIssue[] = [];
  const rows: RateRow[] = [];
  const lineOfValid: Array<number | null> = [];
  rawRows.forEach((raw, index) => {
    const parsed = RateRowSchema.safeParse(completeRow(raw));
    if (parsed.success) {
      rows.push(parsed.data);
      lineOfValid.push(lines[index] ?? null);
    } else for (const issue of zodIssues(parsed.error)) issues.push({ line: lines[index] ?? null, ...issue });
  });
  if (rawRows.length === 0) issues.push({ line: null, path: "rows", message: "The file holds no rates." });
  const rowsAllRead = issues.length === 0;
  for (const issue of snapshotIssues(rows, today)) {
    // A complaint about the rows together (a missing national rate) may only be a row that did not read.
    if (issue.scope === "set" && !rowsAllRead) continue;
    issues.push({
      line: issue.index === null ? null : (lineOfValid[issue.index] ?? null),
      path: issue.path,
      message: issue.message,
    });
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, snapshot: { rows } };
}

/** Reads a CSV: a header line, then one rate per line (state, fuel, price, trend_pct_per_year, source, as_of…). */
export function parseRatesCsv(text: string, today: Date): ParsedRatesFile {
  const rows: string[][] = [];
  const lines: number[] = [];
  let offset = 0;
  const body = text.replace(/^\uFEFF/, "");
  Papa.parse<string[]>(body, {
    skipEmptyLines: false,
    step: (result) => {
      const start = offset;
      offset = result.meta.cursor;
      const row = result.data;
      if (row.length === 1 && (row[0] ?? "").trim() === "") return;
      rows.push(row);
      lines.push(1 + (body.slice(0, start).match(/\n/g)?.length ?? 0) + (/^\r?\n/.test(body.slice(start)) ? 1 : 0));
    },
  });
  const [header, ...data] = rows;
  const headerLine = lines[0] ?? 1;
  if (!header) return { ok: false, issues: [{ line: null, path: "file", message: "The file is empty." }] };
  const columns = header.map(
    (h) =>
      COLUMNS[
        h
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, "_")
      ] ?? null,
  );
  const issues: FileIssue[] = [];
  header.forEach((h, i) => {
    if (columns[i] === null) {
      issues.push({
        line: headerLine,
        path: "header",
        message: `Unknown column "${h.trim()}"; the columns are state, fuel, price, trend_pct_per_year, source, as_of and optionally level, area, utility.`,
      });
    }
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) {
      issues.push({ line: headerLine, path: "header", message: `The header has no ${required} column.` });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  data.forEach((cells, i) => {
    if (cells.length !== header.length) {
      issues.push({
        line: lines[i + 1] ?? null,
        path: "row",
        message: `This line has ${cells.length} values; the header has ${header.length}.`,
      });
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  const rawRows = data.map((cells) => {
    const raw: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      if (!column) return;
      const cell = cells[i] ?? "";
      raw[column] = column === "price" || column === "trendPctPerYear" ? numberCell(cell) : cell.trim();
    });
    return raw;
  });
  return validate(rawRows, lines.slice(1), today);
}

/** The line each element of the rows array starts on (a top-level array, or the `rows` key of an object). */
function rowStartLines(text: string, inObject: boolean): number[] {
  const found: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastString = "";
  let key: string | null = null;
  let target = -1;
  let awaiting = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') {
        inString = false;
        lastString = text.slice(stringStart, i);
      }
      if (ch === "\n") line += 1;
      continue;
    }
    if (ch === "\n") line += 1;
    if (awaiting && depth === target && ch !== undefined && !/\s|\]/.test(ch)) {
      found.push(line);
      awaiting = false;
    }
    if (ch === '"') {
      inString = true;
      stringStart = i + 1;
    } else if (ch === ":") {
      if (depth === 1) key = lastString;
    } else if (ch === "[" || ch === "{") {
      depth += 1;
      const isTarget = inObject ? depth === 2 && ch === "[" && key === "rows" : depth === 1 && ch === "[";
      if (target === -1 && isTarget) {
        target = depth;
        awaiting = true;
      }
    } else if (ch === "]" || ch === "}") {
      if (depth === target) target = -2;
      depth -= 1;
    } else if (ch === "," && depth === target) {
      awaiting = true;
    }
  }
  return found;
}

/** Reads JSON: `{ "rows": [ { state, fuel, price, trendPctPerYear, source, asOf, … } ] }` or the bare array. */
export function parseRatesJson(text: string, today: Date): ParsedRatesFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? 1 + (text.slice(0, Number(position[1])).match(/\n/g)?.length ?? 0) : null;
    return { ok: false, issues: [{ line, path: "file", message: `Not valid JSON: ${message}` }] };
  }
  const inObject = !Array.isArray(value);
  const list = Array.isArray(value)
    ? value
    : value && typeof value === "object" && Array.isArray((value as { rows?: unknown }).rows)
      ? (value as { rows: unknown[] }).rows
      : null;
  if (list === null) {
    return {
      ok: false,
      issues: [{ line: 1, path: "file", message: 'Expected an object with a "rows" array, or an array of rates.' }],
    };
  }
  const lines = rowStartLines(text, inObject);
  const notObjects = list.flatMap((item, i) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? []
      : [{ line: lines[i] ?? null, path: "row", message: "Each rate is an object: { state, fuel, price, … }." }],
  );
  if (notObjects.length > 0) return { ok: false, issues: notObjects };
  return validate(
    list.map((item) => ({ ...(item as Record<string, unknown>) })),
    lines,
    today,
  );
}

/** Reads a rates file by its name's extension: `.csv` or `.json`. */
export function parseRatesFile(name: string, text: string, today: Date): ParsedRatesFile {
  if (/\.json$/i.test(name)) return parseRatesJson(text, today);
  if (/\.csv$/i.test(name)) return parseRatesCsv(text, today);
  return { ok: false, issues: [{ line: null, path: "file", message: "Give a .csv or .json file." }] };
}
