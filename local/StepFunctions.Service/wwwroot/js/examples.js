// Example inputs the start dialog offers, per deployed workflow (terraform/templates/<name>.asl.json).
// Every workflow also gets "{}" (the empty input).

export const EXAMPLES = {
  'number-processor': [
    { label: 'Numbers 1 to 10', input: { min: 1, max: 10 } },
    { label: 'Defaults (1 to 100)', input: {} },
    { label: 'Invalid range (fails in NumberGenerator)', input: { min: 10, max: 1 } },
  ],
  'container-task': [
    { label: 'Run the container', input: {} },
  ],
  orchestrator: [
    {
      label: 'Manifest: two jobs',
      input: {
        run_id: 'nightly-2026-12-01',
        jobs: [
          { name: 'numbers-a', workflow: 'number-processor', input: { min: 1, max: 10 } },
          { name: 'report', workflow: 'container-task', input: {} },
        ],
        max_concurrency: 4,
      },
    },
  ],
};

/** Deployed names carry a prefix (e.g. serverless-workflows-number-processor): match the workflow's suffix. */
export function examplesFor(machineName) {
  const key = Object.keys(EXAMPLES).find((k) => machineName === k || machineName.endsWith(`-${k}`));
  return [...(key ? EXAMPLES[key] : []), { label: 'Empty input', input: {} }];
}
