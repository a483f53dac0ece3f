// Dedupe scoring for NormalizedEntityProposal.merge_candidate_refs (contracts seed §5; skeleton seed: duplicate_or_conflict).
// Pure and blocked (no all-pairs scan). It only proposes candidates: a person decides every merge, nothing is auto-merged.
import {
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeStreet,
  normalizeUnit,
  normalizeZip,
  type RowProjection,
} from "./normalize.ts";

export type DedupeRef = { row?: number; customerId?: string };

export type DedupeRecord = {
  ref: DedupeRef;
  name: string;
  phones: readonly string[];
  emails: readonly string[];
  street: string | null;
  unit: string | null;
  zip: string | null;
  /** Optional; "Jr" and "Sr" at one address are two people. Read from `name` when absent. */
  nameSuffix?: string | null;
};

export type MergeMatch = { ref: DedupeRef; score: number; reasons: string[] };
export type RecordCandidates = { ref: DedupeRef; matches: MergeMatch[] };

export type DedupeOptions = {
  /** Customers already on file; batch rows are matched against them too. Pairs among them are not scored. */
  existing?: readonly DedupeRecord[];
  /** Least score for a candidate. Default MERGE_THRESHOLD. */
  threshold?: number;
  /** A blocking key shared by more records than this is skipped (reported), so one busy key cannot go quadratic. */
  maxBlockSize?: number;
};

export type DedupeResult = {
  /** One entry per input record, in input order. */
  byRecord: RecordCandidates[];
  /** Blocking keys skipped because too many records shared them (e.g. an office's own phone number on every row). */
  skippedBlocks: Array<{ key: string; size: number }>;
  /** How many pairs were scored, to show the blocking works. */
  comparisons: number;
};

/**
 * Scoring (documented thresholds):
 * - names must be alike: token-aligned Jaro-Winkler ≥ NAME_MIN, and every aligned token ≥ TOKEN_MIN, so "Jane Smith"
 *   and "John Smith" on one phone (a household) or a landlord and a tenant are never candidates, whatever they share;
 * - evidence combines independent matches: phone 0.7, email 0.8, street+zip 0.7 (0.5 when only one side gives a unit);
 * - score = ½·name + ½·evidence; a candidate needs score ≥ MERGE_THRESHOLD, so a name match alone (evidence 0) never is;
 * - a missing name counts as 0.8 (unknown, not different), so a nameless row with a known phone is shown for review.
 */
export const NAME_MIN = 0.85;
export const TOKEN_MIN = 0.8;
export const MERGE_THRESHOLD = 0.75;
const UNKNOWN_NAME = 0.8;
const WEIGHT = { phone: 0.7, email: 0.8, address: 0.7, addressUnitUnknown: 0.5 } as const;

/** Jaro-Winkler similarity of two strings, 0..1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k += 1;
    if (a[i] !== b[k]) transpositions += 1;
    k += 1;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Token-aligned name similarity: tokens are paired best-first (so word order does not matter), an extra token (a
 * middle name) counts 0.7, and the weakest aligned pair caps the result (a different first name is a different person).
 */
export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const pairs: Array<{ i: number; j: number; sim: number }> = [];
  for (let i = 0; i < a.length; i += 1) {
    for (let j = 0; j < b.length; j += 1) pairs.push({ i, j, sim: jaroWinkler(a[i] ?? "", b[j] ?? "") });
  }
  pairs.sort((x, y) => y.sim - x.sim);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let sum = 0;
  let weakest = 1;
  for (const pair of pairs) {
    if (usedA.has(pair.i) || usedB.has(pair.j)) continue;
    usedA.add(pair.i);
    usedB.add(pair.j);
    sum += pair.sim;
    weakest = Math.min(weakest, pair.sim);
  }
  const longer = Math.max(a.length, b.length);
  const unmatched = longer - Math.min(a.length, b.length);
  const score = (sum + 0.7 * unmatched) / longer;
  return weakest < TOKEN_MIN ? Math.min(score, weakest) : score;
}

export type PreparedRecord = {
  ref: DedupeRef;
  tokens: string[];
  nameKey: string;
  suffix: string | null;
  phones: Set<string>;
  emails: Set<string>;
  street: string | null;
  unit: string | null;
  zip: string | null;
};

/** Normalizes a record once for scoring. */
export function prepareRecord(record: DedupeRecord): PreparedRecord {
  const name = record.name.trim() === "" ? null : normalizeName(record.name);
  const street = record.street && record.street.trim() !== "" ? normalizeStreet(record.street) : null;
  const phones = new Set<string>();
  for (const raw of record.phones) {
    const phone = normalizePhone(raw).value;
    if (phone) phones.add(phone);
  }
  const emails = new Set<string>();
  for (const raw of record.emails) {
    const email = normalizeEmail(raw).value;
    if (email) emails.add(email);
  }
  return {
    ref: record.ref,
    tokens: name?.tokens ?? [],
    nameKey: name?.key ?? "",
    suffix: record.nameSuffix ?? name?.suffix ?? null,
    phones,
    emails,
    street: street?.street || null,
    unit: (record.unit ? normalizeUnit(record.unit) : null) ?? street?.unit ?? null,
    zip: record.zip ? normalizeZip(record.zip).value : null,
  };
}

function blockingKeys(record: PreparedRecord): string[] {
  const keys: string[] = [];
  for (const phone of record.phones) keys.push(`phone:${phone}`);
  for (const email of record.emails) keys.push(`email:${email}`);
  if (record.street && record.zip) keys.push(`address:${record.street}|${record.zip}`);
  if (record.nameKey) keys.push(`name:${record.nameKey}`);
  return keys;
}

function shared<T>(a: Set<T>, b: Set<T>): T | undefined {
  for (const value of a) if (b.has(value)) return value;
  return undefined;
}

/** Scores one prepared pair; null when it is not a candidate (also usable for a single intake item). */
export function scorePair(
  a: PreparedRecord,
  b: PreparedRecord,
  threshold = MERGE_THRESHOLD,
): { score: number; reasons: string[] } | null {
  const reasons: string[] = [];
  if (a.suffix && b.suffix && a.suffix !== b.suffix) return null;
  const known = a.tokens.length > 0 && b.tokens.length > 0;
  const nameSim = known ? nameSimilarity(a.tokens, b.tokens) : UNKNOWN_NAME;
  if (known && nameSim < NAME_MIN) return null;

  let missing = 1;
  const phone = shared(a.phones, b.phones);
  if (phone) {
    missing *= 1 - WEIGHT.phone;
    reasons.push(`same phone ${phone}`);
  } else if (a.phones.size > 0 && b.phones.size > 0) reasons.push("phones differ");
  const email = shared(a.emails, b.emails);
  if (email) {
    missing *= 1 - WEIGHT.email;
    reasons.push(`same email ${email}`);
  } else if (a.emails.size > 0 && b.emails.size > 0) reasons.push("emails differ");
  const sameStreet =
    a.street !== null && a.street === b.street && (a.zip === null || b.zip === null || a.zip === b.zip);
  if (sameStreet && a.unit !== null && b.unit !== null && a.unit !== b.unit) {
    reasons.push(`same building, different unit (${a.unit} / ${b.unit})`);
  } else if (sameStreet && (a.unit === null) !== (b.unit === null)) {
    missing *= 1 - WEIGHT.addressUnitUnknown;
    reasons.push("same street and zip; only one gives a unit");
  } else if (sameStreet) {
    missing *= 1 - WEIGHT.address;
    reasons.push("same street and zip");
  } else if (a.street && b.street) reasons.push("addresses differ");
  const evidence = 1 - missing;
  const score = Math.round((0.5 * nameSim + 0.5 * evidence) * 1000) / 1000;
  if (score < threshold) return null;
  if (!known) reasons.unshift("name missing on one record");
  else if (a.nameKey === b.nameKey)
    reasons.unshift(a.tokens.join(" ") === b.tokens.join(" ") ? "same name" : "same name, order swapped");
  else reasons.unshift(`similar name (${nameSim.toFixed(2)})`);
  return { score, reasons };
}

/** Merge candidates for each record, within the batch and against `options.existing`, best first. */
export function findMergeCandidates(records: readonly DedupeRecord[], options: DedupeOptions = {}): DedupeResult {
  const threshold = options.threshold ?? MERGE_THRESHOLD;
  const maxBlockSize = options.maxBlockSize ?? 50;
  const all = [...records, ...(options.existing ?? [])].map(prepareRecord);
  const batchSize = records.length;
  const blocks = new Map<string, number[]>();
  all.forEach((record, index) => {
    for (const key of blockingKeys(record)) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
  });

  const byRecord: RecordCandidates[] = records.map((record) => ({ ref: record.ref, matches: [] }));
  const skippedBlocks: DedupeResult["skippedBlocks"] = [];
  const seen = new Set<number>();
  const total = all.length;
  let comparisons = 0;
  for (const [key, members] of blocks) {
    if (members.length < 2) continue;
    if (members.length > maxBlockSize) {
      skippedBlocks.push({ key, size: members.length });
      continue;
    }
    for (let x = 0; x < members.length; x += 1) {
      for (let y = x + 1; y < members.length; y += 1) {
        const i = members[x] ?? 0;
        const j = members[y] ?? 0;
        if (i >= batchSize && j >= batchSize) continue; // two existing customers: not this import's business
        const pairId = Math.min(i, j) * total + Math.max(i, j);
        if (seen.has(pairId)) continue;
        seen.add(pairId);
        comparisons += 1;
        const a = all[i];
        const b = all[j];
        if (!a || !b) continue;
        const scored = scorePair(a, b, threshold);
        if (!scored) continue;
        if (i < batchSize) byRecord[i]?.matches.push({ ref: b.ref, ...scored });
        if (j < batchSize) byRecord[j]?.matches.push({ ref: a.ref, ...scored });
      }
    }
  }
  for (const entry of byRecord) entry.matches.sort((m, n) => n.score - m.score);
  return { byRecord, skippedBlocks, comparisons };
}

/** The dedupe input for a projected import row. */
export function dedupeRecordFromProjection(row: number, projection: RowProjection): DedupeRecord {
  return {
    ref: { row },
    name: projection.customer.name ?? "",
    phones: projection.contactPoints.filter((c) => c.kind === "phone").map((c) => c.value),
    emails: projection.contactPoints.filter((c) => c.kind === "email").map((c) => c.value),
    street: projection.property?.street ?? null,
    unit: projection.property?.unit ?? null,
    zip: projection.property?.zip ?? null,
    nameSuffix: projection.customer.nameSuffix,
  };
}

export function refLabel(ref: DedupeRef): string {
  return ref.customerId !== undefined ? `customer:${ref.customerId}` : `row:${ref.row ?? "?"}`;
}

export type EntityProposal = {
  proposal_id: string;
  batch_id: string;
  entity_type: "customer" | "property" | "contact_point";
  canonical_payload: Record<string, unknown>;
  confidence: number;
  merge_candidate_refs: string[];
  review_required: boolean;
  row_number: number;
};

/** Least confidence for a row that has no candidates and no errors to pass without review (a "low-risk auto rule"). */
export const AUTO_ACCEPT_CONFIDENCE = 0.85;

/**
 * NormalizedEntityProposals for one row (customer, its property, its contact points). Ids are deterministic from batch
 * and row, so a re-run of the same batch proposes the same ids. A row with merge candidates always needs review.
 */
export function proposeEntities(
  batchId: string,
  rowNumber: number,
  projection: RowProjection,
  matches: readonly MergeMatch[],
): EntityProposal[] {
  const refs = matches.map((match) => refLabel(match.ref));
  const review = refs.length > 0 || projection.errors.length > 0 || projection.confidence < AUTO_ACCEPT_CONFIDENCE;
  const base = `${batchId}:row-${rowNumber}`;
  const proposals: EntityProposal[] = [
    {
      proposal_id: `${base}:customer`,
      batch_id: batchId,
      entity_type: "customer",
      canonical_payload: { ...projection.customer },
      confidence: projection.confidence,
      merge_candidate_refs: refs,
      review_required: review,
      row_number: rowNumber,
    },
  ];
  if (projection.property) {
    proposals.push({
      proposal_id: `${base}:property`,
      batch_id: batchId,
      entity_type: "property",
      canonical_payload: { ...projection.property },
      confidence: projection.confidence,
      merge_candidate_refs: refs,
      review_required: review,
      row_number: rowNumber,
    });
  }
  projection.contactPoints.forEach((point, index) => {
    proposals.push({
      proposal_id: `${base}:contact-${index + 1}`,
      batch_id: batchId,
      entity_type: "contact_point",
      canonical_payload: { ...point },
      confidence: projection.confidence,
      merge_candidate_refs: refs,
      review_required: review,
      row_number: rowNumber,
    });
  });
  return proposals;
}
