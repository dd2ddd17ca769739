// covers: P-1, P-2, P-6
// A second, unrelated company (an appliance retailer's installation service) is configured in YAML
// alone: it validates, compiles and runs its own scenarios through the engine's API.
import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions, type Definition } from '../../engine/definitions/index.ts';
import { compileSet } from '../../engine/runtime/compile-set.ts';
import { runScenario, type ScenarioSpec } from '../../engine/simulate/run-scenario.ts';

const dir = 'tests/fixtures/second-company';

function load() {
  const loaded = validateDefinitions(readDefinitionFiles(dir));
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  return { loaded, errors };
}

describe('a second company configured without code', () => {
  it('validates with no errors', () => {
    const { loaded, errors } = load();
    expect(errors).toEqual([]);
    const kinds = new Set(loaded.docs.map((d) => d.def.kind));
    for (const kind of [
      'Organization',
      'Calendar',
      'Form',
      'Workflow',
      'SlaPolicy',
      'Scorecard',
      'NotificationTemplate',
      'Scenario',
    ])
      expect(kinds).toContain(kind);
  });

  it('compiles its own organization, calendar and workflow', () => {
    const { loaded } = load();
    const set = compileSet(loaded.docs.map((d) => d.def));
    expect(set.org.root).toBe('brightline');
    expect(set.org.actingUnit('crew-mitte')).toBe('store-mitte');
    expect(set.workflows.get('install')).toBeDefined();
    expect(set.calendarForUnit('store-mitte')?.timeZone).toBe('Europe/Berlin');
  });

  it('runs every one of its scenarios', async () => {
    const { loaded } = load();
    const set = compileSet(loaded.docs.map((d) => d.def));
    const scenarios = loaded.docs.filter((d) => d.def.kind === 'Scenario');
    expect(scenarios.length).toBeGreaterThanOrEqual(2);
    for (const { def, source } of scenarios) {
      const result = await runScenario(def as Definition<ScenarioSpec>, set, source);
      expect(result, result.failure).toMatchObject({ ok: true });
    }
  });

  it('reports a failed expectation with its position', async () => {
    const { loaded } = load();
    const set = compileSet(loaded.docs.map((d) => d.def));
    const scenario = loaded.docs.find((d) => d.def.kind === 'Scenario' && d.def.metadata.name === 'install-late')!;
    const spec = scenario.def.spec as ScenarioSpec;
    const broken = {
      ...scenario.def,
      spec: { ...spec, steps: [...spec.steps, { expect: { case: 'w', state: 'requested' } }] },
    } as Definition<ScenarioSpec>;
    const result = await runScenario(broken, set);
    expect(result.ok).toBe(false);
    expect(result.failure).toContain('state is done, expected requested');
  });
});
