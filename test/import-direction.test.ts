// Dependencies point one way (STYLE "The house"): channels → tools → store → contracts; packs never import each other;
// a pack's pure modules import nothing from node:, the store or the kernel, so the browser can run them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const SOURCE_ROOMS = ["contracts", "store", "tools", "agent", "mcp", "server", "cli", "fixtures", "web", "evals"];

/** Lower rank may never import higher rank. Test, bench and evals may import anything. */
function rankOf(room: string): number {
  if (room === "contracts") return 0;
  if (room === "store") return 1;
  if (room === "fixtures") return 2;
  if (room === "tools/kernel") return 3;
  if (room.startsWith("tools/") && room !== "tools/index") return 4;
  if (room === "tools/index") return 5;
  if (room === "web") return 5;
  if (room === "agent") return 6;
  if (room === "mcp") return 7;
  if (room === "server") return 8;
  if (room === "cli" || room === "evals") return 9;
  return 10;
}

function roomOf(file: string): string {
  const rel = relative(ROOT, file).split("/");
  if (rel[0] === "tools") return rel.length === 2 ? "tools/index" : `tools/${rel[1]}`;
  return rel[0] ?? "";
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === "node_modules" || name.startsWith(".") || name === "migrations") continue;
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(full);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/(?:import|export)\s[^'";]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return specifiers.map((m) => m[1] ?? m[2] ?? "").filter(Boolean);
}

const files = SOURCE_ROOMS.flatMap((room) => {
  try {
    return sourceFiles(join(ROOT, room));
  } catch {
    return [];
  }
});

describe("import direction", () => {
  it("no room imports a room above it, and packs never import each other", () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = roomOf(file);
      for (const spec of importsOf(file).filter((s) => s.startsWith("."))) {
        const to = roomOf(resolve(dirname(file), spec));
        if (to === from) continue;
        const bothPacks =
          from.startsWith("tools/") &&
          to.startsWith("tools/") &&
          ![from, to].some((r) => r === "tools/kernel" || r === "tools/index");
        if (bothPacks || rankOf(to) > rankOf(from)) wrong.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("contracts import only zod", () => {
    const wrong = files
      .filter((f) => roomOf(f) === "contracts")
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => !s.startsWith(".") && s !== "zod")
          .map((s) => `${relative(ROOT, f)} → ${s}`),
      );
    expect(wrong).toEqual([]);
  });

  it("a pack's pure modules import nothing from node:, the store, the kernel or a shell file, so the browser can run them", () => {
    // A shell file does I/O (imports the kernel, the store or node:); every other file in a pack is a pure module.
    const packFiles = files.filter((f) => /^tools\/(?!kernel\/)[a-z]+\//.test(relative(ROOT, f)));
    const isShell = (file: string) =>
      importsOf(file).some((s) => s.startsWith("node:") || s.includes("/store/") || s.includes("/kernel/"));
    const shells = new Set(packFiles.filter(isShell));
    const wrong: string[] = [];
    for (const file of packFiles.filter((f) => !shells.has(f))) {
      for (const spec of importsOf(file).filter((s) => s.startsWith("."))) {
        const target = resolve(dirname(file), spec);
        if (shells.has(target)) wrong.push(`${relative(ROOT, file)} → ${spec} (a shell file)`);
      }
    }
    expect(wrong).toEqual([]);
    // Guard the rule itself: the known pure cores stay pure.
    for (const core of [
      "tools/survey/sizing.ts",
      "tools/repair/hazards.ts",
      "tools/repair/gates.ts",
      "tools/imports/dedupe.ts",
    ]) {
      const full = join(ROOT, core);
      if (files.includes(full)) expect(shells.has(full), core).toBe(false);
    }
  });
});
