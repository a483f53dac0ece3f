// TranscriptBundle timing and QdSignalBundle evidence rules (contracts seed §5).
import { describe, expect, it } from "vitest";
import {
  checkSignal,
  checkSignalBundle,
  checkTranscript,
  type SignalBundle,
  type TranscriptBundle,
  type TranscriptSegment,
} from "./transcripts.ts";

function transcript(segments: TranscriptSegment[], extra: Partial<TranscriptBundle> = {}): TranscriptBundle {
  return {
    transcript_id: "tr_1",
    interaction_ref: "int_1",
    media_ref: "media/call_1.ogg",
    speaker_segments: segments,
    language: "en-US",
    text: "Hello, Maple Heating. My furnace is making a noise.",
    media_duration_ms: 60_000,
    ...extra,
  };
}

const office = (startMs: number, endMs: number): TranscriptSegment => ({
  speaker: "office",
  startMs,
  endMs,
  text: "…",
});
const caller = (startMs: number, endMs: number): TranscriptSegment => ({
  speaker: "caller",
  startMs,
  endMs,
  text: "…",
});

describe("checkTranscript", () => {
  it("a call with ordered turns and some crosstalk between two people is valid", () => {
    expect(checkTranscript(transcript([office(0, 2_500), caller(2_300, 9_000), office(9_000, 12_000)]))).toEqual([]);
  });

  it.each<[string, TranscriptBundle, string]>([
    ["start not before end", transcript([office(3_000, 3_000)]), "is not before end"],
    ["a negative start", transcript([office(-10, 500)]), "starts before the recording"],
    ["a segment past the media", transcript([office(0, 61_000)]), "after the media ends"],
    ["segments out of order", transcript([office(5_000, 6_000), caller(1_000, 2_000)]), "before the previous segment"],
    [
      "a speaker overlapping themself",
      transcript([office(0, 5_000), caller(1_000, 2_000), office(4_000, 7_000)]),
      "overlaps their own segment 1",
    ],
    ["a blank speaker label", transcript([{ speaker: " ", startMs: 0, endMs: 1_000, text: "hi" }]), "no speaker label"],
    ["no segments at all", transcript([]), "speaker_segments is empty"],
    ["a missing media ref", transcript([office(0, 1_000)], { media_ref: "" }), "media_ref is missing"],
    ["a made-up language", transcript([office(0, 1_000)], { language: "English" }), "is not a language tag"],
    ["a non-number time", transcript([office(0, Number.NaN)]), "must be numbers"],
  ])("reports %s", (_label, bundle, reason) => {
    const problems = checkTranscript(bundle);
    expect(
      problems.some((problem) => problem.reason.includes(reason)),
      JSON.stringify(problems),
    ).toBe(true);
  });

  it("without a media duration only the segments themselves are checked", () => {
    const { media_duration_ms: _omit, ...rest } = transcript([office(0, 90_000)]);
    expect(checkTranscript(rest)).toEqual([]);
  });
});

describe("checkSignal", () => {
  it("accepts a score that points to its evidence", () => {
    expect(checkSignal({ value: 72, evidenceRefs: ["int_1", "quote_3"] })).toEqual({
      status: "accepted",
      basis: "evidence",
      evidenceRefs: ["int_1", "quote_3"],
    });
  });

  it("accepts a score entered by a named operator", () => {
    expect(checkSignal({ value: 40, evidenceRefs: [], operatorInput: { operatorId: "usr_office" } })).toMatchObject({
      status: "accepted",
      basis: "operator_input",
    });
  });

  it.each([
    ["no evidence and no operator", { value: 55, evidenceRefs: [] }],
    ["blank evidence refs", { value: 55, evidenceRefs: ["", "  "] }],
    ["an operator with no id", { value: 55, evidenceRefs: [], operatorInput: { operatorId: " " } }],
  ])("refuses a score with %s as an audit gap", (_label, input) => {
    const check = checkSignal(input);
    expect(check.status).toBe("refused");
    if (check.status === "refused") {
      expect(check.failure.class).toBe("audit_gap");
      expect(check.failure.reason).toContain("no evidence refs");
    }
  });

  it("refuses a value that is not a number or is out of range", () => {
    expect(checkSignal({ value: Number.NaN, evidenceRefs: ["int_1"] })).toMatchObject({
      failure: { class: "invalid_input" },
    });
    expect(checkSignal({ value: 140, evidenceRefs: ["int_1"], range: { min: 0, max: 100 } })).toMatchObject({
      failure: { class: "invalid_input" },
    });
  });
});

describe("checkSignalBundle", () => {
  const bundle: SignalBundle = {
    signal_id: "sig_1",
    client_ref: "cus_1",
    source_ref: "scorer_v1",
    score_type: "lead_health",
    value: 64,
    time_window: { start: "2026-03-01T00:00:00Z", end: "2026-03-08T00:00:00Z" },
    supporting_evidence_refs: ["int_4"],
  };

  it("a complete bundle has no problems", () => {
    expect(checkSignalBundle(bundle, { min: 0, max: 100 })).toEqual([]);
  });

  it("lists a reversed window and a score without evidence", () => {
    const problems = checkSignalBundle({
      ...bundle,
      time_window: { start: bundle.time_window.end, end: bundle.time_window.start },
      supporting_evidence_refs: [],
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("time_window");
    expect(problems[1]).toContain("no evidence refs");
  });
});
