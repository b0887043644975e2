// The status vocabulary every page uses: execution statuses as the API names them, and the statuses of steps
// (graph nodes, table rows, iterations, attempts), each shown by an icon and a word as well as by colour, so
// it reads without colour vision.

/** Step statuses: what the history says of each state (history.js decides them). */
export const STATUS = {
  succeeded: { icon: '✓', text: 'Succeeded' },
  failed: { icon: '✕', text: 'Failed' },
  caught: { icon: '!', text: 'Caught error' },
  running: { icon: '◔', text: 'In progress' },
  aborted: { icon: '■', text: 'Aborted' },
  notrun: { icon: '–', text: 'Not run' },
};

/** Execution statuses as DescribeExecution and ListExecutions name them, with the step status whose look each takes. */
const EXECUTION = {
  RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed', TIMED_OUT: 'failed', ABORTED: 'aborted',
  PENDING_REDRIVE: 'running',
};

/** Every execution status, in the API's order (ListExecutions' statusFilter). */
export const EXECUTION_STATUSES = Object.keys(EXECUTION);

/** True once an execution has ended (its status will not change unless it is redriven). */
export const isEnded = (status) => status !== 'RUNNING' && status !== 'PENDING_REDRIVE';

/** The look of an execution status (a STATUS key), or the step status itself when given one. */
export const kindOf = (status) => EXECUTION[status] || status;

/** "TIMED_OUT" → "Timed out"; a step status → its word. */
export const statusText = (status) => EXECUTION[status]
  ? status.replace('_', ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase())
  : (STATUS[status] || { text: status }).text;
