// Draws the graph model (asl.js) as SVG, laid out by dagre. Each state is a focusable button; its status is
// shown by an icon and a word as well as by colour, so it reads without colour vision.

import { STATUS } from './status.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHAR = 7.2; // average glyph width of the 13px UI font, to size boxes without measuring the DOM
const NODE_H = 46;

function el(name, attrs = {}, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

const LAYOUT_VERSION = 1; // bump when the sizes or dagre settings below change, to drop cached layouts

/**
 * Lays the model out: `{ width, height, nodes: {id: {x, y, width, height}}, edges: [{edge, points, x, y}] }`.
 * The layout depends on the definition only, and dagre is the slowest part of a first paint, so it is kept in
 * localStorage under a hash of the definition (a definition seen once draws at once afterwards).
 */
export function layout(model, definitionText) {
  const key = definitionText ? `sfn-console-layout:${LAYOUT_VERSION}:${hash(definitionText)}` : null;
  if (key) {
    try {
      const cached = JSON.parse(localStorage.getItem(key));
      if (cached && cached.text === definitionText) return cached.layout;
    } catch { /* storage unavailable or corrupt: lay out again */ }
  }
  const result = runDagre(model);
  if (key) {
    try {
      localStorage.setItem(key, JSON.stringify({ text: definitionText, layout: result }));
    } catch { /* storage full: the next visit lays out again */ }
  }
  return result;
}

function hash(text) {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

function runDagre(model) {
  // Compound graphs (nested boxes) cost dagre extra passes: only ask for them when there are boxes.
  const g = new dagre.graphlib.Graph({ compound: model.clusters.length > 0, multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 36, edgesep: 12, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const c of model.clusters) g.setNode(c.id, { label: c.label, clusterLabelPos: 'top', paddingTop: 24 });
  for (const c of model.clusters) if (c.parent) g.setParent(c.id, c.parent);
  for (const n of model.nodes) {
    const size = n.kind === 'state'
      ? { width: Math.max(150, Math.max(n.label.length, (n.detail || '').length + 14) * CHAR + 28), height: NODE_H }
      : n.kind === 'join' ? { width: 12, height: 12 } : { width: 64, height: 28 };
    g.setNode(n.id, size);
    if (n.cluster) g.setParent(n.id, n.cluster);
  }
  const ids = new Set(model.nodes.map((n) => n.id));
  model.edges.forEach((e, i) => {
    if (!ids.has(e.from) || !ids.has(e.to)) return; // a Next to a missing state: the server rejects such definitions
    const label = e.label ? { width: Math.min(e.label.length, 36) * 6.4 + 8, height: 16, labelpos: 'c' } : {};
    g.setEdge(e.from, e.to, { ...label, index: i }, `e${i}`);
  });
  dagre.layout(g);
  const round = (v) => Math.round(v * 10) / 10;
  const nodes = {};
  for (const id of g.nodes()) {
    const n = g.node(id);
    nodes[id] = { x: round(n.x), y: round(n.y), width: round(n.width), height: round(n.height) };
  }
  const edges = g.edges().map((k) => {
    const e = g.edge(k);
    return { index: e.index, points: e.points.map((p) => [round(p.x), round(p.y)]), x: e.x, y: e.y };
  });
  const { width, height } = g.graph();
  return { width, height, nodes, edges };
}

/**
 * Renders the laid-out graph into `container`. `onSelect(name)` runs when a state is clicked or chosen with
 * Enter/Space. Returns `{ setStatuses(map name → status), select(name) }`.
 */
export function render(container, model, laid, onSelect) {
  container.textContent = '';
  const { width, height } = laid;
  const svg = el('svg', { class: 'graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': 'State machine graph' }, container);
  const defs = el('defs', {}, svg);
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
  el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }, marker);

  for (const c of model.clusters) {
    const n = laid.nodes[c.id];
    const box = el('g', { class: c.branch ? 'cluster branch' : 'cluster' }, svg);
    el('rect', { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height, rx: 8 }, box);
    const t = el('text', { x: n.x - n.width / 2 + 10, y: n.y - n.height / 2 + 16, class: 'cluster-label' }, box);
    t.textContent = c.label;
  }

  const edgeLayer = el('g', { class: 'edges' }, svg);
  for (const data of laid.edges) {
    const e = model.edges[data.index];
    const d = data.points.map(([x, y], i) => `${i ? 'L' : 'M'}${x},${y}`).join(' ');
    el('path', { d, class: `edge ${e.kind}`, 'marker-end': 'url(#arrow)' }, edgeLayer);
    if (e.label && data.x !== undefined) {
      const short = e.label.length > 36 ? `${e.label.slice(0, 35)}…` : e.label;
      const group = el('g', { class: `edge-label ${e.kind}` }, edgeLayer);
      const w = short.length * 6.4 + 8;
      el('rect', { x: data.x - w / 2, y: data.y - 9, width: w, height: 18, rx: 4 }, group);
      const t = el('text', { x: data.x, y: data.y + 4, 'text-anchor': 'middle' }, group);
      t.textContent = short;
      const title = el('title', {}, group);
      title.textContent = e.label;
    }
  }

  const nodes = new Map();
  const nodeLayer = el('g', { class: 'nodes' }, svg);
  for (const n of model.nodes) {
    const p = laid.nodes[n.id];
    if (n.kind === 'join') {
      el('circle', { cx: p.x, cy: p.y, r: 5, class: 'join' }, nodeLayer);
      continue;
    }
    if (n.kind === 'terminal') {
      const t = el('g', { class: 'terminal' }, nodeLayer);
      el('rect', { x: p.x - p.width / 2, y: p.y - p.height / 2, width: p.width, height: p.height, rx: 14 }, t);
      el('text', { x: p.x, y: p.y + 4, 'text-anchor': 'middle' }, t).textContent = n.label;
      continue;
    }
    // Selectable states are buttons in the tab order; on a definition-only graph they are plain pictures.
    const group = el('g', onSelect ? { class: 'node', tabindex: 0, role: 'button', 'data-state': n.id } : { class: 'node', role: 'img', 'data-state': n.id }, nodeLayer);
    const x = p.x - p.width / 2;
    const y = p.y - p.height / 2;
    el('rect', { x, y, width: p.width, height: p.height, rx: 6, class: 'box' }, group);
    el('text', { x: x + 10, y: y + 19, class: 'name' }, group).textContent = n.label;
    const detail = el('text', { x: x + 10, y: y + 36, class: 'detail' }, group);
    detail.textContent = n.detail;
    const badge = el('text', { x: x + p.width - 8, y: y + 36, class: 'badge', 'text-anchor': 'end' }, group);
    const title = el('title', {}, group);
    nodes.set(n.id, { group, badge, title, node: n });
    const choose = () => onSelect && onSelect(n.id);
    group.addEventListener('click', choose);
    group.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); choose(); }
    });
  }

  function setStatuses(statuses) {
    for (const [name, { group, badge, title, node }] of nodes) {
      const status = statuses ? statuses.get(name) || 'notrun' : null;
      group.setAttribute('class', `node ${status || 'plain'}${group.classList.contains('selected') ? ' selected' : ''}`);
      group.dataset.status = status || '';
      badge.textContent = status ? `${STATUS[status].icon} ${STATUS[status].text}` : '';
      const label = `${node.label}, ${node.detail}${status ? `, ${STATUS[status].text}` : ''}`;
      title.textContent = label;
      group.setAttribute('aria-label', label);
    }
  }

  function select(name) {
    for (const [n, { group }] of nodes) {
      group.classList.toggle('selected', n === name);
      if (n === name) group.setAttribute('aria-pressed', 'true'); else group.removeAttribute('aria-pressed');
    }
  }

  setStatuses(null);
  return { setStatuses, select, svg };
}
