// Reads an Amazon States Language definition into what the graph draws: one node per state, the transitions
// between them (Next, Choice rules with labels, Default, Catch), and nested boxes for Map and Parallel.
// It only reads the shape; running states is the server's job.

const COMPARISONS = {
  StringEquals: '==', StringLessThan: '<', StringGreaterThan: '>', StringLessThanEquals: '<=',
  StringGreaterThanEquals: '>=', StringMatches: 'matches', NumericEquals: '==', NumericLessThan: '<',
  NumericGreaterThan: '>', NumericLessThanEquals: '<=', NumericGreaterThanEquals: '>=', BooleanEquals: '==',
  TimestampEquals: '==', TimestampLessThan: '<', TimestampGreaterThan: '>', TimestampLessThanEquals: '<=',
  TimestampGreaterThanEquals: '>=',
};
const TYPE_TESTS = { IsNull: 'null', IsPresent: 'present', IsNumeric: 'numeric', IsString: 'a string', IsBoolean: 'a boolean', IsTimestamp: 'a timestamp' };

/** A Choice rule as one readable line, e.g. `$.is_even == true` or `not ($.is_even is present)`. */
export function ruleLabel(rule) {
  if (typeof rule.Condition === 'string') return rule.Condition.replace(/^\{%\s*|\s*%\}$/g, '');
  if (rule.And) return rule.And.map((r) => `(${ruleLabel(r)})`).join(' and ');
  if (rule.Or) return rule.Or.map((r) => `(${ruleLabel(r)})`).join(' or ');
  if (rule.Not) return `not (${ruleLabel(rule.Not)})`;
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next') continue;
    const base = key.endsWith('Path') && COMPARISONS[key.slice(0, -4)] ? key.slice(0, -4) : key;
    if (COMPARISONS[base]) {
      const operand = key === base ? JSON.stringify(value) : value;
      return `${rule.Variable} ${COMPARISONS[base]} ${operand}`;
    }
    if (TYPE_TESTS[key]) return `${rule.Variable} is ${value ? '' : 'not '}${TYPE_TESTS[key]}`;
  }
  return 'rule';
}

/** Short description of a Task's resource: `lambda:invoke`, `ecs:runTask.sync`, or the function name. */
export function resourceLabel(resource) {
  if (!resource) return '';
  const service = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  if (service) return service[1].replace(/^aws-sdk:/, 'sdk ');
  const fn = /:function:([^:]+)/.exec(resource);
  return fn ? `λ ${fn[1]}` : resource;
}

/**
 * The graph model: `nodes` (states plus Start/End and the join points of containers), `edges`, `clusters`
 * (Map/Parallel boxes) and `states` (name → {definition, type, container chain}).
 */
export function buildModel(definition) {
  const model = { nodes: [], edges: [], clusters: [], states: new Map() };
  model.nodes.push({ id: '__start', kind: 'terminal', label: 'Start' });
  model.nodes.push({ id: '__end', kind: 'terminal', label: 'End' });
  addScope(model, definition, null, [], '__start', '__end');
  return model;
}

/** Adds one States block (top level, a Parallel branch or a Map processor). Edges into the block start at
 * `entry`; states that end it lead to `exit`. `maps` lists the enclosing Map state names (outermost first). */
function addScope(model, scope, cluster, maps, entry, exit) {
  const states = scope.States || {};
  if (scope.StartAt) model.edges.push({ from: entry, to: scope.StartAt, kind: 'next' });
  for (const [name, state] of Object.entries(states)) {
    const type = state.Type || 'Unknown';
    model.states.set(name, { name, type, definition: state, cluster, maps });
    const node = { id: name, kind: 'state', label: name, type, detail: type === 'Task' ? resourceLabel(state.Resource) : type, cluster };
    model.nodes.push(node);
    let leaving = name;
    if (type === 'Map' || type === 'Parallel') {
      // The state's own node heads its box; a small join node closes it and carries the outgoing edges.
      const boxId = `__box:${name}`;
      const joinId = `__join:${name}`;
      model.clusters.push({ id: boxId, label: `${type} ${name}`, parent: cluster, state: name });
      node.cluster = boxId;
      model.nodes.push({ id: joinId, kind: 'join', label: '', cluster: boxId });
      if (type === 'Map') {
        const processor = state.ItemProcessor || state.Iterator || {};
        addScope(model, processor, boxId, [...maps, name], name, joinId);
      } else {
        (state.Branches || []).forEach((branch, i) => {
          const branchId = `__branch:${name}:${i}`;
          model.clusters.push({ id: branchId, label: `Branch ${i + 1}`, parent: boxId, branch: true });
          addScope(model, branch, branchId, maps, name, joinId);
        });
      }
      leaving = joinId;
    }
    if (type === 'Choice') {
      (state.Choices || []).forEach((rule) => model.edges.push({ from: name, to: rule.Next, kind: 'choice', label: ruleLabel(rule) }));
      if (state.Default) model.edges.push({ from: name, to: state.Default, kind: 'default', label: 'Default' });
    } else if (state.Next) {
      model.edges.push({ from: leaving, to: state.Next, kind: 'next' });
    } else if (state.End || type === 'Succeed' || type === 'Fail') {
      model.edges.push({ from: leaving, to: exit, kind: 'next' });
    }
    for (const c of state.Catch || []) {
      model.edges.push({ from: name, to: c.Next, kind: 'catch', label: `Catch ${(c.ErrorEquals || []).join(', ')}` });
    }
  }
}
