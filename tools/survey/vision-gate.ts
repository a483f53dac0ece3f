// Shared gate for the survey's photo actions (nameplate, identify, parsebill): Claude reads the photos when an advisor
// is configured; offline, or when the read fails, they refuse and offer manual entry. Images are used for one read and
// dropped: never stored, never audited (Field Engineer §11, §12).
import type { z } from "zod";
import {
  type Advice,
  type AdviceRequest,
  AdvisorImagesSchema,
  adviseOnce,
  failure,
  type GuardVerdict,
  KernelError,
  type ToolContext,
} from "../kernel/index.ts";

export const ImagesInput = AdvisorImagesSchema;

export const EXAMPLE_IMAGE = {
  base64: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  mediaType: "image/png",
} as const;

export interface PhotoRead<S extends z.ZodType> {
  /** "Photo reading", "Bill reading", …: how the refusal names the action. */
  action: string;
  /** What to do instead, by hand. */
  manualEntry: string;
  request: Omit<AdviceRequest<S>, "images">;
}

/** The advice for this call's photos (asked once per call; guard and run share it), or null offline. */
export function readPhotos<S extends z.ZodType>(
  ctx: ToolContext,
  input: { images: AdviceRequest<S>["images"] },
  read: PhotoRead<S>,
): Promise<Advice<z.output<S>>> | null {
  if (!ctx.advisor) return null;
  return adviseOnce(ctx.advisor, input, { ...read.request, ...(input.images ? { images: input.images } : {}) });
}

/** Refuses with a manual-entry offer offline or when the read failed; lets a good read through to `run`. */
export async function visionGuard<S extends z.ZodType>(
  ctx: ToolContext,
  input: { images: AdviceRequest<S>["images"] },
  read: PhotoRead<S>,
): Promise<GuardVerdict> {
  const advice = await readPhotos(ctx, input, read);
  if (advice === null) {
    return {
      refuse: failure(
        "adapter_unavailable",
        `${read.action} needs a Claude API key, and none is set, so nothing was read. ${read.manualEntry}`,
      ),
    };
  }
  if (!advice.ok) {
    return {
      refuse: failure("adapter_unavailable", `${read.action}: ${advice.note} Nothing was read. ${read.manualEntry}`),
    };
  }
  return null;
}

/** The validated read for `run`; the guard has already refused every other case. */
export async function photoReadFor<S extends z.ZodType>(
  ctx: ToolContext,
  input: { images: AdviceRequest<S>["images"] },
  read: PhotoRead<S>,
): Promise<{ value: z.output<S>; by: string; sources: string[] }> {
  const advice = await readPhotos(ctx, input, read);
  if (advice === null || !advice.ok) {
    throw new KernelError("vision_guard_bypassed", `${read.request.task} ran past its guard without a read`);
  }
  return advice;
}
