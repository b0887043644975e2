// The selected step: status, input and output, the effect of each processing step (asked of the server's
// TestState with the recorded result mocked, so the browser never re-implements JSONPath or JSONata),
// attempts and retries, the Lambda function's log lines, Map iterations and the child execution.

import { call, pretty, taskLogs } from '../api.js';
import { STATUS } from '../graph.js';
import { h, fill, link, executionUrl, formatDate, formatDuration, codeBlock, prettyDeep } from '../dom.js';
import { isCurrent } from '../nav.js';

// TestState's inspectionData fields in processing order, with the labels AWS's console uses.
const INSPECTION = [
  ['input', 'State input'], ['afterInputPath', 'After InputPath'], ['afterParameters', 'After Parameters'],
  ['afterArguments', 'After Arguments'], ['result', 'Task result'], ['afterResultSelector', 'After ResultSelector'],
  ['afterResultPath', 'After ResultPath'],
];
const inspected = new Map(); // step key → promise of TestState's answer (a finished step never changes)
const logged = new Map(); // execution ARN|event id → promise of that attempt's log lines (they never change)

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
 * Log lines of a Lambda task, per attempt: what the local service captured from the function's process (its
 * logs route, kept by the id of the event that ended the attempt), and the tail AWS returns as base64
 * `LogResult` when a lambda:invoke asks for LogType Tail.
 */
function logsSection(step, view, token) {
  if (!step.attempts.some((a) => /lambda/i.test(a.resourceType || a.resource || ''))) return null;
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const ended = step.attempts.filter((a) => a.end);
  const arn = view.execution.executionArn;
  const missing = ended.map((a) => a.end.id).filter((id) => !logged.has(`${arn}|${id}`));
  if (missing.length) {
    const answer = taskLogs(arn, missing);
    for (const id of missing) logged.set(`${arn}|${id}`, answer.then((byId) => byId.get(id) || []));
    answer.catch(() => missing.forEach((id) => logged.delete(`${arn}|${id}`))); // ask again next time
  }
  Promise.all(step.attempts.map((a) => (a.end ? logged.get(`${arn}|${a.end.id}`) : Promise.resolve([]))))
    .then((perAttempt) => {
      const lines = [];
      step.attempts.forEach((a, i) => {
        const tail = parse(a.output)?.LogResult;
        if (typeof tail === 'string') {
          try { perAttempt[i] = [...perAttempt[i], ...atob(tail).split('\n').filter(Boolean)]; } catch { /* not base64 */ }
        }
        for (const line of perAttempt[i]) lines.push(`${step.attempts.length > 1 ? `[attempt ${i + 1}] ` : ''}${line}`);
      });
      const running = ended.length < step.attempts.length ? 'The attempt is running: its lines appear when it ends.' : null;
      return lines.length
        ? [h('pre', { class: 'code logs', tabindex: 0, 'aria-label': 'Lambda log lines' }, lines.join('\n')), running && h('p', { class: 'muted' }, running)]
        : h('p', { class: 'muted' }, running || 'No log lines were recorded for this step (a mocked task has none).');
    })
    .catch((e) => h('p', { class: 'muted' }, `The log lines could not be read (${e.code || e.message}).`))
    .then((content) => {
      if (isCurrent(token) && body.isConnected) fill(body, content);
    });
  return section('Lambda logs', body, 'lambda-logs');
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
    request.mock = last.outcome === 'succeeded'
      ? { result: last.output ?? 'null' }
      : { errorOutput: { error: last.error || 'States.TaskFailed', cause: last.cause || '' } };
  }
  const promise = call('TestState', request)
    .then((answer) => inspectionView(answer))
    .catch((e) => h('div', {}, h('p', { class: 'muted' }, `TestState could not replay this step (${e.code}); the history recorded:`), recorded(step)));
  if (finished) inspected.set(key, promise);
  return promise;
}

function inspectionView(answer) {
  const data = answer.inspectionData || {};
  const rows = [];
  let previous;
  for (const [field, label] of INSPECTION) {
    if (data[field] === undefined) continue;
    const same = previous !== undefined && data[field] === previous;
    rows.push(h('li', { 'data-step': field }, h('h4', {}, label, same ? h('span', { class: 'muted' }, ' (unchanged)') : null), codeBlock(pretty(data[field]), label)));
    previous = data[field];
  }
  if (answer.output !== undefined) rows.push(h('li', { 'data-step': 'output' }, h('h4', {}, 'After OutputPath (state output)'), codeBlock(pretty(answer.output), 'State output')));
  if (answer.error) rows.push(h('li', { 'data-step': 'error' }, h('h4', {}, 'Error'), codeBlock(`${answer.error}\n${answer.cause || ''}`, 'Error')));
  if (answer.nextState) rows.push(h('li', { 'data-step': 'next' }, h('h4', {}, 'Next state'), h('p', {}, h('code', {}, answer.nextState), answer.status ? ` (${answer.status})` : '')));
  return h('ol', { class: 'processing' }, rows);
}

function recorded(step) {
  const last = step.attempts[step.attempts.length - 1];
  const rows = [['State input', step.input]];
  if (last && last.parameters !== undefined) rows.push(['Parameters sent to the task', last.parameters]);
  if (last && last.output !== undefined) rows.push(['Task result', last.output]);
  if (step.output !== undefined) rows.push(['State output', step.output]);
  return h('ol', { class: 'processing' }, rows.map(([label, value]) => h('li', {}, h('h4', {}, label), codeBlock(pretty(value), label))));
}
