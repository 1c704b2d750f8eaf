// The TypeScript SDK's minimal stdio server (four trivial tools), for the start-up comparison in bench/run.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "ts-minimal", version: "1.0.0" });
server.tool("echo", "Echoes the text.", { text: z.string() }, async ({ text }) => ({ content: [{ type: "text", text }] }));
server.tool("add", "Adds two numbers.", { a: z.number(), b: z.number() }, async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }));
server.tool("now", "The time.", {}, async () => ({ content: [{ type: "text", text: new Date().toISOString() }] }));
server.tool("length", "Length of the text.", { text: z.string() }, async ({ text }) => ({ content: [{ type: "text", text: String(text.length) }] }));
await server.connect(new StdioServerTransport());
