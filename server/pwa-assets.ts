// What the installable field app needs besides web/: the browser bundle of the packs' pure modules (built in memory
// with esbuild, once per process), the PNG icons (drawn in code) and the service worker with its precache list.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { deflateSync } from "node:zlib";
import { build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const WEB_ROOT = join(ROOT, "web");

/**
 * The one source of the field app's offline logic: the same pure modules the server's tools call. The bundle may
 * contain nothing else (checked on every build): no node:, no store/, no kernel.
 */
const FIELD_CORE_ENTRY = `
export { sizeHome } from "./tools/survey/sizing.ts";
export { TIER_TABLE, tiersFor, tierSpec, categoryForEquipment } from "./tools/survey/tiers.ts";
export { flagSystem, flagHome } from "./tools/survey/flags.ts";
export { savingsProfile, climateZoneForState, confidenceTierFor, availableBaselines } from "./tools/survey/savings.ts";
export { ratesFor } from "./tools/survey/rates-data.ts";
export { recommend } from "./tools/survey/recommendation.ts";
export { scanForHazards, STOP_CATALOG } from "./tools/repair/hazards.ts";
export { parseReadings } from "./tools/repair/readings.ts";
`;

/** Where the bundle's inputs may come from: the survey and repair packs' pure modules, nothing else. */
const PURE_MODULE = /^tools\/(survey|repair)\/[a-z0-9-]+\.ts$/;

let fieldCore: Promise<string> | null = null;

/** The browser ES module of the field app's offline logic (built on first use, then cached for the process). */
export function fieldCoreBundle(): Promise<string> {
  fieldCore ??= buildFieldCore().catch((error: unknown) => {
    fieldCore = null;
    throw error;
  });
  return fieldCore;
}

async function buildFieldCore(): Promise<string> {
  const result = await build({
    stdin: { contents: FIELD_CORE_ENTRY, resolveDir: ROOT, loader: "ts", sourcefile: "field-core.ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2020"],
    write: false,
    metafile: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
  });
  const impure = Object.keys(result.metafile.inputs).filter(
    (input) => input !== "field-core.ts" && !PURE_MODULE.test(input),
  );
  if (impure.length > 0) {
    throw new Error(`The field bundle may only hold the packs' pure modules; it pulled in ${impure.join(", ")}.`);
  }
  const text = result.outputFiles[0]?.text;
  if (!text) throw new Error("esbuild produced no field bundle");
  return `// Built by the server from tools/survey and tools/repair pure modules (server/pwa-assets.ts). Do not edit.\n${text}`;
}

// ---------------------------------------------------------------- icons

const BRAND = [0x0b, 0x5c, 0xad] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * The app icon as a PNG: the favicon's white "T" on the brand blue, full bleed so it also works as a maskable icon
 * (the mark stays inside the central safe zone).
 */
export function iconPng(size: number): Buffer {
  const inside = (x: number, y: number) => {
    const u = (x + 0.5) / size;
    const v = (y + 0.5) / size;
    // favicon.svg path on a 64 grid: bar 16..48 × 20..26, stem 29..35 × 26..48.
    const bar = u >= 16 / 64 && u < 48 / 64 && v >= 20 / 64 && v < 26 / 64;
    const stem = u >= 29 / 64 && u < 35 / 64 && v >= 26 / 64 && v < 48 / 64;
    return bar || stem;
  };
  const rowBytes = size * 4 + 1;
  const raw = Buffer.alloc(rowBytes * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * rowBytes] = 0; // filter: none
    for (let x = 0; x < size; x += 1) {
      const at = y * rowBytes + 1 + x * 4;
      const [r, g, b] = inside(x, y) ? [255, 255, 255] : BRAND;
      raw[at] = r;
      raw[at + 1] = g;
      raw[at + 2] = b;
      raw[at + 3] = 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const ICON_SIZES = [192, 512] as const;

// ---------------------------------------------------------------- service worker

const SHELL_TYPES = new Set([".js", ".css", ".svg", ".webmanifest"]);

/** Files under web/ the app shell needs offline (scripts, styles, icons, manifest), as URLs. */
function shellAssets(): { urls: string[]; hash: ReturnType<typeof createHash> } {
  const hash = createHash("sha256");
  const urls: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith(".")) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (SHELL_TYPES.has(extname(name)) && name !== "sw.js") {
        const path = relative(WEB_ROOT, full).split("\\").join("/");
        urls.push(`/web/${path}`);
        hash.update(path).update(readFileSync(full));
      }
    }
  };
  walk(WEB_ROOT);
  return { urls, hash };
}

/** Pages a signed-in person opens in the field; cached as they were last served to them. */
export const OFFLINE_PAGES = ["/", "/field"] as const;

let serviceWorker: Promise<string> | null = null;

/**
 * web/sw.js with its precache list and version prepended. The version is a hash of every shell file and the bundle,
 * so changing any of them installs a new worker that re-caches the shell.
 */
export function serviceWorkerScript(): Promise<string> {
  serviceWorker ??= (async () => {
    const bundle = await fieldCoreBundle();
    const source = readFileSync(join(WEB_ROOT, "sw.js"), "utf8");
    const { urls, hash } = shellAssets();
    hash.update(bundle).update(source);
    const shell = [
      ...OFFLINE_PAGES,
      ...urls,
      "/pwa/field-core.js",
      ...ICON_SIZES.map((size) => `/pwa/icon-${size}.png`),
    ];
    const version = hash.digest("base64url").slice(0, 16);
    return `const SHELL_VERSION = ${JSON.stringify(version)};\nconst SHELL_URLS = ${JSON.stringify(shell)};\n${source}`;
  })().catch((error: unknown) => {
    serviceWorker = null;
    throw error;
  });
  return serviceWorker;
}
