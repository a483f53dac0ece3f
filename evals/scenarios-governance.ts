// Governed changes and autonomy in chat: change requests (typed and dictated), escalation answers, and what is
// slipping. A change request is filed (applied under its listed rule); no setting changes without the founder.
import type { Scenario } from "./scenario.ts";

const filed = { calls: [{ tool: "governance.request_change", status: "ok" as const }] };

export const governanceScenarios: Scenario[] = [
  {
    id: "gov-1",
    pack: "governance",
    actor: "office-1",
    say: "from now on chase quotes after 5 days not 7",
    expect: { ...filed, says: ["founder approves"] },
  },
  {
    id: "gov-2",
    pack: "governance",
    actor: "sales-manager-1",
    say: "ok so uh can we change the quiet hours to 9 pm to 7 am",
    voice: true,
    expect: { ...filed, says: ["founder approves"] },
  },
  {
    id: "gov-3",
    pack: "governance",
    actor: "office-1",
    say: "stop sending review requests on weekends",
    expect: { ...filed, says: ["not eligible", "Unknown capability"] },
  },
  {
    id: "gov-4",
    pack: "governance",
    actor: "founder",
    say: "um going forward the deposit should be fifty percent",
    voice: true,
    expect: { ...filed, says: ["founder approves"] },
  },
  {
    id: "ops-1",
    pack: "governance",
    actor: "founder",
    say: "what is slipping",
    expect: { calls: [{ tool: "ops.list_triggers", status: "ok" }] },
  },
];
