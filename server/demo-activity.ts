// Demo activity made through the kernel on first start: a staged customer import waiting for review and a call
// transcript, so every queue of the demo business has something real in it. Runs only when the demo was just seeded.
import { getActor } from "../store/repos/tenants.ts";
import { humanCall, type Kernel } from "../tools/kernel/index.ts";
import type { Store } from "../store/index.ts";
import { rawGet } from "../store/raw.ts";
import { withTenant } from "../store/scope.ts";

/** A small export in a generic spreadsheet layout; the last row repeats an existing demo customer, reformatted. */
function sampleCsv(existing: { name: string; phone: string | null }): string {
  const [first = "Sam", ...rest] = existing.name.split(" ");
  const swapped = `${rest.join(" ") || "Lee"}, ${first}`;
  return [
    "Full Name,Phone #,E-mail,Street Address,City,State,Zip Code,Gate Code",
    "Priya Castellanos,(720) 555-0131,priya.castellanos@example.com,418 Quarry Lantern Ave,Cedar Mesa,CO,80516,",
    "Tomas Whitcombe,303.555.0177,t.whitcombe@example.org,92 Juniper Hollow Rd Apt 4,Pinecrest Falls,CO,80421,2211",
    "Odessa Marchetti,+1 970 555 0164,,7 Lark Meadow Ct,Cedar Mesa,CO,80516,",
    `"${swapped}",${existing.phone ?? ""},,,,,,`,
  ].join("\n");
}

async function proposeAndApprove(kernel: Kernel, store: Store, tool: string, input: unknown): Promise<void> {
  const office = await getActor(store.db, "demo", "office-1");
  if (!office) return;
  const proposed = await kernel.execute(tool, input, humanCall(kernel, office, "cli"));
  if (proposed.status !== "proposed")
    throw new Error(`demo activity ${tool}: ${JSON.stringify(proposed).slice(0, 300)}`);
  await kernel.decide("demo", proposed.proposal.id, "approve", office, "cli");
}

export async function seedDemoActivity(kernel: Kernel, store: Store): Promise<void> {
  await withTenant("demo", () => seedInDemo(kernel, store));
}

async function seedInDemo(kernel: Kernel, store: Store): Promise<void> {
  const customer = await rawGet<{ name: string; phone: string | null }>(
    store.db,
    "SELECT name, phone FROM customers WHERE tenant_id = 'demo' AND phone IS NOT NULL ORDER BY id LIMIT 1",
  );
  const call = await rawGet<{ id: string }>(
    store.db,
    "SELECT id FROM interactions WHERE tenant_id = 'demo' AND channel = 'call' AND direction = 'inbound' ORDER BY occurred_at DESC LIMIT 1",
  );
  if (customer) {
    await proposeAndApprove(kernel, store, "imports.stage_batch", {
      filename: "old-crm-export.csv",
      csv: sampleCsv(customer),
    });
  }
  if (call) {
    await proposeAndApprove(kernel, store, "crm.add_transcript", {
      interactionId: call.id,
      mediaRef: "recordings/demo-call-0001.m4a",
      language: "en",
      text: "Office: Thanks for calling, this is the office. Caller: Hi, our furnace is blowing cold air since this morning, can someone come out today?",
      segments: [
        { speaker: "Office", startMs: 0, endMs: 2600, text: "Thanks for calling, this is the office." },
        {
          speaker: "Caller",
          startMs: 2800,
          endMs: 9100,
          text: "Hi, our furnace is blowing cold air since this morning, can someone come out today?",
        },
      ],
    });
  }
}
