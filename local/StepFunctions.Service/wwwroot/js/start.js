// The start-execution dialog: name (generated), input JSON checked before anything is sent, example inputs.

import { call } from './api.js';
import { h, executionUrl } from './dom.js';
import { examplesFor } from './examples.js';
import { navigate } from './nav.js';

// AWS: 1–80 characters, none of whitespace < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : / or control characters.
const BAD_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

export function nameProblem(name) {
  if (name.length < 1 || name.length > 80) return 'The name must have 1 to 80 characters.';
  const bad = BAD_NAME.exec(name);
  if (bad) return `The name cannot contain ${/\s/.test(bad[0]) ? 'whitespace' : `"${bad[0]}"`}.`;
  return null;
}

/** Where a JSON.parse error points, as "line L, column C" (Chromium reports a character position). */
export function jsonProblem(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const m = /position (\d+)/.exec(e.message);
    if (!m) return `Not valid JSON: ${e.message}`;
    const before = text.slice(0, Number(m[1]));
    const line = before.split('\n').length;
    const column = Number(m[1]) - before.lastIndexOf('\n');
    return `Not valid JSON at line ${line}, column ${column}: ${e.message.replace(/\s*\(line \d+ column \d+\)/, '')}`;
  }
}

export function openStartDialog(machine, initialInput) {
  const examples = examplesFor(machine.name);
  const name = h('input', { id: 'start-name', type: 'text', value: crypto.randomUUID(), maxlength: 80, autocomplete: 'off', 'aria-describedby': 'start-name-help' });
  const nameHelp = h('p', { id: 'start-name-help', class: 'help' }, 'Generated; change it to reuse a name (AWS allows a name once per state machine).');
  const input = h('textarea', { id: 'start-input', rows: 14, spellcheck: 'false', 'aria-describedby': 'start-input-check' });
  input.value = initialInput ?? JSON.stringify(examples[0].input, null, 2);
  const check = h('p', { id: 'start-input-check', class: 'help', 'aria-live': 'polite' });
  const example = h('select', { id: 'start-example' },
    h('option', { value: '' }, 'Choose an example input…'),
    examples.map((x, i) => h('option', { value: i }, x.label)));
  const problem = h('div', { class: 'error-box', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'start-submit' }, 'Start execution');
  const cancel = h('button', { type: 'button', id: 'start-cancel' }, 'Cancel');
  const form = h('form', { method: 'dialog' },
    h('h2', { id: 'start-title' }, `Start execution of ${machine.name}`),
    h('label', { for: 'start-name' }, 'Name'), name, nameHelp,
    h('label', { for: 'start-example' }, 'Example inputs'), example,
    h('label', { for: 'start-input' }, 'Input (JSON)'), input, check,
    problem,
    h('div', { class: 'actions' }, cancel, submit));
  const dialog = h('dialog', { id: 'start-dialog', 'aria-labelledby': 'start-title' }, form);
  document.body.append(dialog);

  const validate = () => {
    const p = jsonProblem(input.value) || nameProblem(name.value);
    check.textContent = jsonProblem(input.value) || '✓ Valid JSON';
    check.classList.toggle('bad', Boolean(jsonProblem(input.value)));
    input.setAttribute('aria-invalid', String(Boolean(jsonProblem(input.value))));
    name.setAttribute('aria-invalid', String(Boolean(nameProblem(name.value))));
    nameHelp.textContent = nameProblem(name.value) || 'Generated; change it to reuse a name (AWS allows a name once per state machine).';
    nameHelp.classList.toggle('bad', Boolean(nameProblem(name.value)));
    submit.disabled = Boolean(p);
    return !p;
  };
  input.addEventListener('input', validate);
  name.addEventListener('input', validate);
  example.addEventListener('change', () => {
    if (example.value === '') return;
    input.value = JSON.stringify(examples[Number(example.value)].input, null, 2);
    validate();
  });
  const close = () => { dialog.close(); dialog.remove(); };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!validate()) return;
    submit.disabled = true;
    problem.hidden = true;
    try {
      const started = await call('StartExecution', { stateMachineArn: machine.stateMachineArn, name: name.value, input: input.value });
      close();
      navigate(executionUrl(started.executionArn));
    } catch (err) {
      problem.hidden = false;
      problem.textContent = `${err.code}: ${err.message}`;
      submit.disabled = false;
    }
  });
  validate();
  dialog.showModal();
  input.focus();
  return dialog;
}
