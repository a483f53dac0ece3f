// Opens a running office: the store (migrated), the demo tenant on first start, the registry and the kernel.
// Every channel (server, CLI, MCP) starts here, so they share one kernel and one store.
import { advisorFromEnv } from "../agent/models/claude-advisor.ts";
import { seedDemo } from "../fixtures/demo.ts";
import { seedFieldRepair } from "../fixtures/field-repair.ts";
import { seedPriceBook, seedSalesSamples } from "../fixtures/price-book.ts";
import { defaultStorePath, openStore, type Store } from "../store/index.ts";
import { openPgStore, postgresUrlFromEnv } from "../store/pg.ts";
import { withTenant } from "../store/scope.ts";
import { listTenantIds } from "../store/repos/tenants.ts";
import { attachGovernance, resumeGovernance } from "../tools/governance/index.ts";
import { createRegistry } from "../tools/index.ts";
import { seedDemoActivity } from "./demo-activity.ts";
import { type Advisor, Kernel } from "../tools/kernel/index.ts";

export interface Office {
  store: Store;
  kernel: Kernel;
  /** True when this open created the demo tenant. */
  seeded: boolean;
  /** Closes without waiting (SQLite closes at once; PostgreSQL flushes and ends its pool in the background). */
  close(): void;
  /** Flushes queued audit entries and closes the store, waiting for both. */
  shutdown(): Promise<void>;
}

export interface OpenOfficeOptions {
  /**
   * Store file; ":memory:" for a private in-memory office. Without it, DATABASE_URL=postgres://… selects
   * PostgreSQL (DATABASE_ADMIN_URL: the role that runs migrations), else $DATA_DIR/office.db (./data).
   */
  path?: string;
  /** An already opened store (tests open PostgreSQL stores in a schema of their own). */
  store?: Store;
  clock?: () => Date;
  /** Load the synthetic demo tenant when the store is empty (default true). */
  seed?: boolean;
  proposalTtlMs?: number;
  /**
   * On the first seed, also stage a sample import and a call transcript through the kernel (as office-1), so every
   * queue of the demo has something in it. The product's entry points turn it on; tests ask for it when they need it.
   */
  demoActivity?: boolean;
  /** Advice for the photo, research and diagnose tools. Default: Claude when ANTHROPIC_API_KEY is set; null: none. */
  advisor?: Advisor | null;
}

export async function openOffice(options: OpenOfficeOptions = {}): Promise<Office> {
  const store = options.store ?? (await storeFor(options.path));
  const clock = options.clock ?? (() => new Date());
  const seeded = options.seed === false ? false : await seedDemo(store, clock());
  if (options.seed !== false) {
    // Each pack's demo data is idempotent: it loads only what is missing (e.g. after an upgrade added a pack).
    await seedFieldRepair(store, "demo", clock());
    await seedPriceBook(store, "demo", clock());
    await seedSalesSamples(store, "demo", clock());
  }
  const advisor = options.advisor === undefined ? advisorFromEnv() : options.advisor;
  const kernel = new Kernel({
    store,
    registry: createRegistry(),
    clock,
    ...(advisor ? { advisor } : {}),
    ...(options.proposalTtlMs ? { proposalTtlMs: options.proposalTtlMs } : {}),
  });
  if (seeded && options.demoActivity) await seedDemoActivity(kernel, store);
  // A crash between an approval and its apply leaves it approved: finish those exactly once before serving.
  attachGovernance(kernel);
  for (const tenantId of await listTenantIds(store.db)) {
    await kernel.resumeApproved(tenantId);
    // Contracts a crash left between the job and its rollout finish their health, audit and rollout steps.
    await withTenant(tenantId, () => resumeGovernance(kernel, tenantId));
  }
  const shutdown = async () => {
    await kernel.flushAudit();
    await store.close();
  };
  return {
    store,
    kernel,
    seeded,
    close: () => {
      if (store.backend === "sqlite") {
        kernel.flushAuditSync();
        void store.close();
      } else {
        shutdown().catch(() => undefined);
      }
    },
    shutdown,
  };
}

async function storeFor(path: string | undefined): Promise<Store> {
  const url = path === undefined ? postgresUrlFromEnv() : null;
  if (!url) return openStore(path ?? defaultStorePath());
  const adminUrl = process.env.DATABASE_ADMIN_URL;
  return openPgStore({ url, ...(adminUrl ? { adminUrl } : {}), ...pgSchemaFromEnv() });
}

/** DATABASE_SCHEMA: the PostgreSQL schema holding the tables (default public). */
function pgSchemaFromEnv(): { schema?: string } {
  const schema = process.env.DATABASE_SCHEMA;
  return schema ? { schema } : {};
}
