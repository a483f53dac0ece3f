// Trigger thresholds: tenant configuration (`config.ops.thresholds`), changed only through the governed change
// workflow. Pure: zod only, so the browser and the governance validator use the same definitions.
import { DEFAULT_THRESHOLDS, type Thresholds, ThresholdsSchema } from "../../contracts/settings.ts";

export {
  DEFAULT_THRESHOLDS,
  TRIGGER_LABELS,
  TRIGGER_TYPES,
  type Thresholds,
  ThresholdsSchema,
  type TriggerType,
} from "../../contracts/settings.ts";

/** The tenant's thresholds: its own values over the defaults (an invalid stored value falls back to the default). */
export function thresholdsOf(config: Record<string, unknown>): Thresholds {
  const ops = (config.ops ?? {}) as { thresholds?: Record<string, unknown> };
  const merged = { ...DEFAULT_THRESHOLDS, ...(ops.thresholds ?? {}) };
  const parsed = ThresholdsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_THRESHOLDS;
}

/** Pipeline order of open stages; moving to a lower rank is a regression. Won and lost are closed. */
export const STAGE_RANK: Readonly<Record<string, number>> = {
  new: 0,
  contacted: 1,
  survey_booked: 2,
  quoted: 3,
};
export const OPEN_STAGES = Object.keys(STAGE_RANK);
