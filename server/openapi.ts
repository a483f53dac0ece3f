// The OpenAPI 3.1 document, generated from the read-route table, the channel's payloads and the contracts' zod
// schemas (zod 4 toJSONSchema), plus every registered tool's input schema under `x-tools`.
import { z } from "zod";
import { ProposalStatusSchema, ProposalViewSchema } from "../contracts/index.ts";
import type { Registry } from "../tools/kernel/index.ts";
import {
  ApiResultSchema,
  DecisionBodySchema,
  EditBodySchema,
  HealthSchema,
  ScanRunSchema,
  ProposalEnvelopeSchema,
  ProposalListSchema,
  RefusalSchema,
} from "./payloads.ts";
import { READ_ROUTES } from "./read-routes.ts";
import { BulkDecideBodySchema, BulkDecideResultSchema, ReviewQueueSchema } from "./routes/review.ts";

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "output"): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonObject;
  return rest;
}

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject): JsonObject => ({ "application/json": { schema } });
const ok = (description: string, schemaName: string): JsonObject => ({
  description,
  content: json(ref(schemaName)),
});
const refused = (description: string): JsonObject => ({ description, content: json(ref("Refusal")) });

/** What any authenticated route may answer besides its success. */
const AUTH_ERRORS: JsonObject = {
  "400": refused("Bad input: the reason says which field or parameter, in plain words"),
  "401": refused("Missing, unknown, expired or revoked token"),
  "403": refused("The token's actor or mode may not do this (class forbidden)"),
  "404": refused("No such record or tool in this business (class not_found)"),
  "503": refused("The store or an adapter cannot be trusted; nothing was changed (class adapter_unavailable)"),
};

const RESULT_ERRORS: JsonObject = {
  ...AUTH_ERRORS,
  "409": { description: "duplicate_or_conflict or gate_required", content: json(ref("ApiResult")) },
  "410": { description: "expired: the proposal passed its time limit", content: json(ref("ApiResult")) },
  "422": {
    description: "audit_gap, unsafe_outbound, intake_low_confidence or privacy_boundary",
    content: json(ref("ApiResult")),
  },
};

const proposalIdParam: JsonObject = {
  name: "id",
  in: "path",
  required: true,
  description: "A proposal id such as P-12",
  schema: { type: "string", pattern: "^P-\\d{1,12}$" },
};

function decisionOperation(decision: "approve" | "reject"): JsonObject {
  return {
    summary: `${decision === "approve" ? "Approve (and safely apply)" : "Reject"} a proposal`,
    description:
      "Runs kernel.decide as the token's actor; the approval policy is re-checked there. Deciding an already " +
      "decided proposal changes nothing. Read-only tokens are refused.",
    parameters: [proposalIdParam],
    requestBody: { required: false, content: json(jsonSchema(DecisionBodySchema, "input")) },
    responses: { "200": ok("The decision's result and the proposal", "ApiResult"), ...RESULT_ERRORS },
  };
}

export function buildOpenApi(registry: Registry): JsonObject {
  const schemas: JsonObject = {
    ApiResult: jsonSchema(ApiResultSchema),
    Refusal: jsonSchema(RefusalSchema),
    ProposalView: jsonSchema(ProposalViewSchema),
    ProposalList: jsonSchema(ProposalListSchema),
    ProposalEnvelope: jsonSchema(ProposalEnvelopeSchema),
    Health: jsonSchema(HealthSchema),
    ReviewQueue: jsonSchema(ReviewQueueSchema),
    ScanRun: jsonSchema(ScanRunSchema),
    BulkDecideResult: jsonSchema(BulkDecideResultSchema),
  };
  const paths: JsonObject = {};

  for (const route of READ_ROUTES) {
    schemas[route.schemaName] = jsonSchema(route.schema);
    paths[`/api${route.path}`] = {
      get: {
        summary: route.purpose,
        description: `Runs the read tool ${route.tool} through the kernel as the token's actor and returns its data.`,
        parameters: route.query.map((name) => ({
          name,
          in: "query",
          required: false,
          schema: { type: "integer", minimum: name === "limit" ? 1 : 0 },
        })),
        responses: { "200": ok(route.purpose, route.schemaName), ...RESULT_ERRORS },
      },
    };
  }

  paths["/api/tools/{name}"] = {
    post: {
      summary: "Run any tool the token's actor and mode allow",
      description:
        "The body is the tool's input (see x-tools). Reads return ok with data; writes and external actions return " +
        "proposed with the proposal (never applied here). Executes in the token's mode, never apply_allowed.",
      parameters: [
        {
          name: "name",
          in: "path",
          required: true,
          schema: { type: "string", enum: registry.list().map((t) => t.name) },
        },
        {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "Repeat a request with the same key and it proposes or applies once; generated when absent.",
          schema: { type: "string", maxLength: 200 },
        },
      ],
      requestBody: { required: false, content: json({ type: "object" }) },
      responses: { "200": ok("ok, proposed or stopped", "ApiResult"), ...RESULT_ERRORS },
    },
  };

  paths["/api/proposals.json"] = {
    get: {
      summary: "The proposal queue",
      parameters: [
        {
          name: "status",
          in: "query",
          required: false,
          description: `Comma-separated statuses: ${ProposalStatusSchema.options.join(", ")}`,
          schema: { type: "string" },
        },
      ],
      responses: { "200": ok("Proposals, newest first", "ProposalList"), ...AUTH_ERRORS },
    },
  };
  paths["/api/proposals/{id}"] = {
    get: {
      summary: "One proposal with its preview and who must approve it",
      parameters: [proposalIdParam],
      responses: { "200": ok("The proposal", "ProposalEnvelope"), ...AUTH_ERRORS },
    },
  };
  paths["/api/proposals/{id}/approve"] = { post: decisionOperation("approve") };
  paths["/api/proposals/{id}/reject"] = { post: decisionOperation("reject") };
  paths["/api/proposals/{id}/edit"] = {
    post: {
      summary: "Edit a pending proposal (version n+1 needs its own approval)",
      parameters: [proposalIdParam],
      requestBody: { required: true, content: json(jsonSchema(EditBodySchema, "input")) },
      responses: { "200": ok("proposed: the new version", "ApiResult"), ...RESULT_ERRORS },
    },
  };

  paths["/api/review.json"] = {
    get: {
      summary: "The review queue: pending proposals grouped by the trigger that raised them, with reasoning and diff",
      description:
        "Each proposal carries its reasoning, confidence, evidence refs and whether this person may decide it (the " +
        "kernel's policy). A governed change shows each setting's current value as the before of its diff.",
      responses: { "200": ok("Groups of pending proposals", "ReviewQueue"), ...AUTH_ERRORS },
    },
  };
  paths["/api/proposals/bulk-decide"] = {
    post: {
      summary: "Approve (or reject) several low-risk proposals at once, each decided and reported on its own",
      description:
        "Every id runs through kernel.decide as the token's actor, so each is re-checked; a proposal that is not low " +
        "risk, or that this person may not decide, is refused by itself and the others still go through. Deciding an " +
        "already decided proposal changes nothing.",
      requestBody: { required: true, content: json(jsonSchema(BulkDecideBodySchema, "input")) },
      responses: { "200": ok("One result per id", "BulkDecideResult"), ...AUTH_ERRORS },
    },
  };
  paths["/api/triggers/run"] = {
    post: {
      summary: "Scan this business for triggers now (founder or office); new triggers become pending suggestions",
      description:
        "The scheduler's scan, on demand. It changes no customer record. Across several server instances only one " +
        "scan of a business runs at a time (an advisory lock on PostgreSQL); a second start answers with skipped.",
      responses: { "200": ok("What the scan emitted, closed and suggested", "ScanRun"), ...AUTH_ERRORS },
    },
  };
  paths["/api/openapi.json"] = {
    get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1 document" } } },
  };
  paths["/healthz"] = {
    get: {
      summary: "Store and tenant health, no customer data",
      security: [],
      responses: { "200": ok("Healthy", "Health"), "503": ok("Store not ok", "Health") },
    },
  };
  paths["/operator-manual"] = {
    get: {
      summary: "Operator manual: onboarding, role boundaries, modes, stop rules, failure taxonomy",
      security: [],
      responses: {
        "200": { description: "Printable HTML page", content: { "text/html": { schema: { type: "string" } } } },
      },
    },
  };

  const publicJson = (summary: string): JsonObject => ({
    post: {
      summary,
      security: [],
      requestBody: { required: true, content: json({ type: "object" }) },
      responses: {
        "200": { description: "The kernel's result for the public actor", content: json({ type: "object" }) },
        "400": refused("Malformed or invalid request"),
        "413": refused("Payload over the caps (description length, image count or size)"),
        "429": refused("Too many requests from this client; try again later"),
      },
    },
  });
  paths["/api/imports"] = {
    post: {
      summary: "Stage a customer export (CSV): mapping, row records, dedupe and merge proposals; changes no customer",
      requestBody: {
        required: true,
        content: {
          "text/csv": { schema: { type: "string" } },
          "application/json": { schema: { type: "object", required: ["filename", "csv"] } },
        },
      },
      responses: { "200": { description: "The batch summary", content: json({ type: "object" }) }, ...RESULT_ERRORS },
    },
  };
  const html = (summary: string): JsonObject => ({
    summary,
    security: [],
    responses: { "200": { description: "HTML page", content: { "text/html": { schema: { type: "string" } } } } },
  });
  paths["/"] = { get: html("Web chat (signed in; otherwise redirects to /login)") };
  paths["/review"] = { get: html("Review queue: pending proposals with their before/after diff") };
  paths["/dashboard"] = { get: html("Dashboard page") };
  paths["/telemetry"] = { get: html("Telemetry page: what the office noticed and how people decided, as charts") };
  paths["/login"] = {
    get: html("Sign in by pasting a token"),
    post: {
      summary: "Exchange a token for a session cookie",
      security: [],
      responses: { "303": { description: "Signed in" } },
    },
  };
  paths["/login/{code}"] = {
    get: html("One-time login link: shows a Sign in button"),
    post: {
      summary: "Use the one-time code (single use)",
      security: [],
      responses: { "303": { description: "Signed in" } },
    },
  };
  paths["/logout"] = {
    post: { summary: "Clear the session cookie", responses: { "303": { description: "Signed out" } } },
  };
  paths["/web/{path}"] = { get: html("Static files of the web app (read at startup, strict CSP)") };
  paths["/api/session"] = {
    get: { summary: "Who this session is: tenant, actor, mode", responses: { "200": { description: "Session" } } },
  };
  paths["/api/proposals/{id}/can-decide"] = {
    get: {
      summary: "Whether this person may decide the proposal (the kernel's policy)",
      responses: { "200": { description: "Verdict" } },
    },
  };
  paths["/api/chat"] = {
    post: {
      summary:
        "One chat turn through the agent, streamed as an AI SDK UI message stream. Body { id, messages, channel?: " +
        "web | voice, clientMessageId? }: voice is a channel like web (proposals only); a clientMessageId already " +
        "answered gets its first answer back",
      responses: { "200": { description: "UI message stream (text/event-stream)" }, ...RESULT_ERRORS },
    },
  };
  paths["/api/chat/{id}/messages"] = {
    get: { summary: "A stored conversation", responses: { "200": { description: "Messages" } } },
  };
  // The installable field app (README "In the field"): its own files need no session; the field API reads and
  // replays as the signed-in person through the kernel.
  const script = (summary: string): JsonObject => ({
    summary,
    security: [],
    responses: { "200": { description: "JavaScript", content: { "text/javascript": { schema: { type: "string" } } } } },
  });
  paths["/field"] = { get: html("Field page: sizing, readings and notes that work with no signal (signed in)") };
  paths["/sw.js"] = { get: script("The service worker: caches the app shell and the person's last field snapshot") };
  paths["/pwa/field-core.js"] = {
    get: script("The packs' pure modules (sizing, tiers, flags, savings, hazard screen) bundled for the browser"),
  };
  for (const size of [192, 512]) {
    paths[`/pwa/icon-${size}.png`] = {
      get: {
        summary: `App icon, ${size}×${size}`,
        security: [],
        responses: { "200": { description: "PNG", content: { "image/png": { schema: { type: "string" } } } } },
      },
    };
  }
  paths["/api/field/snapshot.json"] = {
    get: {
      summary:
        "What the person needs in the field, read through the kernel as them (cost already stripped by role): today, " +
        "their tech profile and gates, the price book, and the customers, surveys and jobs in hand",
      parameters: ["customer", "job", "survey"].map((name) => ({
        name,
        in: "query",
        required: false,
        description: `A ${name} id in hand (repeatable, at most 5)`,
        schema: { type: "string" },
      })),
      responses: { "200": { description: "Snapshot", content: json({ type: "object" }) }, ...AUTH_ERRORS },
    },
  };
  paths["/api/field/replay"] = {
    post: {
      summary:
        "Replays one change queued offline ({ key, tool, input }); the device's key is the idempotency key, so a " +
        "second replay returns the first proposal. Writes become proposals; a changed record is duplicate_or_conflict",
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["key", "tool", "input"],
          properties: {
            key: { type: "string", pattern: "^[A-Za-z0-9_-]{8,100}$" },
            tool: { type: "string" },
            input: { type: "object" },
          },
        }),
      },
      responses: { "200": ok("The kernel's result (usually proposed)", "ApiResult"), ...RESULT_ERRORS },
    },
  };
  paths["/slack/events"] = {
    post: {
      summary: "Slack events, slash commands and button presses (signature-verified; present when Slack is configured)",
      security: [],
      responses: { "200": { description: "Acknowledged" }, "401": { description: "Bad signature" } },
    },
  };
  paths["/support"] = {
    get: {
      summary: "Public customer triage page: emergency first, high-level causes only, no token",
      security: [],
      responses: { "200": { description: "HTML page", content: { "text/html": { schema: { type: "string" } } } } },
    },
  };
  paths["/support/triage"] = publicJson("Public triage: emergency detection, then high-level possible causes");
  paths["/support/request"] = publicJson("Public service request: becomes an intake item once the office approves it");
  // One page per business on a host running several shops; an unknown business is the plain 404 of any unknown path.
  const tenantSlug = {
    name: "tenantSlug",
    in: "path",
    required: true,
    description: "The business's id (e.g. acme)",
    schema: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]{0,62}$" },
  };
  const perTenant = (entry: JsonObject): JsonObject => {
    const post = entry["post"] as JsonObject;
    const responses = post["responses"] as JsonObject;
    return {
      post: {
        ...post,
        parameters: [tenantSlug],
        responses: { ...responses, "404": refused("No such business page (same answer as any unknown path)") },
      },
    };
  };
  paths["/support/{tenantSlug}"] = {
    get: {
      summary: "One business's public triage page (rate limit and intake in that business); 404 when there is none",
      security: [],
      parameters: [tenantSlug],
      responses: {
        "200": { description: "HTML page", content: { "text/html": { schema: { type: "string" } } } },
        "404": refused("No such business page (same answer as any unknown path)"),
      },
    },
  };
  paths["/support/{tenantSlug}/triage"] = perTenant(
    publicJson("Public triage for one business: emergency detection, then high-level possible causes"),
  );
  paths["/support/{tenantSlug}/request"] = perTenant(
    publicJson("Public service request to one business: an intake item there once its office approves it"),
  );
  paths["/mcp"] = {
    post: {
      summary: "MCP over Streamable HTTP (stateless): the bearer token decides tenant, actor and mode",
      responses: {
        "200": { description: "JSON-RPC response" },
        "401": refused("No or unknown token"),
        "403": refused("Origin not allowed"),
      },
    },
  };

  return {
    openapi: "3.1.0",
    info: {
      title: "Trade Office OS API",
      version: "0.1.0",
      description:
        "Every call runs through the tool kernel as the token's actor. The model proposes; code decides: writes " +
        "become proposals a person approves, and the app never sends to customers by itself.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "npx office token create" } },
    },
    "x-tools": registry.list().map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      effect: tool.effect,
      risk: tool.risk,
      roles: [...tool.roles],
      inputSchema: jsonSchema(tool.input, "input"),
    })),
  };
}
