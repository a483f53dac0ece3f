// CSV text → header + rows for a RawImportBatch (contracts seed §5, "RawImportBatch", "ImportRowRecord").
// Pure: no file access and no checksum here (the caller hashes the bytes). A bad row is kept with its error, never dropped.
import Papa from "papaparse";

export type CsvRow = {
  /** 1-based index among data rows (the header is not counted). */
  rowNumber: number;
  /** Cell values by (deduplicated) header name; a short row leaves the missing cells "". */
  values: Record<string, string>;
  /** The row's cells exactly as parsed, in column order, including any extra cells beyond the header. */
  cells: string[];
};

export type CsvRowError = { row: number; reason: string };

export type ParsedCsv = {
  headers: string[];
  rows: CsvRow[];
  errors: CsvRowError[];
  /** Notes about the header itself: renamed blank or repeated column names. */
  headerNotes: string[];
  delimiter: string;
};

export type ParseCsvOptions = { delimiter?: string };

/**
 * Decisions: the header is the first non-empty line; leading/trailing spaces in header names are trimmed (cell values are
 * kept as received); a blank header becomes "Column N" and a repeated one "Name (2)", so every column keeps a distinct
 * name; completely empty lines are not rows; a row with too few or too many cells is kept and listed as a row error.
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): ParsedCsv {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(input, {
    header: false,
    skipEmptyLines: true,
    delimiter: options.delimiter ?? "",
    delimitersToGuess: [",", "\t", ";", "|"],
  });
  const records = result.data;
  const rawHeader = records[0] ?? [];
  const headerNotes: string[] = [];
  const headers = uniqueHeaders(rawHeader, headerNotes);

  const errors: CsvRowError[] = [];
  // Papaparse counts rows including the header; data row N is parse row N.
  for (const error of result.errors) {
    if (error.code === "UndetectableDelimiter") continue;
    const row = typeof error.row === "number" ? error.row : -1;
    errors.push({ row: row >= 1 ? row : 0, reason: `${error.code}: ${error.message}` });
  }

  const rows: CsvRow[] = [];
  for (let index = 1; index < records.length; index += 1) {
    const cells = records[index] ?? [];
    const rowNumber = index;
    const values: Record<string, string> = {};
    headers.forEach((header, column) => {
      values[header] = cells[column] ?? "";
    });
    if (cells.length < headers.length) {
      errors.push({ row: rowNumber, reason: `too few cells: expected ${headers.length}, found ${cells.length}` });
    } else if (cells.length > headers.length) {
      const extra = cells.slice(headers.length);
      if (extra.some((cell) => cell.trim() !== "")) {
        errors.push({
          row: rowNumber,
          reason: `too many cells: expected ${headers.length}, found ${cells.length}; extra values kept in cells`,
        });
      }
    }
    rows.push({ rowNumber, values, cells });
  }
  errors.sort((a, b) => a.row - b.row);
  return { headers, rows, errors, headerNotes, delimiter: result.meta.delimiter };
}

function uniqueHeaders(raw: readonly string[], notes: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((cell, column) => {
    let name = cell.trim();
    if (name === "") {
      name = `Column ${column + 1}`;
      notes.push(`column ${column + 1} has no header; named "${name}"`);
    }
    const count = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), count);
    if (count > 1) {
      const renamed = `${name} (${count})`;
      notes.push(`header "${name}" repeats at column ${column + 1}; named "${renamed}"`);
      name = renamed;
    }
    return name;
  });
}

/** A re-import of the same file: the caller's checksum of the received bytes matches an earlier batch's. */
export function findPriorBatch<T extends { checksum: string }>(checksum: string, batches: readonly T[]): T | null {
  return batches.find((batch) => batch.checksum === checksum) ?? null;
}
