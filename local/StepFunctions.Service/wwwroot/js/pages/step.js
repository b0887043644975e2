// The selected step: status, input and output, the effect of each processing step (asked of the server's
// TestState with the recorded result mocked, so the browser never re-implements JSONPath or JSONata),
// attempts and retries, the Lambda function's log lines, Map iterations and the child execution.

import { call, logs, pretty } from '../api.js';
import { STATUS } from '../status.js';
import { h, fill, link, executionUrl, formatDate, formatDuration, codeBlock, prettyDeep } from '../dom.js';
import { isCurrent } from '../nav.js';
import { inspectionView } from './inspection.js';
import { openTestState } from './test-state.js';

const inspected = new Map(); // step key → promise of TestState's answer (a finished step never changes)
const logged = new Map(); // execution ARN|event id → promise of that attempt's log events (they never change)

export function stepDetails(target, { step, name, view, token, onIteration }) {
  const state = view.model.states.get(name);
  if (!step) {
    fill(target, h('h2', {}, name), h('p', { class: 'muted' }, `${state ? state.type : 'This'} state has not run${Object.keys(view.filter).length ? ' in the chosen iteration' : ''}.`),
      state ? section('Definition', codeBlock(JSON.stringify(state.definition, null, 2), 'State definition')) : null);
    return;
  }
  const info = STATUS[step.status];
  const duration = step.status === 'running' ? null : step.endTime - step.entered.time;
  const iteration = Object.entries(step.iteration).map(([k, v]) => `${k} #${v}`).join(', ');
  const lastAttempt = step.attempts[step.attempts.length - 1];
  const processing = h('div', { id: 'processing-steps' }, h('p', { class: 'muted' }, 'Loading…'));
  fill(target,
    h('h2', { id: 'step-title' }, step.name, ' ', h('span', { class: `pill ${step.status}`, id: 'step-status' }, `${info.icon} ${info.text}`)),
    state ? h('div', { class: 'actions' }, h('button', { id: 'step-test-state', onclick: () => openTestState({ machine: view.machine, definition: view.definition, model: view.model,
      stateName: name, prefill: { input: step.input, ...(lastAttempt?.outcome ? { mock: recordedMock(lastAttempt), fieldValidationMode: 'NONE' } : {}) } }) },
    'Test state')) : null,
    h('dl', { class: 'facts compact' },
      h('dt', {}, 'Type'), h('dd', {}, step.type),
      lastAttempt?.resource ? [h('dt', {}, 'Resource'), h('dd', {}, h('code', {}, [lastAttempt.resourceType, lastAttempt.resource].filter(Boolean).join(':')))] : null,
      iteration ? [h('dt', {}, 'Iteration'), h('dd', {}, iteration)] : null,
      h('dt', {}, 'Entered'), h('dd', {}, formatDate(step.entered.time)),
      h('dt', {}, 'Duration'), h('dd', {}, duration === null ? 'running' : formatDuration(duration)),
      step.child ? [h('dt', {}, 'Child execution'), h('dd', {}, link(executionUrl(step.child), step.child.split(':').pop()))] : null),
    step.failure && step.status !== 'succeeded' && (step.failure.error || step.failure.cause) ? h('div', { class: 'error-box' }, h('strong', {}, step.status === 'caught' ? 'Caught error ' : 'Error '),
      h('code', { class: 'step-error' }, step.failure.error || ''), codeBlock(prettyDeep(step.failure.cause), 'Cause')) : null,
    h('div', { class: 'split' },
      section('Input', codeBlock(pretty(step.input), 'Step input'), 'step-input'),
      section('Output', codeBlock(step.output === undefined ? (step.status === 'running' ? '(running)' : '(no output)') : pretty(step.output), 'Step output'), 'step-output')),
    section('Processing steps', processing),
    step.attempts.length ? section(step.attempts.length > 1 ? `Attempts (${step.attempts.length - 1} retr${step.attempts.length === 2 ? 'y' : 'ies'})` : 'Attempt', attemptsTable(step), 'step-attempts') : null,
    logsSection(step, view, token),
    step.iterations.length ? section('Map iterations', iterationList(step, view, onIteration), 'map-iterations') : null,
    state ? section('Definition', codeBlock(JSON.stringify(state.definition, null, 2), 'State definition')) : null);
  inspect(step, state, view).then((result) => {
    if (isCurrent(token) && processing.isConnected) fill(processing, result);
  });
}

function section(title, body, id) {
  return h('section', { class: 'detail-section', id }, h('h3', {}, title), body);
}

function attemptsTable(step) {
  return h('table', { class: 'grid compact' },
    h('thead', {}, h('tr', {}, ['#', 'Scheduled', 'Outcome', 'Error', 'Duration'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, step.attempts.map((a, i) => h('tr', {},
      h('td', {}, String(i + 1)),
      h('td', {}, formatDate(a.scheduled.time)),
      h('td', {}, a.outcome ? `${STATUS[a.outcome].icon} ${STATUS[a.outcome].text}` : 'running'),
      h('td', {}, a.error ? h('span', { title: a.cause || '' }, a.error) : '–'),
      h('td', { class: 'num' }, a.end ? formatDuration(a.end.time - a.scheduled.time) : '–')))));
}

/**
 * Log lines of a Lambda task, per attempt, read as on AWS: FilterLogEvents on the function's log group within
 * the attempt's time, narrowed to the request id the state's output (SdkResponseMetadata) or a runtime error's
 * cause names. Without one (a handled function error) every invocation of the function in that time is shown.
 * A lambda:invoke that asks for LogType Tail also gets the base64 `LogResult` AWS returns.
 */
function logsSection(step, view, token) {
  if (!step.attempts.some((a) => /lambda/i.test(a.resourceType || a.resource || ''))) return null;
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const ended = step.attempts.filter((a) => a.end);
  const arn = view.execution.executionArn;
  for (const a of ended) {
    const key = `${arn}|${a.end.id}`;
    if (logged.has(key)) continue;
    const answer = attemptLogs(a);
    logged.set(key, answer);
    answer.catch(() => logged.delete(key)); // ask again next time
  }
  const group = logGroup(step.attempts[0]);
  Promise.all(step.attempts.map((a) => (a.end ? logged.get(`${arn}|${a.end.id}`) : Promise.resolve({ lines: [] }))))
    .then((perAttempt) => {
      const lines = [];
      const notes = [];
      step.attempts.forEach((a, i) => {
        const tail = parse(a.output)?.LogResult;
        if (typeof tail === 'string') {
          try { perAttempt[i].lines.push(...atob(tail).split('\n').filter(Boolean)); } catch { /* not base64 */ }
        }
        const label = step.attempts.length > 1 ? `[attempt ${i + 1}] ` : '';
        for (const line of perAttempt[i].lines) lines.push(`${label}${line}`);
        if (perAttempt[i].invocations > 1) notes.push(`${label}${perAttempt[i].invocations} invocations of the function ran during this attempt; the lines of all of them are shown.`);
      });
      const running = ended.length < step.attempts.length ? 'The attempt is running: its lines appear when it ends.' : null;
      const source = group ? h('p', { class: 'muted' }, 'From CloudWatch Logs group ', h('code', {}, group), ' (FilterLogEvents).') : null;
      return lines.length
        ? [h('pre', { class: 'code logs', tabindex: 0, 'aria-label': 'Lambda log lines' }, lines.join('\n')), ...notes.map((n) => h('p', { class: 'muted' }, n)), running && h('p', { class: 'muted' }, running), source]
        : h('p', { class: 'muted' }, running || 'No log lines were recorded for this step (a mocked task has none).');
    })
    .catch((e) => h('p', { class: 'muted' }, `The log lines could not be read (${e.code || e.message}).`))
    .then((content) => {
      if (isCurrent(token) && body.isConnected) fill(body, content);
    });
  return section('Lambda logs', body, 'lambda-logs');
}

/** `/aws/lambda/<name>` of the function an attempt invoked: lambda:invoke's FunctionName (a name, a partial or a full
 * ARN, with or without a qualifier), or the Resource ARN of a direct invocation. */
function logGroup(attempt) {
  const target = attempt.resourceType === 'lambda' ? parse(attempt.parameters)?.FunctionName : attempt.resource;
  if (typeof target !== 'string') return null;
  const parts = target.split(':');
  const name = target.startsWith('arn:') ? parts[6] : parts[1] === 'function' ? parts[2] : parts[0];
  return name ? `/aws/lambda/${name}` : null;
}

/** One attempt's log lines and how many invocations they came from. */
async function attemptLogs(attempt) {
  const logGroupName = logGroup(attempt);
  if (!logGroupName) return { lines: [], invocations: 0 };
  const requestId = parse(attempt.output)?.SdkResponseMetadata?.RequestId || /RequestId: ([0-9a-f-]{36})/.exec(attempt.cause || '')?.[1];
  // With a request id the filter is exact, so the window may be generous; without one it is the attempt's time.
  const slack = requestId ? 60000 : 0;
  const request = { logGroupName, startTime: attempt.scheduled.time.getTime() - slack, endTime: attempt.end.time.getTime() + slack, ...(requestId ? { filterPattern: `"${requestId}"` } : {}) };
  const events = [];
  try {
    let nextToken;
    do {
      const page = await logs('FilterLogEvents', { ...request, ...(nextToken ? { nextToken } : {}) });
      events.push(...(page.events || []));
      nextToken = page.nextToken;
    } while (nextToken && events.length < 10000);
  } catch (e) {
    if (e.code === 'ResourceNotFoundException') return { lines: [], invocations: 0 }; // a function this project does not deploy
    throw e;
  }
  const lines = events.map((e) => e.message.replace(/\n$/, ''));
  return { lines, invocations: lines.filter((l) => /^START RequestId: |"type":"platform\.start"/.test(l)).length };
}

function iterationList(step, view, onIteration) {
  const mapName = step.name;
  return h('ol', { class: 'iterations', start: 0 }, step.iterations.map((it) => {
    const chosen = view.filter[mapName] === it.index;
    const s = STATUS[it.status];
    return h('li', {}, h('button', { class: chosen ? 'linkish chosen' : 'linkish', 'aria-pressed': String(chosen), 'data-iteration': it.index,
      onclick: () => onIteration(mapName, it.index) },
    `#${it.index} ${s.icon} ${s.text}`, it.end ? ` (${formatDuration(it.end.time - it.start.time)})` : ''));
  }));
}

function parse(text) {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** TestState at DEBUG level on the state's definition and recorded input, with the recorded task result (or
 * error) as the mock, so no task runs again. Falls back to what the history recorded. */
function inspect(step, state, view) {
  const key = `${view.execution.executionArn}|${step.entered.id}`;
  const finished = step.status !== 'running';
  if (!state || !['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail'].includes(step.type)) return Promise.resolve(recorded(step));
  const last = step.attempts[step.attempts.length - 1];
  if (step.type === 'Task' && !(last && last.outcome)) return Promise.resolve(recorded(step));
  if (finished && inspected.has(key)) return inspected.get(key);
  const definition = { ...state.definition };
  if (view.definition.QueryLanguage && !definition.QueryLanguage) definition.QueryLanguage = view.definition.QueryLanguage;
  if (definition.Type === 'Wait') { delete definition.Seconds; delete definition.SecondsPath; delete definition.Timestamp; delete definition.TimestampPath; definition.Seconds = 0; }
  const request = {
    definition: JSON.stringify(definition),
    roleArn: view.machine.roleArn || 'arn:aws:iam::123456789012:role/local-console',
    input: step.input ?? '{}',
    inspectionLevel: 'DEBUG',
  };
  if (step.type === 'Task') {
    request.mock = recordedMock(last);
    // What the task returned is replayed as it was: checking it against the API model would only refuse it.
    request.mock.fieldValidationMode = 'NONE';
  }
  const promise = call('TestState', request)
    .then((answer) => inspectionView(answer))
    .catch((e) => h('div', {}, h('p', { class: 'muted' }, `TestState could not replay this step (${e.code}); the history recorded:`), recorded(step)));
  if (finished) inspected.set(key, promise);
  return promise;
}

/** A finished attempt as TestState's mock: its result, or its error. */
function recordedMock(attempt) {
  return attempt.outcome === 'succeeded'
    ? { result: attempt.output ?? 'null' }
    : { errorOutput: { error: attempt.error || 'States.TaskFailed', cause: attempt.cause || '' } };
}

function recorded(step) {
  const last = step.attempts[step.attempts.length - 1];
  const rows = [['State input', step.input]];
  if (last && last.parameters !== undefined) rows.push(['Parameters sent to the task', last.parameters]);
  if (last && last.output !== undefined) rows.push(['Task result', last.output]);
  if (step.output !== undefined) rows.push(['State output', step.output]);
  return h('ol', { class: 'processing' }, rows.map(([label, value]) => h('li', {}, h('h4', {}, label), codeBlock(pretty(value), label))));
}
