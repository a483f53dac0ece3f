import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: ["./store/schema.ts", "./store/schema-field.ts"],
  out: "./store/migrations",
});
