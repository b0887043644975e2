// Evaluates a batch of JSONata cases with the reference implementation (jsonata 2.0.6).
// stdin: [{"expr": "...", "data": <json, absent = undefined>, "bindings": {...}}, ...]
// stdout: one JSON array, per case {"v": <value>} | {"u": true} (undefined) | {"e": "<error code>", "m": "<message>"}
'use strict';
const jsonata = require('jsonata');

// The reference's function values are plain objects; JSON has no functions, so they serialise like JavaScript
// functions do (omitted from objects, null in arrays, undefined at the top), as our engine renders them.
const isFunction = (v) => typeof v === 'function' || (v !== null && typeof v === 'object' && (v._jsonata_lambda || v._jsonata_function));
const replacer = (key, value) => (isFunction(value) ? undefined : value);

function encode(result) {
  if (result === undefined || isFunction(result)) return { u: true };
  const text = JSON.stringify(result, replacer);
  return text === undefined ? { u: true } : { v: JSON.parse(text) };
}

async function run(c) {
  try {
    const expr = jsonata(c.expr);
    return encode(await expr.evaluate(c.data, c.bindings));
  } catch (err) {
    return { e: err.code || ('JS:' + (err.name || 'Error')), m: err.message };
  }
}

(async () => {
  const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const out = [];
  for (const c of cases) out.push(await run(c));
  process.stdout.write(JSON.stringify(out));
})();
