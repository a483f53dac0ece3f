// Dedupe on 10,000-row synthetic exports per source profile (contracts seed §5, merge_candidate_refs; skeleton seed:
// duplicate_or_conflict). Planted duplicates must be proposed, planted look-alikes must not; precision and recall printed.
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.ts";
import {
  type DedupeRecord,
  dedupeRecordFromProjection,
  findMergeCandidates,
  jaroWinkler,
  MERGE_THRESHOLD,
  nameSimilarity,
  prepareRecord,
  proposeEntities,
  scorePair,
} from "./dedupe.ts";
import { projectRow } from "./normalize.ts";
import { buildManifest, detectProfile, type SourceProfileId, unaccountedColumns } from "./profiles.ts";

// ---------- synthetic data (invented names and streets, 555-01xx phones, example.com emails) ----------

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Ana",
  "Bo",
  "Carmen",
  "Dmitri",
  "Elena",
  "Farid",
  "Greta",
  "Hiro",
  "Imani",
  "Jonas",
  "Keiko",
  "Lionel",
  "Marisol",
  "Nikolai",
  "Odette",
  "Pavel",
  "Quinn",
  "Rosalind",
  "Soren",
  "Tamsin",
  "Ulric",
  "Valeria",
  "Wendell",
  "Xiomara",
  "Yusuf",
  "Zelda",
  "Abner",
  "Beatrix",
  "Cyrus",
  "Delphine",
  "Emeric",
  "Fiora",
  "Gideon",
  "Henrietta",
  "Ignatius",
  "Juno",
  "Kasimir",
  "Leocadia",
  "Magnus",
  "Noor",
  "Orson",
  "Philippa",
  "Radomir",
  "Sabine",
  "Thaddeus",
  "Ursula",
  "Vito",
  "Winifred",
  "Ximena",
  "Yorick",
];
const LAST_HEADS = [
  "Ash",
  "Brim",
  "Cald",
  "Dorn",
  "Ell",
  "Fen",
  "Gar",
  "Holl",
  "Ing",
  "Kes",
  "Lor",
  "Marl",
  "Nor",
  "Ost",
  "Pell",
  "Quill",
  "Rad",
  "Sel",
  "Tor",
  "Vand",
];
const LAST_TAILS = ["ford", "wick", "ton", "ley", "by", "more", "field", "well", "ridge", "stead"];
const LAST = LAST_HEADS.flatMap((head) => LAST_TAILS.map((tail) => head + tail));
const STREETS = [
  "Quillmoss",
  "Brindlewood",
  "Sparrowgate",
  "Fenwhistle",
  "Copperfern",
  "Mistlehaven",
  "Thornbury Glen",
  "Larkspire",
  "Oxbow Hollow",
  "Saltmarrow",
  "Wrenfield",
  "Gildercrest",
  "Harrowmede",
  "Pebblesworth",
  "Tansyvale",
  "Umberlight",
];
const TYPES: Array<[string, string]> = [
  ["Street", "St"],
  ["Avenue", "Ave"],
  ["Road", "Rd"],
  ["Drive", "Dr"],
  ["Lane", "Ln"],
  ["Court", "Ct"],
  ["Boulevard", "Blvd"],
  ["Parkway", "Pkwy"],
  ["Circle", "Cir"],
  ["Place", "Pl"],
  ["Terrace", "Ter"],
  ["Trail", "Trl"],
];
const DIRECTIONS: Array<[string, string]> = [
  ["North", "N"],
  ["South", "S"],
  ["East", "E"],
  ["West", "W"],
];
const CITIES = ["Larkmere", "Ostwick", "Fernbrook Hollow", "Caddis Point", "Wyndale", "Brackenridge"];
const STATES = ["OH", "PA", "MI", "WI", "MN", "IA"];

type Person = {
  personId: number;
  first: string;
  last: string;
  phone: string; // 10 digits
  email: string | null;
  houseNumber: number;
  direction: number | null;
  street: string;
  type: number;
  unit: string | null;
  city: string;
  state: string;
  zip: string;
};

type Style = {
  swapName: boolean;
  nameCase: "as_is" | "upper" | "lower";
  phoneStyle: number;
  abbreviate: boolean;
  unitStyle: number;
  dropEmail: boolean;
  dropAddress: boolean;
  badPhone: boolean;
  ragged: boolean;
};

type PlantedRow = { person: Person; style: Style; role: "base" | "duplicate" | "household" | "landlord" | "namesake" };

const BASE_STYLE: Style = {
  swapName: false,
  nameCase: "as_is",
  phoneStyle: 0,
  abbreviate: false,
  unitStyle: 0,
  dropEmail: false,
  dropAddress: false,
  badPhone: false,
  ragged: false,
};

function phoneText(digits: string, style: number): string {
  const a = digits.slice(0, 3);
  const b = digits.slice(3, 6);
  const c = digits.slice(6);
  return (
    [`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`, `1${digits}`][style % 5] ?? digits
  );
}

function streetText(person: Person, abbreviate: boolean): string {
  const [typeFull, typeShort] = TYPES[person.type] ?? ["Street", "St"];
  const direction = person.direction === null ? null : DIRECTIONS[person.direction];
  const dir = direction ? (abbreviate ? direction[1] : direction[0]) : null;
  return [String(person.houseNumber), dir, person.street, abbreviate ? typeShort : typeFull].filter(Boolean).join(" ");
}

function unitText(unit: string, style: number): string {
  return [`Apt ${unit}`, `#${unit}`, `Unit ${unit.toLowerCase()}`, `Apt. ${unit}`][style % 4] ?? unit;
}

function cased(text: string, style: Style["nameCase"]): string {
  return style === "upper" ? text.toUpperCase() : style === "lower" ? text.toLowerCase() : text;
}

const HEADERS: Record<SourceProfileId, string[]> = {
  servicetitan: [
    "Customer ID",
    "Customer Name",
    "Customer Type",
    "Phone Number",
    "Mobile Phone",
    "Email",
    "Street Address",
    "Unit",
    "City",
    "State",
    "Zip",
    "Member",
    "Tags",
    "Balance",
    "Created On",
    "Campaign",
    "Location ID",
    "Do Not Mail",
  ],
  jobber: [
    "Client ID",
    "Title",
    "First name",
    "Last name",
    "Company name",
    "Email",
    "Main phone #",
    "Mobile phone #",
    "Billing street 1",
    "Billing street 2",
    "Billing city",
    "Billing state/province",
    "Billing zip/postal code",
    "Billing country",
    "Tags",
    "Lead source",
    "Created date",
  ],
  housecall_pro: [
    "Customer ID",
    "First Name",
    "Last Name",
    "Display Name",
    "Company",
    "Mobile Number",
    "Home Number",
    "Work Number",
    "Email",
    "Address",
    "Address 2",
    "City",
    "State",
    "Zip",
    "Lead Source",
    "Tags",
    "Notifications Enabled",
  ],
  generic: ["Full Name", "Phone #", "E-mail", "Street Address", "City", "Zip Code", "Gate Code"],
};

function renderRow(profile: SourceProfileId, row: PlantedRow, index: number): string[] {
  const { person, style } = row;
  const first = cased(person.first, style.nameCase);
  const last = cased(person.last, style.nameCase);
  const fullName = style.swapName ? `${last}, ${first}` : `${first} ${last}`;
  const phone = style.badPhone ? `555-01${person.phone.slice(8)}` : phoneText(person.phone, style.phoneStyle);
  const email =
    style.dropEmail || !person.email ? "" : style.nameCase === "upper" ? person.email.toUpperCase() : person.email;
  const street = style.dropAddress ? "" : streetText(person, style.abbreviate);
  const unit = style.dropAddress || !person.unit ? "" : unitText(person.unit, style.unitStyle);
  const city = style.dropAddress ? "" : person.city;
  const state = style.dropAddress ? "" : person.state;
  const zip = style.dropAddress ? "" : person.zip;
  const id = `SRC-${100000 + index}`;
  const [firstCol, lastCol] = style.swapName ? [last, first] : [first, last];
  let cells: string[];
  switch (profile) {
    case "servicetitan":
      cells = [
        id,
        fullName,
        "Residential",
        phone,
        "",
        email,
        street,
        unit,
        city,
        state,
        zip,
        index % 7 === 0 ? "Yes" : "No",
        "furnace",
        "0.00",
        "2024-03-01",
        "Yard Signs",
        `L-${index}`,
        "No",
      ];
      break;
    case "jobber":
      cells = [
        id,
        "",
        firstCol,
        lastCol,
        "",
        email,
        phone,
        "",
        street,
        unit,
        city,
        state,
        zip,
        "United States",
        "hvac",
        "Google",
        "2024-03-01",
      ];
      break;
    case "housecall_pro":
      cells = [
        id,
        firstCol,
        lastCol,
        fullName,
        "",
        phone,
        "",
        "",
        email,
        street,
        unit,
        city,
        state,
        zip,
        "Referral",
        "plumbing",
        "true",
      ];
      break;
    case "generic":
      cells = [fullName, phone, email, unit ? `${street} ${unit}` : street, city, zip, index % 9 === 0 ? "#4411" : ""];
      break;
  }
  return style.ragged ? cells.slice(0, cells.length - 2) : cells;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

type PlantedSet = { csv: string; rows: PlantedRow[]; truePairs: Set<string>; negativePairs: Set<string> };

const PLANT = {
  total: 10_000,
  duplicates: 500,
  households: 150,
  landlords: 100,
  namesakes: 150,
  badPhones: 15,
  ragged: 10,
};

function plantedSet(profile: SourceProfileId, seed: number): PlantedSet {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  let nextPersonId = 0;
  let nextFreshPhone = 0;
  const freshPhone = () => {
    const n = nextFreshPhone++;
    return `${601 + Math.floor(n / 100)}55501${String(n % 100).padStart(2, "0")}`;
  };
  const newPerson = (index: number, phone: string): Person => ({
    personId: nextPersonId++,
    first: pick(FIRST),
    last: pick(LAST),
    phone,
    email: random() < 0.7 ? `customer${seed}-${index}@example.com` : null,
    houseNumber: 100 + index,
    direction: random() < 0.2 ? Math.floor(random() * 4) : null,
    street: pick(STREETS),
    type: Math.floor(random() * TYPES.length),
    unit: random() < 0.2 ? `${1 + Math.floor(random() * 9)}${pick(["A", "B", "C"])}` : null,
    city: pick(CITIES),
    state: pick(STATES),
    zip: `4${String(1000 + Math.floor(random() * 40) * 17).padStart(4, "0")}`,
  });

  const baseCount = PLANT.total - PLANT.duplicates - PLANT.households - PLANT.landlords - PLANT.namesakes;
  const rows: PlantedRow[] = [];
  for (let i = 0; i < baseCount; i += 1) {
    const phone = `${201 + Math.floor(i / 100)}55501${String(i % 100).padStart(2, "0")}`;
    rows.push({
      person: newPerson(i, phone),
      style: {
        ...BASE_STYLE,
        phoneStyle: Math.floor(random() * 5),
        abbreviate: random() < 0.5,
        unitStyle: Math.floor(random() * 4),
      },
      role: "base",
    });
  }
  // Each planted row refers to a distinct base person; the first bases carry row errors and stay out of the plants.
  const order = rows.map((_row, i) => i).sort(() => random() - 0.5);
  const errorBases = order.splice(0, PLANT.badPhones + PLANT.ragged);
  errorBases.forEach((baseIndex, k) => {
    const row = rows[baseIndex];
    if (row) row.style = { ...row.style, ...(k < PLANT.badPhones ? { badPhone: true } : { ragged: true }) };
  });
  const truePairs = new Set<string>();
  const negativePairs = new Set<string>();
  let planted = baseCount;
  const take = () => {
    const index = order.shift() ?? 0;
    return { index, base: rows[index] as PlantedRow };
  };
  for (let k = 0; k < PLANT.duplicates; k += 1) {
    const { index, base } = take();
    const kind = k % 3;
    const style: Style = {
      ...base.style,
      phoneStyle: base.style.phoneStyle + 1 + (k % 3),
      abbreviate: !base.style.abbreviate,
      unitStyle: base.style.unitStyle + 1,
      nameCase: kind === 0 ? "upper" : kind === 2 ? "lower" : "as_is",
      swapName: kind !== 0,
      dropEmail: kind === 1,
      dropAddress: kind === 2,
    };
    const person = kind === 1 ? { ...base.person, phone: freshPhone() } : base.person;
    rows.push({ person, style, role: "duplicate" });
    truePairs.add(`${index}|${planted}`);
    planted += 1;
  }
  const distinctFirst = (than: string) => {
    let first = pick(FIRST);
    while (jaroWinkler(first.toLowerCase(), than.toLowerCase()) >= 0.8) first = pick(FIRST);
    return first;
  };
  for (let k = 0; k < PLANT.households; k += 1) {
    const { index, base } = take();
    const person: Person = {
      ...base.person,
      personId: nextPersonId++,
      first: distinctFirst(base.person.first),
      email: null,
    };
    rows.push({ person, style: { ...base.style, phoneStyle: base.style.phoneStyle + 1 }, role: "household" });
    negativePairs.add(`${index}|${planted}`);
    planted += 1;
  }
  for (let k = 0; k < PLANT.landlords; k += 1) {
    const { index, base } = take();
    let person = newPerson(planted, base.person.phone);
    while (
      nameSimilarity(
        [person.first.toLowerCase(), person.last.toLowerCase()],
        [base.person.first.toLowerCase(), base.person.last.toLowerCase()],
      ) >= 0.7
    ) {
      person = { ...person, first: pick(FIRST), last: pick(LAST) };
    }
    rows.push({ person, style: { ...BASE_STYLE, phoneStyle: 2 }, role: "landlord" });
    negativePairs.add(`${index}|${planted}`);
    planted += 1;
  }
  for (let k = 0; k < PLANT.namesakes; k += 1) {
    const { index, base } = take();
    const person: Person = { ...newPerson(planted, freshPhone()), first: base.person.first, last: base.person.last };
    rows.push({ person, style: { ...BASE_STYLE }, role: "namesake" });
    negativePairs.add(`${index}|${planted}`);
    planted += 1;
  }
  // Shuffle the file order; pairs are kept by planted index and translated to row numbers.
  const fileOrder = rows.map((_row, i) => i).sort(() => random() - 0.5);
  const rowNumberOf = new Array<number>(rows.length);
  fileOrder.forEach((plantedIndex, position) => {
    rowNumberOf[plantedIndex] = position + 1;
  });
  const translate = (pairs: Set<string>) =>
    new Set(
      [...pairs].map((pair) => {
        const [a, b] = pair.split("|").map((n) => rowNumberOf[Number(n)] ?? 0);
        return pairKey(a ?? 0, b ?? 0);
      }),
    );
  const lines = [HEADERS[profile].map(csvCell).join(",")];
  fileOrder.forEach((plantedIndex, position) => {
    const row = rows[plantedIndex] as PlantedRow;
    lines.push(renderRow(profile, row, position).map(csvCell).join(","));
  });
  return {
    csv: `\uFEFF${lines.join("\r\n")}\r\n`,
    rows: fileOrder.map((i) => rows[i] as PlantedRow),
    truePairs: translate(truePairs),
    negativePairs: translate(negativePairs),
  };
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

// ---------- the 10,000-row imports ----------

const PROFILES: SourceProfileId[] = ["servicetitan", "jobber", "housecall_pro", "generic"];

describe("a 10,000-row export in each source profile's format", () => {
  it.each(PROFILES.map((profile, i) => [profile, i]))(
    "%s: every column accounted for, no row lost, planted duplicates proposed (precision and recall ≥ 0.95)",
    (profile, seed) => {
      const planted = plantedSet(profile as SourceProfileId, 1000 + (seed as number));
      const parsed = parseCsv(planted.csv);
      const detection = detectProfile(parsed.headers);
      expect(detection.profile).toBe(profile);
      const manifest = buildManifest(parsed.headers, detection.profile);
      expect(unaccountedColumns(parsed.headers, manifest)).toEqual([]);
      if (profile === "generic") expect(manifest.unmapped_columns.map((c) => c.column)).toEqual(["Gate Code"]);
      else expect(manifest.unmapped_columns).toEqual([]);

      // Zero rows lost: every data row is there, ragged ones listed as row errors.
      expect(parsed.rows).toHaveLength(PLANT.total);
      expect(parsed.rows.map((row) => row.rowNumber)).toEqual(Array.from({ length: PLANT.total }, (_v, i) => i + 1));
      expect(parsed.errors).toHaveLength(PLANT.ragged);

      const projections = parsed.rows.map((row) => ({
        row: row.rowNumber,
        projection: projectRow(row.values, manifest),
      }));
      const rowErrors = projections.flatMap(({ row, projection }) =>
        projection.errors.map((error) => ({ row, ...error })),
      );
      expect(rowErrors.filter((error) => error.field?.startsWith("phone")).length).toBe(PLANT.badPhones);

      const started = performance.now();
      const result = findMergeCandidates(
        projections.map(({ row, projection }) => dedupeRecordFromProjection(row, projection)),
      );
      const elapsedMs = Math.round(performance.now() - started);
      const predicted = new Set<string>();
      for (const entry of result.byRecord) {
        for (const match of entry.matches) predicted.add(pairKey(entry.ref.row ?? 0, match.ref.row ?? 0));
      }
      const truePositives = [...predicted].filter((pair) => planted.truePairs.has(pair)).length;
      const precision = predicted.size === 0 ? 0 : truePositives / predicted.size;
      const recall = truePositives / planted.truePairs.size;
      const falseMerges = [...planted.negativePairs].filter((pair) => predicted.has(pair)).length;
      console.log(
        `[dedupe] ${profile}: rows=${parsed.rows.length} csvRowErrors=${parsed.errors.length} projectionErrors=${rowErrors.length} ` +
          `planted=${planted.truePairs.size} proposed=${predicted.size} truePositives=${truePositives} ` +
          `precision=${precision.toFixed(4)} recall=${recall.toFixed(4)} hardNegativesProposed=${falseMerges}/${planted.negativePairs.size} ` +
          `comparisons=${result.comparisons} dedupeMs=${elapsedMs}`,
      );
      expect(precision).toBeGreaterThanOrEqual(0.95);
      expect(recall).toBeGreaterThanOrEqual(0.95);
      expect(falseMerges).toBe(0);
    },
  );
});

// ---------- unit cases ----------

function record(row: number, name: string, extra: Partial<DedupeRecord> = {}): DedupeRecord {
  return { ref: { row }, name, phones: [], emails: [], street: null, unit: null, zip: null, ...extra };
}

function score(a: DedupeRecord, b: DedupeRecord) {
  return scorePair(prepareRecord(a), prepareRecord(b));
}

describe("scorePair", () => {
  it.each<[string, DedupeRecord, DedupeRecord, boolean]>([
    [
      "the same person with a reformatted phone",
      record(1, "Ana Ruiz", { phones: ["(201) 555-0101"] }),
      record(2, "ANA RUIZ", { phones: ["+1 201.555.0101"] }),
      true,
    ],
    [
      "swapped name order at an abbreviated street",
      record(1, "Ana Ruiz", { street: "12 Quillmoss Street", zip: "41017" }),
      record(2, "Ruiz, Ana", { street: "12 quillmoss st.", zip: "41017" }),
      true,
    ],
    [
      "a shared email with a middle initial",
      record(1, "Ana M. Ruiz", { emails: ["ana@example.com"] }),
      record(2, "Ana Ruiz", { emails: ["ANA@example.com "] }),
      true,
    ],
    [
      "a one-letter typo in the first name on the same phone",
      record(1, "Jonas Ashford", { phones: ["2015550101"] }),
      record(2, "Jonah Ashford", { phones: ["2015550101"] }),
      true,
    ],
    [
      "a household: different first names on one phone and address",
      record(1, "Ana Ruiz", { phones: ["2015550101"], street: "12 Quillmoss St", zip: "41017" }),
      record(2, "Bo Ruiz", { phones: ["2015550101"], street: "12 Quillmoss St", zip: "41017" }),
      false,
    ],
    [
      "a landlord and a tenant sharing a phone",
      record(1, "Ana Ruiz", { phones: ["2015550101"] }),
      record(2, "Orson Tollby", { phones: ["2015550101"] }),
      false,
    ],
    [
      "the same name at a different address with a different phone",
      record(1, "Ana Ruiz", { phones: ["2015550101"], street: "12 Quillmoss St", zip: "41017" }),
      record(2, "Ana Ruiz", { phones: ["2015550188"], street: "9 Wrenfield Rd", zip: "41050" }),
      false,
    ],
    [
      "father and son: Sr and Jr at one address",
      record(1, "Gideon Kesby Sr.", { phones: ["2015550101"], street: "12 Quillmoss St", zip: "41017" }),
      record(2, "Gideon Kesby Jr.", { phones: ["2015550101"], street: "12 Quillmoss St", zip: "41017" }),
      false,
    ],
    [
      "neighbours: same name, same building, different units",
      record(1, "Ana Ruiz", { street: "12 Quillmoss St Apt 1A", zip: "41017" }),
      record(2, "Ana Ruiz", { street: "12 Quillmoss St", unit: "2B", zip: "41017" }),
      false,
    ],
  ])("%s → candidate %s", (_label, a, b, expected) => {
    const scored = score(a, b);
    expect(scored !== null, JSON.stringify(scored)).toBe(expected);
    if (scored) expect(scored.score).toBeGreaterThanOrEqual(MERGE_THRESHOLD);
  });

  it("explains a candidate in plain words", () => {
    const scored = score(
      record(1, "Ruiz Ana", { phones: ["2015550101"], emails: ["a@example.com"] }),
      record(2, "Ana Ruiz", { phones: ["201-555-0101"], emails: ["b@example.com"] }),
    );
    expect(scored?.reasons).toEqual(["same name, order swapped", "same phone 2015550101", "emails differ"]);
  });
});

describe("findMergeCandidates", () => {
  it("matches a batch against existing customers, and not existing customers against each other", () => {
    const existing = [
      record(0, "Ana Ruiz", { ref: { customerId: "cus_1" }, phones: ["2015550101"] }),
      record(0, "Ana Ruiz", { ref: { customerId: "cus_2" }, phones: ["2015550101"] }),
    ];
    const result = findMergeCandidates([record(1, "ruiz ana", { phones: ["201.555.0101"] })], { existing });
    expect(result.byRecord[0]?.matches.map((m) => m.ref.customerId)).toEqual(["cus_1", "cus_2"]);
    expect(result.comparisons).toBe(2);
  });

  it("skips a blocking key shared by too many records and reports it", () => {
    const office = Array.from({ length: 60 }, (_v, i) => record(i + 1, `Person ${i}`, { phones: ["2015550199"] }));
    const result = findMergeCandidates(office, { maxBlockSize: 50 });
    expect(result.skippedBlocks).toEqual([{ key: "phone:2015550199", size: 60 }]);
  });

  it("stays near-linear on 100,000 rows thanks to blocking", () => {
    const random = mulberry32(7);
    const rows = Array.from({ length: 100_000 }, (_v, i) =>
      record(i + 1, `${FIRST[i % FIRST.length]} ${LAST[Math.floor(random() * LAST.length)]}`, {
        phones: [`${201 + Math.floor(i / 100)}55501${String(i % 100).padStart(2, "0")}`],
        street: `${i + 100} ${STREETS[i % STREETS.length]} St`,
        zip: "41017",
      }),
    );
    const started = performance.now();
    const result = findMergeCandidates(rows);
    const elapsedMs = Math.round(performance.now() - started);
    console.log(`[dedupe] 100,000 rows: comparisons=${result.comparisons} ms=${elapsedMs}`);
    expect(result.comparisons).toBeLessThan(rows.length * 10); // all pairs would be ~5·10⁹
    expect(elapsedMs).toBeLessThan(20_000);
  });
});

describe("proposeEntities", () => {
  it("a row with merge candidates yields customer, property and contact proposals that need review", () => {
    const manifest = buildManifest(["Full Name", "Phone #", "Street Address", "Zip Code"], "generic");
    const projection = projectRow(
      { "Full Name": "Ana Ruiz", "Phone #": "201-555-0101", "Street Address": "12 Quillmoss St", "Zip Code": "41017" },
      manifest,
    );
    const proposals = proposeEntities("batch_1", 7, projection, [
      { ref: { customerId: "cus_1" }, score: 0.9, reasons: [] },
    ]);
    expect(proposals.map((p) => [p.proposal_id, p.entity_type, p.review_required])).toEqual([
      ["batch_1:row-7:customer", "customer", true],
      ["batch_1:row-7:property", "property", true],
      ["batch_1:row-7:contact-1", "contact_point", true],
    ]);
    expect(proposals[0]?.merge_candidate_refs).toEqual(["customer:cus_1"]);
    expect(proposeEntities("batch_1", 7, projection, [])[0]?.review_required).toBe(false);
  });
});
