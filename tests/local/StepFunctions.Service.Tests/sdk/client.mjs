// Runs AWS SDK v3 Step Functions calls against a local endpoint; StepFunctions.Service.Tests drive it.
// stdin: {"endpoint": "http://127.0.0.1:PORT", "calls": [{"operation": "StartExecution", "input": {...}}, ...]}
// stdout: one JSON array, per call {"output": {...}} or {"error": {"name", "message", "status"}}.
import * as sfn from "@aws-sdk/client-sfn";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { endpoint, calls } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const client = new sfn.SFNClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
  // TestState is sent to a "sync-" host prefix; a local endpoint has no such host.
  disableHostPrefix: true,
  maxAttempts: 1,
});

// Dates become epoch seconds so the tests can compare them.
const plain = (value) => JSON.parse(JSON.stringify(value, (key, v) => (key === "$metadata" ? undefined : v)),
  (key, v) => (typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) / 1000 : v));

const results = [];
for (const call of calls) {
  const Command = sfn[`${call.operation}Command`];
  if (!Command) {
    results.push({ error: { name: "NoSuchCommand", message: call.operation } });
    continue;
  }
  try {
    results.push({ output: plain(await client.send(new Command(call.input ?? {}))) });
  } catch (e) {
    results.push({ error: { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode } });
  }
}
process.stdout.write(JSON.stringify(results));
