// Restarting between proposal and approval loses nothing on the web: a note proposed in the web chat, the office and
// its server closed and reopened on the same file, the founder approves from the review queue, and it applies once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { serveOffice, signIn, webChat, webDecide } from "../evals/channel-web.ts";
import { notesWith, plainCustomer, proposalStatus } from "./fixtures-slack/demo.ts";
import { makeOffice } from "./helpers.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "web-restart-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

it("a note proposed in the web chat before a restart is approved after it by the founder and applied exactly once", async () => {
  const path = join(dir, "office.db");
  const first = await makeOffice({ path });
  const firstServer = await serveOffice(first, { chat: { primary: null, log: () => {} } });
  const customer = await plainCustomer(first);
  const sales = await signIn(first, firstServer.origin, {
    tenantId: "demo",
    actorId: "sales-1",
    mode: "propose_actions",
  });
  const turn = await webChat(sales, "before-restart", `add a note to ${customer.name}: side gate code 7720`);
  const proposed = turn.calls.find((c) => c.tool === "crm.add_note");
  expect(proposed?.status).toBe("proposed");
  const id = proposed?.proposal?.id ?? "";
  expect(await proposalStatus(first, id)).toBe("pending");
  await firstServer.close();
  first.close();

  const second = await makeOffice({ path });
  expect(second.seeded).toBe(false);
  const secondServer = await serveOffice(second, { chat: { primary: null, log: () => {} } });
  try {
    const founder = await signIn(second, secondServer.origin, {
      tenantId: "demo",
      actorId: "founder",
      mode: "propose_actions",
    });
    const approved = await webDecide(founder, id, "approve");
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("ok");
    expect(await proposalStatus(second, id)).toBe("applied");
    expect(await notesWith(second, "side gate code 7720")).toBe(1);

    // A second click (a double tap, a stale tab) changes nothing more.
    await webDecide(founder, id, "approve");
    expect(await notesWith(second, "side gate code 7720")).toBe(1);

    // The salesperson's browser, signed in before the restart, still has its session, its conversation and
    // sees the proposal as applied.
    const origin = {
      ...sales,
      origin: secondServer.origin,
      headers: { ...sales.headers, origin: secondServer.origin },
    };
    const history = await fetch(`${origin.origin}/api/chat/before-restart/messages`, { headers: origin.headers });
    expect(history.status).toBe(200);
    expect(JSON.stringify(await history.json())).toContain(id);
    const view = await fetch(`${origin.origin}/api/proposals/${id}`, { headers: origin.headers });
    expect(((await view.json()) as { proposal: { status: string } }).proposal.status).toBe("applied");
  } finally {
    await secondServer.close();
    second.close();
  }
});
