// The MCP bench's baseline: a bare SDK McpServer with one echo tool over stdio (no office, no kernel, no store).
// Spawned by bench/mcp.ts as `node --import tsx bench/mcp-echo-server.ts`.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "echo", version: "0.0.0" });
server.registerTool(
  "echo",
  { description: "Echoes its text.", inputSchema: { text: z.string() } },
  async ({ text }) => ({
    content: [{ type: "text", text }],
  }),
);
await server.connect(new StdioServerTransport());
