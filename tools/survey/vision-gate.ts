// Shared gate for the survey's photo actions (nameplate, identify, parsebill): offline they refuse and offer manual
// entry. Images are never persisted: they are accepted for one read and dropped (Field Engineer §11, §12).
import { z } from "zod";
import { failure, type GuardVerdict } from "../kernel/index.ts";

export const ImagesInput = z
  .array(
    z.object({
      base64: z.string().min(1).max(15_000_000),
      mediaType: z.enum(["image/jpeg", "image/png", "image/webp", "application/pdf"]),
    }),
  )
  .min(1)
  .max(6);

export const EXAMPLE_IMAGE = {
  base64: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  mediaType: "image/png",
} as const;

/** Refuses with a manual-entry offer. With no API key that is the offline answer; with one, the reader is not built. */
export function visionGuard(action: string, manualEntry: string): GuardVerdict {
  const hasKey = typeof process.env.ANTHROPIC_API_KEY === "string" && process.env.ANTHROPIC_API_KEY.length > 0;
  if (!hasKey) {
    return {
      refuse: failure(
        "adapter_unavailable",
        `${action} needs a Claude API key, and none is set, so nothing was read. ${manualEntry}`,
      ),
    };
  }
  // TODO(claude-vision): call Claude with the images (usage/cost only for bills; nothing persisted). Not built yet.
  return {
    refuse: failure(
      "adapter_unavailable",
      `${action} with Claude is not built in this version yet, so nothing was read. ${manualEntry}`,
    ),
  };
}
