// pricing.parse_prices: read a vendor invoice or price screenshot into price book lines (Field Engineer §06
// `parseprices`) with Claude vision. It changes nothing: the lines go to pricing.import_prices, the medium-risk
// price book proposal. Offline, or when the read fails: a refusal offering the CSV import. Photos are never stored.
import { z } from "zod";
import { PRICE_BOOK_CATEGORIES } from "../../store/repos/field-sales.ts";
import {
  type Advice,
  AdvisorImagesSchema,
  adviseOnce,
  defineTool,
  failure,
  KernelError,
  type ToolContext,
} from "../kernel/index.ts";
import { PRICE_EDITOR_ROLES, PRICING_SENSITIVE } from "./price-book-io.ts";

const Category = z.enum(PRICE_BOOK_CATEGORIES);

const Input = z.object({
  images: AdvisorImagesSchema,
  vendor: z.string().min(1).max(120).optional().describe("Vendor for lines the invoice does not name"),
  category: Category.optional().describe("Category for lines whose category is not clear"),
});

/** What Claude may answer: invoice lines only (no invoice number, account or ship-to address). */
const InvoiceRead = z.object({
  items: z
    .array(
      z.object({
        description: z.string().min(1).max(300),
        sku: z.string().max(60).nullable(),
        vendorCost: z.number().nonnegative().max(1_000_000).nullable(),
        vendor: z.string().max(120).nullable(),
        category: Category.nullable(),
        unit: z.string().max(20).nullable(),
      }),
    )
    .max(200),
});

const Line = z.object({
  sku: z.string().nullable(),
  description: z.string(),
  vendor: z.string().nullable(),
  vendorCost: z.number().nullable(),
  category: z.string().nullable(),
  unit: z.string(),
});
type InvoiceLine = z.infer<typeof Line>;

function csvField(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** The lines as a price list CSV for pricing.import_prices; a line with a gap stays in, so the import lists it. */
export function priceListCsvOf(lines: readonly InvoiceLine[]): string {
  const header = "sku,description,vendor,vendor cost,category,unit";
  const rows = lines.map((line) =>
    [
      line.sku ?? "",
      line.description,
      line.vendor ?? "",
      line.vendorCost === null ? "" : line.vendorCost.toFixed(2),
      line.category ?? "",
      line.unit,
    ]
      .map(csvField)
      .join(","),
  );
  return `${[header, ...rows].join("\n")}\n`;
}

function readInvoice(ctx: ToolContext, input: z.output<typeof Input>): Promise<Advice<z.output<typeof InvoiceRead>>> {
  if (!ctx.advisor) throw new KernelError("vision_guard_bypassed", "pricing.parse_prices ran without an advisor");
  return adviseOnce(ctx.advisor, input, {
    task: "pricing.parse_prices",
    instructions:
      "Read the vendor invoice, quote or price screenshot. For each product line give the description, the " +
      "vendor's SKU or part number, the unit cost to the contractor in dollars (not the extended line total), the " +
      `vendor, the unit, and a category from: ${PRICE_BOOK_CATEGORIES.join(", ")}. Use null when a value is not on ` +
      "the page. Skip freight, tax and totals. Do not return invoice numbers, account numbers or addresses.",
    images: input.images,
    schema: InvoiceRead,
  });
}

const MANUAL = "Type the lines into a CSV price list and propose it with pricing.import_prices instead.";

export const parsePricesTool = defineTool({
  name: "pricing.parse_prices",
  title: "Read prices from an invoice photo",
  description:
    "Reads product lines (SKU, description, vendor, vendor cost, category, unit) from a photo of a vendor invoice " +
    "or price screen using Claude vision when an API key is set, and returns them with `importCsv`, ready for " +
    "pricing.import_prices — which proposes the price book change for office or founder approval. It changes " +
    "nothing itself, and never stores the photo. Without a key (or when the read fails) it refuses and asks for a " +
    "CSV price list instead.",
  effect: "read",
  risk: "low",
  roles: PRICE_EDITOR_ROLES,
  input: Input,
  output: z.object({
    items: z.array(Line),
    importCsv: z.string(),
    source: z.string(),
    next: z.string(),
  }),
  // The CSV text carries vendor cost too: only cost-seeing roles receive it.
  sensitive: [...PRICING_SENSITIVE, "importCsv"],
  example: { images: [{ base64: "iVBORw0KGgo=", mediaType: "image/png" }] },
  async guard(input, ctx) {
    if (!ctx.advisor) {
      return {
        refuse: failure(
          "adapter_unavailable",
          `Reading an invoice photo needs a Claude API key, and none is set, so nothing was read. ${MANUAL}`,
        ),
      };
    }
    const advice = await readInvoice(ctx, input);
    if (!advice.ok) {
      return { refuse: failure("adapter_unavailable", `Invoice reading: ${advice.note} Nothing was read. ${MANUAL}`) };
    }
    return null;
  },
  async run(input, ctx) {
    const advice = await readInvoice(ctx, input);
    if (!advice.ok) throw new KernelError("vision_guard_bypassed", "pricing.parse_prices ran past its guard");
    const items = advice.value.items.map((item) => ({
      sku: item.sku,
      description: item.description,
      vendor: item.vendor ?? input.vendor ?? null,
      vendorCost: item.vendorCost,
      category: item.category ?? input.category ?? null,
      unit: item.unit ?? "each",
    }));
    return {
      items,
      importCsv: priceListCsvOf(items),
      source: `Read by ${advice.by} from the photo(s); check each cost against the invoice. The photos were not stored.`,
      next: "Propose these lines with pricing.import_prices { csv: importCsv } — office or the founder approves.",
    };
  },
});
