// Runs the StepFunctions.Bench definitions on aws-local-stepfunctions with the same in-process task
// handlers and prints one JSON object with the figures. Usage:
//   node bench.mjs <definitions-dir> <number-processor-executions> <map-items> <map-runs>

// aws-local-stepfunctions 3.0.0 targets Node >= 22 and calls Promise.withResolvers; Node 20 lacks it.
if (!Promise.withResolvers) {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { StateMachine } = await import('aws-local-stepfunctions');
const { readFileSync } = await import('node:fs');
const { join } = await import('node:path');

const [dir, executionsArg = '20000', itemsArg = '10000', runsArg = '3'] = process.argv.slice(2);
const load = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

// Same behaviour as the C# handlers: the task result is the lambda:invoke response shape.
let counter = 0;
const handlers = {
  NumberGenerator: async () => {
    counter += 1;
    return { StatusCode: 200, Payload: { number: counter, is_even: counter % 2 === 0 } };
  },
  Even: async (input) => ({ StatusCode: 200, Payload: { number: input.Payload.number, parity: 'even' } }),
  Odd: async (input) => ({ StatusCode: 200, Payload: { number: input.Payload.number, parity: 'odd' } }),
  Double: async (input) => ({ StatusCode: 200, Payload: { number: input.Payload.number * 2 } }),
};
const options = { overrides: { taskResourceLocalHandlers: handlers } };

const numberProcessor = new StateMachine(load('number-processor.asl.json'));
const executions = Number(executionsArg);
// Warm up for a second, then take the median of three timed rounds, as the C# side does.
const warmUntil = Date.now() + 1000;
while (Date.now() < warmUntil) {
  await numberProcessor.run({}, options).result;
}
const rounds = [];
let start;
for (let round = 0; round < 3; round++) {
  start = process.hrtime.bigint();
  for (let i = 0; i < executions; i++) {
    await numberProcessor.run({}, options).result;
  }
  rounds.push(Number(process.hrtime.bigint() - start) / 1e9);
}
rounds.sort((a, b) => a - b);
const npSeconds = rounds[1];

const items = Array.from({ length: Number(itemsArg) }, (_, i) => i);
const map = {};
for (const concurrency of [0, 40]) {
  const machine = new StateMachine(load(`map-${concurrency}.asl.json`));
  const times = [];
  for (let run = 0; run < Number(runsArg); run++) {
    start = process.hrtime.bigint();
    const output = await machine.run({ items }, options).result;
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (output.length !== items.length || output[items.length - 1] !== (items.length - 1) * 2) {
      throw new Error(`unexpected Map output for MaxConcurrency ${concurrency}`);
    }
  }
  times.sort((a, b) => a - b);
  map[`maxConcurrency${concurrency}`] = { medianSeconds: times[Math.floor(times.length / 2)], runs: times.length };
}

console.log(JSON.stringify({
  engine: 'aws-local-stepfunctions 3.0.0',
  node: process.version,
  numberProcessor: { executions, seconds: npSeconds, perSecond: executions / npSeconds },
  map,
}));
