// The event view: GetExecutionHistory as a table, filterable by text (type, state name, payloads) and kind.

import { pretty } from '../api.js';
import { detailsOf } from '../history.js';
import { h, fill, formatDuration } from '../dom.js';

const KINDS = {
  all: () => true,
  errors: (e) => /(Failed|TimedOut|Aborted)$/.test(e.type),
  states: (e) => /State(Entered|Exited)$/.test(e.type) || /^Execution/.test(e.type),
  tasks: (e) => /^(Task|LambdaFunction|Activity)/.test(e.type),
  map: (e) => /^Map/.test(e.type),
};
const MAX_ROWS = 2000;

export function eventView(panel, view, onQuery) {
  // Built once per page; live updates only repaint the rows, so typing in the filter is never interrupted.
  if (panel.paintEvents) {
    panel.paintEvents();
    return;
  }
  const [text = '', kind = 'all'] = view.eventQuery.split('|');
  const search = h('input', { type: 'search', id: 'event-filter', placeholder: 'Filter by type, state or payload', value: text, 'aria-label': 'Filter events' });
  const select = h('select', { id: 'event-kind', 'aria-label': 'Kind of events' },
    h('option', { value: 'all' }, 'All events'), h('option', { value: 'errors' }, 'Failures only'),
    h('option', { value: 'states' }, 'State transitions'), h('option', { value: 'tasks' }, 'Task events'),
    h('option', { value: 'map' }, 'Map events'));
  select.value = KINDS[kind] ? kind : 'all';
  const body = h('tbody');
  const count = h('p', { class: 'muted', 'aria-live': 'polite', id: 'event-count' });

  const paint = () => {
    const base = view.start ? view.start.time : null;
    const needle = search.value.trim().toLowerCase();
    const rows = view.events.filter((e) => KINDS[select.value](e) && (!needle || `${e.stepName} ${JSON.stringify(e)}`.toLowerCase().includes(needle)));
    count.textContent = `${rows.length} of ${view.events.length} events`;
    fill(body, ...rows.slice(0, MAX_ROWS).map((e) => {
      const d = detailsOf(e);
      return h('tr', { 'data-type': e.type },
        h('td', { class: 'num' }, String(e.id)),
        h('td', {}, e.type),
        h('td', {}, e.stepName || ''),
        h('td', { class: 'num' }, base && e.time ? `+${formatDuration(e.time - base)}` : ''),
        h('td', {}, d ? h('details', {}, h('summary', {}, 'details'), h('pre', { class: 'code' }, prettyDetails(d))) : ''));
    }));
    if (rows.length > MAX_ROWS) body.append(h('tr', {}, h('td', { colspan: 5, class: 'muted' }, `Showing the first ${MAX_ROWS}; narrow the filter to see the rest.`)));
  };
  const changed = () => {
    onQuery(search.value || select.value !== 'all' ? `${search.value}|${select.value}` : '');
    paint();
  };
  search.addEventListener('input', changed);
  select.addEventListener('change', changed);
  fill(panel, h('div', { class: 'toolbar' }, search, select, count),
    h('table', { class: 'grid', id: 'events' },
      h('thead', {}, h('tr', {}, ['ID', 'Type', 'Step', 'Time', 'Details'].map((c) => h('th', { scope: 'col' }, c)))), body));
  panel.paintEvents = paint;
  paint();
}

/** Payload fields (input, output, parameters, cause…) are JSON strings: show them expanded. */
function prettyDetails(d) {
  const copy = {};
  for (const [k, v] of Object.entries(d)) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try { copy[k] = JSON.parse(v); continue; } catch { /* keep the string */ }
    }
    copy[k] = v;
  }
  return pretty(JSON.stringify(copy));
}
