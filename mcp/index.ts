// mcp/: the MCP channel. A server built from the registry per token, served over stdio or Streamable HTTP.
// It never approves: an MCP client reads, or proposes changes a person decides in the office.
export { DEFAULT_ALLOWED_ORIGINS, isOriginAllowed, type McpHttpOptions, mcpHttpHandler } from "./http.ts";
export { renderResult } from "./render.ts";
export { buildMcpServer, type McpOffice, McpResultEnvelopeSchema } from "./server.ts";
export { EXIT_BAD_TOKEN, runStdio, type StdioOptions } from "./stdio.ts";
