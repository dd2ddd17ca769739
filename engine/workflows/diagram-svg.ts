import dagre from '@dagrejs/dagre';
import { localize, type Locale } from '../localized.ts';
import { resolveTarget, statePaths } from './state-paths.ts';
import type { TargetSpec, WorkflowSpec } from './workflow-model.ts';

/**
 * An SVG of the workflow's leaf states and transitions, laid out by dagre. Compound states are
 * shown by their path in the box label; the case view highlights the active states.
 */
export function workflowToSvg(spec: WorkflowSpec, options: { locale?: Locale; highlight?: readonly string[] } = {}): string {
  const locale = options.locale ?? 'zh-CN';
  const paths = statePaths(spec);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 50, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const leaves = [...paths].filter(([, s]) => !s.states);
  const titleOf = (path: string) => localize(paths.get(path)?.title, locale) || path.split('.').pop()!;
  for (const [path] of leaves) g.setNode(path, { label: titleOf(path), width: Math.max(80, textWidth(titleOf(path)) + 24), height: 36 });
  // A transition into a compound state lands on its initial leaf.
  const landing = (path: string): string => {
    const s = paths.get(path);
    if (!s?.states) return path;
    return landing(`${path}.${s.initial ?? Object.keys(s.states)[0]}`);
  };
  const leavesUnder = (path: string) => leaves.map(([p]) => p).filter((p) => p === path || p.startsWith(`${path}.`));
  const targetsOf = (t: { target?: string; targets?: readonly TargetSpec[] }) => [...(t.target ? [t.target] : []), ...(t.targets ?? []).map((b) => b.target)];
  let n = 0;
  const edge = (from: string, target: string, label: string) => {
    const to = resolveTarget(target, from, paths);
    if (!to) return;
    for (const f of leavesUnder(from)) g.setEdge(f, landing(to), { label, width: textWidth(label), height: 14, labelpos: 'c' }, `e${n++}`);
  };
  for (const [path, s] of paths) {
    for (const [type, t] of Object.entries(s.on ?? {})) for (const x of targetsOf(t)) edge(path, x, localize(t.title, locale) || type);
    for (const t of s.after ?? []) for (const x of targetsOf(t)) edge(path, x, `after ${t.delay}`);
    for (const b of s.always ?? []) edge(path, b.target, '');
    if (typeof s.done === 'string') edge(path, s.done, 'done');
  }
  dagre.layout(g);
  const graph = g.graph();
  const width = Math.ceil(graph.width ?? 200);
  const height = Math.ceil(graph.height ?? 100);
  const active = new Set(options.highlight ?? []);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="12" role="img">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
  ];
  for (const e of g.edges()) {
    const data = g.edge(e) as { points: { x: number; y: number }[]; label: string; x?: number; y?: number };
    const d = data.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="#555" marker-end="url(#arrow)"/>`);
    if (data.label && data.x !== undefined && data.y !== undefined) out.push(`<text x="${data.x.toFixed(1)}" y="${data.y.toFixed(1)}" text-anchor="middle" fill="#333">${escape(data.label)}</text>`);
  }
  for (const v of g.nodes()) {
    const node = g.node(v) as { x: number; y: number; width: number; height: number; label: string };
    const final = paths.get(v)?.type === 'final';
    const fill = active.has(v) ? '#fde68a' : final ? '#e5e7eb' : '#ffffff';
    out.push(
      `<g data-state="${escape(v)}"><rect x="${(node.x - node.width / 2).toFixed(1)}" y="${(node.y - node.height / 2).toFixed(1)}" width="${node.width}" height="${node.height}" rx="8" fill="${fill}" stroke="${active.has(v) ? '#b45309' : '#333'}" stroke-width="${active.has(v) ? 2 : 1}"/>` +
        `<text x="${node.x.toFixed(1)}" y="${(node.y + 4).toFixed(1)}" text-anchor="middle">${escape(node.label)}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Wide characters (CJK) take about twice the width of Latin ones. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 12 : 7;
  return w;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
