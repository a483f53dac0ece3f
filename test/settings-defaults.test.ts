// Governance describes each changeable setting with the default a business runs on when it has not set one. Those
// defaults live in contracts/settings.ts; this test fails if a pack's own default drifts away from them.
import { describe, expect, it } from "vitest";
import { DEFAULT_PRICING_SETTINGS, DEFAULT_QUIET_HOURS_SETTING, PRICE_CATEGORY_NAMES } from "../contracts/index.ts";
import { DEFAULT_QUIET_HOURS } from "../tools/crm/outbound-risk.ts";
import { DEFAULT_PRICING_CONFIG } from "../tools/pricing/defaults.ts";
import { PRICE_CATEGORIES } from "../tools/pricing/pricing-math.ts";

describe("governed settings' defaults match what the packs run on", () => {
  it("pricing: markups, margin floor, deposit and validity", () => {
    expect([...PRICE_CATEGORY_NAMES]).toEqual([...PRICE_CATEGORIES]);
    expect(DEFAULT_PRICING_SETTINGS.markupPctByCategory).toEqual(DEFAULT_PRICING_CONFIG.rules.markupPctByCategory);
    expect(DEFAULT_PRICING_SETTINGS.minMarginPct).toBe(DEFAULT_PRICING_CONFIG.rules.minMarginPct);
    expect(DEFAULT_PRICING_SETTINGS.depositPct).toBe(DEFAULT_PRICING_CONFIG.depositPct);
    expect(DEFAULT_PRICING_SETTINGS.proposalValidDays).toBe(DEFAULT_PRICING_CONFIG.proposalValidDays);
  });

  it("quiet hours for texts", () => {
    expect(DEFAULT_QUIET_HOURS_SETTING).toEqual(DEFAULT_QUIET_HOURS);
  });
});
