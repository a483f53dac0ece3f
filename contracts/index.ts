// contracts/: the one vocabulary. Every schema a tool, route, MCP client or UI uses is defined here.
export * from "./api.ts";
export * from "./audit.ts";
export * from "./envelope.ts";
export * from "./failure.ts";
export * from "./proposals.ts";
export * from "./records.ts";
export * from "./results.ts";
export * from "./roles.ts";
export * from "./settings.ts";
