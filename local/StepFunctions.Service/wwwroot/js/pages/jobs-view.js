// The Jobs and Timeline tabs of a job net's execution: the manifest's jobs as a graph (depends_on as edges, laid
// out in layers by dagre), each with its live status, attempts and duration from its runs-table record; the
// selected job's input, output, error, record, child execution or container task; and one bar per job from its
// start to its end, its waits and runs coloured, against the run's deadline.

import { h, fill, link, executionUrl, formatDate, formatDuration, codeBlock, prettyDeep } from '../dom.js';
import { JOB_STATUS, jobStatus } from '../jobs.js';

const NODE_W = 170;
const NODE_H = 52;

/** Lays the jobs out once per manifest: { width, height, nodes: {name: {x, y}}, edges: [{from, to, points}] }. */
export function layoutJobs(manifest) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 48, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const job of manifest.jobs) g.setNode(job.name, { width: NODE_W, height: NODE_H });
  for (const job of manifest.jobs) for (const d of job.depends_on || []) if (g.hasNode(d)) g.setEdge(d, job.name);
  dagre.layout(g);
  const nodes = {};
  for (const name of g.nodes()) nodes[name] = { x: g.node(name).x, y: g.node(name).y };
  return {
    width: g.graph().width, height: g.graph().height, nodes,
    edges: g.edges().map((e) => ({ from: e.v, to: e.w, points: g.edge(e).points })),
  };
}

/** Sets an element's position and size through the CSSOM: the page's Content-Security-Policy refuses style attributes. */
function place(element, box) {
  for (const [k, v] of Object.entries(box)) element.style[k] = typeof v === 'number' ? `${v}px` : v;
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';
const svg = (name, attrs) => {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

/** The Jobs tab: returns update(records) to repaint statuses and details as the records change. */
export function jobsPanel(panel, { manifest, children, selected, onSelect }) {
  const laid = layoutJobs(manifest);
  const box = place(h('div', { class: 'jobs-graph', id: 'jobs-graph' }), { width: laid.width, height: laid.height });
  const edges = svg('svg', { width: laid.width, height: laid.height, class: 'jobs-edges', 'aria-hidden': 'true' });
  edges.append(svg('defs', {}));
  edges.firstChild.innerHTML = '<marker id="job-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z"/></marker>';
  for (const e of laid.edges) {
    edges.append(svg('path', { d: `M${e.points.map((p) => `${p.x},${p.y}`).join('L')}`, 'marker-end': 'url(#job-arrow)', 'data-edge': `${e.from}->${e.to}` }));
  }
  box.append(edges);
  const buttons = new Map();
  for (const job of manifest.jobs) {
    const at = laid.nodes[job.name];
    const button = place(h('button', { class: 'job-node', 'data-job': job.name, onclick: () => onSelect(job.name) }),
      { left: at.x - NODE_W / 2, top: at.y - NODE_H / 2, width: NODE_W, height: NODE_H });
    buttons.set(job.name, button);
    box.append(button);
  }
  const legend = h('ul', { class: 'legend', 'aria-label': 'Job statuses' },
    Object.entries(JOB_STATUS).map(([, s]) => h('li', { class: `node-key ${s.kind}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }, s.icon), ` ${s.text}`)));
  const summary = h('p', { id: 'jobs-summary' });
  const details = h('aside', { class: 'details', id: 'job-details', 'aria-label': 'Job details' });
  fill(panel, h('div', { class: 'graph-layout' }, h('div', {}, summary, legend, h('div', { class: 'graph-box' }, box)), details));

  let current = { records: new Map(), run: null };
  let chosen = selected;

  function paint() {
    const counts = {};
    for (const job of manifest.jobs) {
      const record = current.records.get(job.name);
      const status = jobStatus(record, current.run);
      counts[status] = (counts[status] || 0) + 1;
      const s = JOB_STATUS[status];
      const button = buttons.get(job.name);
      button.className = `job-node ${s.kind}${chosen === job.name ? ' selected' : ''}`;
      button.dataset.status = status;
      const duration = record && record.started_at ? formatDuration((record.ended_at ? new Date(record.ended_at) : new Date()) - new Date(record.started_at)) : '';
      fill(button,
        h('span', { class: 'job-name' }, job.name),
        h('span', { class: 'job-status' }, `${s.icon} ${s.text}`,
          record && record.attempts ? ` · ${record.attempts} attempt${record.attempts === 1 ? '' : 's'}` : '', duration ? ` · ${duration}` : ''));
      button.setAttribute('aria-label', `${job.name}: ${s.text}`);
    }
    summary.textContent = `${manifest.jobs.length} jobs: ` + Object.entries(counts).map(([k, n]) => `${n} ${JOB_STATUS[k].text.toLowerCase()}`).join(', ');
    paintDetails();
  }

  function paintDetails() {
    const job = manifest.jobs.find((j) => j.name === chosen);
    if (!job) {
      fill(details, h('p', { class: 'muted' }, 'Select a job to see its input, output, error, its record in the runs table and its child execution or container task.'));
      return;
    }
    const record = current.records.get(job.name);
    const status = jobStatus(record, current.run);
    const childArns = children().filter((arn) => {
      const name = arn.split(':').pop();
      return name === `${manifest.run_id}.${job.name}` || name.startsWith(`${manifest.run_id}.${job.name}.r`);
    });
    const output = record && record.output ? prettyDeep(record.output) : '';
    let task = null;
    try { task = record && record.output ? JSON.parse(record.output) : null; } catch { task = null; }
    const exit = record && record.cause ? /exit code (\S+) \(stop code ([^:]+): ([^)]*)\)/.exec(record.cause) : null;
    fill(details,
      h('h2', { id: 'job-details-title' }, job.name, ' ', h('span', { class: `pill ${JOB_STATUS[status].kind}` }, `${JOB_STATUS[status].icon} ${JOB_STATUS[status].text}`)),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Workflow'), h('dd', {}, job.workflow),
        h('dt', {}, 'Depends on'), h('dd', {}, (job.depends_on || []).join(', ') || '–'),
        h('dt', {}, 'Attempts'), h('dd', {}, record ? String(record.attempts) : '0'),
        h('dt', {}, 'Started'), h('dd', {}, record && record.started_at ? formatDate(new Date(record.started_at)) : '–'),
        h('dt', {}, 'Ended'), h('dd', {}, record && record.ended_at ? formatDate(new Date(record.ended_at)) : '–'),
        record && record.blocked_by ? [h('dt', {}, 'Blocked by'), h('dd', {}, record.blocked_by)] : null,
        childArns.length ? [h('dt', {}, 'Child execution'), h('dd', { id: 'job-child' }, childArns.map((arn) => h('div', {}, link(executionUrl(arn), arn.split(':').pop()))))] : null,
        task && task.task_arn ? [h('dt', {}, 'Container task'), h('dd', {}, h('code', {}, task.task_arn), ` exit code ${task.exit_code}`)] : null,
        exit ? [h('dt', {}, 'Container task'), h('dd', { id: 'job-exit' }, `exit code ${exit[1]}, stopped: ${exit[2]} (${exit[3]})`)] : null),
      record && record.error ? h('div', { class: 'error-box', role: 'alert' }, h('h3', {}, 'Error ', h('code', {}, record.error)), codeBlock(record.cause || '', 'Cause')) : null,
      h('h3', {}, 'Input'), codeBlock(JSON.stringify(job.input ?? {}, null, 2), 'Job input'),
      h('h3', {}, 'Output'), codeBlock(output || '(none yet)', 'Job output'),
      h('h3', {}, 'History'), h('ol', { class: 'job-history', id: 'job-history' },
        ((record && record.history) || []).map((entry) => h('li', {}, h('code', {}, entry.at), ' ', entry.status))),
      h('h3', {}, 'Record in the runs table'), codeBlock(record ? JSON.stringify(record, null, 2) : '(no record: the job has not started in this run)', 'Job record'));
  }

  paint();
  return {
    update(records, run) {
      current = { records, run };
      paint();
    },
    select(name) {
      chosen = name;
      paint();
    },
  };
}

/** The Timeline tab: one bar per job from its first WAITING to its end, split by its history, against the deadline. */
export function timelinePanel(panel, { manifest, execution, records }) {
  const start = new Date(execution.startDate * 1000);
  const stop = execution.stopDate ? new Date(execution.stopDate * 1000) : new Date();
  const deadline = manifest.deadline_seconds ? new Date(start.getTime() + manifest.deadline_seconds * 1000) : null;
  const ends = [stop.getTime()];
  for (const record of records.values()) for (const entry of record.history || []) ends.push(new Date(entry.at).getTime());
  const end = Math.max(...ends);
  // The deadline is drawn when it falls within twice the run's length, else named only (it would squash the bars).
  const span = Math.max(1, (deadline && deadline.getTime() - start.getTime() < 2 * (end - start.getTime()) ? Math.max(end, deadline.getTime()) : end) - start.getTime());
  const pct = (t) => `${(((t - start.getTime()) / span) * 100).toFixed(3)}%`;
  const rows = manifest.jobs.map((job) => {
    const record = records.get(job.name);
    const history = (record && record.history) || [];
    const segments = history.map((entry, i) => {
      const from = new Date(entry.at).getTime();
      const to = i + 1 < history.length ? new Date(history[i + 1].at).getTime() : from;
      const status = entry.status.toLowerCase();
      const kind = (JOB_STATUS[status] || JOB_STATUS.waiting).kind;
      return to > from ? place(h('span', { class: `bar ${kind}`, title: `${entry.status} ${formatDuration(to - from)}`, 'data-status': status }),
        { left: pct(from), width: pct(start.getTime() + (to - from)) }) : null;
    });
    const status = jobStatus(record);
    return h('div', { class: 'timeline-row', 'data-job': job.name },
      h('span', { class: 'timeline-label' }, job.name, ' ', h('span', { class: `pill ${JOB_STATUS[status].kind}` }, JOB_STATUS[status].text)),
      h('span', { class: 'timeline-track' }, segments,
        deadline && deadline.getTime() - start.getTime() <= span ? place(h('span', { class: 'deadline' }), { left: pct(deadline.getTime()) }) : null));
  });
  fill(panel,
    h('p', { id: 'timeline-scale' }, `From ${formatDate(start)} to ${formatDate(new Date(start.getTime() + span))} (${formatDuration(span)}). `,
      deadline ? `Deadline ${formatDate(deadline)} (${manifest.deadline_seconds} s after the start)${deadline.getTime() - start.getTime() > span ? ', beyond this scale' : ', the red line'}.` : 'No deadline in the manifest.',
      ' Light bars: waiting for dependencies or a slot; blue: running (its polls included); green, red: the end.'),
    h('div', { class: 'timeline', id: 'timeline' }, rows));
}
