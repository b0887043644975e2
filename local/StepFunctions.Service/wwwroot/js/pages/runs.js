// A job net's runs as a grid (as Airflow's): one row per run, one column per job, each cell the job's status in
// that run, optionally one series only. All from the runs table through DynamoDB's API: a Scan for the runs'
// RUN records, then a Query per run for its jobs' records.

import { h, fill, link, executionUrl, machineUrl, formatDate, statusPill, errorBox } from '../dom.js';
import { isCurrent, setCrumbs, setQuery } from '../nav.js';
import { JOB_STATUS, jobStatus, manifestOf, readAll, readRun, runsTableOf, unwrap } from '../jobs.js';

export const runsUrl = (machineArn, series) => `/runs/${encodeURIComponent(machineArn)}${series ? `?series=${encodeURIComponent(series)}` : ''}`;

export async function runsPage(main, token, machineArn, query) {
  const name = machineArn.split(':').pop();
  setCrumbs([name, machineUrl(machineArn)], ['Runs']);
  const table = await runsTableOf(machineArn);
  if (!isCurrent(token)) return;
  if (!table) {
    fill(main, h('h1', {}, 'Runs'), h('p', {}, `${name} runs no job net: the Runs grid is for the orchestrator's runs. `, link(machineUrl(machineArn), 'Back to the state machine')));
    return;
  }
  const runItems = (await readAll('Scan', {
    TableName: table, FilterExpression: '#record = :run',
    ExpressionAttributeNames: { '#record': 'record' }, ExpressionAttributeValues: { ':run': { S: 'RUN' } },
  })).map(unwrap).map((run) => ({ ...run, manifest: manifestOf(run.manifest) }))
    .filter((run) => run.manifest && (!run.execution_arn || run.execution_arn.startsWith(machineArn.replace(':stateMachine:', ':execution:') + ':')))
    .sort((a, b) => String(b.started_at).localeCompare(String(a.started_at)));
  const allSeries = [...new Set(runItems.map((r) => r.manifest.series).filter(Boolean))].sort();
  const series = query.get('series') || '';
  const runs = runItems.filter((r) => !series || r.manifest.series === series);
  const records = await Promise.all(runs.map((r) => readRun(table, r.run_id)));
  if (!isCurrent(token)) return;
  const jobs = [];
  for (const run of runs) for (const job of run.manifest.jobs) if (!jobs.includes(job.name)) jobs.push(job.name);

  const chooser = h('select', { id: 'series-filter', 'aria-label': 'Filter runs by series' },
    h('option', { value: '' }, 'All series'), allSeries.map((s) => h('option', { value: s }, s)));
  chooser.value = series;
  chooser.addEventListener('change', () => {
    setQuery({ series: chooser.value || null });
    runsPage(main, token, machineArn, new URLSearchParams(location.search)).catch((e) => fill(main, errorBox(e)));
  });
  const rows = runs.map((run, i) => h('tr', { 'data-run': run.run_id },
    h('th', { scope: 'row' }, run.execution_arn ? link(executionUrl(run.execution_arn), run.run_id) : run.run_id,
      h('div', { class: 'muted' }, formatDate(new Date(run.started_at)))),
    h('td', {}, run.manifest.series || '–'),
    h('td', {}, statusPill(run.status)),
    jobs.map((job) => {
      if (!run.manifest.jobs.some((j) => j.name === job)) return h('td', { class: 'cell muted' }, '');
      const status = jobStatus(records[i].jobs.get(job), records[i].run);
      const s = JOB_STATUS[status];
      return h('td', { class: 'cell', 'data-job': job, 'data-status': status },
        h('span', { class: `pill ${s.kind}`, title: `${job}: ${s.text}` }, `${s.icon} ${s.text}`));
    })));
  fill(main,
    h('div', { class: 'title-row' }, h('h1', {}, `Runs of ${name}`), h('label', {}, 'Series ', chooser)),
    h('p', { class: 'muted' }, `${runs.length} run${runs.length === 1 ? '' : 's'}, newest first, from the runs table ${table}.`),
    h('div', { class: 'scroll' }, h('table', { class: 'grid runs-grid', id: 'runs-grid' },
      h('thead', {}, h('tr', {}, ['Run', 'Series', 'Status', ...jobs].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 3 + jobs.length, class: 'muted' }, 'No runs yet.'))))));
  document.body.dataset.painted = 'true';
}
