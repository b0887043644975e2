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

/** Why a text is not JSON, with the line and column of the first offending character (JSON.parse's own
 * messages do not always say where). */
export function jsonProblem(text) {
  try {
    JSON.parse(text);
    return null;
  } catch {
    const at = errorOffset(text);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const found = at >= text.length ? 'the text ends too early' : `unexpected "${text[at]}"`;
    return `Not valid JSON at line ${line}, column ${column}: ${found}.`;
  }
}

/** Offset of the first character a JSON reader cannot accept: a small recursive-descent scan. */
function errorOffset(text) {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i += 1; };
  const fail = () => { throw i; };
  const literal = (word) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  const string = () => {
    i += 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        i += 1;
        if (text[i] === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(); i += 4; } else if (!'"\\/bfnrt'.includes(text[i])) fail();
      } else if (text.charCodeAt(i) < 0x20) fail();
      i += 1;
    }
    if (i >= text.length) fail();
    i += 1;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m[0].length;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') {
      i += 1; ws();
      if (text[i] === '}') { i += 1; return; }
      for (;;) {
        ws(); if (text[i] !== '"') fail(); string(); ws();
        if (text[i] !== ':') fail(); i += 1; value(); ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === '}') { i += 1; return; }
        fail();
      }
    } else if (c === '[') {
      i += 1; ws();
      if (text[i] === ']') { i += 1; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === ']') { i += 1; return; }
        fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value(); ws();
    return i < text.length ? i : text.length;
  } catch (offset) {
    return Math.min(offset, text.length);
  }
}

export async function openStartDialog(machine, initialInput) {
  const examples = await examplesFor(machine.name);
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
