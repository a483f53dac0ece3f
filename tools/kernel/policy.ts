// Approval policy (ARCHITECTURE §3.4, default `approval_gated_external_sends`): who may decide a proposal of each risk.
// A model, an MCP client, the trigger engine and the system can never approve.
import type { Actor, ApproverRule, Risk, Role } from "../../contracts/index.ts";
import { MANAGER_ROLES } from "../../contracts/index.ts";

const DECIDING_ROLES: readonly Role[] = ["founder", "office", "sales_manager", "salesperson", "tech"];

export function approverRule(risk: Risk): ApproverRule {
  switch (risk) {
    case "low":
      return {
        roles: [...MANAGER_ROLES],
        requesterMayApprove: true,
        rule: "the requesting staff member (one tap) or any manager (founder, office, sales manager)",
      };
    case "medium":
      return { roles: ["founder", "office"], requesterMayApprove: true, rule: "office/admin or the founder" };
    case "high":
      return { roles: ["founder"], requesterMayApprove: false, rule: "the founder, and never the person who asked" };
  }
}

export interface DecisionSubject {
  risk: Risk;
  requestedBy: string;
  requestedRole: Role;
}

/** Null when the actor may decide; otherwise the plain-words reason they may not. */
export function whyActorMayNotDecide(subject: DecisionSubject, actor: Actor): string | null {
  if (!DECIDING_ROLES.includes(actor.role)) {
    return `A ${actor.role} can never approve or reject; a person on the staff must decide.`;
  }
  const rule = approverRule(subject.risk);
  const isRequester = actor.id === subject.requestedBy;
  if (subject.risk === "high" && isRequester) {
    return "A high-risk change needs a different person than the one who asked: the founder must decide.";
  }
  if (rule.roles.includes(actor.role)) return null;
  if (subject.risk === "low" && isRequester && DECIDING_ROLES.includes(subject.requestedRole)) return null;
  return `This ${subject.risk}-risk proposal needs ${rule.rule}.`;
}
