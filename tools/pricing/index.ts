// tools/pricing: the pricing pack — price book, markup, sell price, estimate, discount floor, commission, and the
// priced customer proposal (survey.create_proposal, here because its money math is). This list is the front door.
import type { AnyTool } from "../kernel/index.ts";
import { setDiscountTool } from "./set-discount.ts";
import { createProposalTool } from "./create-proposal.ts";
import { discountBelowFloorTool } from "./discount-below-floor.ts";
import { estimateTool } from "./estimate.ts";
import { financingEstimateTool } from "./financing-estimate.ts";
import { getItemTool } from "./get-item.ts";
import { importPricesTool } from "./import-prices.ts";
import { listItemsTool } from "./list-items.ts";
import { parsePricesTool } from "./parse-prices.ts";
import { updateItemTool } from "./update-item.ts";

export const pricingTools: AnyTool[] = [
  listItemsTool,
  getItemTool,
  updateItemTool,
  importPricesTool,
  parsePricesTool,
  estimateTool,
  financingEstimateTool,
  createProposalTool,
  setDiscountTool,
  discountBelowFloorTool,
];
