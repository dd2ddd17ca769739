import dagreModule from '@dagrejs/dagre';
import { localize, type Locale } from '../localized.ts';
import { resolveTarget, statePaths } from './state-paths.ts';
import type { TargetSpec, WorkflowSpec } from './workflow-model.ts';

/**
 * The part of dagre used here. Its own .d.ts imports './lib/graph-lib' without an extension, which
 * NodeNext resolution cannot follow, so its types arrive unresolved (any); this names what we call.
 */
interface DagreGraph {
  setGraph(label: Record<string, unknown>): void;
  setDefaultEdgeLabel(label: () => object): void;
  setNode(name: string, label: Record<string, unknown>): void;
  setEdge(from: string, to: string, label: Record<string, unknown>, name: string): void;
  graph(): { width?: number; height?: number };
  edges(): { v: string; w: string; name?: string }[];
  edge(e: { v: string; w: string; name?: string }): unknown;
  node(name: string): unknown;
  nodes(): string[];
}
const dagre = dagreModule as unknown as {
  graphlib: { Graph: new (options: { multigraph: boolean }) => DagreGraph };
  layout(g: DagreGraph): void;
};

/**
 * An SVG of the workflow's leaf states and transitions, laid out by dagre. Compound states are
 * shown by their path in the box label; the case view highlights the active states.
 */
export function workflowToSvg(
  spec: WorkflowSpec,
  options: { locale?: Locale; highlight?: readonly string[] } = {},
): string {
  const locale = options.locale ?? 'zh-CN';
  const paths = statePaths(spec);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 50, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const leaves = [...paths].filter(([, s]) => !s.states);
  const titleOf = (path: string) => localize(paths.get(path)?.title, locale) || path.split('.').pop()!;
  const boxWidth = (path: string) => Math.max(80, textWidth(titleOf(path)) + 24);
  // A transition into a compound state lands on its initial leaf.
  const landing = (path: string): string => {
    const s = paths.get(path);
    if (!s?.states) return path;
    return landing(`${path}.${s.initial ?? Object.keys(s.states)[0]}`);
  };
  const leavesUnder = (path: string) => leaves.map(([p]) => p).filter((p) => p === path || p.startsWith(`${path}.`));
  const targetsOf = (t: { target?: string; targets?: readonly TargetSpec[] }) => [
    ...(t.target ? [t.target] : []),
    ...(t.targets ?? []).map((b) => b.target),
  ];
  // A transition back into its own state (e.g. "not solved by phone: stays reported") is drawn
  // here, not by dagre, which routes such loops across the node and its neighbours: one arc on the
  // box's right side, labelled with every event that loops there.
  const loops = new Map<string, string[]>();
  const edges: { from: string; to: string; label: string }[] = [];
  const edge = (from: string, target: string, label: string) => {
    const to = resolveTarget(target, from, paths);
    if (!to) return;
    for (const f of leavesUnder(from)) {
      const into = landing(to);
      if (into !== f) edges.push({ from: f, to: into, label });
      else if (!loops.get(f)?.includes(label)) loops.set(f, [...(loops.get(f) ?? []), label]);
    }
  };
  for (const [path, s] of paths) {
    for (const [type, t] of Object.entries(s.on ?? {}))
      for (const x of targetsOf(t)) edge(path, x, localize(t.title, locale) || type);
    for (const t of s.after ?? []) for (const x of targetsOf(t)) edge(path, x, `after ${t.delay}`);
    for (const b of s.always ?? []) edge(path, b.target, '');
    if (typeof s.done === 'string') edge(path, s.done, 'done');
  }
  // dagre centres each box in the width it is given: a box with a loop asks for room for the arc
  // and its label on both sides, so the label never covers the next box.
  const loopText = (path: string) => (loops.get(path) ?? []).filter((l) => l !== '').join(' / ');
  const loopRoom = (path: string) => (loops.has(path) ? LOOP_BULGE + 6 + textWidth(loopText(path)) : 0);
  for (const [path] of leaves)
    g.setNode(path, {
      label: titleOf(path),
      box: boxWidth(path),
      width: boxWidth(path) + 2 * loopRoom(path),
      height: 36,
    });
  edges.forEach((e, n) =>
    g.setEdge(e.from, e.to, { label: e.label, width: textWidth(e.label), height: 14, labelpos: 'c' }, `e${n}`),
  );
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
    // dagre ends edges on the width it laid out; a box with room for a loop is narrower than that.
    const points = [...data.points];
    if (points.length >= 2) {
      points[0] = onBox(g.node(e.v) as Box, points[1]!);
      points[points.length - 1] = onBox(g.node(e.w) as Box, points[points.length - 2]!);
    }
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="#555" marker-end="url(#arrow)"/>`);
    if (data.label && data.x !== undefined && data.y !== undefined)
      out.push(
        `<text x="${data.x.toFixed(1)}" y="${data.y.toFixed(1)}" text-anchor="middle" ${LABEL}>${escape(data.label)}</text>`,
      );
  }
  for (const [v] of loops) {
    const node = g.node(v) as { x: number; y: number; box: number };
    const right = node.x + node.box / 2;
    out.push(
      `<path data-loop="${escape(v)}" d="M${right.toFixed(1)},${(node.y - 8).toFixed(1)} C${(right + LOOP_BULGE).toFixed(1)},${(node.y - 20).toFixed(1)} ${(right + LOOP_BULGE).toFixed(1)},${(node.y + 20).toFixed(1)} ${right.toFixed(1)},${(node.y + 8).toFixed(1)}" fill="none" stroke="#555" marker-end="url(#arrow)"/>`,
    );
    if (loopText(v))
      out.push(
        `<text x="${(right + LOOP_BULGE + 4).toFixed(1)}" y="${(node.y + 4).toFixed(1)}" text-anchor="start" ${LABEL}>${escape(loopText(v))}</text>`,
      );
  }
  for (const v of g.nodes()) {
    const node = g.node(v) as { x: number; y: number; box: number; height: number; label: string };
    const final = paths.get(v)?.type === 'final';
    const fill = active.has(v) ? '#fde68a' : final ? '#e5e7eb' : '#ffffff';
    out.push(
      `<g data-state="${escape(v)}"><rect x="${(node.x - node.box / 2).toFixed(1)}" y="${(node.y - node.height / 2).toFixed(1)}" width="${node.box}" height="${node.height}" rx="8" fill="${fill}" stroke="${active.has(v) ? '#b45309' : '#333'}" stroke-width="${active.has(v) ? 2 : 1}"/>` +
        `<text x="${node.x.toFixed(1)}" y="${(node.y + 4).toFixed(1)}" text-anchor="middle">${escape(node.label)}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly box: number;
  readonly height: number;
}

/** Where the line from the box's centre towards `toward` leaves the box (as dagre's intersectRect). */
function onBox(node: Box, toward: { x: number; y: number }): { x: number; y: number } {
  const dx = toward.x - node.x;
  const dy = toward.y - node.y;
  const w = node.box / 2;
  const h = node.height / 2;
  if (dx === 0 && dy === 0) return { x: node.x, y: node.y };
  const scale = Math.abs(dy) * w > Math.abs(dx) * h ? h / Math.abs(dy) : w / Math.abs(dx);
  return { x: node.x + dx * scale, y: node.y + dy * scale };
}

/** How far a loop's arc reaches right of its box. */
const LOOP_BULGE = 28;
/** Edge labels get a white halo, so a line passing under one does not strike it through. */
const LABEL = 'fill="#333" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"';

/** Wide characters (CJK) take about twice the width of Latin ones. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 12 : 7;
  return w;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
