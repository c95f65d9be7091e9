// A scripted stand-in for an OpenAI-compatible model server, for the end-to-end tests only: it speaks
// POST /v1/chat/completions (stream: true as server-sent events, with content and tool_calls deltas,
// or a plain JSON answer) and GET /v1/models, on 127.0.0.1. Replies come from a script matched
// against the last user message; which step of a rule answers is the number of assistant turns
// since that message (so a tool call is step 0 and the answer after its result step 1). Every
// request body is kept so tests can assert what the server actually sent to the model.
import http from "node:http";

export const GOOD_KEY = "sk-e2e-stand-in-good";
export const MODEL = "stand-in-gpt";

/**
 * A rule: `when` (RegExp on the last user message), `steps`: each step is
 * { text?: string, toolCalls?: [{ name, arguments }], tokenDelayMs?: number }.
 */
export function startModelStandIn({ rules = [], port = 0 } = {}) {
  const requests = [];
  let script = [...rules];
  let callSeq = 0;

  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url, "http://stand-in");
    const auth = req.headers.authorization ?? "";
    requests.push({ method: req.method, path: url.pathname, authorization: auth, body: body ? safeJson(body) : null, at: Date.now() });

    if (auth !== `Bearer ${GOOD_KEY}`) {
      return json(res, 401, { error: { message: "Incorrect API key provided: sk-***. (stand-in)", type: "invalid_request_error", code: "invalid_api_key" } });
    }
    if (req.method === "GET" && url.pathname === "/v1/models") {
      return json(res, 200, {
        object: "list",
        data: [MODEL, "stand-in-gpt-mini"].map((id) => ({ id, object: "model", created: 1764547200, owned_by: "e2e" })),
      });
    }
    if (req.method === "POST" && url.pathname === "/v1/chat/completions") {
      const request = safeJson(body) ?? {};
      const step = pickStep(script, request.messages ?? []);
      if (request.stream) return stream(res, req, request, step, () => `call_${++callSeq}`);
      return json(
        res,
        200,
        completion(request, step, () => `call_${++callSeq}`),
      );
    }
    return json(res, 404, { error: { message: `no such path ${url.pathname} (stand-in)`, type: "invalid_request_error" } });
  });

  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}`,
        requests,
        /** Chat completion requests only, newest last. */
        chatRequests: () => requests.filter((r) => r.path === "/v1/chat/completions"),
        setRules: (next) => (script = [...next]),
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function json(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

function text(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => p.text ?? "").join("");
  return "";
}

function pickStep(rules, messages) {
  let lastUser = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === "user") {
      lastUser = i;
      break;
    }
  }
  const question = lastUser >= 0 ? text(messages[lastUser].content) : "";
  const stepIndex = messages.slice(lastUser + 1).filter((m) => m.role === "assistant").length;
  const rule = rules.find((r) => r.when.test(question));
  if (!rule) return { text: stepIndex === 0 ? "OK." : "Done." };
  return rule.steps[Math.min(stepIndex, rule.steps.length - 1)];
}

/** Splits text into word-sized pieces, as models stream. */
function pieces(s) {
  return s.match(/\S+\s*|\s+/g) ?? [];
}

const usage = (request, step) => ({
  prompt_tokens: Math.ceil(JSON.stringify(request.messages ?? []).length / 4),
  completion_tokens: Math.max(1, Math.ceil((step.text ?? "").length / 4) + (step.toolCalls?.length ?? 0) * 20),
});

function completion(request, step, nextId) {
  const u = usage(request, step);
  const toolCalls = step.toolCalls?.map((c) => ({ id: nextId(), type: "function", function: { name: c.name, arguments: JSON.stringify(c.arguments) } }));
  return {
    id: "chatcmpl-stand-in",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model ?? MODEL,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: step.text ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        finish_reason: toolCalls ? "tool_calls" : "stop",
      },
    ],
    usage: { ...u, total_tokens: u.prompt_tokens + u.completion_tokens },
  };
}

async function stream(res, req, request, step, nextId) {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" });
  let closed = false;
  req.on("close", () => (closed = true));
  res.on("close", () => (closed = true));
  const base = { id: "chatcmpl-stand-in", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: request.model ?? MODEL };
  const send = (choices, extra = {}) => !closed && res.write(`data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`);
  const delay = step.tokenDelayMs ?? 15;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  send([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]);
  for (const piece of pieces(step.text ?? "")) {
    if (closed) return;
    await sleep(delay);
    send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
  }
  (step.toolCalls ?? []).forEach((call, index) => {
    const args = JSON.stringify(call.arguments);
    const half = Math.ceil(args.length / 2);
    send([{ index: 0, delta: { tool_calls: [{ index, id: nextId(), type: "function", function: { name: call.name, arguments: "" } }] }, finish_reason: null }]);
    send([{ index: 0, delta: { tool_calls: [{ index, function: { arguments: args.slice(0, half) } }] }, finish_reason: null }]);
    send([{ index: 0, delta: { tool_calls: [{ index, function: { arguments: args.slice(half) } }] }, finish_reason: null }]);
  });
  if (closed) return;
  send([{ index: 0, delta: {}, finish_reason: step.toolCalls?.length ? "tool_calls" : "stop" }]);
  const u = usage(request, step);
  if (request.stream_options?.include_usage) send([], { usage: { ...u, total_tokens: u.prompt_tokens + u.completion_tokens } });
  if (!closed) res.end("data: [DONE]\n\n");
}

// Run alone (`node e2e/model-stand-in.mjs 8099`) to try the server by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const standIn = await startModelStandIn({ port: Number(process.argv[2] ?? 0) });
  console.log(`model stand-in on ${standIn.url} (key ${GOOD_KEY})`);
}
