// Small DOM helpers shared by the pages.

import { STATUS, kindOf, statusText } from './status.js';

/** h('a', {href: '/x', class: 'y', onclick: fn}, 'text', child...) */
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

/** Replaces an element's children, skipping null/false and flattening arrays (as h() does). */
export function fill(parent, ...children) {
  parent.replaceChildren();
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    parent.append(c instanceof Node ? c : String(c));
  }
  return parent;
}

/** A JSON text pretty-printed, with JSON documents nested in string values (an error's Cause) expanded. */
export function prettyDeep(text) {
  const expand = (v) => {
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try { return expand(JSON.parse(v)); } catch { return v; }
    }
    if (Array.isArray(v)) return v.map(expand);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
    return v;
  };
  if (text === undefined || text === null) return '';
  const value = expand(String(text));
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** An in-app link: the router handles the click, the URL stays shareable. */
export const link = (href, ...children) => h('a', { href, 'data-link': true }, ...children);

export const machineUrl = (arn) => `/state-machines/${encodeURIComponent(arn)}`;
export const executionUrl = (arn) => `/executions/${encodeURIComponent(arn)}`;

/** An execution status (API value) or a step status as a pill: icon + word, never colour alone. */
export function statusPill(status) {
  const kind = kindOf(status);
  const info = STATUS[kind] || { icon: '?' };
  return h('span', { class: `pill ${kind}`, 'data-status': status }, h('span', { 'aria-hidden': 'true' }, info.icon), ` ${statusText(status)}`);
}

export function formatDate(d) {
  if (!d) return '–';
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60000);
  return `${m} min ${Math.round((ms % 60000) / 1000)} s`;
}

export function codeBlock(text, label) {
  return h('pre', { class: 'code', tabindex: 0, 'aria-label': label }, text === '' || text === undefined ? '(none)' : text);
}

export function errorBox(e) {
  return h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, e.code || 'Error'), ': ', e.message || String(e));
}

export function toast(message) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('show'), 4000);
}
