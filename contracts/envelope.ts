// The artifact envelope every stored artifact carries (Contracts blueprint §4).
// Raw evidence and normalized projections are separate artifacts; both carry this.
import { z } from "zod";

export const ProvenanceSchema = z.object({
  kind: z.enum(["import", "operator_input", "model", "trigger", "fixture", "channel"]),
  ref: z.string().min(1),
  note: z.string().optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const EnvelopeSchema = z.object({
  artifact_id: z.string().min(1),
  artifact_type: z.string().min(1),
  schema_version: z.string().regex(/^\d+\.\d+\.\d+$/, "semantic version like 1.0.0"),
  source_system: z.string().min(1),
  created_at: z.string().datetime(),
  created_by: z.string().min(1),
  confidence: z.number().min(0).max(1),
  provenance: z.array(ProvenanceSchema),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** Wraps an artifact body with its envelope so readers can check both at once. */
export function withEnvelope<T extends z.ZodRawShape>(shape: T) {
  return EnvelopeSchema.extend(shape);
}
