// CSV parsing for RawImportBatch rows (contracts seed §5): quoted fields, BOM, ragged rows kept with their errors.
import { describe, expect, it } from "vitest";
import { findPriorBatch, parseCsv } from "./csv.ts";

describe("parseCsv", () => {
  it("reads a header row and 1-based data rows", () => {
    const parsed = parseCsv("Name,Phone\nAna Ruiz,201-555-0101\nBo Chen,201-555-0102\n");
    expect(parsed.headers).toEqual(["Name", "Phone"]);
    expect(parsed.rows.map((row) => [row.rowNumber, row.values["Name"]])).toEqual([
      [1, "Ana Ruiz"],
      [2, "Bo Chen"],
    ]);
    expect(parsed.errors).toEqual([]);
  });

  it.each([
    ["a byte-order mark before the header", "\uFEFFName,Zip\nAna,02134\n", { Name: "Ana", Zip: "02134" }],
    [
      "a quoted field with a comma",
      'Name,Address\n"Ruiz, Ana","12 Elm St, Apt 2"\n',
      { Name: "Ruiz, Ana", Address: "12 Elm St, Apt 2" },
    ],
    [
      "a quoted field with a newline",
      'Name,Notes\nAna,"gate code\nat side door"\n',
      { Name: "Ana", Notes: "gate code\nat side door" },
    ],
    [
      "doubled quotes inside quotes",
      'Name,Notes\nAna,"said ""call first"""\n',
      { Name: "Ana", Notes: 'said "call first"' },
    ],
    ["CRLF line endings", "Name,Zip\r\nAna,02134\r\n", { Name: "Ana", Zip: "02134" }],
    ["a semicolon-delimited export", "Name;Zip\nAna;02134\n", { Name: "Ana", Zip: "02134" }],
    ["a tab-delimited export", "Name\tZip\nAna\t02134\n", { Name: "Ana", Zip: "02134" }],
  ])("handles %s", (_label, text, values) => {
    const parsed = parseCsv(text);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]?.values).toEqual(values);
    expect(parsed.errors).toEqual([]);
  });

  it("keeps ragged rows and lists them as row errors, never dropping one", () => {
    const parsed = parseCsv("Name,Phone,Zip\nAna,201-555-0101,02134\nBo\nCy,201-555-0103,02135,extra\nDi,,02136\n");
    expect(parsed.rows.map((row) => row.rowNumber)).toEqual([1, 2, 3, 4]);
    expect(parsed.rows[1]?.values).toEqual({ Name: "Bo", Phone: "", Zip: "" });
    expect(parsed.rows[2]?.cells).toEqual(["Cy", "201-555-0103", "02135", "extra"]);
    expect(parsed.errors).toEqual([
      { row: 2, reason: "too few cells: expected 3, found 1" },
      { row: 3, reason: "too many cells: expected 3, found 4; extra values kept in cells" },
    ]);
  });

  it("names blank and repeated headers so every column stays distinct", () => {
    const parsed = parseCsv("Name,Phone,,Phone\nAna,1,2,3\n");
    expect(parsed.headers).toEqual(["Name", "Phone", "Column 3", "Phone (2)"]);
    expect(parsed.rows[0]?.values["Phone (2)"]).toBe("3");
    expect(parsed.headerNotes).toHaveLength(2);
  });

  it("an unclosed quote is reported as a row error", () => {
    const parsed = parseCsv('Name,Notes\nAna,"never closed\nBo,ok\n');
    expect(parsed.errors.some((error) => error.reason.startsWith("MissingQuotes"))).toBe(true);
  });

  it("skips only truly empty lines and returns no rows for a header-only file", () => {
    expect(parseCsv("Name,Zip\n\nAna,02134\n\n").rows).toHaveLength(1);
    expect(parseCsv("Name,Zip\n").rows).toEqual([]);
  });
});

describe("findPriorBatch", () => {
  it("recognizes a re-import of the same file by its checksum", () => {
    const batches = [{ batchId: "b1", checksum: "abc" }];
    expect(findPriorBatch("abc", batches)?.batchId).toBe("b1");
    expect(findPriorBatch("def", batches)).toBeNull();
  });
});
