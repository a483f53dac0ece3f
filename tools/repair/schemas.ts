// Zod schemas for the repair tools' inputs and outputs, in the seed's words (Field Engineer §06 diagnose, §07 records).
// Pure: zod only. The tool files and the channels reuse these; nothing here decides safety.
import { z } from "zod";
import { GATE_CODES } from "./gates.ts";

export const GateCodeSchema = z.enum(GATE_CODES);
export const RequiredGateSchema = z.union([GateCodeSchema, z.literal("EPA2")]);

export const HardStopOutSchema = z.object({
  stopId: z.string(),
  type: z.enum(["universal", "conditional"]),
  matched: z.string().optional(),
  message: z.string(),
  action: z.string(),
  clearedBy: z.object({ gates: z.array(z.string()) }),
});

export const DiagnosticStepSchema = z.object({
  stepId: z.string().min(1),
  title: z.string().min(1),
  how: z.string(),
  expects: z.object({ type: z.enum(["reading", "observation"]), unit: z.string() }),
  inlineCaution: z.string().optional(),
  requiresGate: z.array(RequiredGateSchema).optional(),
  /** A model may say a step is only a measurement; the app still reads the words for hands-on work. */
  kind: z.enum(["measurement", "repair"]).optional(),
});

export const RepairGuideSchema = z.object({
  requiresGate: z.array(RequiredGateSchema).optional(),
  steps: z.array(z.string()),
  inlineCaution: z.string().optional(),
});

/** Exactly one of the seed §06 diagnose shapes. */
export const DiagnoseShapeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("step"), step: DiagnosticStepSchema }),
  z.object({ kind: z.literal("diagnosis"), diagnosis: z.string().min(1), repair: RepairGuideSchema }),
  z.object({ kind: z.literal("hardstop"), hardstop: HardStopOutSchema }),
]);

/** What a diagnostic model proposed this turn (advisory): its result, its confidence and any stops it reports. */
export const ModelAdviceSchema = z.object({
  proposal: DiagnoseShapeSchema.optional(),
  confidence: z.number().min(0).max(1).optional(),
  hardstops: z.array(HardStopOutSchema).max(10).optional(),
});

export const ReadingInSchema = z.object({
  stepId: z.string().min(1).optional(),
  value: z.union([z.number(), z.string().max(40), z.boolean()]),
  unit: z.string().max(20),
});

/** The answer of repair.next_step and repair.diagnose when no stop and no gate blocks: step or diagnosis. */
export const DiagnoseOutputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("step"),
    step: DiagnosticStepSchema,
    jobId: z.string(),
    source: z.enum(["decision_tree", "model"]),
    confirm: z.array(z.string()),
    unrecorded: z.array(ReadingInSchema),
    /** Why the model's advice was not used (the decision tree answered instead). */
    note: z.string().optional(),
  }),
  z.object({
    kind: z.literal("diagnosis"),
    diagnosis: z.string(),
    repair: RepairGuideSchema,
    jobId: z.string(),
    source: z.enum(["decision_tree", "model"]),
    confirm: z.array(z.string()),
    unrecorded: z.array(ReadingInSchema),
    /** Why the model's advice was not used (the decision tree answered instead). */
    note: z.string().optional(),
  }),
  z.object({ kind: z.literal("hardstop"), hardstop: HardStopOutSchema, jobId: z.string() }),
]);

export const TechProfileSchema = z.object({
  techId: z.string().min(1),
  name: z.string().min(1).max(120),
  level: z.enum(["novice", "mid", "senior", "master"]),
  epaType: z.enum(["II", "Universal"]),
  epaCertNumber: z.string().max(40),
  gates: z.array(GateCodeSchema),
  credentialNumbers: z.partialRecord(GateCodeSchema, z.string().max(40)),
  conditionalOverride: z.boolean(),
});

const TrailStampSchema = z.object({
  stepId: z.string(),
  value: z.union([z.number(), z.string(), z.boolean()]),
  unit: z.string(),
  time: z.string(),
});

export const JobRecordSchema = z.object({
  jobId: z.string(),
  techId: z.string(),
  timestamp: z.string(),
  equipment: z.string(),
  complaint: z.object({ reported: z.string(), techConfirmed: z.string().nullable() }),
  components: z.array(
    z.object({
      name: z.string(),
      brand: z.string().optional(),
      model: z.string().optional(),
      serial: z.string().optional(),
      thumbnail: z.string().optional(),
    }),
  ),
  diagnosticTrail: z.array(TrailStampSchema),
  diagnosis: z.string().nullable(),
  repairGuided: z.boolean(),
  verify: z.object({ reSymptom: z.string().nullable(), reading: z.string().nullable() }),
  stamps: z.object({
    techId: z.string(),
    epaCertNumber: z.string(),
    credentialsUsed: z.array(GateCodeSchema),
    acknowledgments: z.array(z.object({ techId: z.string(), stopId: z.string(), at: z.string() })),
  }),
  escalation: z
    .object({ reason: z.string(), atStep: z.string().nullable(), preservedTrail: z.array(TrailStampSchema) })
    .nullable(),
  closedAt: z.string().nullable(),
});

export const StopLogEntrySchema = z.object({
  stopId: z.string(),
  type: z.enum(["universal", "conditional"]),
  action: z.enum(["acknowledged", "escalated"]),
  by: z.string(),
  at: z.string(),
});

/** A trouble call as the tools return it: the §07 job record plus status, call type and the stops actioned. */
export const RepairJobViewSchema = z.object({
  jobId: z.string(),
  status: z.enum(["open", "escalated", "closed"]),
  callType: z.string().nullable(),
  customerId: z.string().nullable(),
  record: JobRecordSchema,
  stopLog: z.array(StopLogEntrySchema),
  version: z.number().int(),
});
