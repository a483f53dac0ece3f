// Shared by the browser tests: Debian's Chromium (skipped loudly when missing), a signed-in page per person,
// and a watcher for console and page errors.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import type { Office } from "../server/office.ts";
import { createLoginLink } from "../server/routes/web.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const STEP_MS = 15_000;
const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export function warnIfNoChromium(what: string): void {
  if (HAS_CHROMIUM) return;
  console.warn(
    `\n!!! BROWSER TEST SKIPPED (${what}): ${CHROMIUM} is missing. Install Debian chromium (apt-get install -y chromium). ` +
      "This is NOT a pass. !!!\n",
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/** A fresh browser context signed in as one person with a one-time login link, on the chat page. */
export async function signedIn(
  browser: Browser,
  office: Office,
  origin: string,
  actorId: string,
  init?: (context: BrowserContext) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  if (init) await init(context);
  const page = await context.newPage();
  const link = await createLoginLink(office, { tenantId: "demo", actorId });
  await page.goto(origin + link.path);
  await page.locator("#use-link").click();
  await page.waitForURL(`${origin}/`, { timeout: STEP_MS });
  return { context, page };
}

/** Waits until the service worker is active and controls the page. */
export async function untilControlled(page: Page): Promise<string> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: STEP_MS });
  return page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? "");
}

/** Console errors and uncaught page errors (a CSP violation shows up here). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
