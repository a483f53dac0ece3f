// The offline model's words layer, table-driven: voice-to-text normalization, spoken numbers, relative due times,
// and the decisions the agent recognises in code.
import { describe, expect, it } from "vitest";
import { parseOfficeCommand } from "../agent/index.ts";
import { normalize } from "../agent/models/offline/normalize.ts";
import { spokenNumbersToDigits } from "../agent/models/offline/numbers.ts";
import { dueTimeFrom } from "../agent/models/offline/when.ts";

describe("voice-to-text normalization", () => {
  it.each([
    ["two thirty eight volts", "238 volts"],
    ["three oh three five five five oh one four two", "3035550142"],
    ["it reads one twenty volts", "it reads 120 volts"],
    ["two hundred and forty volts", "240 volts"],
    ["twenty twenty six", "2026"],
    ["two thousand twenty six", "2026"],
    ["approve p twelve", "approve p 12"],
    ["the last one", "the last one"],
    ["oh ok", "oh ok"],
    ["3 0 3 5 5 5 0 1 4 2", "3035550142"],
  ])("%s → %s", (spoken, digits) => {
    expect(spokenNumbersToDigits(spoken.split(" ")).join(" ")).toBe(digits);
  });

  it.each([
    ["Uh, pull up the uh Rivera account.", "pull up the rivera account"],
    ["ok so like pull up rivera you know", "pull up rivera"],
    ["um so uh what's going on today", "what is going on today"],
    ["Change Rivera's phone to 303-555-0188", "change rivera phone to 303 555 0188"],
    ["customer would like a quote", "customer would like a quote"],
    ["email is mike@example.com", "email is mike@example.com"],
  ])("%s → %s", (raw, text) => {
    expect(normalize(raw).text).toBe(text);
  });
});

describe("relative due times in the shop's time zone", () => {
  // Monday 2026-11-23 09:00 in Denver (UTC-7).
  const now = new Date("2026-11-23T16:00:00.000Z");
  const zone = "America/Denver";
  it.each([
    ["call back tomorrow at 10", "2026-11-24T17:00:00.000Z"],
    ["tomorrow at 3pm", "2026-11-24T22:00:00.000Z"],
    ["at 2", "2026-11-23T21:00:00.000Z"],
    ["at 8", "2026-11-24T15:00:00.000Z"],
    ["next monday", "2026-11-30T16:00:00.000Z"],
    ["friday at 1030", "2026-11-27T17:30:00.000Z"],
    ["today at 4 30", "2026-11-23T23:30:00.000Z"],
    ["in 2 hours", "2026-11-23T18:00:00.000Z"],
    ["tomorrow morning", "2026-11-24T16:00:00.000Z"],
  ])("%s → %s", (words, iso) => {
    expect(dueTimeFrom(words, now, zone)?.dueAt).toBe(iso);
  });

  it("no time words → no due time", () => {
    expect(dueTimeFrom("order a flue kit", now, zone)).toBeNull();
  });
});

describe("decisions recognised in code", () => {
  it.each([
    ["approve P-12", { kind: "decide", decision: "approve", proposalId: "P-12" }],
    ["Approve p 7 please", { kind: "decide", decision: "approve", proposalId: "P-7" }],
    ["uh approve p twelve", { kind: "decide", decision: "approve", proposalId: "P-12" }],
    ["reject P-3", { kind: "decide", decision: "reject", proposalId: "P-3" }],
    ["yes approve that", { kind: "decide", decision: "approve", proposalId: null }],
    ["ok go ahead and approve it", { kind: "decide", decision: "approve", proposalId: null }],
    ["no, reject that one", { kind: "decide", decision: "reject", proposalId: null }],
    ["what's waiting for approval", { kind: "pending" }],
    ["any pending approvals?", { kind: "pending" }],
  ])("%s", (text, command) => {
    expect(parseOfficeCommand(text)).toEqual(command);
  });

  it.each([
    "can you approve the quote for rivera",
    "show me the dashboard",
    "add a note to rivera: customer will approve the quote tomorrow",
  ])("not a decision: %s", (text) => {
    expect(parseOfficeCommand(text)).toBeNull();
  });
});
