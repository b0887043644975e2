// Example inputs the start dialog offers: generated/examples.json, written at build time from
// local/examples/<workflow>[-<label>].json (local/WebConsole/build.mjs). Every workflow also gets {}.

let loaded = null;

function load() {
  loaded ||= fetch('/generated/examples.json').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  return loaded;
}

/** Deployed names carry a prefix (e.g. serverless-workflows-number-processor): match the workflow's suffix. */
export async function examplesFor(machineName) {
  const examples = await load();
  const key = Object.keys(examples).sort((a, b) => b.length - a.length)
    .find((k) => machineName === k || machineName.endsWith(`-${k}`));
  return [...(key ? examples[key] : []), { label: 'Empty input', input: {} }];
}
