// Cold start as a TypeScript-SDK client sees it: spawn the server over stdio, connect, list tools (the SDK compiles
// each output schema's validator here), and print the milliseconds from spawn to the answered tools/list.
// Usage: node client.mjs <command> [args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [command, ...args] = process.argv.slice(2);
const started = performance.now();
const client = new Client({ name: "checktraining-bench", version: "1.0.0" });
await client.connect(new StdioClientTransport({ command, args, stderr: "ignore" }));
const { tools } = await client.listTools();
const elapsed = performance.now() - started;
console.log(JSON.stringify({ ms: Math.round(elapsed * 10) / 10, tools: tools.length }));
await client.close();
