// covers: P-1, P-2, P-6
// docs/definitions.md cannot drift from the language: every ```yaml block in it is a complete
// definition document that is loaded here, with the seed company's definitions it refers to, and must
// load without an error (its positions are the guide's own lines); the guide's scenarios run; every
// kind the loader knows has a section, and its examples together use every top-level key of its
// spec. The schemas, which editors show, must describe every property they declare.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allKinds,
  formatIssue,
  loadDefinitions,
  readDefinitionFiles,
  type Definition,
  type SourceFile,
} from '../../../engine/definitions/index.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import { runScenario, type ScenarioSpec } from '../../../engine/simulate/run-scenario.ts';

const GUIDE = 'docs/definitions.md';
const guide = readFileSync(GUIDE, 'utf8');

/** Every ```yaml block, as a file whose line numbers are the guide's. */
function examples(): SourceFile[] {
  const out: SourceFile[] = [];
  const lines = guide.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i]!)) continue;
    const first = i + 1;
    let end = first;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    out.push({ path: GUIDE, text: '\n'.repeat(first) + lines.slice(first, end).join('\n') + '\n' });
    i = end;
  }
  return out;
}

const blocks = examples();
// Only one Organization may exist in a set, so a block holding one is checked as a set of its own.
const standalone = blocks.filter((b) => /^kind: Organization\s*$/m.test(b.text));
const withSeed = blocks.filter((b) => !standalone.includes(b));
const seed = readDefinitionFiles('definitions');
const loaded = loadDefinitions([...seed, ...withSeed], allKinds);
const guideDocs = [
  ...loaded.docs.filter((d) => d.source.file === GUIDE),
  ...standalone.flatMap((b) => loadDefinitions([b], allKinds).docs),
];

describe('the language guide (docs/definitions.md)', () => {
  it('has only complete definitions as its YAML examples, and each loads with the seed definitions without an error', () => {
    expect(blocks.length).toBeGreaterThan(15);
    const errors = loaded.issues.filter((i) => i.severity === 'error').map(formatIssue);
    for (const b of standalone)
      errors.push(
        ...loadDefinitions([b], allKinds)
          .issues.filter((i) => i.severity === 'error')
          .map(formatIssue),
      );
    expect(errors).toEqual([]);
    // No fragments: a block without an envelope would load nothing and report nothing.
    for (const b of blocks)
      expect(b.text, 'a YAML example without apiVersion').toMatch(/^apiVersion: serviceframe\/v1\b/m);
  });

  it('has examples that compile and scenarios that pass', async () => {
    const set = compileSet(loaded.docs.map((d) => d.def));
    const scenarios = guideDocs.filter((d) => d.def.kind === 'Scenario');
    expect(scenarios.length).toBeGreaterThan(0);
    for (const { def, source } of scenarios) {
      const r = await runScenario(def as Definition<ScenarioSpec>, set, source);
      expect(r.ok ? 'ok' : r.failure, def.metadata.name).toBe('ok');
    }
  }, 120_000);

  it('has a section for every kind the loader knows, whose examples use every top-level key of its spec', () => {
    const problems: string[] = [];
    for (const kind of allKinds) {
      if (!new RegExp(`^#+ .*\`${kind.kind}\``, 'm').test(guide)) problems.push(`no heading names \`${kind.kind}\``);
      const spec = (kind.schema as { properties: { spec: { properties?: Record<string, unknown> } } }).properties.spec;
      const used = new Set(
        guideDocs.filter((d) => d.def.kind === kind.kind).flatMap((d) => Object.keys(d.def.spec as object)),
      );
      if (used.size === 0) problems.push(`no example of kind ${kind.kind}`);
      for (const key of Object.keys(spec.properties ?? {}))
        if (!used.has(key)) problems.push(`${kind.kind}: no example uses spec.${key}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the JSON Schemas', () => {
  const schemas = readdirSync('engine/definitions/schemas').map((f) => ({
    file: f,
    schema: JSON.parse(readFileSync(`engine/definitions/schemas/${f}`, 'utf8')) as Record<string, unknown>,
  }));

  it('describe every property they declare (what editors show on hover)', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      for (const [key, value] of Object.entries(o)) {
        if (key === 'properties' && value && typeof value === 'object') {
          for (const [name, prop] of Object.entries(value as Record<string, Record<string, unknown>>)) {
            // A bare $ref takes the description of what it refers to.
            const bareRef = typeof prop.$ref === 'string' && Object.keys(prop).length === 1;
            if (!bareRef && typeof prop.description !== 'string') missing.push(`${path}/properties/${name}`);
            walk(prop, `${path}/properties/${name}`);
          }
        } else if (key !== 'examples' && key !== 'default' && key !== 'const') walk(value, `${path}/${key}`);
      }
    };
    for (const { file, schema } of schemas) walk(schema, file + '#');
    expect(missing).toEqual([]);
  });

  it('say what the guide says about the sharp edges', () => {
    const text = (file: string) => readFileSync(`engine/definitions/schemas/${file}`, 'utf8');
    expect(text('envelope.schema.json')).toMatch(/'d' counts whole working days[^"]*eight working hours/);
    expect(text('sla-policy.schema.json')).toMatch(/"deadlineFrom"[^}]*only when it is later than the target/);
    expect(text('scorecard.schema.json')).toMatch(/"cap"[^}]*defaults to the category's max/);
    expect(text('workflow.schema.json')).toMatch(/"sealedUntil"[^}]*until an event of this type has happened/);
    const prose = guide.replace(/\s+/g, ' ');
    expect(prose).toMatch(/`d` counts whole working days[^.]*eight working hours/);
    expect(prose).toMatch(/`deadlineFrom`[^.]*only when it is later than the target/);
    expect(prose).toMatch(/`cap` is where additions stop and defaults to the category's `max`/);
    expect(prose).toMatch(/`sealedUntil: [a-z-]+` seals the event's data[^.]*until an event of that type has happened/);
  });
});
