import { defineConfig } from "drizzle-kit";

// PostgreSQL migrations, generated from store/schema-pg.ts (derived from the SQLite tables).
export default defineConfig({
  dialect: "postgresql",
  schema: ["./store/schema-pg.ts"],
  out: "./store/migrations-pg",
});
