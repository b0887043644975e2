// Turns GetExecutionHistory events into steps (one per state entered), as the AWS console does: each event
// belongs to the branch its previousEventId chain leads back to, so Map iterations and Parallel branches are
// told apart; a Map iteration is named by the MapIterationStarted event its chain passes through.

import { date } from './api.js';

const FAILURE = /(Failed|TimedOut)$/;
const ENTERED = /StateEntered$/;
const EXITED = /StateExited$/;

/** The one `*EventDetails` object of an event (AWS names it after the type, e.g. stateEnteredEventDetails). */
export function detailsOf(event) {
  for (const [k, v] of Object.entries(event)) if (k.endsWith('EventDetails')) return v;
  return null;
}

/**
 * @param events history events sorted by id
 * @param model graph model (asl.js), for which Map states enclose which states
 * @returns { steps, start, end, redriven }
 */
export function deriveSteps(events, model) {
  const ctx = new Map(); // event id → { iter: {mapName: index}, open: step }
  const steps = [];
  const root = { iter: {}, open: null };
  let start = null;
  let end = null;
  let attemptOf = null;
  const failStates = new Map(); // FailStateEntered event id → its step
  for (const e of events) {
    const prev = ctx.get(e.previousEventId) || root;
    let { iter, open } = prev;
    const details = detailsOf(e) || {};
    const t = e.type;
    e.time = date(e.timestamp);
    if (t === 'ExecutionStarted') start = e;
    if (/^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(t)) end = e;
    if (t === 'MapIterationStarted') {
      iter = { ...iter, [details.name]: details.index };
    }
    if (ENTERED.test(t) || t === 'FailStateEntered') {
      const state = model && model.states.get(details.name);
      const maps = state ? state.maps : [];
      const key = {};
      for (const m of maps) if (m in iter) key[m] = iter[m];
      const step = {
        id: steps.length, name: details.name, type: state ? state.type : t.replace(/StateEntered$/, ''),
        iteration: key, parent: open, entered: e, exited: null, input: details.input, output: undefined,
        events: [e], attempts: [], iterations: [], failure: null, lastOutcome: null, child: null,
        status: t === 'FailStateEntered' ? 'failed' : 'running',
      };
      steps.push(step);
      if (t === 'FailStateEntered') {
        // A Fail state never exits: it ends its branch at once, and the failure that follows is its own.
        step.exited = e;
        failStates.set(e.id, step);
      } else {
        open = step;
      }
    } else if (failStates.has(e.previousEventId) && FAILURE.test(t) && (details.error || details.cause)) {
      const step = failStates.get(e.previousEventId);
      step.failure = { error: details.error, cause: details.cause, event: e };
      if (open) open.events.push(e);
    } else if (open) {
      // An Exited event closes the innermost open step of that name (a guard against unexpected orders).
      while (EXITED.test(t) && open && open.name !== details.name && open.parent) open = open.parent;
      open.events.push(e);
      if (EXITED.test(t)) {
        open.exited = e;
        open.output = details.output;
        open.status = open.lastOutcome === 'failed' ? 'caught' : 'succeeded';
        open = open.parent;
      } else if (/StateAborted$/.test(t)) {
        // TaskStateAborted: a task whose failure ended its branch or iteration; it ends the step as failed.
        open.exited = e;
        open.status = open.failure ? 'failed' : 'aborted';
        open = open.parent;
      } else {
        recordInStep(open, e, t, details);
      }
    }
    if (t === 'ExecutionRedriven') {
      // The run before the redrive ended: what it left open failed (or was aborted); the redrive reruns it.
      finish(steps, end);
      attemptOf = e;
      end = null;
    }
    e.stepName = details.name || (open ? open.name : '');
    ctx.set(e.id, { iter, open });
  }
  finish(steps, end);
  for (const s of steps) s.endTime = (s.exited || s.events[s.events.length - 1]).time;
  return { steps, start, end, redriven: attemptOf };
}

/** Steps still open when the execution ended: failed (they never exited) or aborted. */
function finish(steps, end) {
  if (!end) return;
  for (const s of steps) {
    if (s.status !== 'running') continue;
    s.status = end.type === 'ExecutionAborted' && !s.failure ? 'aborted' : 'failed';
  }
}

function recordInStep(step, e, t, details) {
  if (/Scheduled$/.test(t)) {
    step.attempts.push({ scheduled: e, parameters: details.parameters, resource: details.resource, resourceType: details.resourceType });
    return;
  }
  const attempt = step.attempts[step.attempts.length - 1];
  if (t === 'MapIterationStarted' || t === 'MapIterationSucceeded' || t === 'MapIterationFailed' || t === 'MapIterationAborted') {
    let it = step.iterations.find((i) => i.index === details.index && !i.done);
    if (!it) {
      it = { index: details.index, status: 'running', start: e, done: false };
      step.iterations.push(it);
    }
    if (t !== 'MapIterationStarted') {
      it.status = t === 'MapIterationSucceeded' ? 'succeeded' : t === 'MapIterationFailed' ? 'failed' : 'aborted';
      it.end = e;
      it.done = true;
    }
    return;
  }
  if (t === 'TaskSubmitted' || /(Task|LambdaFunction)Succeeded$/.test(t)) {
    if (attempt) {
      attempt.output = details.output;
      if (!/Submitted$/.test(t)) { attempt.end = e; attempt.outcome = 'succeeded'; step.lastOutcome = 'succeeded'; }
    }
    const child = childExecution(details.output);
    if (child) step.child = child;
    return;
  }
  if (FAILURE.test(t)) {
    const failure = { error: details.error, cause: details.cause, event: e };
    if (attempt && !attempt.end && /^(Task|LambdaFunction|Activity)/.test(t)) {
      attempt.end = e;
      attempt.outcome = 'failed';
      attempt.error = details.error;
      attempt.cause = details.cause;
    }
    step.failure = failure;
    step.lastOutcome = 'failed';
    // A failed .sync child: the cause is its DescribeExecution document, which names it.
    const child = childExecution(details.cause);
    if (child) step.child = child;
  }
}

/** A nested execution's ARN from a states:startExecution result or a failed .sync child's cause (`ExecutionArn`,
 * AWS's member in both). */
function childExecution(text) {
  if (!text) return null;
  try {
    const output = JSON.parse(text);
    return typeof output?.ExecutionArn === 'string' ? output.ExecutionArn : null;
  } catch {
    return null;
  }
}

/**
 * Status per state name for the graph: the latest entry of each state wins (a redrive or a loop re-enters
 * states). With `filter` (mapName → index) only that Map iteration's entries count; otherwise, across
 * iterations, any in progress or failed entry shows.
 */
export function statusByState(steps, filter) {
  const rank = { running: 5, failed: 4, aborted: 3, caught: 2, succeeded: 1 };
  const latest = new Map(); // name + iteration → step
  for (const s of steps) {
    if (filter && !matches(s, filter)) continue;
    latest.set(`${s.name}|${JSON.stringify(s.iteration)}`, s);
  }
  const result = new Map();
  for (const s of latest.values()) {
    const current = result.get(s.name);
    if (!current || rank[s.status] > rank[current]) result.set(s.name, s.status);
  }
  return result;
}

export function matches(step, filter) {
  return Object.entries(filter).every(([map, index]) => !(map in step.iteration) || step.iteration[map] === index);
}

/** The step the details panel shows for a state: the latest entry, within the chosen iteration(s). */
export function stepFor(steps, name, filter) {
  let found = null;
  for (const s of steps) if (s.name === name && (!filter || matches(s, filter))) found = s;
  return found;
}
