// The review page and the telemetry page in headless Chromium: the founder sees the office's suggestions grouped by
// trigger type with their why and diff, bulk-approves two low-risk ones and both show applied; then /telemetry draws
// its charts as inline SVG bars that match the store. No page logs an error (a CSP violation would).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../store/repos/tenants.ts";
import { scanTenant } from "../tools/ops/scan.ts";
import { TRIGGER_LABELS } from "../tools/ops/thresholds.ts";
import { type RunningServer, startServer, webTestApp } from "./fixtures-web/app.ts";
import { makeOffice, type TestOffice } from "./helpers.ts";
import { CHROMIUM, HAS_CHROMIUM, launchChromium, warnIfNoChromium } from "./browser.ts";

const STEP_MS = 10_000;

warnIfNoChromium("the review page and telemetry");

let office: TestOffice;
let server: RunningServer;
let browser: Browser | undefined;

beforeAll(async () => {
  office = await makeOffice();
  server = await startServer(webTestApp(office));
  if (HAS_CHROMIUM) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  office?.close();
});

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

async function statusOf(id: string): Promise<string | undefined> {
  const [row] = await office.rows<{ status: string }>(
    "demo",
    "SELECT status FROM proposals WHERE tenant_id = 'demo' AND id = ?",
    id,
  );
  return row?.status;
}

async function demoTasks(): Promise<number> {
  const [row] = await office.rows<{ n: number }>("demo", "SELECT count(*) AS n FROM tasks WHERE tenant_id = 'demo'");
  if (!row) throw new Error("no task count");
  return row.n;
}

describe("review and telemetry pages in headless Chromium", () => {
  const name =
    "the founder bulk-approves two suggestions from the grouped review queue, and /telemetry charts the result";
  const run = async () => {
    if (!browser) throw new Error("no browser");
    const scan = await scanTenant(office.kernel, "demo");
    const firstType = scan.emitted[0]?.type as keyof typeof TRIGGER_LABELS;
    const tasksBefore = await demoTasks();
    const page = await (await browser.newContext()).newPage();
    const errors = watchErrors(page);
    try {
      const token = await office.scoped("demo", () =>
        office.store.write((tx) =>
          createToken(tx, { tenantId: "demo", actorId: "founder", mode: "propose_actions", now: office.kernel.now() }),
        ),
      );
      await page.goto(`${server.origin}/login`);
      await page.locator("#token").fill(token);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(`${server.origin}/`, { timeout: STEP_MS });
      await page.goto(`${server.origin}/review`);

      // Grouped by trigger type, labelled in words, with the count; each card shows why and the diff.
      const group = page.locator(`.review-group[data-group="trigger:${firstType}"]`);
      await group.waitFor({ timeout: STEP_MS });
      expect(await group.locator("summary .group-label").textContent()).toBe(TRIGGER_LABELS[firstType]);
      const inGroup = scan.emitted.filter((e) => e.type === firstType).length;
      expect(await group.locator('[data-role="group-count"]').textContent()).toBe(String(inGroup));
      expect(await group.locator(".approval").count()).toBe(inGroup);
      const first = group.locator(".approval").first();
      await first.and(page.locator('[data-may-decide="yes"]')).waitFor({ timeout: STEP_MS });
      expect(await first.locator('[data-role="reasoning"]').textContent()).toMatch(/\w{4,}/);
      expect(await first.locator('[data-role="confidence"]').textContent()).toMatch(/^\d{2}%$/);
      expect(await first.locator('[data-role="evidence"]').textContent()).toContain("trigger:trg_");
      expect(await first.locator("table.diff ins").first().textContent()).toMatch(/\w{4,}/);
      expect(await first.locator('[data-action="approve"]').count()).toBe(1);

      // Pick two low-risk suggestions and approve them at once.
      const items = group.locator(".review-item");
      const ids = [
        (await items.nth(0).getAttribute("data-proposal-id")) as string,
        (await items.nth(1).getAttribute("data-proposal-id")) as string,
      ];
      for (const id of ids)
        await page.locator(`.review-item[data-proposal-id="${id}"] [data-role="bulk-select"]`).check();
      expect(await page.locator('#bulk [data-role="selected-count"]').textContent()).toBe("2 selected");
      await page.locator('#bulk [data-action="bulk-approve"]').click();
      for (const id of ids) {
        await page.locator(`.approval[data-proposal-id="${id}"][data-status="applied"]`).waitFor({ timeout: STEP_MS });
        expect(await statusOf(id)).toBe("applied");
      }
      await expect
        .poll(() => page.locator('#bulk [data-role="bulk-outcome"]').textContent(), { timeout: STEP_MS })
        .toBe("2 approved and applied.");
      const tasksAfter = await demoTasks();
      expect(tasksAfter).toBe(tasksBefore + 2);

      // The telemetry page: SVG bar charts, one bar per trigger type, and the two approvals drawn.
      await page.goto(`${server.origin}/telemetry`);
      const triggers = page.locator('figure.chart[data-chart="Triggers by type"] svg.bars');
      await triggers.waitFor({ timeout: STEP_MS });
      const raised = triggers.locator('rect.bar[data-series="raised"]');
      expect(await raised.count()).toBe(6);
      const firstBar = triggers.locator(`rect.bar[data-series="raised"][data-label="${TRIGGER_LABELS[firstType]}"]`);
      expect(await firstBar.getAttribute("data-value")).toBe(String(inGroup));
      expect(Number(await firstBar.getAttribute("width"))).toBeGreaterThan(0);
      const approved = page.locator(
        'figure.chart[data-chart="Approved and rejected"] rect.bar[data-label="Suggestions"][data-series="approved"]',
      );
      expect(await approved.getAttribute("data-value")).toBe("2");
      expect(await page.locator('[data-kpi="suggestionApprovalRate"] dd').textContent()).toBe("100%");
      expect(await page.locator("figure.chart svg.bars").count()).toBeGreaterThanOrEqual(5);
      expect(errors).toEqual([]);
    } catch (error) {
      mkdirSync("test-results", { recursive: true });
      await page.screenshot({ path: join("test-results", "web-review.png"), fullPage: true }).catch(() => {});
      throw error;
    }
  };

  if (HAS_CHROMIUM) it(name, { timeout: 30_000 }, run);
  else it.skip(`${name} — SKIPPED: ${CHROMIUM} is missing; install Debian chromium (apt-get install -y chromium)`, run);
});
