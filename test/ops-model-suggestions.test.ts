// The suggestion engine with Claude (recorded Messages API replies at the SDK's boundary, no network): the model
// writes the words, code keeps the tool, record and evidence; an unusable answer falls back to the template.
import { describe, expect, it } from "vitest";
import { MODEL_SUGGESTIONS_PER_SCAN, scanTenant } from "../tools/ops/scan.ts";
import { makeAdvisedOffice, recordedAdvisor, textReply } from "./claude-advisor-office.ts";

function suggestions(office: Awaited<ReturnType<typeof makeAdvisedOffice>>) {
  return office.rows<{
    tool: string;
    status: string;
    confidence: number;
    reasoning: string;
    input: string;
    evidence: string;
  }>(
    "demo",
    "SELECT tool, status, confidence, reasoning, input, evidence_refs AS evidence FROM proposals WHERE tenant_id = 'demo' AND channel = 'trigger' ORDER BY seq",
  );
}

describe("suggestions written by Claude", () => {
  it("a valid answer becomes the suggestion's words; the tool, customer and evidence stay code's", async () => {
    const recorded = recordedAdvisor([
      textReply(
        JSON.stringify({
          title: "Call to ask whether the customer still wants the replacement quote",
          reasoning: "No activity for weeks on an open lead; a short call usually revives or closes it.",
          confidence: 0.83,
          // A model that tries to steer the action is ignored: only title, reasoning and confidence are read.
          tool: "crm.draft_outbound",
          customerId: "cus_someone_else",
        }),
      ),
    ]);
    const office = await makeAdvisedOffice(recorded.advisor);
    try {
      const report = await scanTenant(office.kernel, "demo");
      expect(report.suggestions.length).toBeGreaterThan(0);
      const rows = await suggestions(office);
      expect(rows.every((r) => r.tool === "crm.create_task" && r.status === "pending")).toBe(true);
      // The model wrote the first MODEL_SUGGESTIONS_PER_SCAN; the template the rest.
      const byModel = rows.filter((r) => r.reasoning.startsWith("No activity for weeks"));
      expect(byModel.length).toBe(Math.min(MODEL_SUGGESTIONS_PER_SCAN, rows.length));
      expect(byModel[0]?.confidence).toBe(0.83);
      for (const r of rows) {
        expect(JSON.parse(r.input).customerId).not.toBe("cus_someone_else");
        expect(JSON.parse(r.evidence).some((e: string) => e.startsWith("trigger:"))).toBe(true);
      }
      // The request carried the trigger's facts, never the customer's name.
      const sent = recorded.requests.map((r) => JSON.stringify(r)).join("");
      expect(sent).toMatch(/lead_stagnant|quote_chase_due|re_engagement/);
      const [past] = await office.rows<{ name: string }>(
        "demo",
        "SELECT name FROM customers WHERE tenant_id='demo' AND status = 'past' ORDER BY id LIMIT 1",
      );
      expect(past?.name).toBeTruthy();
      expect(recorded.requests.map((r) => JSON.stringify(r)).join("")).not.toContain(past?.name);
    } finally {
      office.close();
    }
  });

  it("garbage from the model falls back to the offline template, and is counted", async () => {
    const recorded = recordedAdvisor([textReply("sure! I think you should call them :)")]);
    const office = await makeAdvisedOffice(recorded.advisor);
    try {
      const report = await scanTenant(office.kernel, "demo");
      expect(report.suggestions.length).toBeGreaterThan(0);
      const rows = await suggestions(office);
      expect(rows.every((r) => r.reasoning.length > 10 && r.status === "pending")).toBe(true);
      expect(rows.some((r) => /has had no activity for \d+ days/.test(r.reasoning))).toBe(true);
      const stats = office.kernel.advisor?.stats();
      expect(stats?.byTask["ops.suggest"]?.fallbacks).toBe(Math.min(MODEL_SUGGESTIONS_PER_SCAN, rows.length));
    } finally {
      office.close();
    }
  });
});
