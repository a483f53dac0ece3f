import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: [
    "./store/schema.ts",
    "./store/schema-field.ts",
    "./store/schema-imports.ts",
    "./store/schema-agent.ts",
    "./store/schema-ops.ts",
  ],
  out: "./store/migrations",
});
