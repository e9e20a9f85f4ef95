// Drives the Responses API through the official openai Node client; prints one JSON line of results.
// Usage: node responses.mjs BASE_URL API_KEY MODEL TOOL_MODEL PROMPT
import OpenAI from "openai";

const [baseURL, apiKey, model, toolModel, prompt] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30000 });

const plain = await client.responses.create({ model, input: prompt });

let deltas = "";
const stream = await client.responses.create({ model, input: [{ role: "user", content: prompt }], stream: true });
let streamed = null;
for await (const event of stream) {
  if (event.type === "response.output_text.delta") deltas += event.delta;
  if (event.type === "response.completed") streamed = event.response;
}

const tools = [{ type: "function", name: "send_reply", parameters: { type: "object", properties: { text: { type: "string" } } } }];
const withTool = await client.responses.create({ model: toolModel, input: prompt, tools });
const call = withTool.output.find((item) => item.type === "function_call");

let blocked = null;
try {
  await client.responses.create({ model, input: "個人番号 123456789018 の件" });
} catch (err) {
  blocked = err.status;
}

console.log(JSON.stringify({
  plain: plain.output_text,
  deltas,
  streamed: streamed?.output?.[0]?.content?.[0]?.text ?? null,
  toolArguments: call ? call.arguments : null,
  blocked,
}));
