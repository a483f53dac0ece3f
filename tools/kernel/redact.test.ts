import { describe, expect, it } from "vitest";
import { redactForAudit, redactForRole } from "./redact.ts";

const priced = {
  items: [{ sku: "FURN-96", sellPrice: 4200, vendorCost: 2100, margin: 2100, nested: { marginPct: 50 } }],
  commission: 310,
};

describe("role-based redaction (Field Engineer §11)", () => {
  it("a salesperson gets sell prices and their commission but never cost or margin, at any depth", () => {
    expect(redactForRole(priced, "salesperson")).toEqual({
      items: [{ sku: "FURN-96", sellPrice: 4200, nested: {} }],
      commission: 310,
    });
  });
  it("a technician sees neither cost nor commission", () => {
    expect(redactForRole(priced, "tech")).toEqual({ items: [{ sku: "FURN-96", sellPrice: 4200, nested: {} }] });
  });
  it("the sales manager, office and founder see everything", () => {
    for (const role of ["sales_manager", "office", "founder"] as const)
      expect(redactForRole(priced, role)).toEqual(priced);
  });
  it("a tool's own sensitive keys are hidden from roles without cost access", () => {
    expect(redactForRole({ laborRate: 95, sellPrice: 10 }, "salesperson", ["laborRate"])).toEqual({ sellPrice: 10 });
  });
});

describe("preview changes", () => {
  it("a change to a cost field is dropped from the preview for a salesperson but kept for the office", () => {
    const preview = {
      summary: "Update FURN-96",
      changes: [
        { entity: "price_book_item", id: "pbi_1", field: "vendorCost", before: 2100, after: 2200 },
        { entity: "price_book_item", id: "pbi_1", field: "description", before: "a", after: "b" },
      ],
    };
    expect(redactForRole(preview, "salesperson").changes.map((c) => c.field)).toEqual(["description"]);
    expect(redactForRole(preview, "office").changes).toHaveLength(2);
  });
});

describe("audit input redaction", () => {
  it("keeps what was asked but never tokens, secrets, bill account numbers or images", () => {
    expect(
      redactForAudit({ body: "note", token: "tok_x", bill: { accountNumber: "123", usage: 10 }, images: ["..."] }),
    ).toEqual({
      body: "note",
      token: "[redacted]",
      bill: { accountNumber: "[redacted]", usage: 10 },
      images: "[redacted]",
    });
  });
});
