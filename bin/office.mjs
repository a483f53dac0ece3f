#!/usr/bin/env node
// The `office` executable: registers tsx so the TypeScript CLI runs without a build step, then hands over argv.
import { randomUUID } from "node:crypto";
import { register } from "tsx/esm/api";

register();
try {
  const { runCli } = await import("../cli/main.ts");
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  // The CLI itself failed to load (a broken install or checkout): one line, never a stack trace.
  const ref = randomUUID().slice(0, 8);
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  process.stderr.write(`office: could not start (reference ${ref}): ${message}\n`);
  if (process.env.OFFICE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}
