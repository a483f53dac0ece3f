// tools/inventory: locations (warehouse, trucks), parts, per-location quantities, search and reservations (reserve,
// release when a job is cancelled, consume when the part is used).
// This front door lists the pack's tools.
import type { AnyTool } from "../kernel/index.ts";
import { consumeReservationTool } from "./consume-reservation.ts";
import { countStockTool } from "./count-stock.ts";
import { moveStockTool } from "./move-stock.ts";
import { releaseReservationTool } from "./release-reservation.ts";
import { reservePartTool } from "./reserve-part.ts";
import { searchPartsTool } from "./search-parts.ts";
import { stockLevelsTool } from "./stock-levels.ts";

export const inventoryTools: AnyTool[] = [
  searchPartsTool,
  stockLevelsTool,
  reservePartTool,
  releaseReservationTool,
  consumeReservationTool,
  moveStockTool,
  countStockTool,
];
