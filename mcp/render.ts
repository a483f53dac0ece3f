// Plain-words rendering of a kernel result for an MCP text content item (clients that ignore structuredContent).
// It only renders what the kernel decided; it never judges a result itself.
import type { KernelResult } from "../tools/kernel/index.ts";

/** One short text a person or a model can act on: the proposal and who approves it, the refusal and why, or the data. */
export function renderResult(result: KernelResult): string {
  switch (result.status) {
    case "ok":
      // The data itself as JSON: the MCP spec asks tools with structured output to mirror it in a text item.
      return JSON.stringify(result.data ?? null);
    case "proposed": {
      const p = result.proposal;
      return (
        `Proposed ${p.id}: ${p.preview.summary} — needs ${p.approver.rule} to approve. ` +
        `Nothing has changed yet; this connection cannot approve it.`
      );
    }
    case "refused":
      return `Refused (${result.failure.class}): ${result.failure.reason}`;
    case "stopped":
      return `Hard stop ${result.stop.stopId}: ${result.stop.message} Next step: ${result.stop.action}`;
  }
}
