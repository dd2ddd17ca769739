// The workflow diagram served with each workflow (GET /api/definitions/Workflow/:name) and printed by
// `serviceframe diagram --format svg` (P-3: administrators see the process they defined).
import { describe, expect, it } from 'vitest';
import { workflowToSvg } from '../../../engine/workflows/diagram-svg.ts';
import type { WorkflowSpec } from '../../../engine/workflows/workflow-model.ts';

// A repair-like flow: "guide" either ends the case or, when the problem stays, loops back to
// `reported`; "dispatch" leaves for `visit` beside it.
const spec = {
  start: { allow: [] },
  initial: 'reported',
  states: {
    reported: {
      title: 'Reported',
      on: {
        guide: {
          title: 'Guided by phone',
          targets: [
            { target: 'answered', when: { fact: 'event', path: '$.resolved', operator: 'equal', value: true } },
            { target: 'reported' },
          ],
        },
        dispatch: { title: 'Dispatch', target: 'visit' },
        note: { title: 'Note' },
      },
    },
    visit: {
      title: 'On site',
      on: { finish: { title: 'Finish', target: 'answered' }, recheck: { title: 'Recheck', target: 'visit' } },
    },
    answered: { title: 'Answered', type: 'final' },
  },
} as unknown as WorkflowSpec;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function rects(svg: string): Map<string, Rect> {
  const out = new Map<string, Rect>();
  for (const m of svg.matchAll(
    /<g data-state="([^"]+)"><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g,
  )) {
    out.set(m[1]!, { x: Number(m[2]), y: Number(m[3]), width: Number(m[4]), height: Number(m[5]) });
  }
  return out;
}

const numbers = (d: string) => [...d.matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));
const onBorder = (r: Rect, x: number, y: number) =>
  Math.abs(x - r.x) < 0.6 || Math.abs(x - (r.x + r.width)) < 0.6
    ? y >= r.y - 0.6 && y <= r.y + r.height + 0.6
    : (Math.abs(y - r.y) < 0.6 || Math.abs(y - (r.y + r.height)) < 0.6) && x >= r.x - 0.6 && x <= r.x + r.width + 0.6;

describe('workflow diagram (SVG)', () => {
  const svg = workflowToSvg(spec, { locale: 'en' });
  const boxes = rects(svg);
  const [, width] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.map(Number) as [number, number, number];

  it('draws a transition back into its own state as one arc on the right of its box, labelled beside it', () => {
    expect([...svg.matchAll(/data-loop="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['reported', 'visit']);
    const box = boxes.get('reported')!;
    const loop = numbers(/<path data-loop="reported" d="([^"]+)"/.exec(svg)![1]!);
    const [x0, y0] = loop;
    const [x1, y1] = loop.slice(-2);
    expect(x0).toBeCloseTo(box.x + box.width, 1);
    expect(x1).toBeCloseTo(box.x + box.width, 1);
    expect(y0! > box.y && y1! < box.y + box.height).toBe(true);
    const label = /<text x="([\d.]+)" y="[\d.]+" text-anchor="start"[^>]*>Guided by phone<\/text>/.exec(svg);
    expect(label).not.toBeNull();
    expect(Number(label![1])).toBeGreaterThan(box.x + box.width);
    // Room was kept for it: the label ends inside the drawing and before any box to its right.
    const end = Number(label![1]) + 'Guided by phone'.length * 7;
    expect(end).toBeLessThanOrEqual(width);
    for (const [name, other] of boxes) {
      if (name !== 'reported' && Math.abs(other.y - box.y) < box.height)
        expect(other.x >= end || other.x + other.width <= box.x).toBe(true);
    }
  });

  it('keeps the other transitions as edges that start and end on the borders of their boxes', () => {
    const edges = [...svg.matchAll(/<path d="(M[^"]+)" fill="none"/g)].map((m) => numbers(m[1]!));
    expect(edges).toHaveLength(3); // guide → answered, dispatch → visit, finish → answered; "note" has no target
    for (const points of edges) {
      const [x0, y0] = points;
      const [x1, y1] = points.slice(-2);
      expect([...boxes.values()].some((r) => onBorder(r, x0!, y0!))).toBe(true);
      expect([...boxes.values()].some((r) => onBorder(r, x1!, y1!))).toBe(true);
    }
  });

  it('gives edge labels a white halo so that lines passing under them do not strike them through', () => {
    const labels = [...svg.matchAll(/<text [^>]*text-anchor="(?:middle|start)" fill="#333"[^>]*>/g)];
    expect(labels.length).toBeGreaterThanOrEqual(4);
    for (const m of labels) expect(m[0]).toContain('paint-order="stroke"');
  });
});
