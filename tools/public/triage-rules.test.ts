// Customer triage: emergencies first, nothing internal, payload caps.
import { describe, expect, it } from "vitest";
import { base64Bytes, detectEmergency, possibleCauses, problemKind, routeCompleteness } from "./triage-rules.ts";

describe("detectEmergency", () => {
  it.each([
    ["I smell gas in the kitchen", "gas"],
    ["there's a rotten egg smell by the furnace", "gas"],
    ["the carbon monoxide alarm is going off", "carbon_monoxide"],
    ["co detector keeps beeping", "carbon_monoxide"],
    ["sparks coming from the outdoor unit", "electrical_fire"],
    ["burning smell from the vents", "electrical_fire"],
    ["basement is flooded and the water heater is still plugged in", "flooding_power"],
  ])("%s → %s", (text, kind) => {
    expect(detectEmergency(text)?.kind).toBe(kind);
  });

  it.each(["no heat since last night", "I don't smell gas, just no heat", "AC blowing warm air"])(
    "%s → none",
    (text) => {
      expect(detectEmergency(text)).toBeNull();
    },
  );
});

describe("causes and completeness", () => {
  it("gives high-level causes with no prices or parts", () => {
    const causes = possibleCauses(problemKind("furnace not heating")).join(" ");
    expect(causes).not.toMatch(/\$|\bsku\b|capacitor|igniter|flame sensor/i);
  });

  it("scores a complete request higher than a bare one", () => {
    const full = routeCompleteness({
      name: "A",
      phone: "555-0101",
      email: "a@example.com",
      address: "12 Elm St",
      description: "no heat",
    });
    const bare = routeCompleteness({ name: "A", phone: "555-0101", description: "help" });
    expect(full.routeConfidence).toBeGreaterThan(bare.routeConfidence);
    expect(bare.missingFields).toEqual(["address", "intent"]);
  });

  it("measures decoded base64 size", () => {
    expect(base64Bytes("data:image/png;base64,AAAA")).toBe(3);
  });
});
