// Voice is a channel like any other: what is said goes to the server as channel "voice" in propose_actions, a change
// becomes a proposal and is never applied, an approval said aloud goes through the kernel's decide as the signed-in
// person (so a salesperson cannot approve what a tap would not let them), and a hard stop interrupts at once. In the
// browser: push-to-talk fills an editable box, answers are spoken when switched on, and the buttons suit gloved hands.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Office } from "../server/office.ts";
import { SESSION_COOKIE } from "../server/routes/web.ts";
import { createToken } from "../store/repos/tenants.ts";
import {
  demoRows,
  openWebOffice,
  type RunningServer,
  startServer,
  uniqueCustomer,
  webTestApp,
} from "./fixtures-web/app.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";
import { HAS_CHROMIUM, launchChromium, STEP_MS, signedIn, warnIfNoChromium } from "./browser.ts";

const ORIGIN = "http://localhost";

type Chunk = { type: string; data?: unknown; delta?: string };
type Call = {
  tool: string;
  status: string;
  proposal?: { id: string; status: string };
  failure?: { class: string; reason: string };
};

describe("a voice session over HTTP", () => {
  let office: TestOffice;
  let app: ReturnType<typeof webTestApp>;

  beforeEach(async () => {
    office = await makeOffice();
    app = webTestApp(office);
  });
  afterEach(() => office.close());

  async function signIn(actorId: string, mode: "propose_actions" | "read_only" = "propose_actions") {
    const token = await office.scoped("demo", () =>
      office.store.write((tx) => createToken(tx, { tenantId: "demo", actorId, mode, now: office.clock.now })),
    );
    const response = await app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ token }).toString(),
    });
    const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(response.headers.get("set-cookie") ?? "");
    if (!match?.[1]) throw new Error("no session cookie");
    return `${SESSION_COOKIE}=${match[1]}`;
  }

  /** Says something in a voice session (the web app sends exactly this when the words came from speech). */
  async function say(cookie: string, text: string, extra: Record<string, unknown> = {}) {
    const response = await app.request("/api/chat", {
      method: "POST",
      headers: { cookie, origin: ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({
        id: "voice-chat",
        messages: [{ role: "user", parts: [{ type: "text", text }] }],
        channel: "voice",
        ...extra,
      }),
    });
    const chunks = (await response.text())
      .split("\n\n")
      .map((block) => block.replace(/^data: /, "").trim())
      .filter((data) => data !== "" && data !== "[DONE]")
      .map((data) => JSON.parse(data) as Chunk);
    const calls = chunks.filter((c) => c.type === "data-tool-result").map((c) => c.data as Call);
    return { status: response.status, chunks, calls };
  }

  async function proposalRow(id: string) {
    const [row] = await office.rows<{ status: string; channel: string; requestedBy: string }>(
      "demo",
      "SELECT status, channel, requested_by AS \"requestedBy\" FROM proposals WHERE tenant_id = 'demo' AND id = ?",
      id,
    );
    if (!row) throw new Error(`no proposal ${id}`);
    return row;
  }

  it("a change said aloud becomes a pending proposal on the voice channel, in propose_actions, and changes nothing", async () => {
    const customer = await uniqueCustomer(office);
    const cookie = await signIn("founder");
    // Even the founder, even with a forged "apply" in the body: voice proposes, it never applies.
    const { calls } = await say(
      cookie,
      `change ${customer.last}'s phone to three oh three five five five oh one eight eight`,
      {
        mode: "apply_allowed",
      },
    );
    const proposed = calls.find((c) => c.status === "proposed");
    expect(proposed?.tool).toBe("crm.update_customer");
    const id = proposed?.proposal?.id ?? "";
    expect(await proposalRow(id)).toEqual({ status: "pending", channel: "voice", requestedBy: "founder" });
    const [phone] = await office.rows<{ phone: string }>(
      "demo",
      "SELECT phone FROM customers WHERE tenant_id = 'demo' AND id = ?",
      customer.id,
    );
    expect(phone?.phone).toBe(customer.phone);
    const session = await office.rows(
      "demo",
      "SELECT channel, mode FROM agent_sessions WHERE tenant_id = 'demo' AND actor_id = 'founder'",
    );
    expect(session).toEqual([{ channel: "voice", mode: "propose_actions" }]);
    // A channel the web app does not speak for is refused outright.
    const forged = await say(cookie, "show me the dashboard", { channel: "trigger" });
    expect(forged.status).toBe(400);
  });

  it("'approve P-n' said by a salesperson is refused by the kernel exactly as their tap is; the founder's goes through the same decide", async () => {
    const customer = await uniqueCustomer(office);
    const sales = await signIn("sales-1");
    const asked = await say(sales, `change ${customer.last}'s phone to 303 555 0188`);
    const id = asked.calls.find((c) => c.status === "proposed")?.proposal?.id ?? "";
    expect(id).toMatch(/^P-\d+$/);

    const byVoice = await say(sales, `approve ${id.toLowerCase().replace("-", " ")}`);
    const decided = byVoice.calls.find((c) => c.tool === "kernel.decide");
    expect(decided).toMatchObject({ status: "refused", failure: { class: "forbidden" } });
    expect((await proposalRow(id)).status).toBe("pending");
    // The tap: the same refusal, word for word, from the same check.
    const tap = await app.request(`/api/proposals/${id}/approve`, {
      method: "POST",
      headers: { cookie: sales, origin: ORIGIN, "content-type": "application/json" },
      body: "{}",
    });
    expect(tap.status).toBe(403);
    const tapped = (await tap.json()) as { failure: { reason: string } };
    expect(tapped.failure.reason).toBe(decided?.failure?.reason);
    const refusedByVoice = await office.rows(
      "demo",
      "SELECT actor_id AS \"actorId\", outcome FROM audit_log WHERE tenant_id = 'demo' AND tool = 'kernel.decide' AND channel = 'voice'",
    );
    expect(refusedByVoice).toEqual([{ actorId: "sales-1", outcome: "refused" }]);

    // Without a signed-in person there is no one to approve as.
    const anonymous = await app.request("/api/chat", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({
        id: "voice-chat",
        messages: [{ role: "user", parts: [{ type: "text", text: `approve ${id}` }] }],
        channel: "voice",
      }),
    });
    expect(anonymous.status).toBe(401);
    expect((await proposalRow(id)).status).toBe("pending");

    // The founder says it: the kernel's decide, as the founder, applies it once.
    const founder = await signIn("founder");
    const approved = await say(founder, `yes approve ${id}`);
    expect(approved.calls.find((c) => c.tool === "kernel.decide")).toMatchObject({
      status: "ok",
      proposal: { id, status: "applied" },
    });
    const decision = await office.rows(
      "demo",
      "SELECT reviewer_id AS reviewer, decision FROM approval_decisions WHERE tenant_id = 'demo' AND proposal_id = ?",
      id,
    );
    expect(decision).toEqual([{ reviewer: "founder", decision: "approve" }]);
  });

  it("a hard stop said aloud ends the turn before any model runs", async () => {
    const cookie = await signIn("sales-1");
    const { calls, chunks } = await say(cookie, "uh the homeowner says it smells like gas by the water heater");
    expect(calls.map((c) => `${c.tool}:${c.status}`)).toEqual(["repair.screen:stopped"]);
    expect(chunks.find((c) => c.type === "data-turn")?.data).toMatchObject({ answeredBy: "agent" });
    const text = chunks.map((c) => c.delta ?? "").join("");
    expect(text).toMatch(
      /^HARD STOP\.\nGas odor or suspected gas leak\. Stop, ventilate, shut gas, escalate — no override/,
    );
  });

  it("a message replayed from the phone under the same key is answered once", async () => {
    const customer = await uniqueCustomer(office);
    const cookie = await signIn("sales-1");
    const key = "3f0c2a9e-5b1d-4c8e-9a7f-1d2e3c4b5a60";
    const text = `add a note to ${customer.name}: checked the furnace from the basement`;
    const first = await say(cookie, text, { clientMessageId: key });
    const second = await say(cookie, text, { clientMessageId: key });
    const firstId = first.calls.find((c) => c.status === "proposed")?.proposal?.id;
    expect(firstId).toMatch(/^P-\d+$/);
    expect(second.calls.find((c) => c.status === "proposed")?.proposal?.id).toBe(firstId);
    expect(second.chunks.find((c) => c.type === "data-turn")?.data).toMatchObject({ replayed: true });
    const [notes] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM proposals WHERE tenant_id = 'demo' AND tool = 'crm.add_note'",
    );
    expect(notes?.n).toBe(1);
    const [messages] = await office.rows<{ n: number }>(
      "demo",
      "SELECT count(*) AS n FROM agent_messages WHERE tenant_id = 'demo'",
    );
    expect(messages?.n).toBe(2);
  });
});

// ---------------------------------------------------------------- in the browser

warnIfNoChromium("voice in the chat");

/** A scripted microphone and a speaker that writes down what it says (Chromium has neither headless). */
const FAKE_VOICE = `
  class FakeRecognition {
    constructor() { window.__recognition = this; }
    start() { this.started = true; }
    stop() { this.onend && this.onend(); }
  }
  window.SpeechRecognition = FakeRecognition;
  window.webkitSpeechRecognition = FakeRecognition;
  window.__hear = (text) => window.__recognition.onresult({ results: [[{ transcript: text }]] });
  window.__spoken = [];
  SpeechSynthesis.prototype.speak = function (utterance) { window.__spoken.push(utterance.text); };
  SpeechSynthesis.prototype.cancel = function () { window.__spoken.push("<cancel>"); };
`;
const NO_RECOGNITION = `
  delete window.SpeechRecognition;
  delete window.webkitSpeechRecognition;
  Object.defineProperty(window, "webkitSpeechRecognition", { value: undefined });
`;

describe("voice in the chat (headless Chromium)", () => {
  let dir: string;
  let office: Office;
  let server: RunningServer;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "office-voice-"));
    office = await openWebOffice(dir);
    server = await startServer(webTestApp(office));
    if (HAS_CHROMIUM) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    office?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const phone = async (context: BrowserContext) => {
    await context.addInitScript(FAKE_VOICE);
  };

  async function speak(page: Page, words: string) {
    await page.locator("#talk").dispatchEvent("pointerdown");
    await page.evaluate(`window.__hear(${JSON.stringify(words)})`);
    await page.locator("#talk").dispatchEvent("pointerup");
  }

  const pushToTalk =
    "push-to-talk fills an editable box, the edited words go as a voice message, the change is pending, answers are spoken when switched on, and a gas smell cuts in";
  const runPushToTalk = async () => {
    if (!browser) throw new Error("no browser");
    const customer = await uniqueCustomer(office);
    const { context, page } = await signedIn(browser, office, server.origin, "sales-1", phone);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      // Large touch targets for gloved hands.
      for (const id of ["talk", "send", "speak", "new-chat"]) {
        const box = await page.locator(`#${id}`).boundingBox();
        expect(box?.height, id).toBeGreaterThanOrEqual(48);
        expect(box?.width, id).toBeGreaterThanOrEqual(48);
      }
      expect(await page.locator("#talk").getAttribute("data-voice")).toBe("ready");

      // The transcript is shown in the box and can be corrected before sending.
      await speak(page, `add a note to ${customer.name} left voicemail`);
      expect(await page.locator("#message").inputValue()).toBe(`add a note to ${customer.name} left voicemail`);
      expect(await page.locator("#voice-status").textContent()).toMatch(/Check what was heard/);
      await page.locator("#message").fill(`add a note to ${customer.name}: left voicemail twice`);
      const request = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
      await page.locator("#send").click();
      const body = (await request).postDataJSON() as { channel: string; messages: { parts: { text: string }[] }[] };
      expect(body.channel).toBe("voice");
      expect(body.messages[0]?.parts[0]?.text).toBe(`add a note to ${customer.name}: left voicemail twice`);
      const card = page.locator('.msg.assistant .approval[data-status="pending"]').last();
      await card.waitFor({ timeout: STEP_MS });
      const proposalId = await card.getAttribute("data-proposal-id");
      const [row] = await demoRows<{ status: string; channel: string }>(
        office,
        "SELECT status, channel FROM proposals WHERE tenant_id = 'demo' AND id = ?",
        proposalId,
      );
      expect(row).toEqual({ status: "pending", channel: "voice" });
      // Speaking is off by default: nothing was said.
      expect(await page.evaluate("window.__spoken")).toEqual([]);

      // Switched on, remembered across a reload, and the next answer is read aloud.
      await page.locator("#speak").click();
      expect(await page.locator("#speak").getAttribute("aria-pressed")).toBe("true");
      await page.reload();
      expect(await page.locator("#speak").getAttribute("aria-pressed")).toBe("true");
      await speak(page, "what does today look like");
      await page.locator("#send").click();
      await expect
        .poll(() => page.evaluate("window.__spoken") as Promise<string[]>, { timeout: STEP_MS })
        .toContainEqual(expect.stringMatching(/^Dashboard for/));

      // A gas smell said aloud: the stop is shown and spoken at once, cutting off whatever was being said.
      await page.evaluate("window.__spoken = []");
      await speak(page, "it smells like gas in the basement");
      await page.locator("#send").click();
      const stop = page.locator(".msg.assistant .hard-stop").last();
      await stop.waitFor({ timeout: STEP_MS });
      expect(await stop.locator(".stop-action").textContent()).toBe(
        "Do now: Stop, ventilate, shut gas, escalate — no override",
      );
      const spoken = (await page.evaluate("window.__spoken")) as string[];
      expect(spoken.slice(0, 2)).toEqual([
        "<cancel>",
        "Stop. Gas odor or suspected gas leak. Stop, ventilate, shut gas, escalate — no override.",
      ]);
      await page.locator('.msg.assistant[data-streaming="done"]').last().waitFor({ timeout: STEP_MS });
      // One banner for the one stop, though the phone and the office both found it.
      expect(await page.locator(".msg.assistant").last().locator(".hard-stop").count()).toBe(1);
    } finally {
      await context.close();
    }
  };

  const noRecognition =
    "where the browser has no speech recognition the button says so and points to the keyboard's dictation";
  const runNoRecognition = async () => {
    if (!browser) throw new Error("no browser");
    const { context, page } = await signedIn(browser, office, server.origin, "tech-1", async (c) => {
      await c.addInitScript(NO_RECOGNITION);
    });
    try {
      const talk = page.locator("#talk");
      await expect.poll(() => talk.getAttribute("data-voice"), { timeout: STEP_MS }).toBe("unavailable");
      expect(await talk.isDisabled()).toBe(true);
      expect(await talk.textContent()).toBe("No voice input here: use your keyboard's microphone");
      // Typing (or the keyboard's dictation) still works and goes as a web message.
      const request = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
      await page.locator("#message").fill("show me the dashboard");
      await page.locator("#message").press("Enter");
      expect(((await request).postDataJSON() as { channel: string }).channel).toBe("web");
    } finally {
      await context.close();
    }
  };

  if (HAS_CHROMIUM) {
    it(pushToTalk, { timeout: 60_000 }, runPushToTalk);
    it(noRecognition, { timeout: 30_000 }, runNoRecognition);
  } else {
    it.skip(`${pushToTalk} — SKIPPED: chromium missing`, runPushToTalk);
    it.skip(`${noRecognition} — SKIPPED: chromium missing`, runNoRecognition);
  }
});
