import { describe, expect, it } from "vitest";
import type { Actor, Risk, Role } from "../../contracts/index.ts";
import { whyActorMayNotDecide } from "./policy.ts";

const person = (id: string, role: Role): Actor => ({ id, role, tenantId: "demo", name: id });

describe("approval policy (ARCHITECTURE §3.4)", () => {
  const cases: Array<{ risk: Risk; requester: Actor; decider: Actor; allowed: boolean; why: string }> = [
    {
      risk: "low",
      requester: person("tech-1", "tech"),
      decider: person("tech-1", "tech"),
      allowed: true,
      why: "one tap by the requester",
    },
    {
      risk: "low",
      requester: person("tech-1", "tech"),
      decider: person("tech-2", "tech"),
      allowed: false,
      why: "another tech is not a manager",
    },
    {
      risk: "low",
      requester: person("tech-1", "tech"),
      decider: person("sm", "sales_manager"),
      allowed: true,
      why: "any manager",
    },
    {
      risk: "medium",
      requester: person("sales-1", "salesperson"),
      decider: person("sales-1", "salesperson"),
      allowed: false,
      why: "salesperson cannot approve a customer change",
    },
    {
      risk: "medium",
      requester: person("sales-1", "salesperson"),
      decider: person("office-1", "office"),
      allowed: true,
      why: "office approves medium",
    },
    {
      risk: "medium",
      requester: person("sales-1", "salesperson"),
      decider: person("sm", "sales_manager"),
      allowed: false,
      why: "medium needs office or founder",
    },
    {
      risk: "high",
      requester: person("office-1", "office"),
      decider: person("founder", "founder"),
      allowed: true,
      why: "founder approves high",
    },
    {
      risk: "high",
      requester: person("founder", "founder"),
      decider: person("founder", "founder"),
      allowed: false,
      why: "never the same person for high risk",
    },
    {
      risk: "high",
      requester: person("sales-1", "salesperson"),
      decider: person("office-1", "office"),
      allowed: false,
      why: "office cannot approve high",
    },
    {
      risk: "low",
      requester: person("sales-1", "salesperson"),
      decider: person("ai", "ai_client"),
      allowed: false,
      why: "an MCP client never approves",
    },
    {
      risk: "low",
      requester: person("system", "system"),
      decider: person("system", "system"),
      allowed: false,
      why: "the system never approves, even its own",
    },
    {
      risk: "low",
      requester: person("c", "customer"),
      decider: person("c", "customer"),
      allowed: false,
      why: "a customer never approves",
    },
  ];
  it.each(cases)("$risk risk: $why", ({ risk, requester, decider, allowed }) => {
    const verdict = whyActorMayNotDecide({ risk, requestedBy: requester.id, requestedRole: requester.role }, decider);
    expect(verdict === null).toBe(allowed);
    if (!allowed) expect(verdict).toMatch(/\w+/);
  });
});
