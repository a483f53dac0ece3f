// Plain-text plumbing every CLI command shares: exit codes, usage errors, printing and argument parsing.
// Light on purpose: `office help` loads only this file.
export const EXIT = { ok: 0, unexpected: 1, usage: 2, refused: 3, stopped: 4 } as const;

/** A mistake in how the command was called: printed as one plain line on stderr, never with a stack trace. */
export class UsageError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.name = "UsageError";
    this.exitCode = exitCode;
  }
}

/** One command group: gets the arguments after its name, returns the exit code. */
export type Command = (argv: string[]) => Promise<number>;

export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/** Runs node's parseArgs and turns its complaints (unknown option, missing value) into a usage error. */
export function parseOrExplain<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The option every tenant-scoped command takes; the demo business is the default. */
export const TENANT_OPTION = { tenant: { type: "string", default: "demo" } } as const;

/** Left-aligned columns for plain-text listings. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
