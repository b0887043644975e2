// Navigation state shared by the router (app.js) and the pages.

import { h, link } from './dom.js';

let generation = 0;
let router = () => {};

export function setRouter(fn) {
  router = fn;
}

let leaving = [];

/** Each render gets a token; a page's timers and late responses check it so a page left behind goes quiet. */
export function nextToken() {
  for (const fn of leaving) fn();
  leaving = [];
  return ++generation;
}

/** Runs `fn` when the current view is left (closes live streams). */
export function onLeave(fn) {
  leaving.push(fn);
}

export function isCurrent(token) {
  return token === generation;
}

export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  router();
}

/** Updates the query string of the current view without re-rendering (selection, tab, filters). */
export function setQuery(changes) {
  const url = new URL(location.href);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  history.replaceState(null, '', url);
}

export function setCrumbs(...items) {
  const ol = document.getElementById('crumbs');
  ol.textContent = '';
  const all = [['State machines', '/'], ...items];
  all.forEach(([text, href], i) => {
    const last = i === all.length - 1;
    ol.append(h('li', {}, last ? h('span', { 'aria-current': 'page' }, text) : link(href, text)));
  });
  document.title = `${all[all.length - 1][0]} · Step Functions (local)`;
}
