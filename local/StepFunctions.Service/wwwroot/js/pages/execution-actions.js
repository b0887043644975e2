// The execution page's Stop and Redrive: whether each may be pressed, and their confirmation dialogs. Whether
// an execution can be redriven is the server's answer (DescribeExecution's redriveStatus and
// redriveStatusReason, AWS's rule), never decided here.

import { call } from '../api.js';
import { h, toast } from '../dom.js';
import { isEnded } from '../status.js';

/** Enables the buttons for `execution` (a DescribeExecution answer) and says why a failed run cannot be redriven. */
export function paintActions({ stopButton, redriveButton, redriveNote }, execution) {
  stopButton.disabled = execution.status !== 'RUNNING';
  const why = execution.redriveStatus === 'REDRIVABLE' ? null
    : execution.redriveStatusReason || `Not redrivable (${execution.redriveStatus}).`;
  redriveButton.disabled = Boolean(why);
  redriveButton.title = why || 'Restart from the states that did not succeed';
  // The note is for a run one would expect to redrive (it did not succeed and has ended); the others say why in the title.
  redriveNote.textContent = why && isEnded(execution.status) && execution.status !== 'SUCCEEDED' ? why : '';
}

/** Wires the buttons to their dialogs; `changed()` runs after the server accepted a Stop or Redrive. */
export function wireActions({ stopButton, redriveButton }, view, changed) {
  stopButton.onclick = () => confirmStop(view, changed);
  redriveButton.onclick = () => confirmRedrive(view, changed);
}

function confirmDialog(title, body, confirmText, onConfirm) {
  const problem = h('div', { class: 'error-box', role: 'alert', hidden: true });
  const ok = h('button', { type: 'submit', class: 'primary danger', id: 'confirm-ok' }, confirmText);
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const form = h('form', { method: 'dialog' }, h('h2', { id: 'confirm-title' }, title), body, problem, h('div', { class: 'actions' }, cancel, ok));
  const dialog = h('dialog', { 'aria-labelledby': 'confirm-title', id: 'confirm-dialog' }, form);
  document.body.append(dialog);
  const close = () => { dialog.close(); dialog.remove(); };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ok.disabled = true;
    try {
      await onConfirm();
      close();
    } catch (err) {
      problem.hidden = false;
      problem.textContent = `${err.code}: ${err.message}`;
      ok.disabled = false;
    }
  });
  dialog.showModal();
  cancel.focus();
}

function confirmStop(view, changed) {
  const error = h('input', { id: 'stop-error', type: 'text', maxlength: 256 });
  const cause = h('textarea', { id: 'stop-cause', rows: 3, maxlength: 32768 });
  confirmDialog(`Stop ${view.execution.name}?`,
    h('div', {}, h('p', {}, 'The execution ends ABORTED. You can redrive it afterwards.'),
      h('label', { for: 'stop-error' }, 'Error (optional)'), error,
      h('label', { for: 'stop-cause' }, 'Cause (optional)'), cause),
    'Stop execution', async () => {
      await call('StopExecution', { executionArn: view.execution.executionArn, ...(error.value ? { error: error.value } : {}), ...(cause.value ? { cause: cause.value } : {}) });
      toast('Execution stopped.');
      await changed();
    });
}

function confirmRedrive(view, changed) {
  if (view.rerun) {
    // A job net: the redrive reruns exactly the failed jobs and those they blocked (the ResumeGate lets it through).
    const names = view.rerun();
    confirmDialog(`Rerun the failed jobs of ${view.execution.name}?`,
      h('div', {}, h('p', {}, `The run resumes: these ${names.length} jobs run again, in dependency order. Jobs that succeeded are not run again.`),
        h('ul', { id: 'rerun-jobs' }, names.map((n) => h('li', {}, n)))),
      'Rerun failed jobs', async () => {
        await call('RedriveExecution', { executionArn: view.execution.executionArn });
        toast('Run resumed: the failed and blocked jobs run again.');
        await changed();
      });
    return;
  }
  confirmDialog(`Redrive ${view.execution.name}?`,
    h('p', {}, 'The execution continues from the states that did not succeed, with the same input and definition. Successful steps are not run again.'),
    'Redrive', async () => {
      await call('RedriveExecution', { executionArn: view.execution.executionArn });
      toast('Execution redriven.');
      await changed();
    });
}
