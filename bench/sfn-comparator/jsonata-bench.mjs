// Evaluation throughput of the reference jsonata (2.0.6, the version AWS Step Functions runs) for Jsonata.Bench.
// stdin: {"durationMs": N, "cases": [{"name": "...", "expression": "...", "data": {...}}]}
// stdout: {"<name>": evaluations per second, ...}
import { readFileSync } from 'node:fs';
const { default: jsonata } = await import('jsonata');

const { durationMs, cases } = JSON.parse(readFileSync(0, 'utf8'));
const results = {};
for (const c of cases) {
  const expression = jsonata(c.expression); // parse once, evaluate many times, like the C# side
  for (let i = 0; i < 200; i++) await expression.evaluate(c.data);
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(durationMs) * 1000000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 50; i++) await expression.evaluate(c.data);
    count += 50;
    now = process.hrtime.bigint();
  }
  results[c.name] = count / (Number(now - start) / 1e9);
}
process.stdout.write(JSON.stringify(results));
