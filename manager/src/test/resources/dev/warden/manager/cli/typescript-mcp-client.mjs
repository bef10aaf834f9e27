// The official MCP TypeScript SDK's client, driven by a Java test: connects to a server, runs the steps of a plan
// and prints one JSON line per step, {"step": METHOD, "result": ...} or {"step": METHOD, "error": MESSAGE}, with the
// milliseconds since it started in "ms".
// A step "notifications/tools/list_changed" first prints {"step": "waiting", ...}, then waits for that notification:
// the test changes the server's tools when it reads that line.
// Usage: node typescript-mcp-client.mjs PLAN stdio COMMAND [ARG...]
//        node typescript-mcp-client.mjs PLAN http URL          (the bearer token in MCP_BEARER_TOKEN)
// PLAN is a JSON array of {"method": ..., "params": {...}}. The server started over stdio gets this environment.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { LATEST_PROTOCOL_VERSION, ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [plan, kind, ...target] = process.argv.slice(2);
const started = Date.now();
const print = (line) => process.stdout.write(JSON.stringify({ ...line, ms: Date.now() - started }) + "\n");
const WAIT_MS = 60_000;

// never outlive the test that reads the output, whatever hangs
setTimeout(() => {
  print({ step: "timeout", error: "the client did not finish within 3 minutes" });
  process.exit(3);
}, 180_000).unref();

function transportFor(kind, target) {
  if (kind === "stdio") {
    return new StdioClientTransport({ command: target[0], args: target.slice(1), env: process.env, stderr: "inherit" });
  }
  if (kind === "http") {
    const headers = { Authorization: `Bearer ${process.env.MCP_BEARER_TOKEN}` };
    return new StreamableHTTPClientTransport(new URL(target[0]), { requestInit: { headers } });
  }
  throw new Error(`unknown transport ${kind}: stdio or http`);
}

const transport = transportFor(kind, target);
let negotiated;
const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
transport.setProtocolVersion = (version) => {
  negotiated = version;
  setProtocolVersion?.(version);
};

const client = new Client({ name: "warden-test-typescript-client", version: "1.0.0" });
let toolListChanges = 0;
client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
  toolListChanges++;
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// One change may be announced more than once: the step ends when no notification came for a second, so that the
// test's next change is not mistaken for this one.
async function toolListChange() {
  const seen = toolListChanges;
  print({ step: "waiting", method: "notifications/tools/list_changed" });
  const deadline = Date.now() + WAIT_MS;
  while (toolListChanges === seen) {
    if (Date.now() > deadline) {
      throw new Error(`no notifications/tools/list_changed within ${WAIT_MS} ms`);
    }
    await sleep(50);
  }
  let heard;
  do {
    heard = toolListChanges;
    await sleep(1000);
  } while (toolListChanges !== heard);
  return { notifications: toolListChanges - seen };
}

const steps = {
  "tools/list": (params) => client.listTools(params),
  "tools/call": (params) => client.callTool(params),
  "prompts/list": (params) => client.listPrompts(params),
  "prompts/get": (params) => client.getPrompt(params),
  "resources/list": (params) => client.listResources(params),
  "resources/read": (params) => client.readResource(params),
  "notifications/tools/list_changed": () => toolListChange(),
};

try {
  await client.connect(transport);
  print({
    step: "initialize",
    result: {
      requestedProtocolVersion: LATEST_PROTOCOL_VERSION,
      protocolVersion: negotiated,
      serverInfo: client.getServerVersion(),
      capabilities: client.getServerCapabilities(),
    },
  });
} catch (e) {
  print({ step: "initialize", error: String(e?.message ?? e) });
  process.exit(1);
}
for (const { method, params } of JSON.parse(plan)) {
  const step = steps[method];
  try {
    if (!step) {
      throw new Error(`the plan asks for ${method}, which this client does not do`);
    }
    print({ step: method, result: await step(params) });
  } catch (e) {
    print({ step: method, error: String(e?.message ?? e) });
  }
}
if (kind === "http") {
  await transport.terminateSession();
}
await client.close();
print({ step: "close", result: {} });
