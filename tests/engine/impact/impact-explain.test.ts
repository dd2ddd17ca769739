// Issue 18 (impact replay speed): decisions made without their wording (EngineDeps.explain false:
// no clock explanation lines, no clock notes, no rendered notification texts), as the impact
// replay makes them, decide exactly what decisions with their wording decide. Checked on every
// scenario of the seed company and of the second company, store against store, and on a replayed
// month, report against report. SPEC P-3, P-6.
import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions, type Definition } from '../../../engine/definitions/index.ts';
import { runImpact } from '../../../engine/impact/index.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import type { CaseEvent, CaseRecord } from '../../../engine/runtime/case-record.ts';
import type { Note } from '../../../engine/runtime/note.ts';
import { runScenario, type ScenarioSpec } from '../../../engine/simulate/run-scenario.ts';
import type { Simulation } from '../../../engine/simulate/simulation.ts';
import { generateMonth, monthAsRecorded, usersOf } from '../../helpers/impact-month.ts';
import { baseFiles, compileFiles, editedFiles, NOVEMBER } from '../../helpers/impact-sets.ts';

/** The notes only a clock's wording makes (engine/sla), which decisions without wording leave out. */
const clockNote = (n: Note) => typeof n !== 'string' && (n.code.startsWith('clock') || n.code === 'calendarNoSchedule');

/** Everything the simulation's store holds, with the wording taken out. */
async function decided(sim: Simulation) {
  const cases: CaseRecord[] = await sim.store.scanCases(undefined, 100_000);
  const out = [];
  for (const c of cases) {
    const clocks = Object.fromEntries(Object.entries(c.clocks).map(([k, v]) => [k, { ...v, explanation: [] }]));
    // The hash chain covers the notes: it differs as they do.
    const history = (await sim.store.history(c.id)).map(({ hash: _h, prevHash: _p, ...e }: CaseEvent) => ({
      ...e,
      effects: e.effects.filter((n) => !clockNote(n)),
    }));
    const outbox = (await sim.store.outboxOf(c.id)).map((o) => ({ ...o, subject: '', body: '' }));
    out.push({ case: { ...c, clocks }, history, timers: await sim.store.timersOf(c.id), outbox });
  }
  return { cases: out, scoreFacts: await sim.store.scoreFacts({}) };
}

/** What the wording adds, to be sure the comparison compares something. */
async function wording(sim: Simulation) {
  let lines = 0;
  let notes = 0;
  let texts = 0;
  for (const c of await sim.store.scanCases(undefined, 100_000)) {
    for (const clock of Object.values(c.clocks)) lines += clock.explanation.length;
    for (const e of await sim.store.history(c.id)) notes += e.effects.filter(clockNote).length;
    for (const o of await sim.store.outboxOf(c.id)) texts += o.subject.length + o.body.length;
  }
  return { lines, notes, texts };
}

function scenariosOf(dir: string) {
  const loaded = validateDefinitions(readDefinitionFiles(dir));
  const set = compileSet(loaded.docs.map((d) => d.def));
  return { set, scenarios: loaded.docs.filter((d) => d.def.kind === 'Scenario') };
}

describe('decisions without their wording (impact replay)', () => {
  for (const dir of ['definitions', 'tests/fixtures/second-company'])
    it(`decide what decisions with their wording decide in every scenario of ${dir}`, async () => {
      const { set, scenarios } = scenariosOf(dir);
      expect(scenarios.length).toBeGreaterThan(1);
      const worded = { lines: 0, notes: 0, texts: 0 };
      for (const { def, source } of scenarios) {
        const sims: Simulation[] = [];
        const run = (explain: boolean) =>
          runScenario(def as Definition<ScenarioSpec>, set, source, { explain, simulation: (s) => sims.push(s) });
        const withWording = await run(true);
        const without = await run(false);
        expect(without, def.metadata.name).toEqual(withWording);
        expect(await decided(sims[1]!), def.metadata.name).toEqual(await decided(sims[0]!));
        expect(await wording(sims[1]!), def.metadata.name).toEqual({ lines: 0, notes: 0, texts: 0 });
        const w = await wording(sims[0]!);
        worded.lines += w.lines;
        worded.notes += w.notes;
        worded.texts += w.texts;
      }
      // The scenarios run clocks and send notifications: the wording left out is real.
      expect(worded.lines).toBeGreaterThan(0);
      expect(worded.notes).toBeGreaterThan(0);
      expect(worded.texts).toBeGreaterThan(0);
    });

  it('give the impact report of a month that decisions with their wording give', async () => {
    const base = compileFiles(baseFiles());
    const period = monthAsRecorded(
      generateMonth({ start: NOVEMBER.from, days: 30, cases: 200, seed: 5 }),
      base.version,
      NOVEMBER.from,
      NOVEMBER.to,
    );
    const impact = (explain: boolean) =>
      runImpact({
        period,
        candidate: compileFiles(editedFiles('sla.yaml', 'duration: 24h', 'duration: 12h')),
        published: base,
        versions: (v) => (v === base.version ? base : undefined),
        users: usersOf(base),
        explain,
      });
    const without = await impact(false);
    expect(without.summary.breachesGained).toBeGreaterThan(0);
    expect(without.summary.notificationsChanged).toBeGreaterThan(0);
    expect(without).toEqual(await impact(true));
  });
});
