// The crm pack's offline intents: dashboard, due work, follow-ups, queues, weekly summary, audit, profile and finding a
// customer; the write intents live in intents-crm-writes.ts. Each plans crm tool calls and answers from results only.
import { cleanName, resolveCustomer } from "./find-customer.ts";
import { addNote, createTask, updateContact } from "./intents-crm-writes.ts";
import {
  type IntentContext,
  type IntentPlan,
  type IntentStep,
  notOffered,
  type OfflineIntent,
  resultsOf,
} from "./intent.ts";
import type { Utterance } from "./normalize.ts";
import { outcomeSentence } from "./say.ts";
import {
  type FollowUpFocus,
  sayAudit,
  sayCustomer,
  sayCustomerList,
  sayDashboard,
  sayFollowUps,
  sayIntake,
  sayOutbound,
  sayProfile,
  sayWeekly,
} from "./say-crm.ts";

/** A read tool called once with fixed input, answered by `say` from its result. */
function readOnce(
  tool: string,
  what: string,
  input: Record<string, unknown>,
  say: (data: unknown, ctx: IntentContext) => string,
) {
  return (ctx: IntentContext): IntentStep => {
    if (!ctx.offers(tool)) return notOffered(ctx, `show ${what}`);
    const done = resultsOf(ctx, tool)[0];
    if (!done) return { calls: [{ tool, input }] };
    if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
    return { say: say(done.result.data, ctx) };
  };
}

function test(pattern: RegExp, u: Utterance): boolean {
  return pattern.test(u.text);
}

// --- reads -------------------------------------------------------------------------------------------------------

const dashboard: OfflineIntent = {
  name: "crm.dashboard",
  help: `today's dashboard and KPIs — "show me the dashboard", "what's going on today"`,
  match(u) {
    const asked =
      test(
        /\b(dashboard|kpis?|key numbers|at a glance|morning (report|briefing|brief)|daily (report|summary|briefing)|numbers for today|today numbers)\b/,
        u,
      ) ||
      test(/^(what is|whats) (going on|happening|up)( today| this morning)?$/, u) ||
      test(/\b(going on|happening) today\b/, u) ||
      test(/\bhow (are|is) (we|things|the day|today|business) (doing|looking|going)\b/, u) ||
      // "what does today look like", "what's on the board today", "what have we got today", "today's summary"
      test(/\b(today|the day|this morning) (looks?|looking) like\b/, u) ||
      test(/\b(on the board|rundown|run down|lay of the land|big picture)\b/, u) ||
      test(/\bwhat (have|do) (we|i) (got|have) (going |on )?(today|this morning)\b/, u) ||
      test(/\b(todays?|today s|daily|days) (summary|overview|numbers|stats|snapshot)\b/, u) ||
      test(/\b(summary|overview|snapshot) (for|of) today\b/, u);
    return asked
      ? readOnce("crm.dashboard", "the dashboard", {}, (data, ctx) => sayDashboard(data, ctx.timeZone))
      : null;
  },
};

const dueToday: OfflineIntent = {
  name: "crm.due_today",
  help: `what's due today — "what's due today", "what's on my plate"`,
  match(u) {
    const asked = test(
      /\b(what is due|whats due|due today|due for today|on my plate|what do i have today|what is on today|to do today|todo today)\b/,
      u,
    );
    return asked
      ? readOnce("crm.dashboard", "what is due", {}, (data, ctx) => sayDashboard(data, ctx.timeZone, "due"))
      : null;
  },
};

const followUps: OfflineIntent = {
  name: "crm.follow_ups",
  help: `follow-ups and what's overdue — "any overdue follow ups", "show the quote chase"`,
  match(u) {
    if (
      !test(
        /\b(follow ?ups?|overdue|callbacks?|call backs|quote chase|chase quotes?|quotes to chase|review requests?|renewals?|maintenance agreements?|need(s)? chasing|to chase|need(s)? (a )?follow(ing)? up|who (needs|should get) a call)\b/,
        u,
      )
    ) {
      return null;
    }
    const focus: FollowUpFocus = test(/\boverdue\b/, u)
      ? "overdue"
      : test(/\b(quote chase|chase quotes?|quotes to chase|need(s)? chasing|to chase)\b/, u)
        ? "quoteChase"
        : test(/\b(callbacks?|call backs)\b/, u)
          ? "callbacks"
          : test(/\breview requests?\b/, u)
            ? "reviewRequests"
            : test(/\b(renewals?|maintenance agreements?)\b/, u)
              ? "maintenanceRenewals"
              : "all";
    return readOnce("crm.follow_ups", "the follow-ups", { limit: 50 }, (data, ctx) =>
      sayFollowUps(data, ctx.timeZone, focus),
    );
  },
};

const intake: OfflineIntent = {
  name: "crm.intake_queue",
  help: `the intake review queue — "what's in intake", "any missed calls"`,
  match(u) {
    const asked =
      test(/\b(intake|missed calls?|web forms?|leads? (to review|waiting)|review queue|inbox)\b/, u) ||
      test(/\b(what|anything|who) (came|come|has come|new) in\b/, u) ||
      test(/\bnew (leads|requests|inquiries|enquiries)\b/, u);
    return asked
      ? readOnce("crm.intake_queue", "the intake queue", { limit: 20 }, (data, ctx) => sayIntake(data, ctx.timeZone))
      : null;
  },
};

const outbound: OfflineIntent = {
  name: "crm.outbound_queue",
  help: `outbound drafts — "what messages are ready to send"`,
  match(u) {
    const asked = test(
      /\b(outbound|drafts?|ready to send|messages? (waiting|to send|ready)|quarantine\w*|(texts?|emails?) to send)\b/,
      u,
    );
    return asked
      ? readOnce("crm.outbound_queue", "the outbound drafts", { limit: 20 }, (data) => sayOutbound(data))
      : null;
  },
};

const weekly: OfflineIntent = {
  name: "crm.weekly_summary",
  help: `the weekly recovery summary — "how did we do this week"`,
  match(u) {
    const asked = test(
      /\b(weekly|this week|last week|past week|week in review|recap|how did we do|recovery summary)\b/,
      u,
    );
    return asked ? readOnce("crm.weekly_summary", "the weekly summary", {}, (data) => sayWeekly(data)) : null;
  },
};

const audit: OfflineIntent = {
  name: "crm.audit_trail",
  help: `the audit trail — "show the audit trail"`,
  match(u) {
    const asked = test(/\b(audit|who did what|activity log|change log|changelog|history of changes)\b/, u);
    return asked
      ? readOnce("crm.audit_trail", "the audit trail", { limit: 20 }, (data, ctx) => sayAudit(data, ctx.timeZone))
      : null;
  },
};

const profile: OfflineIntent = {
  name: "crm.business_profile",
  help: `the business profile — "show our business profile"`,
  match(u) {
    const asked = test(
      /\b(business profile|company profile|our profile|business settings|trade pack|approval policy|data boundary|about (the|our|this) (business|company|shop))\b/,
      u,
    );
    return asked ? readOnce("crm.business_profile", "the business profile", {}, (data) => sayProfile(data)) : null;
  },
};

const listCustomers: OfflineIntent = {
  name: "crm.list_customers",
  help: `a page of customers — "list customers"`,
  match(u) {
    const asked = test(/\b(list (all |the |our )?customers|all (the |our )?customers|customer list)\b/, u);
    return asked
      ? readOnce("crm.list_customers", "the customer list", { offset: 0, limit: 20 }, (data) => sayCustomerList(data))
      : null;
  },
};

// --- customers ---------------------------------------------------------------------------------------------------

const FIND =
  /^(?:can you |could you |would you |please |i need to |i want to |let me )*(?:pull up|bring up|look up|lookup|find|search for|search|show me|show|open|get me|get|who is|check on|look for)\s+(.+)$/;

function planFindCustomer(query: string): IntentPlan {
  return (ctx) => {
    const found = resolveCustomer(ctx, [{ query, value: null }]);
    if ("step" in found) return found.step;
    if (!ctx.offers("crm.get_customer")) {
      const c = found.customer;
      return { say: `${c.name}: phone ${c.phone ?? "none on file"}, email ${c.email ?? "none on file"}. Id ${c.id}.` };
    }
    const done = resultsOf(ctx, "crm.get_customer")[0];
    if (!done) return { calls: [{ tool: "crm.get_customer", input: { customerId: found.customer.id } }] };
    if (done.result.status !== "ok") return { say: outcomeSentence(done.result) };
    return { say: sayCustomer(done.result.data, ctx.timeZone) };
  };
}

const findCustomer: OfflineIntent = {
  name: "crm.find_customer",
  help: `find a customer — "pull up the rivera account", "look up 303 555 0142"`,
  match(u) {
    if (/^\d{7,}$/.test(u.text.replace(/\s/g, ""))) return planFindCustomer(u.text);
    const m = u.text.match(FIND);
    const query = m?.[1] ? cleanName(m[1].split(" ")) : "";
    return query ? planFindCustomer(query) : null;
  },
};

/** Priority order: explicit write verbs first, then named queues, then the broad "find" verbs last. */
export const crmIntents: readonly OfflineIntent[] = [
  addNote,
  createTask,
  updateContact,
  dueToday,
  dashboard,
  followUps,
  intake,
  outbound,
  weekly,
  audit,
  profile,
  listCustomers,
  findCustomer,
];
