// Router: every view has a URL (deep links survive a reload; the server answers unknown paths with this page).
//   /                                   state machines
//   /state-machines/<arn>[?status=&start]   one state machine (definition, executions, start dialog)
//   /executions/<arn>[?tab=&state=&iteration=&q=&job=]   one execution
//   /runs/<state machine arn>[?series=]   a job net's runs as a grid of its jobs' statuses

import { h, link, errorBox } from './dom.js';
import { isCurrent, nextToken, setCrumbs, setRouter } from './nav.js';
import { listPage } from './pages/list.js';
import { machinePage } from './pages/machine.js';
import { executionPage } from './pages/execution.js';
import { runsPage } from './pages/runs.js';

async function route() {
  const token = nextToken();
  const main = document.getElementById('main');
  const path = decodeURIComponent(location.pathname);
  const query = new URLSearchParams(location.search);
  let page;
  let m;
  if (path === '/' || path === '/index.html') page = () => listPage(main, token);
  else if ((m = /^\/state-machines\/(.+)$/.exec(path))) page = () => machinePage(main, token, m[1], query);
  else if ((m = /^\/executions\/(.+)$/.exec(path))) page = () => executionPage(main, token, m[1], query);
  else if ((m = /^\/runs\/(.+)$/.exec(path))) page = () => runsPage(main, token, m[1], query);
  else {
    setCrumbs(['Not found']);
    main.replaceChildren(h('h1', {}, 'Page not found'), h('p', {}, 'No view has the address ', h('code', {}, path), '. ', link('/', 'Back to the state machines')));
    return;
  }
  try {
    await page();
  } catch (e) {
    if (isCurrent(token)) main.replaceChildren(h('h1', {}, 'Something went wrong'), errorBox(e), h('p', {}, link('/', 'Back to the state machines')));
  }
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-link]');
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  history.pushState(null, '', a.getAttribute('href'));
  route();
  document.getElementById('main').focus({ preventScroll: true });
});
window.addEventListener('popstate', route);
setRouter(route);
document.getElementById('endpoint').textContent = location.host;
route();
