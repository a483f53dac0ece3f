// The field app in headless Chromium with the network cut: it is installable (manifest, icons, a controlling service
// worker, Chromium's own installability check), it opens from the phone's cache with no signal, sizes a home, records a
// reading and stops the job on a gas smell, and when the signal returns every queued item reaches the office once —
// replaying the whole queue a second time changes nothing on the server.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Office } from "../server/office.ts";
import { getActor } from "../store/repos/tenants.ts";
import { withTenant } from "../store/scope.ts";
import { humanCall } from "../tools/kernel/index.ts";
import { demoRows, demoToken, openWebOffice, type RunningServer, startServer, webTestApp } from "./fixtures-web/app.ts";
import { HAS_CHROMIUM, launchChromium, STEP_MS, signedIn, untilControlled, warnIfNoChromium } from "./browser.ts";

warnIfNoChromium("the field app offline");

let dir: string;
let office: Office;
let server: RunningServer;
let browser: Browser | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "office-pwa-"));
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

/** Opens a no-heat gas furnace call for a tech the way the office does: proposed, then approved by the tech. */
async function openCall(techId: string): Promise<string> {
  const tech = await withTenant("demo", () => getActor(office.store.db, "demo", techId));
  if (!tech) throw new Error(`no ${techId}`);
  const proposed = await office.kernel.execute(
    "repair.start_call",
    { equipment: "Gas furnace, 80% single stage", complaint: "No heat since this morning" },
    humanCall(office.kernel, tech, "cli"),
  );
  if (proposed.status !== "proposed") throw new Error(`start_call: ${proposed.status}`);
  const applied = await office.kernel.decide("demo", proposed.proposal.id, "approve", tech, "cli");
  if (applied.status !== "ok") throw new Error(`approve start_call: ${JSON.stringify(applied)}`);
  return (applied.data as { jobId: string }).jobId;
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  const [row] = await demoRows<{ n: number }>(office, sql, ...params);
  if (!row) throw new Error(`no count from ${sql}`);
  return row.n;
}

/** What the server holds of this person's offline work: proposals, their audit entries, replayed messages. */
async function serverState(jobId: string) {
  // JSON columns are text on both backends: read them and look inside here, not with a dialect's JSON functions.
  const readings = await demoRows<{ input: string }>(
    office,
    "SELECT input FROM proposals WHERE tenant_id = 'demo' AND tool = 'repair.record_reading'",
  );
  const messages = await demoRows<{ content: string }>(
    office,
    "SELECT content FROM agent_messages WHERE tenant_id = 'demo'",
  );
  return {
    readings: readings.filter((r) => (JSON.parse(r.input) as { jobId?: unknown }).jobId === jobId).length,
    proposedAudit: await count("SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'demo' AND outcome = 'proposed'"),
    stoppedAudit: await count(
      "SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'demo' AND outcome = 'stopped' AND tool = 'repair.screen'",
    ),
    replayedMessages: messages.filter(
      (m) => ((JSON.parse(m.content) as { clientMessageId?: unknown }).clientMessageId ?? null) !== null,
    ).length,
    allMessages: messages.length,
  };
}

async function queueStates(page: Page): Promise<string[]> {
  return page
    .locator("#queue-items [data-state]")
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-state") ?? ""));
}

async function screenshot(page: Page | undefined, name: string) {
  if (!page) return;
  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: join("test-results", `${name}.png`), fullPage: true }).catch(() => {});
}

describe("the field app with no signal (headless Chromium)", () => {
  let context: BrowserContext;
  let page: Page;
  let jobId: string;

  const installable =
    "it is installable: a valid manifest with resolvable icons, and a service worker controlling the app";
  const runInstallable = async () => {
    if (!browser) throw new Error("no browser");
    jobId = await openCall("tech-1");
    ({ context, page } = await signedIn(browser, office, server.origin, "tech-1"));
    try {
      await page.goto(`${server.origin}/field?job=${jobId}`);
      const scriptUrl = await untilControlled(page);
      expect(scriptUrl).toBe(`${server.origin}/sw.js`);
      const registration = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration("/");
        return { scope: r?.scope, state: r?.active?.state };
      });
      expect(registration).toEqual({ scope: `${server.origin}/`, state: "activated" });

      // The manifest the page links, checked field by field, and every icon fetched and measured.
      const manifestHref = await page
        .locator('link[rel="manifest"]')
        .evaluate((link) => (link as HTMLLinkElement).href);
      const response = await fetch(manifestHref);
      expect(response.headers.get("content-type")).toBe("application/manifest+json");
      const manifest = (await response.json()) as {
        name: string;
        short_name: string;
        start_url: string;
        scope: string;
        display: string;
        icons: { src: string; sizes: string; type: string; purpose?: string }[];
      };
      expect(manifest.name).toBe("Trade Office OS");
      expect(manifest.short_name.length).toBeLessThanOrEqual(12);
      expect(manifest.display).toBe("standalone");
      const scope = new URL(manifest.scope, manifestHref).href;
      expect(new URL(manifest.start_url, manifestHref).href.startsWith(scope)).toBe(true);
      expect(scope).toBe(`${server.origin}/`);
      const pngSizes: number[] = [];
      for (const icon of manifest.icons) {
        const file = await fetch(new URL(icon.src, manifestHref));
        expect(file.status, icon.src).toBe(200);
        expect(file.headers.get("content-type"), icon.src).toBe(icon.type);
        if (icon.type === "image/png") {
          const bytes = Buffer.from(await file.arrayBuffer());
          expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
          const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
          expect(`${width}x${height}`).toBe(icon.sizes);
          pngSizes.push(width);
        }
      }
      expect(pngSizes).toEqual(expect.arrayContaining([192, 512]));
      expect(manifest.icons.some((icon) => icon.purpose === "maskable")).toBe(true);

      // Chromium's own verdict on the page: no installability errors.
      const cdp = await context.newCDPSession(page);
      const verdict = (await cdp.send("Page.getInstallabilityErrors")) as {
        installabilityErrors: { errorId: string }[];
      };
      // A CDP session left attached resets the offline emulation on reload.
      await cdp.detach();
      // Playwright's contexts are incognito profiles: that one error is about the profile, not the app.
      expect(verdict.installabilityErrors.filter((error) => error.errorId !== "in-incognito")).toEqual([]);
    } catch (error) {
      await screenshot(page, "pwa-installable");
      throw error;
    }
  };

  const offline =
    "with the network cut it opens from cache, sizes a home, records a reading and stops the job on a gas smell; back online each queued item reaches the office once, and a second replay changes nothing";
  const runOffline = async () => {
    if (!browser || !page) throw new Error("the installable test did not leave a signed-in page");
    try {
      // One visit with signal under the worker's control saves the field snapshot.
      await page.reload();
      await expect.poll(() => page.locator("#saved-at").textContent(), { timeout: STEP_MS }).toMatch(/^Up to date/);
      await page.locator('#job-step [data-step-id="walkin_co"]').waitFor({ timeout: STEP_MS });
      const before = await serverState(jobId);

      await context.setOffline(true);
      await page.reload();
      await expect.poll(() => page.locator("#saved-at").textContent(), { timeout: STEP_MS }).toMatch(/^No signal/);
      expect(await page.locator("#net").getAttribute("data-online")).toBe("no");
      // What was saved for the tech: their profile and gates, today, the job's next step.
      await expect.poll(() => page.locator(".card.profile h3").textContent()).toMatch(/Riley Novak/);
      expect(await page.locator('.card.profile [data-fact="gates"] dd').textContent()).toMatch(/none/);
      expect(await page.locator('.card.dashboard [data-kpi="jobsToday"]').count()).toBe(1);
      expect(await page.locator('#job-step [data-step-id="walkin_co"]').textContent()).toMatch(/Ambient CO/);

      // Sizing on the phone: the seed's 2,000 sq ft home built 1975 is 4.5 tons, 70,000–90,000 BTU/h.
      await page.locator("#sqft").fill("2000");
      await page.locator("#year-built").fill("1975");
      await page.locator("#heating-fuel").selectOption("propane");
      await page.locator("#system-age").fill("17");
      await page.locator("#size-it").click();
      const result = page.locator("#size-result");
      await expect
        .poll(() => result.locator('[data-result="tons"] dd').textContent(), { timeout: STEP_MS })
        .toBe("4.5 tons");
      expect(await result.locator('[data-result="heating"] dd').textContent()).toBe("70,000–90,000 BTU/h");
      expect(await result.locator('[data-flag="end_of_life"]').count()).toBe(1);
      expect(await result.locator("tbody tr").count()).toBe(3);
      expect(await result.textContent()).toMatch(/\$918–\$1,704/); // propane → Better heat pump, the seed's basis range

      // A reading with no signal waits on the phone.
      await page.locator("#reading").fill("walk in CO reads zero ppm");
      await page.locator("#record-reading").click();
      await page.locator('#job-result [data-role="queued"]').waitFor({ timeout: STEP_MS });
      expect(await queueStates(page)).toEqual(["waiting"]);

      // "Smells like gas": the hazard screen on the phone stops the job with the seed's instructions.
      await page.locator("#reading").fill("smells like gas down here by the furnace");
      await page.locator("#record-reading").click();
      const stop = page.locator('#stops .hard-stop[data-stop-id="gas_leak"]');
      await stop.waitFor({ timeout: STEP_MS });
      expect(await stop.locator(".stop-action").textContent()).toBe(
        "Do now: Stop, ventilate, shut gas, escalate — no override",
      );
      expect(await page.locator("#job-panel").getAttribute("data-stopped")).toBe("yes");
      expect(await page.locator("#record-reading").isDisabled()).toBe(true);
      expect(await queueStates(page)).toEqual(["waiting", "waiting"]);
      // Nothing reached the server while offline.
      expect(await serverState(jobId)).toEqual(before);

      // The signal returns: the queue replays by itself.
      await context.setOffline(false);
      await expect.poll(() => queueStates(page), { timeout: STEP_MS }).toEqual(["stopped", "sent"]);
      const after = await serverState(jobId);
      expect(after.readings).toBe(before.readings + 1);
      expect(after.proposedAudit).toBe(before.proposedAudit + 1);
      expect(after.stoppedAudit).toBe(before.stoppedAudit + 1);
      expect(after.replayedMessages).toBe(before.replayedMessages + 1);
      // The reading became a proposal: shown as pending, not done.
      const sent = page.locator('#queue-items [data-state="sent"]');
      expect(await sent.getAttribute("data-proposal-status")).toBe("pending");
      expect(await sent.locator(".outcome-text").textContent()).toMatch(/^P-\d+ is pending: waiting for approval\.$/);
      const proposalId = await sent.getAttribute("data-proposal-id");
      const [stored] = await demoRows<{ status: string; channel: string; input: string }>(
        office,
        "SELECT status, channel, input FROM proposals WHERE tenant_id = 'demo' AND id = ?",
        proposalId,
      );
      expect(stored?.status).toBe("pending");
      expect(JSON.parse(stored?.input ?? "null")).toMatchObject({ jobId, stepId: "walkin_co", value: 0, unit: "ppm" });

      // The same queue replayed again (as after a lost answer): the server's keys make it a no-op.
      // (A string, so the test runner does not rewrite the page's own import.)
      const again = await page.evaluate(`(async () => {
        const queue = await import("/web/lib/offline-queue.js");
        for (const item of await queue.listItems()) await queue.requeue(item.key);
        return queue.replayQueue();
      })()`);
      expect(again).toMatchObject({ sent: 2, failed: 0 });
      expect(await serverState(jobId)).toEqual(after);
      expect(await page.locator('#queue-items [data-state="sent"]').getAttribute("data-proposal-id")).toBe(proposalId);
    } catch (error) {
      await screenshot(page, "pwa-offline");
      throw error;
    }
  };

  const chat = "the chat page opens with no signal and a message typed there is sent once when the signal returns";
  const runChat = async () => {
    if (!browser || !page) throw new Error("no signed-in page");
    try {
      await page.goto(`${server.origin}/`);
      await untilControlled(page);
      await context.setOffline(true);
      await page.reload();
      expect(await page.locator("#net").getAttribute("data-online")).toBe("no");
      const before = await serverState(jobId);
      await page.locator("#message").fill("what does today look like");
      await page.locator("#message").press("Enter");
      await page.locator('.msg.assistant[data-queued="true"]').waitFor({ timeout: STEP_MS });
      expect(await serverState(jobId)).toEqual(before);
      await context.setOffline(false);
      await expect
        .poll(async () => (await serverState(jobId)).replayedMessages, { timeout: STEP_MS })
        .toBe(before.replayedMessages + 1);
      // The answer arrives where the message was written, once the queue has sent it.
      const answered = page.locator('.msg.assistant[data-queued="sent"]');
      await expect.poll(() => answered.locator(".text").textContent(), { timeout: STEP_MS }).toMatch(/Dashboard for/);
      expect((await serverState(jobId)).allMessages).toBe(before.allMessages + 2);
    } catch (error) {
      await screenshot(page, "pwa-offline-chat");
      throw error;
    }
  };

  const conflict =
    "a salesperson's offline survey entry comes back as a conflict when the survey changed meanwhile, and their saved copy never held cost";
  const runConflict = async () => {
    if (!browser) throw new Error("no browser");
    const sales = await withTenant("demo", () => getActor(office.store.db, "demo", "sales-1"));
    const officeAdmin = await withTenant("demo", () => getActor(office.store.db, "demo", "office-1"));
    if (!sales || !officeAdmin) throw new Error("no demo people");
    const [customer] = await demoRows<{ id: string }>(
      office,
      "SELECT id FROM customers WHERE tenant_id = 'demo' ORDER BY id LIMIT 1",
    );
    if (!customer) throw new Error("no demo customer");
    const customerId = customer.id;
    const started = await office.kernel.execute(
      "survey.start_survey",
      {
        customerId,
        property: {
          street: "1420 Juniper Demo Ln",
          city: "Brighton",
          state: "CO",
          zip: "80601",
          sqft: 1800,
          yearBuilt: 1990,
        },
      },
      humanCall(office.kernel, sales, "cli"),
    );
    if (started.status !== "proposed") throw new Error(`start_survey: ${started.status}`);
    const opened = await office.kernel.decide("demo", started.proposal.id, "approve", sales, "cli");
    const survey = opened.status === "ok" ? (opened.data as { id: string; version: number }) : null;
    if (!survey) throw new Error(`approve start_survey: ${JSON.stringify(opened)}`);

    const signed = await signedIn(browser, office, server.origin, "sales-1");
    const salesPage = signed.page;
    try {
      await salesPage.goto(`${server.origin}/field?survey=${survey.id}`);
      await untilControlled(salesPage);
      await salesPage.reload();
      const card = salesPage.locator(`.card.survey[data-survey-id="${survey.id}"]`);
      await card.waitFor({ timeout: STEP_MS });
      expect(await card.getAttribute("data-version")).toBe(String(survey.version));
      // What the phone saved for a salesperson is what the server sent them: sell prices, never cost or margin.
      const saved = (await salesPage.evaluate(`(async () => {
        const cache = await caches.open("office-data-v1");
        const hit = await cache.match("/api/field/snapshot.json");
        return hit ? hit.text() : "";
      })()`)) as string;
      expect(saved).toContain('"sellPrice"');
      expect(saved).not.toMatch(/"vendorCost"|"margin"|"marginPct"|"markupPct"/);
      expect(saved).toContain(survey.id);
      // The founder's snapshot does carry cost: the difference is the kernel's redaction, not an empty price book.
      const founderToken = await demoToken(office, "founder");
      const founderSnapshot = await fetch(`${server.origin}/api/field/snapshot.json`, {
        headers: { authorization: `Bearer ${founderToken}` },
      });
      expect(await founderSnapshot.text()).toContain('"vendorCost"');

      await signed.context.setOffline(true);
      await salesPage.reload();
      await salesPage.locator("#sqft").fill("2000");
      await salesPage.locator("#year-built").fill("1975");
      await salesPage.locator("#size-it").click();
      await salesPage.locator("#save-to-survey").click();
      await expect.poll(() => queueStates(salesPage), { timeout: STEP_MS }).toEqual(["waiting"]);

      // Meanwhile the office changes the same survey.
      const edit = await office.kernel.execute(
        "survey.update_survey",
        { surveyId: survey.id, patch: { property: { sqft: 1850 } } },
        humanCall(office.kernel, officeAdmin, "cli"),
      );
      if (edit.status !== "proposed") throw new Error(`update_survey: ${JSON.stringify(edit)}`);
      expect((await office.kernel.decide("demo", edit.proposal.id, "approve", officeAdmin, "cli")).status).toBe("ok");

      await signed.context.setOffline(false);
      await expect.poll(() => queueStates(salesPage), { timeout: STEP_MS }).toEqual(["conflict"]);
      const item = salesPage.locator('#queue-items [data-state="conflict"]');
      expect(await item.locator(".outcome-text").textContent()).toMatch(/changed since version 1/);
      expect(await item.textContent()).toMatch(/2000 sq ft, built 1975 \(based on version 1\)/);
      const [stored] = await demoRows<{ data: string; version: number }>(
        office,
        "SELECT data, version FROM surveys WHERE tenant_id = 'demo' AND id = ?",
        survey.id,
      );
      const sqft = (JSON.parse(stored?.data ?? "{}") as { property?: { sqft?: number } }).property?.sqft;
      expect({ sqft, version: stored?.version }).toEqual({ sqft: 1850, version: survey.version + 1 });
      expect(
        await count(
          "SELECT count(*) AS n FROM proposals WHERE tenant_id = 'demo' AND requested_by = 'sales-1' AND tool = 'survey.update_survey'",
        ),
      ).toBe(0);
    } catch (error) {
      await screenshot(salesPage, "pwa-offline-conflict");
      throw error;
    } finally {
      await signed.context.close();
    }
  };

  if (HAS_CHROMIUM) {
    it(installable, { timeout: 60_000 }, runInstallable);
    it(offline, { timeout: 90_000 }, runOffline);
    it(chat, { timeout: 60_000 }, runChat);
    it(conflict, { timeout: 60_000 }, runConflict);
  } else {
    it.skip(`${installable} — SKIPPED: chromium missing`, runInstallable);
    it.skip(`${offline} — SKIPPED: chromium missing`, runOffline);
    it.skip(`${chat} — SKIPPED: chromium missing`, runChat);
    it.skip(`${conflict} — SKIPPED: chromium missing`, runConflict);
  }
});
