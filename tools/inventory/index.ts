// tools/inventory: locations (warehouse, trucks), parts, per-location quantities, search and reservations.
// This front door lists the pack's tools.
import type { AnyTool } from "../kernel/index.ts";
import { countStockTool } from "./count-stock.ts";
import { moveStockTool } from "./move-stock.ts";
import { reservePartTool } from "./reserve-part.ts";
import { searchPartsTool } from "./search-parts.ts";
import { stockLevelsTool } from "./stock-levels.ts";

export const inventoryTools: AnyTool[] = [
  searchPartsTool,
  stockLevelsTool,
  reservePartTool,
  moveStockTool,
  countStockTool,
];
