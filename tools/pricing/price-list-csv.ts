// Parses a vendor price list (CSV text) into price book rows (Field Engineer §08 pricing import).
// Pure: no I/O. Tolerates "$1,234.50", quoted fields and common header names; every bad row is reported, never dropped.

export interface PriceListRow {
  /** 1-based line number in the CSV text. */
  line: number;
  sku: string;
  description: string;
  vendor: string;
  category: string;
  vendorCostCents: number;
  unit: string;
}

export interface PriceListError {
  line: number;
  reason: string;
  raw: string;
}

export interface ParsedPriceList {
  rows: PriceListRow[];
  errors: PriceListError[];
}

/** Splits CSV text into records of fields; double quotes escape commas, newlines and "" quotes. */
export function parseCsv(text: string): { line: number; fields: string[]; raw: string }[] {
  const records: { line: number; fields: string[]; raw: string }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let raw = "";
  const push = () => {
    fields.push(field);
    field = "";
  };
  const end = () => {
    push();
    if (fields.some((f) => f.trim() !== "")) records.push({ line: startLine, fields, raw });
    fields = [];
    raw = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        raw += '""';
        i++;
      } else if (ch === '"') {
        quoted = false;
        raw += ch;
      } else {
        if (ch === "\n") line++;
        field += ch;
        raw += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      raw += ch;
    } else if (ch === ",") {
      push();
      raw += ch;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      end();
      line++;
      startLine = line;
    } else {
      field += ch;
      raw += ch;
    }
  }
  end();
  return records;
}

const HEADER_ALIASES: Readonly<
  Record<keyof Omit<PriceListRow, "line" | "vendorCostCents"> | "vendorCost", readonly string[]>
> = {
  sku: ["sku", "item", "item #", "item number", "part", "part #", "part number"],
  description: ["description", "desc", "item description", "name"],
  vendor: ["vendor", "supplier", "distributor"],
  vendorCost: ["vendor cost", "vendorcost", "cost", "unit cost", "price", "net price", "your price"],
  category: ["category", "type", "class"],
  unit: ["unit", "uom", "unit of measure"],
};

/** "$1,234.50" → 123450 cents; null when it is not an amount. */
export function centsFrom(text: string): number | null {
  const cleaned = text.replace(/[$\s,]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

/**
 * Price book rows from a CSV price list. `categories` is the allowed list; `defaults` fill a missing vendor or
 * category column. Rows that cannot be read come back in `errors` with the reason and the raw line.
 */
export function parsePriceList(
  text: string,
  categories: readonly string[],
  defaults: { vendor?: string | undefined; category?: string | undefined } = {},
): ParsedPriceList {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) return { rows: [], errors: [{ line: 1, reason: "The price list is empty.", raw: "" }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const column = (key: keyof typeof HEADER_ALIASES) => names.findIndex((n) => HEADER_ALIASES[key].includes(n));
  const at = {
    sku: column("sku"),
    description: column("description"),
    vendor: column("vendor"),
    vendorCost: column("vendorCost"),
    category: column("category"),
    unit: column("unit"),
  };
  const missing = (["sku", "description", "vendorCost"] as const).filter((k) => at[k] < 0);
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [
        {
          line: header.line,
          reason: `The header has no ${missing.join(", ")} column (found: ${header.fields.join(", ")}).`,
          raw: header.raw,
        },
      ],
    };
  }

  const rows: PriceListRow[] = [];
  const errors: PriceListError[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const get = (index: number) => (index >= 0 ? (record.fields[index] ?? "").trim() : "");
    const problems: string[] = [];
    const sku = get(at.sku);
    const description = get(at.description);
    const vendor = get(at.vendor) || defaults.vendor || "";
    const category = (get(at.category) || defaults.category || "").toLowerCase();
    const costText = get(at.vendorCost);
    const cents = centsFrom(costText);
    if (!sku) problems.push("no SKU");
    if (!description) problems.push("no description");
    if (!vendor) problems.push("no vendor");
    if (cents === null) problems.push(`vendor cost "${costText}" is not an amount`);
    if (!categories.includes(category)) problems.push(`category "${category}" is not one of ${categories.join(", ")}`);
    const earlier = seen.get(sku);
    if (sku && earlier !== undefined) problems.push(`SKU ${sku} already appears on line ${earlier}`);
    if (problems.length > 0 || cents === null) {
      errors.push({ line: record.line, reason: problems.join("; "), raw: record.raw });
      continue;
    }
    seen.set(sku, record.line);
    rows.push({
      line: record.line,
      sku,
      description,
      vendor,
      category,
      vendorCostCents: cents,
      unit: get(at.unit) || "each",
    });
  }
  return { rows, errors };
}
