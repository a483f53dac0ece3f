// crm.add_transcript: a TranscriptBundle for a logged interaction — speaker segments with start/end times and labels,
// language, text, media ref (timing is a field, not a comment). Validated by checkTranscript. Low risk.
import { z } from "zod";
import { getInteractionRecord, insertTranscript } from "../../store/repos/office-imports.ts";
import { defineTool, failure } from "../kernel/index.ts";
import { checkTranscript } from "./transcripts.ts";

const SegmentSchema = z
  .object({
    speaker: z.string().trim().min(1).max(60),
    startMs: z.number().int().min(0),
    endMs: z.number().int().min(0),
    text: z.string().max(5000),
  })
  .strict();

const InputSchema = z
  .object({
    interactionId: z.string().min(1),
    mediaRef: z.string().trim().min(1).max(300),
    language: z.string().trim().min(2).max(20),
    text: z.string().trim().min(1).max(100_000),
    segments: z.array(SegmentSchema).min(1).max(5000),
    mediaDurationMs: z.number().int().positive().optional(),
  })
  .strict();

function problemsOf(input: z.infer<typeof InputSchema>) {
  return checkTranscript({
    transcript_id: "new",
    interaction_ref: input.interactionId,
    media_ref: input.mediaRef,
    speaker_segments: input.segments,
    language: input.language,
    text: input.text,
    ...(input.mediaDurationMs ? { media_duration_ms: input.mediaDurationMs } : {}),
  });
}

export const addTranscriptTool = defineTool({
  name: "crm.add_transcript",
  title: "Add a call transcript",
  description:
    "Attach a transcript to a logged interaction: speaker segments (speaker label, startMs, endMs, text) in time " +
    'order, the language tag ("en", "es-US"), the full text and the recording\'s media ref. Segments are checked: ' +
    "start before end, inside the recording, no speaker overlapping themself. Low-risk proposal. Use " +
    "crm.transcript_to_intake afterwards to put the caller in the intake queue.",
  effect: "write",
  risk: "low",
  roles: ["founder", "office", "sales_manager", "salesperson", "tech"],
  input: InputSchema,
  output: z.object({
    id: z.string(),
    interactionId: z.string(),
    mediaRef: z.string(),
    language: z.string(),
    segments: z.array(SegmentSchema),
    text: z.string(),
    createdAt: z.string(),
  }),
  refs: { interactionId: "interaction" },
  example: {
    interactionId: "int_0000000000000000",
    mediaRef: "recordings/call-20261123-1502.m4a",
    language: "en",
    text: "Office: Thanks for calling. Caller: Hi, this is Mia Robinson, our furnace blows cold air.",
    segments: [
      { speaker: "Office", startMs: 0, endMs: 1800, text: "Thanks for calling." },
      { speaker: "Caller", startMs: 1900, endMs: 5200, text: "Hi, this is Mia Robinson, our furnace blows cold air." },
    ],
  },
  async guard(input) {
    const problems = problemsOf(input);
    if (problems.length === 0) return null;
    return {
      refuse: failure("invalid_input", `The transcript is not valid: ${problems.map((p) => p.reason).join("; ")}.`, {
        issues: problems.map((p) => ({
          path: p.segment === null ? "transcript" : `segments.${p.segment}`,
          message: p.reason,
        })),
      }),
    };
  },
  async preview(input, ctx) {
    const interaction = await getInteractionRecord(ctx.db, ctx.tenantId, input.interactionId);
    const speakers = [...new Set(input.segments.map((s) => s.speaker))];
    const lastEnd = Math.max(...input.segments.map((s) => s.endMs));
    return {
      summary:
        `Attach a ${input.language} transcript (${input.segments.length} segment(s), ${speakers.join(" / ")}, ` +
        `${Math.round(lastEnd / 1000)} s) to ${interaction?.channel ?? "interaction"} ${input.interactionId}`,
      changes: [{ entity: "transcript", id: null, field: "mediaRef", before: null, after: input.mediaRef }],
      basis: [],
    };
  },
  async run(input, ctx) {
    const createdAt = ctx.now.toISOString();
    const row = {
      interactionId: input.interactionId,
      mediaRef: input.mediaRef,
      language: input.language,
      segments: input.segments,
      text: input.text,
      createdAt,
    };
    const id = await insertTranscript(ctx.db, ctx.tenantId, row);
    return { id, ...row };
  },
});
