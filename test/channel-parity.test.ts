// One write, asked the same way through web chat, MCP and Slack, becomes the same kind of proposal everywhere: same
// tool, input, risk, before/after and approval rule, each channel showing that rule, and the asker approving on none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type McpEnvelope, mcpClientFor } from "../evals/channel-mcp.ts";
import { type OfficeServer, serveOffice, signIn, webChat, webDecide } from "../evals/channel-web.ts";
import { buttonRequest, dmEvent, eventEnvelope, eventRequest } from "./fixtures-slack/deliveries.ts";
import { customerPhone, plainCustomer, proposalStatus } from "./fixtures-slack/demo.ts";
import { blocksOf, openSlackRig, postedCards, type SlackRig, tsOfPost } from "./fixtures-slack/rig.ts";
import { textOf } from "./fixtures-mcp/clients.ts";

let rig: SlackRig;
let server: OfficeServer;

beforeAll(async () => {
  rig = await openSlackRig();
  server = await serveOffice(rig.office, { chat: { primary: null, log: () => {} } });
});
afterAll(async () => {
  await server.close();
  await rig.closeApp();
  await rig.fake.close();
});

interface ProposalRow {
  id: string;
  tool: string;
  risk: string;
  status: string;
  channel: string;
  requested_by: string;
  input: string;
  preview: string;
}

async function proposalRow(id: string): Promise<ProposalRow> {
  const [row] = await rig.office.rows<ProposalRow>(
    "demo",
    "SELECT * FROM proposals WHERE tenant_id = 'demo' AND id = ?",
    id,
  );
  if (!row) throw new Error(`no proposal ${id}`);
  return row;
}

/** What must not depend on the channel: the tool, the input, the risk, the before/after, who asked. */
function kindOf(row: ProposalRow) {
  const preview = JSON.parse(row.preview) as {
    changes: { entity: string; field: string; before: unknown; after: unknown }[];
  };
  return {
    tool: row.tool,
    input: JSON.parse(row.input) as unknown,
    risk: row.risk,
    status: row.status,
    requestedBy: row.requested_by,
    changes: preview.changes.map(({ entity, field, before, after }) => ({ entity, field, before, after })),
  };
}

describe("the same write through every channel", () => {
  it("a salesperson's phone change is one kind of proposal on web chat, MCP and Slack, and only office/admin or the founder may approve it", async () => {
    const customer = await plainCustomer(rig.office);
    const last = customer.name.split(" ").at(-1) ?? "";
    const phoneBefore = await customerPhone(rig.office, customer.id);
    const asked = `change ${last}'s phone to 303 555 0188`;

    // Web chat: the salesperson signed in, typing the request.
    const sales = await signIn(rig.office, server.origin, {
      tenantId: "demo",
      actorId: "sales-1",
      mode: "propose_actions",
    });
    const web = await webChat(sales, "parity", asked);
    const webCall = web.calls.find((c) => c.tool === "crm.update_customer");
    expect(webCall?.status).toBe("proposed");
    const webId = webCall?.proposal?.id ?? "";

    // MCP: the salesperson's own AI client, which looked the customer up and calls the tool.
    const mcp = await mcpClientFor(rig.office, server.origin, {
      tenantId: "demo",
      actorId: "sales-1",
      mode: "propose_actions",
    });
    const mcpResult = await mcp.callTool({
      name: "crm.update_customer",
      arguments: { customerId: customer.id, patch: { phone: "(303) 555-0188" } },
    });
    const mcpEnvelope = mcpResult.structuredContent as McpEnvelope & { proposal?: { id: string } };
    expect(mcpEnvelope.status).toBe("proposed");
    const mcpId = mcpEnvelope.proposal?.id ?? "";
    await mcp.close();

    // Slack: the same words in a DM.
    const event = dmEvent("U0SALES1", asked);
    await rig.deliver(eventRequest(eventEnvelope(event)));
    const card = postedCards(rig.fake)[0];
    expect(card, "a proposal card in Slack").toBeDefined();
    const slackId = card?.proposalId ?? "";

    const ids = [webId, mcpId, slackId];
    expect(new Set(ids).size).toBe(3);
    const rows = await Promise.all(ids.map(proposalRow));
    expect(rows.map((r) => r.channel)).toEqual(["web", "mcp", "slack"]);
    const [webKind, ...others] = rows.map(kindOf);
    expect(webKind).toMatchObject({
      tool: "crm.update_customer",
      input: { customerId: customer.id, patch: { phone: "(303) 555-0188" } },
      risk: "medium",
      status: "pending",
      requestedBy: "sales-1",
      changes: [{ entity: "customer", field: "phone", before: phoneBefore, after: "(303) 555-0188" }],
    });
    for (const kind of others) expect(kind).toEqual(webKind);

    // Each channel shows the same approval rule, in its own way.
    const rule = "office/admin or the founder";
    expect(webCall?.proposal?.approver.rule).toBe(rule);
    expect(textOf(mcpResult)).toContain(`needs ${rule} to approve`);
    expect(JSON.stringify(blocksOf(card!.call))).toContain(`who may approve: ${rule}`);

    // The asker may approve none of them, whichever channel they try (MCP has no way to approve at all).
    const refusedOnWeb = await webDecide(sales, webId, "approve");
    expect(refusedOnWeb.body.failure?.class).toBe("forbidden");
    await rig.deliver(
      buttonRequest({
        user: "U0SALES1",
        proposalId: slackId,
        decision: "approve",
        channel: event.channel,
        messageTs: tsOfPost(card!.call),
        threadTs: event.ts,
      }),
    );
    expect(await Promise.all(ids.map((id) => proposalStatus(rig.office, id)))).toEqual([
      "pending",
      "pending",
      "pending",
    ]);
    expect(await customerPhone(rig.office, customer.id)).toBe(phoneBefore);

    // Office/admin may approve each, on any channel: the first applies; the others were built on the same record
    // version, so they are refused as stale rather than applied twice.
    const office = await signIn(rig.office, server.origin, {
      tenantId: "demo",
      actorId: "office-1",
      mode: "propose_actions",
    });
    const approved = await webDecide(office, mcpId, "approve");
    expect(approved.body.status).toBe("ok");
    expect(await proposalStatus(rig.office, mcpId)).toBe("applied");
    expect(await customerPhone(rig.office, customer.id)).toBe("(303) 555-0188");
    const stale = await webDecide(office, webId, "approve");
    expect(stale.body.failure?.class).toBe("duplicate_or_conflict");
    expect(await proposalStatus(rig.office, webId)).not.toBe("applied");
  });
});
