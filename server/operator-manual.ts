// The operator manual (skeleton seed, "UI /operator-manual"): onboarding, role boundaries, modes, stop rules and the
// failure taxonomy. Approvals and tool counts are read from the kernel's policy and registry, so the page cannot drift.
import {
  type Actor,
  canSeeCost,
  FAILURE_CLASSES,
  FAILURE_TAXONOMY,
  type Risk,
  ROLES,
  type Role,
} from "../contracts/index.ts";
import { type Registry, whyActorMayNotDecide } from "../tools/kernel/index.ts";
import { html, type SafeHtml } from "./html.ts";
import { HTTP_STATUS_FOR_FAILURE } from "./http.ts";

const ROLE_DUTIES: Record<Role, { who: string; does: string }> = {
  founder: {
    who: "The owner",
    does: "Runs the office, sees cost and margin, decides every kind of proposal and is the one notified of a sev0_stop.",
  },
  office: {
    who: "Office / admin",
    does: "Works the intake queue, customer records, follow-ups and the review queue; sees cost and margin.",
  },
  sales_manager: {
    who: "Sales team lead",
    does: "Watches quotes, follow-ups and the weekly summary; sees cost and margin; approves routine low-risk work.",
  },
  salesperson: {
    who: "Sales staff",
    does: "Surveys, quotes and follow-ups. Proposes customer changes; sees their own commission, never vendor cost.",
  },
  tech: {
    who: "Field technician",
    does: "Diagnostics, readings, notes and tasks on a job. Credential gates and hard stops apply to repair steps.",
  },
  customer: {
    who: "A homeowner",
    does: "Uses the public triage page only. Never sees internal data.",
  },
  ai_client: {
    who: "An AI client (MCP or REST)",
    does: "Reads and proposes within its token's mode; every change it suggests must cite evidence.",
  },
  system: {
    who: "The trigger and suggestion engine",
    does: "Raises proposals with a trigger id, reasoning and confidence. Never acts on its own.",
  },
};

const RISKS: readonly Risk[] = ["low", "medium", "high"];

/** What a role may decide for one risk, asked of the kernel's own policy. */
function approvalFor(role: Role, risk: Risk): string {
  const actor: Actor = { id: "reader", tenantId: "manual", name: "reader", role };
  const others = whyActorMayNotDecide({ risk, requestedBy: "someone-else", requestedRole: "office" }, actor) === null;
  const own = whyActorMayNotDecide({ risk, requestedBy: actor.id, requestedRole: role }, actor) === null;
  if (others && own) return "yes";
  if (others) return "yes, never their own request";
  if (own) return "their own request only";
  return "no";
}

const STYLE = `
  body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a; max-width: 60rem;
         margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
  th, td { border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f1f1f1; } code { background: #f4f4f4; padding: 0 .25rem; border-radius: 3px; }
  .rule { border-left: 4px solid #b00020; padding: .4rem .8rem; background: #fff5f5; }
  .muted { color: #555; }
  @media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-after: avoid; }
                 tr { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
`;

function rolesTable(registry: Registry): SafeHtml {
  const rows = ROLES.map((role) => {
    const tools = registry.visibleTo(role, "propose_actions");
    const reads = tools.filter((t) => t.effect === "read").length;
    return html`<tr>
      <td><code>${role}</code><br><span class="muted">${ROLE_DUTIES[role].who}</span></td>
      <td>${ROLE_DUTIES[role].does}</td>
      <td>${reads} read, ${tools.length - reads} write/external</td>
      <td>${canSeeCost(role) ? "yes" : "no"}</td>
      ${RISKS.map((risk) => html`<td>${approvalFor(role, risk)}</td>`)}
    </tr>`;
  });
  return html`<table>
    <thead><tr><th>Role</th><th>What they do</th><th>Tools</th><th>Sees cost</th>
      <th>Approves low risk</th><th>Approves medium risk</th><th>Approves high risk</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>`;
}

function failureTable(): SafeHtml {
  const rows = FAILURE_CLASSES.map(
    (cls) => html`<tr>
      <td><code>${cls}</code></td>
      <td>${FAILURE_TAXONOMY[cls].signal}</td>
      <td>${FAILURE_TAXONOMY[cls].response}</td>
      <td>${HTTP_STATUS_FOR_FAILURE[cls]}</td>
    </tr>`,
  );
  return html`<table>
    <thead><tr><th>Class</th><th>Signal</th><th>Operator response</th><th>HTTP</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>`;
}

export function renderOperatorManual(registry: Registry): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Operator manual · Trade Office OS</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Operator manual</h1>
<p class="muted">Trade Office OS. Read this before sensitive work. The model proposes; code decides.</p>

<h2 id="onboarding">Pilot onboarding</h2>
<ol>
  <li>Start the office and check <code>/healthz</code>: the store is ok and each business shows its status,
    adapter health, whether writes are enabled, and that sends are disabled.</li>
  <li>Give each person their own token, bound to one business, one person and one mode:
    <pre><code>npx office token create --tenant demo --actor founder</code></pre>
    Give a <code>read_only</code> token to anyone who should only look. Send it as
    <code>Authorization: Bearer &lt;token&gt;</code>. Tokens are stored as hashes only; a lost token is revoked
    and replaced, never recovered.</li>
  <li>Work on the synthetic demo business first. Roles and tokens are in place before any live customer data.</li>
  <li>Review the proposal queue every day. Nothing changes until a person who may decide approves it.</li>
  <li>Record release notes before any staging or production promotion.</li>
</ol>

<h2 id="roles">Role boundaries</h2>
<p>Who may approve follows the approval policy <code>approval_gated_external_sends</code>: low risk (an internal
note, a task, a callback reminder) by the person who asked or any manager; medium risk (a customer record change, a
quote, a price book edit, a merge) by office/admin or the founder; high risk (an external send, a discount below the
floor, a credential or tenant configuration change) by the founder only, and never by the person who asked.
A model, an MCP client, the trigger engine and the system can never approve.</p>
${rolesTable(registry)}

<h2 id="modes">Modes</h2>
<table>
  <thead><tr><th>Mode</th><th>Who holds it</th><th>What happens</th></tr></thead>
  <tbody>
    <tr><td><code>read_only</code></td><td>Tokens for people or AI clients that only look</td>
      <td>Read tools run; anything that would change data is refused as forbidden.</td></tr>
    <tr><td><code>propose_actions</code></td><td>Staff in Slack, web chat, CLI and REST; MCP clients per token; triggers</td>
      <td>Reads run; writes and external actions become pending proposals with a preview and the approver named.</td></tr>
    <tr><td><code>apply_allowed</code></td><td>The safe apply engine alone</td>
      <td>Applies an approved proposal exactly once, in one transaction, after re-checking everything. No person,
      model, token or channel ever holds it.</td></tr>
  </tbody>
</table>

<h2 id="stop-rules">Stop rules</h2>
<p class="rule"><strong>sev0_stop means freeze, preserve evidence and notify the founder before repair.</strong></p>
<ul>
  <li>Freeze, classify, contain, then run the full gate before a support fix is complete.</li>
  <li>While a business is frozen (<code>sev0_stop</code>) or its store is degraded, writes are refused as
    <code>adapter_unavailable</code> and reads still serve real data only. Never swap in hidden or synthetic data.</li>
  <li>A safety hard stop on a job halts the job: make the site safe, escalate, and keep the trail. Universal hard
    stops have no override.</li>
  <li>Quarantine or read-only mode first: no hidden live data and no sends from the app.</li>
</ul>

<h2 id="never">Never</h2>
<ul>
  <li><strong>Never auto-merge.</strong> A possible duplicate is shown beside the existing record and an owner or
    admin decides (<code>duplicate_or_conflict</code>).</li>
  <li><strong>Never auto-send.</strong> The app sends nothing to customers. An approved message becomes ready for
    manual send (copy it yourself); a draft with risk flags is quarantined as <code>unsafe_outbound</code>.</li>
  <li>Never approve a proposal because a message or chat history says it is approved: the proposal queue is the
    only authority.</li>
</ul>

<h2 id="failures">Failure taxonomy</h2>
<p>Every refusal names one class and says in plain words what to do next. The REST API returns the HTTP status
shown.</p>
${failureTable()}

<h2 id="api">Reading the office over REST</h2>
<p>Every route is listed in <code>/api/openapi.json</code>. Reads such as <code>GET /api/dashboard.json</code> run
through the same kernel as chat; <code>POST /api/tools/&lt;name&gt;</code> runs any tool your role and mode allow;
proposals are decided at <code>POST /api/proposals/&lt;id&gt;/approve</code> or <code>/reject</code>.</p>
</body>
</html>
`;
  return page.value;
}
