// Benchmark target: the real app plus one bare Hono route, on one server, in its own process.
// Usage: tsx bench/http-target.ts <store-path>   (prints the port on stdout when listening)
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../server/app.ts";
import { openOffice } from "../server/office.ts";

const path = process.argv[2];
if (!path) {
  console.error("usage: http-target.ts <store-path>");
  process.exit(2);
}
const office = await openOffice({ path, seed: false });
const root = new Hono();
root.get("/bench/bare", (c) => c.json({ ok: true }));
root.route("/", createApp(office));
const server = serve({ fetch: root.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  console.log(String(info.port));
});
process.on("SIGTERM", () => {
  server.close();
  office.close();
  process.exit(0);
});
