import { defineConfig } from "vitest/config";

// `npm test` runs every test on embedded SQLite. With DATABASE_URL=postgres://… set it also runs the
// repository and kernel suite on PostgreSQL (project "postgres"): the same files, each office in a fresh schema.
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined;

/**
 * The suite run again on PostgreSQL: every test that opens its office through test/helpers.ts makeOffice (or its
 * web/Slack/MCP rigs, which do), i.e. the repositories, the kernel, every pack and every channel. Left out: tests
 * that never touch a store (parsers, tool snapshots, settings, schema parity), and the ones that by design run CLI
 * child processes or reopen a SQLite file (they would only repeat their SQLite run). OFFICE_PG_ALL=1 runs all.
 */
const SQLITE_ONLY = [
  "test/agent-parser.test.ts",
  "test/agent-field-parsers.test.ts",
  "test/hazard-holdout.test.ts",
  "test/tool-snapshots.test.ts",
  "test/rates-snapshot.test.ts",
  "test/settings-defaults.test.ts",
  "test/import-direction.test.ts",
  "test/store-schema-parity.test.ts",
  "test/claude-advisor-core.test.ts",
  "test/evals.test.ts",
  "test/cli-office.test.ts",
  "test/rates-cli.test.ts",
  "test/governance-crash.test.ts",
  "test/web-restart.test.ts",
  "test/mcp-restart.test.ts",
];

const shared = {
  exclude: ["node_modules/**", "data/**"],
  pool: "forks" as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: "sqlite",
          include: ["**/*.test.ts"],
          // Child processes started by tests (CLI, MCP stdio) stay on SQLite too.
          env: { OFFICE_TEST_BACKEND: "sqlite", DATABASE_URL: "", DATABASE_ADMIN_URL: "" },
        },
      },
      ...(postgresUrl
        ? [
            {
              test: {
                ...shared,
                name: "postgres",
                include: ["test/*.test.ts"],
                exclude: process.env.OFFICE_PG_ALL ? shared.exclude : [...shared.exclude, ...SQLITE_ONLY],
                globalSetup: ["test/pg-global-setup.ts"],
                env: {
                  OFFICE_TEST_BACKEND: "postgres",
                  OFFICE_TEST_DATABASE_URL: postgresUrl,
                  OFFICE_TEST_DATABASE_ADMIN_URL: process.env.DATABASE_ADMIN_URL ?? "",
                  DATABASE_URL: "",
                  DATABASE_ADMIN_URL: "",
                },
              },
            },
          ]
        : []),
    ],
  },
});
