// tools/imports: the imports pack — staging a CSV export, its summary and review, and the approvals that turn rows into
// customers. Each tool is one file; this list is the pack's front door.
import type { AnyTool } from "../kernel/index.ts";
import { commitCleanRowsTool } from "./commit-clean-rows.ts";
import { batchSummaryTool } from "./batch-summary.ts";
import { keepRowSeparateTool } from "./keep-row-separate.ts";
import { mergeRowTool } from "./merge-row.ts";
import { reviewRowsTool } from "./review-rows.ts";
import { skipRowTool } from "./skip-row.ts";
import { stageBatchTool } from "./stage-batch.ts";

export const importsTools: AnyTool[] = [
  stageBatchTool,
  batchSummaryTool,
  reviewRowsTool,
  commitCleanRowsTool,
  mergeRowTool,
  keepRowSeparateTool,
  skipRowTool,
] as AnyTool[];
