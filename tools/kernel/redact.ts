// Role-based redaction of output (vendor cost, margin, commission) and of audit input (secrets, bill and identity fields).
import { COMMISSION_FIELDS, COST_FIELDS, canSeeCost, type Role } from "../../contracts/index.ts";

const COMMISSION_VIEWERS: readonly Role[] = ["founder", "office", "sales_manager", "salesperson"];

/** A preview change `{ field: "vendorCost", before, after }` carries a hidden value under a harmless key. */
function isHiddenChange(value: unknown, keys: ReadonlySet<string>): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const field = (value as Record<string, unknown>).field;
  return typeof field === "string" && keys.has(field.split(".").pop() ?? field);
}

function stripKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.filter((v) => !isHiddenChange(v, keys)).map((v) => stripKeys(v, keys));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (keys.has(k)) continue;
    out[k] = stripKeys(v, keys);
  }
  return out;
}

/** The keys this role must never receive, for a tool that declares `sensitive` extras. */
export function hiddenKeysFor(role: Role, sensitive: readonly string[] = []): ReadonlySet<string> {
  const hidden = new Set<string>();
  if (!canSeeCost(role)) {
    for (const k of COST_FIELDS) hidden.add(k);
    for (const k of sensitive) hidden.add(k);
  }
  if (!COMMISSION_VIEWERS.includes(role)) for (const k of COMMISSION_FIELDS) hidden.add(k);
  return hidden;
}

/** Field Engineer §11: sensitive values are filtered at the source for the role, not hidden in the UI. */
export function redactForRole<T>(value: T, role: Role, sensitive: readonly string[] = []): T {
  const hidden = hiddenKeysFor(role, sensitive);
  return hidden.size === 0 ? value : (stripKeys(value, hidden) as T);
}

const SECRET_KEY = /token|secret|password|api[_-]?key|authorization|account[_-]?number|ssn|base64|images?$/i;

/** ARCHITECTURE §3.6: audit input keeps what was asked, never secrets or bill/identity documents. */
export function redactForAudit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactForAudit);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) ? "[redacted]" : redactForAudit(v);
  }
  return out;
}
