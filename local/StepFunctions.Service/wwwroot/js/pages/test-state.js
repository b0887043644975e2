// The Test state panel, as Workflow Studio has it: one state of a machine sent to the server's TestState API as any
// AWS client sends it, with input, variables, context, a mock, the state configuration and the inspection level,
// and the answer shown as the step details show a step. The state's definition is edited here only: the machine
// stays as it is. Opened from a state machine's graph (?test=State) and from an execution's step (prefilled with
// what the step recorded).

import { call, pretty } from '../api.js';
import { h, fill, codeBlock, errorBox } from '../dom.js';
import { inspectionView } from './inspection.js';

// TestState's statuses with the look of a step status (an icon and a word, never colour alone).
const LOOK = {
  SUCCEEDED: ['succeeded', '✓', 'Succeeded'],
  FAILED: ['failed', '✕', 'Failed'],
  CAUGHT_ERROR: ['caught', '!', 'Caught error'],
  RETRIABLE: ['running', '↻', 'Retriable'],
};

const field = (label, id, control, help) => [h('label', { for: id }, label), control, help ? h('p', { class: 'help' }, help) : null];
const area = (id, rows, value = '') => {
  const e = h('textarea', { id, rows, spellcheck: 'false' });
  e.value = value;
  return e;
};
const select = (id, options, value) => {
  const e = h('select', { id }, options.map(([v, text]) => h('option', { value: v }, text)));
  e.value = value;
  return e;
};
const number = (id) => h('input', { id, type: 'number', min: 0, step: 1, inputmode: 'numeric' });

/** The state's definition as TestState takes it alone: with the machine's QueryLanguage when it names none. */
function stateText(machineDefinition, state) {
  const definition = { ...state.definition };
  if (machineDefinition.QueryLanguage && !definition.QueryLanguage) definition.QueryLanguage = machineDefinition.QueryLanguage;
  return JSON.stringify(definition, null, 2);
}

/**
 * Opens the panel. `model` is asl.js's model of the machine (its states at every depth), `definition` the machine's
 * parsed definition; `prefill` { input, mock: {result} | {errorOutput}, fieldValidationMode } comes from a recorded step.
 */
export function openTestState({ machine, definition, model, stateName, prefill = {}, onClose }) {
  document.getElementById('test-state-dialog')?.remove();
  const names = [...model.states.keys()];
  const name = select('test-state-name', names.map((n) => [n, `${n} (${model.states.get(n).type})`]), model.states.has(stateName) ? stateName : names[0]);
  const stateDefinition = area('test-definition', 14, stateText(definition, model.states.get(name.value)));
  const edited = h('p', { class: 'help', id: 'test-definition-note' }, 'Edits apply to this test only; the state machine is not changed.');
  const input = area('test-input', 6, prefill.input !== undefined ? pretty(prefill.input) : '{}');
  const variables = area('test-variables', 2);
  const context = area('test-context', 2);
  const mockKind = select('test-mock-kind', [['none', 'No mock: run the state'], ['result', 'Mock a result'], ['error', 'Mock an error']],
    prefill.mock?.result !== undefined ? 'result' : prefill.mock?.errorOutput ? 'error' : 'none');
  const mockResult = area('test-mock-result', 5, prefill.mock?.result !== undefined ? pretty(prefill.mock.result) : '{}');
  const mockError = h('input', { id: 'test-mock-error', type: 'text', value: prefill.mock?.errorOutput?.error ?? 'States.TaskFailed' });
  const mockCause = h('input', { id: 'test-mock-cause', type: 'text', value: prefill.mock?.errorOutput?.cause ?? '' });
  const mockMode = select('test-mock-mode', [['STRICT', 'STRICT: required fields and types'], ['PRESENT', 'PRESENT: types of the fields given'], ['NONE', 'NONE: not checked']],
    prefill.fieldValidationMode || 'STRICT');
  const resultPart = h('div', { id: 'test-mock-result-part' }, field('Mocked result (JSON)', 'test-mock-result', mockResult),
    field('Field validation (against the integration\'s API model)', 'test-mock-mode', mockMode));
  const errorPart = h('div', { id: 'test-mock-error-part' }, field('Error', 'test-mock-error', mockError), field('Cause', 'test-mock-cause', mockCause));
  const retryCount = number('test-retry-count');
  const causedBy = h('input', { id: 'test-caused-by', type: 'text', placeholder: 'a state inside the Map or Parallel' });
  const mapFailures = number('test-map-failures');
  const level = select('test-level', [['INFO', 'INFO'], ['DEBUG', 'DEBUG: data after each processing step'], ['TRACE', 'TRACE']], 'DEBUG');
  const problem = h('div', { id: 'test-problem' });
  const result = h('section', { id: 'test-result', 'aria-live': 'polite' });
  const run = h('button', { type: 'submit', class: 'primary', id: 'test-run' }, 'Run test');
  const close = h('button', { type: 'button', id: 'test-close' }, 'Close');

  const showMock = () => {
    resultPart.hidden = mockKind.value !== 'result';
    errorPart.hidden = mockKind.value !== 'error';
  };
  mockKind.addEventListener('change', showMock);
  name.addEventListener('change', () => {
    stateDefinition.value = stateText(definition, model.states.get(name.value));
    fill(result);
  });

  /** The TestState request, member by member; the server checks every one of them. */
  const request = () => {
    const body = { definition: stateDefinition.value, stateName: name.value, input: input.value, inspectionLevel: level.value };
    if (machine.roleArn) body.roleArn = machine.roleArn;
    if (variables.value.trim()) body.variables = variables.value;
    if (context.value.trim()) body.context = context.value;
    if (mockKind.value === 'result') body.mock = { result: mockResult.value, fieldValidationMode: mockMode.value };
    if (mockKind.value === 'error') body.mock = { errorOutput: { error: mockError.value, cause: mockCause.value } };
    const configuration = {};
    if (retryCount.value !== '') configuration.retrierRetryCount = Number(retryCount.value);
    if (causedBy.value.trim()) configuration.errorCausedByState = causedBy.value.trim();
    if (mapFailures.value !== '') configuration.mapIterationFailureCount = Number(mapFailures.value);
    if (Object.keys(configuration).length) body.stateConfiguration = configuration;
    return body;
  };

  const form = h('form', { method: 'dialog', class: 'test-state' },
    h('h2', { id: 'test-title' }, `Test state of ${machine.name}`),
    h('div', { class: 'split' },
      h('div', {},
        field('State', 'test-state-name', name),
        field('State definition', 'test-definition', stateDefinition), edited,
        field('Input (JSON)', 'test-input', input),
        field('Variables (JSON object, optional)', 'test-variables', variables),
        field('Context object (JSON, optional; with a mock)', 'test-context', context, 'Laid over $$ and $states.context, e.g. {"Execution": {"Name": "run-1"}}.')),
      h('div', {},
        field('Mock', 'test-mock-kind', mockKind), resultPart, errorPart,
        h('fieldset', {}, h('legend', {}, 'State configuration (optional)'),
          field('Retrier retry count', 'test-retry-count', retryCount, 'Attempts the Retrier has made so far.'),
          field('Error caused by state', 'test-caused-by', causedBy),
          field('Map iteration failure count', 'test-map-failures', mapFailures)),
        field('Inspection level', 'test-level', level),
        problem,
        h('div', { class: 'actions' }, close, run),
        result)));
  const dialog = h('dialog', { id: 'test-state-dialog', class: 'wide', 'aria-labelledby': 'test-title' }, form);
  document.body.append(dialog);

  const shut = () => { dialog.close(); dialog.remove(); if (onClose) onClose(); };
  close.addEventListener('click', shut);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); shut(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    run.disabled = true;
    fill(problem);
    try {
      const answer = await call('TestState', request());
      fill(result, answerView(answer));
    } catch (err) {
      fill(result);
      fill(problem, errorBox(err));
    } finally {
      run.disabled = false;
    }
  });
  showMock();
  dialog.showModal();
  stateDefinition.focus();
  return dialog;
}

/** The answer: status and next state, then the processing steps as the step details show them, then what only a
 * test reports (retry and catch details, the variables after the state, a Map's settings). */
function answerView(answer) {
  const [kind, icon, word] = LOOK[answer.status] || ['notrun', '?', answer.status];
  const data = answer.inspectionData || {};
  const details = data.errorDetails || {};
  const facts = [
    ['Next state', answer.nextState, 'test-next-state'],
    ['Retry interval', details.retryBackoffIntervalSeconds !== undefined ? `${details.retryBackoffIntervalSeconds} s (Retrier #${details.retryIndex})` : undefined, 'test-retry'],
    ['Catcher', details.catchIndex !== undefined ? `#${details.catchIndex}` : undefined, 'test-catch'],
    ['Max concurrency', data.maxConcurrency, 'test-max-concurrency'],
    ['Tolerated failures', data.toleratedFailureCount ?? (data.toleratedFailurePercentage !== undefined ? `${data.toleratedFailurePercentage} %` : undefined), 'test-tolerated'],
  ].filter(([, value]) => value !== undefined && value !== null);
  return [
    h('h3', {}, 'Result ', h('span', { class: `pill ${kind}`, id: 'test-status', 'data-status': answer.status }, h('span', { 'aria-hidden': 'true' }, icon), ` ${word}`)),
    facts.length ? h('dl', { class: 'facts compact' }, facts.map(([label, value, id]) => [h('dt', {}, label), h('dd', { id }, String(value))])) : null,
    answer.inspectionData ? null : h('p', { class: 'muted' }, 'INFO level: choose DEBUG or TRACE to see each processing step.'),
    h('div', { id: 'test-processing' }, inspectionView(answer)),
    data.afterItemsPath !== undefined ? [h('h4', {}, 'After ItemsPath'), codeBlock(pretty(data.afterItemsPath), 'After ItemsPath')] : null,
    data.variables !== undefined ? h('div', { id: 'test-variables-after' }, h('h4', {}, 'Variables after the state'), codeBlock(pretty(data.variables), 'Variables after the state')) : null,
  ];
}
