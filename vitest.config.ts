import { defineConfig } from "vitest/config";

// `npm test` runs every test on embedded SQLite. With DATABASE_URL=postgres://… set it also runs the
// repository and kernel suite on PostgreSQL (project "postgres"): the same files, each office in a fresh schema.
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined;

/** The repository and kernel suite: every test that opens its office through test/helpers.ts makeOffice. */
export const POSTGRES_SUITE = [
  "test/proposal-lifecycle.test.ts",
  "test/audit-chain.test.ts",
  "test/registry-matrix.test.ts",
  "test/store-postgres.test.ts",
  "test/scale-out.test.ts",
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
                include: process.env.OFFICE_PG_ALL ? ["test/*.test.ts"] : POSTGRES_SUITE,
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
