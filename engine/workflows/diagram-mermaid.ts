import { localize, type Locale } from '../localized.ts';
import { parentPath, resolveTarget, statePaths } from './state-paths.ts';
import type { StateSpec, TargetSpec, WorkflowSpec } from './workflow-model.ts';

/** Mermaid stateDiagram-v2 text of a workflow; `highlight` marks active states (the case view). */
export function workflowToMermaid(
  spec: WorkflowSpec,
  options: { locale?: Locale; highlight?: readonly string[] } = {},
): string {
  const locale = options.locale ?? 'zh-CN';
  const paths = statePaths(spec);
  const id = (path: string) => path.replace(/[.-]/g, '_');
  const lines = ['stateDiagram-v2'];
  const label = (text: string) => text.replace(/[:;"]/g, ' ');

  const edges: string[] = [];
  const edge = (from: string, t: string, text: string) => {
    const to = resolveTarget(t, from, paths);
    if (to) edges.push(`${id(from)} --> ${id(to)}: ${label(text)}`);
  };
  const targetsOf = (t: { target?: string; targets?: readonly TargetSpec[] }) => [
    ...(t.target ? [t.target] : []),
    ...(t.targets ?? []).map((b) => b.target),
  ];

  const block = (
    states: Readonly<Record<string, StateSpec>>,
    prefix: string,
    indent: string,
    initial: string | undefined,
    parallel: boolean,
  ) => {
    const names = Object.keys(states);
    if (!parallel && initial) lines.push(`${indent}[*] --> ${id(prefix ? `${prefix}.${initial}` : initial)}`);
    names.forEach((name, i) => {
      const path = prefix ? `${prefix}.${name}` : name;
      const s = states[name]!;
      lines.push(`${indent}state "${label(localize(s.title, locale) || name)}" as ${id(path)}`);
      if (s.states) {
        lines.push(`${indent}state ${id(path)} {`);
        block(s.states, path, indent + '  ', s.initial ?? Object.keys(s.states)[0], s.type === 'parallel');
        lines.push(`${indent}}`);
      }
      if (s.type === 'final') lines.push(`${indent}${id(path)} --> [*]`);
      for (const [type, t] of Object.entries(s.on ?? {}))
        for (const x of targetsOf(t)) edge(path, x, localize(t.title, locale) || type);
      for (const t of s.after ?? []) for (const x of targetsOf(t)) edge(path, x, `after ${t.delay}`);
      for (const b of s.always ?? []) edge(path, b.target, '');
      if (typeof s.done === 'string') edge(path, s.done, 'done');
      if (parallel && i < names.length - 1) lines.push(`${indent}--`);
    });
  };
  block(spec.states, '', '  ', spec.initial, false);
  for (const [type, t] of Object.entries(spec.on ?? {})) {
    for (const x of targetsOf(t)) {
      const to = resolveTarget(x, '', paths);
      if (to)
        for (const top of Object.keys(spec.states))
          if (top !== to && parentPath(to) === '')
            edges.push(`${id(top)} --> ${id(to)}: ${label(localize(t.title, locale) || type)}`);
    }
  }
  lines.push(...edges.map((e) => `  ${e}`));
  for (const h of options.highlight ?? []) lines.push(`  class ${id(h)} active`);
  if (options.highlight?.length) lines.push('  classDef active fill:#fde68a,stroke:#b45309,stroke-width:2px');
  return lines.join('\n') + '\n';
}
