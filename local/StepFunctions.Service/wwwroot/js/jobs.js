// A job net's run as its jobs: the manifest's jobs and depends_on (the execution's input), and each job's record
// in the runs table (run_id, record "JOB#<name>"), read with DynamoDB's Query as the AWS CLI would. Which state
// machines run job nets, and their runs table, is the server's word: ListTagsForResource's job-net tags.

import { call, dynamodb } from './api.js';

/** Job statuses: the record's status, or "waiting" for a job with no record yet; each with the look of a step status. */
export const JOB_STATUS = {
  waiting: { icon: '…', text: 'Waiting', kind: 'notrun' },
  running: { icon: '◔', text: 'Running', kind: 'running' },
  succeeded: { icon: '✓', text: 'Succeeded', kind: 'succeeded' },
  failed: { icon: '✕', text: 'Failed', kind: 'failed' },
  blocked: { icon: '⊘', text: 'Blocked', kind: 'aborted' },
  skipped: { icon: '↷', text: 'Skipped', kind: 'notrun' },
};

/** The runs table of a job net's state machine, or null for any other state machine. */
export async function runsTableOf(stateMachineArn) {
  try {
    const { tags = [] } = await call('ListTagsForResource', { resourceArn: stateMachineArn });
    return tags.some((t) => t.key === 'job-net' && t.value === 'true')
      ? (tags.find((t) => t.key === 'job-net:runs-table') || {}).value || null
      : null;
  } catch {
    return null;
  }
}

/** The manifest an execution ran (its input), or null when the input is no manifest. */
export function manifestOf(inputText) {
  try {
    const manifest = JSON.parse(inputText);
    return manifest && typeof manifest.run_id === 'string' && Array.isArray(manifest.jobs) ? manifest : null;
  } catch {
    return null;
  }
}

/** Every item of a Query or Scan, following LastEvaluatedKey. */
export async function readAll(operation, body) {
  const items = [];
  let start;
  do {
    const page = await dynamodb(operation, { ...body, ...(start ? { ExclusiveStartKey: start } : {}) });
    items.push(...(page.Items || []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A run's records: { run: the RUN record or null, jobs: Map name → record }, attribute values unwrapped. */
export async function readRun(table, runId) {
  const items = await readAll('Query', {
    TableName: table,
    KeyConditionExpression: 'run_id = :run',
    ExpressionAttributeValues: { ':run': { S: runId } },
  });
  const jobs = new Map();
  let run = null;
  for (const item of items.map(unwrap)) {
    if (item.record === 'RUN') run = item;
    else if (item.record.startsWith('JOB#')) jobs.set(item.record.slice(4), item);
  }
  return { run, jobs };
}

/** {"S": "x"} → "x", {"N": "2"} → 2, lists and maps through. */
export function unwrap(item) {
  const value = (v) => {
    if ('S' in v) return v.S;
    if ('N' in v) return Number(v.N);
    if ('BOOL' in v) return v.BOOL;
    if ('L' in v) return v.L.map(value);
    if ('M' in v) return unwrap(v.M);
    if ('NULL' in v) return null;
    return v;
  };
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, value(v)]));
}

/** The status key (JOB_STATUS) of a job in a run: its record's, waiting without one, skipped if the run was. */
export function jobStatus(record, run) {
  if (record && typeof record.status === 'string' && record.status.toLowerCase() in JOB_STATUS) return record.status.toLowerCase();
  return run && run.status === 'SKIPPED' ? 'skipped' : 'waiting';
}

/** The jobs a rerun (redrive) starts again: the failed ones and those they blocked, in manifest order. */
export function rerunJobs(manifest, records) {
  return manifest.jobs.filter((job) => ['failed', 'blocked'].includes(jobStatus(records.get(job.name)))).map((job) => job.name);
}
