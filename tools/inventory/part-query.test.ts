// Parts questions as techs say them.
import { describe, expect, it } from "vitest";
import { parsePartQuery, partMatches } from "./part-query.ts";

const cap455 = {
  sku: "CAP-45-5-440",
  description: "Dual run capacitor 45/5 µF 440 VAC round",
  category: "capacitor",
  attributes: { microfarads: "45/5" },
};
const cap355 = { ...cap455, sku: "CAP-35-5-440", attributes: { microfarads: "35/5" } };

describe("parsePartQuery", () => {
  it.each([
    ["do I have a 45/5 capacitor on my truck", "45/5", true],
    ["forty five five cap on the truck?", "45/5", true],
    ["45 5 mfd", "45/5", false],
    ["any 7.5 uf run caps", "7.5", false],
  ])("%s", (q, uf, mine) => {
    const parsed = parsePartQuery(q);
    expect(parsed.microfarads).toBe(uf);
    expect(parsed.category).toBe("capacitor");
    expect(parsed.mine).toBe(mine);
  });

  it("matches the rating, not a neighbour", () => {
    const q = parsePartQuery("do I have a 45/5 capacitor on my truck");
    expect(partMatches(cap455, q)).toBe(true);
    expect(partMatches(cap355, q)).toBe(false);
  });

  it("finds a flame sensor by words", () => {
    const q = parsePartQuery("got a flame sensor in the warehouse");
    expect(q.category).toBe("flame_sensor");
    expect(q.terms).toEqual([]);
  });
});
