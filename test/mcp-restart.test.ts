// Restarting between proposal and approval loses nothing for an MCP client: its proposal survives the restart, a
// person approves it over REST, and the same client token, reconnected, reads the applied change.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, beforeEach, expect, it } from "vitest";
import { serveOffice } from "../evals/channel-web.ts";
import { envelopeOf, textOf, tokenFor } from "./fixtures-mcp/clients.ts";
import { notesWith, proposalStatus } from "./fixtures-slack/demo.ts";
import { makeOffice } from "./helpers.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mcp-restart-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function connect(origin: string, token: string): Promise<Client> {
  const client = new Client({ name: "restart-test", version: "0.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${origin}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

it("an MCP client's proposal survives a restart, a person approves it over REST, and the client then reads the change", async () => {
  const path = join(dir, "office.db");
  const first = await makeOffice({ path });
  const firstServer = await serveOffice(first);
  const clientToken = await tokenFor(first, "ai-client", "propose_actions");
  const founderToken = await tokenFor(first, "founder", "propose_actions");
  const customerId = await first.firstId("demo", "customers");
  const before = await connect(firstServer.origin, clientToken);
  const proposed = await before.callTool({
    name: "crm.add_note",
    arguments: { customerId, body: "boiler room key under the mat" },
    _meta: { evidenceRefs: ["call-2291"] },
  });
  expect(envelopeOf(proposed).status).toBe("proposed");
  const id = envelopeOf(proposed).proposal?.id ?? "";
  expect(textOf(proposed)).toContain("this connection cannot approve it");
  await before.close();
  await firstServer.close();
  first.close();

  const second = await makeOffice({ path });
  expect(second.seeded).toBe(false);
  const secondServer = await serveOffice(second);
  try {
    expect(await proposalStatus(second, id)).toBe("pending");
    const approve = (bearer: string) =>
      fetch(`${secondServer.origin}/api/proposals/${id}/approve`, {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        body: "{}",
      });
    // The client's own token cannot approve over REST either: an AI client never decides.
    expect(((await (await approve(clientToken)).json()) as { status: string }).status).toBe("refused");
    expect(await proposalStatus(second, id)).toBe("pending");

    const approved = await approve(founderToken);
    expect(approved.status).toBe(200);
    expect(await proposalStatus(second, id)).toBe("applied");
    expect(await notesWith(second, "boiler room key under the mat")).toBe(1);

    const after = await connect(secondServer.origin, clientToken);
    const read = await after.callTool({ name: "crm.get_customer", arguments: { customerId } });
    expect(envelopeOf(read).status).toBe("ok");
    expect(JSON.stringify(envelopeOf(read).data)).toContain("boiler room key under the mat");
    await after.close();
  } finally {
    await secondServer.close();
    second.close();
  }
});
