import { parseDuration } from '../calendar/index.ts';
import type { Definition } from '../definitions/kind.ts';
import type { SourceDocument } from '../definitions/yaml-source.ts';
import type { DirectoryUser } from '../runtime/actor.ts';
import type { RecordEntry } from '../runtime/records-view.ts';
import type { CaseRecord } from '../runtime/case-record.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import { EngineError, EngineErrorCode } from '../runtime/engine-error.ts';
import { expectationChecks, partialMatch } from './expectations.ts';
import { globalChecks } from './global-checks.ts';
import { createSimulation, type Simulation } from './simulation.ts';
import { say, sayIn, type Said } from '../definitions/said.ts';
import type { Localized } from '../localized.ts';
import { allOf, asSaid, kindSaid, type ScenarioProblem } from './scenario-said.ts';

export interface ScenarioSpec {
  readonly start: string;
  readonly users?: readonly DirectoryUser[];
  /** Archive records present from the start (e.g. the duty roster); `id` defaults to the position. */
  readonly records?: readonly {
    readonly type: string;
    readonly id?: string;
    readonly unit?: string;
    readonly data: Readonly<Record<string, unknown>>;
  }[];
  readonly steps: readonly Record<string, unknown>[];
}

export interface ScenarioResult {
  readonly name: string;
  /** The scenario's title, as its definition gives it. */
  readonly title?: Localized;
  readonly ok: boolean;
  /** Why it failed: the step, its position, and what differed (in English, as `serviceframe simulate` prints it). */
  readonly failure?: string;
  /** The same as catalogue keys, to say in the reader's language. */
  readonly said?: Said;
  readonly steps: number;
}

/** A step that did not go as the scenario says, with what it says about it. */
class StepFailure extends Error {
  readonly said: Said;
  constructor(problem: ScenarioProblem) {
    const said = asSaid(problem);
    super(sayIn(said, 'en'));
    this.said = said;
  }
}

const REJECTIONS: Record<string, string> = {
  forbidden: EngineErrorCode.forbidden,
  invalid: EngineErrorCode.invalidData,
  'not-allowed': EngineErrorCode.notAllowed,
};

/** How a scenario is run: `explain` as createSimulation takes it; `simulation` is told the one it runs on. */
export interface ScenarioOptions {
  readonly explain?: boolean;
  readonly simulation?: (sim: Simulation) => void;
}

/** Runs one scenario on a fresh in-memory engine and a virtual clock. Never throws for a failed step. */
export async function runScenario(
  def: Definition<ScenarioSpec>,
  set: CompiledSet,
  source?: SourceDocument,
  options: ScenarioOptions = {},
): Promise<ScenarioResult> {
  const name = def.metadata.name;
  const titled = def.metadata.title !== undefined ? { title: def.metadata.title } : {};
  const start = Date.parse(def.spec.start);
  const records: RecordEntry[] = (def.spec.records ?? []).map((r, i) => ({
    type: r.type,
    id: r.id ?? `R${String(i + 1).padStart(4, '0')}`,
    unit: r.unit ?? set.org.root,
    data: r.data,
  }));
  const sim = createSimulation(set, start, def.spec.users ?? [], records, { explain: options.explain ?? true });
  options.simulation?.(sim);
  const refs = new Map<string, string>();
  let actor: string | null = null;
  let last: string | null = null;
  const steps = def.spec.steps;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const kind = Object.keys(step)[0]!;
    try {
      await runStep(kind, step[kind]);
    } catch (e) {
      const where = source
        ? (({ file, line, column }) => `${file}:${line}:${column}`)(source.positionOf(`/spec/steps/${i}`))
        : `step ${i + 1}`;
      const why =
        e instanceof StepFailure
          ? e.said
          : asSaid(
              e instanceof EngineError
                ? `${e.code}: ${e.message}${e.errors.length ? ' ' + e.errors.map((x) => `${x.path} ${x.message}`).join('; ') : ''}`
                : String(e instanceof Error ? e.stack : e),
            );
      const said = say('scenario.step', { n: i + 1, kind: kindSaid(kind), where, why });
      return { name, ...titled, ok: false, failure: sayIn(said, 'en'), said, steps: i };
    }
  }
  return { name, ...titled, ok: true, steps: steps.length };

  async function runStep(kind: string, body: unknown): Promise<void> {
    switch (kind) {
      case 'as':
        sim.actor(String(body));
        actor = String(body);
        return;
      case 'note':
        return;
      case 'advance': {
        const to = typeof body === 'string' ? sim.clock.now() + wall(body) : Date.parse((body as { to: string }).to);
        if (!Number.isFinite(to)) throw new StepFailure(`cannot read the time ${JSON.stringify(body)}`);
        await sim.advanceTo(to);
        return;
      }
      case 'create': {
        const b = body as {
          workflow: string;
          ref?: string;
          as?: string;
          data?: unknown;
          reject?: string;
          errors?: string[];
        };
        const who = sim.actor(b.as ?? requireActor());
        await expectOutcome(b, async () => {
          const created = await sim.engine.createCase(who, b.workflow, b.data ?? {});
          if (b.ref) refs.set(b.ref, created.id);
          last = created.id;
        });
        return;
      }
      case 'send': {
        const b = body as {
          case?: string;
          event: string;
          as?: string;
          data?: unknown;
          reject?: string;
          errors?: string[];
        };
        const id = await resolveCase(b.case);
        const who = sim.actor(b.as ?? requireActor());
        const current = await sim.store.getCase(id);
        await expectOutcome(b, async () => {
          await sim.engine.sendEvent(id, {
            type: b.event,
            data: b.data ?? {},
            actor: who,
            expectedVersion: current?.version ?? 0,
          });
        });
        return;
      }
      case 'find':
        return find(body as { workflow: string; ref: string; unit?: string; data?: Record<string, unknown> });
      case 'expect':
        return expect(body as Record<string, unknown>);
      default:
        throw new StepFailure(`unknown step "${kind}" (known: as, create, send, advance, find, expect, note)`);
    }
  }

  /** Names a case the scenario did not create itself (a schedule's, say): exactly one must match. */
  async function find(b: { workflow: string; ref: string; unit?: string; data?: Record<string, unknown> }) {
    const listed = await sim.store.listCases({
      workflow: b.workflow,
      ...(b.unit ? { units: [b.unit] } : {}),
      limit: 200,
    });
    const found = listed.items.filter((c) => b.data === undefined || partialMatch(b.data, c.data, 'data') === null);
    const what = `${b.workflow} case${b.unit ? ` of unit ${b.unit}` : ''}${b.data ? ` with data like ${JSON.stringify(b.data)}` : ''}`;
    if (found.length !== 1) {
      throw new StepFailure(
        `${found.length} ${what} found, expected exactly one${found.length ? ` (${found.map((c) => `${c.id} ${c.unit}`).join(', ')}); add unit or data to tell them apart` : ''}`,
      );
    }
    refs.set(b.ref, found[0]!.id);
    last = found[0]!.id;
  }

  function requireActor(): string {
    if (!actor) throw new StepFailure('no user to act as: add an `as: USERNAME` step first');
    return actor;
  }

  async function expectOutcome(b: { reject?: string; errors?: string[] }, act: () => Promise<void>) {
    if (!b.reject) return act();
    const before = await snapshotCounts(sim);
    try {
      await act();
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      if (e.code !== REJECTIONS[b.reject])
        throw new StepFailure(say('scenario.rejected', { code: e.code, message: e.message, reject: b.reject }));
      const paths = e.errors.map((x) => x.path);
      const missing = (b.errors ?? []).filter((p) => !paths.includes(p));
      if (missing.length)
        throw new StepFailure(`errors at [${paths.join(', ')}], expected also [${missing.join(', ')}]`);
      const after = await snapshotCounts(sim);
      if (after !== before) throw new StepFailure('a rejected step changed stored data');
      return;
    }
    throw new StepFailure(say('scenario.accepted', { reject: b.reject }));
  }

  async function resolveCase(ref: string | undefined): Promise<string> {
    if (!ref) {
      if (!last) throw new StepFailure('no case yet: create one first or name it with `case:`');
      return last;
    }
    const [head, ...links] = ref.split('.');
    let id = refs.get(head!);
    if (!id) throw new StepFailure(`unknown case ref "${head}" (known: ${[...refs.keys()].join(', ') || 'none'})`);
    for (const link of links) {
      const c: CaseRecord | undefined = await sim.store.getCase(id);
      const found = c?.links.filter((l) => l.name === link || l.workflow === link).at(-1);
      if (!found) throw new StepFailure(`case ${head} has no linked "${link}" case`);
      id = found.caseId;
    }
    return id;
  }

  function caseOf(ref: string): string | undefined {
    return refs.get(ref);
  }

  async function expect(body: Record<string, unknown>) {
    const problems: ScenarioProblem[] = [];
    const caseKeys = Object.keys(body).filter((k) => k !== 'case' && !(k in globalChecks));
    for (const key of Object.keys(body).filter((k) => k in globalChecks)) {
      const p = await globalChecks[key]!(body[key], sim, caseOf);
      if (p) problems.push(p);
    }
    if (caseKeys.length > 0) {
      const id = await resolveCase(body.case as string | undefined);
      const record = (await sim.store.getCase(id))!;
      const observed = {
        record,
        outbox: await sim.store.outboxOf(id),
        scoreFacts: (await sim.store.scoreFacts({})).filter((f) => f.caseId === id),
        history: await sim.store.history(id),
        userFacts: sim.userFacts,
        caseOf,
        zone: (clock?: string) => zoneOf(sim.set, record, clock),
        policyTitle: (policy: string) => sim.set.sla.find((p) => p.name === policy)?.title,
        policies: new Set(sim.set.sla.map((p) => p.name)),
      };
      for (const key of caseKeys) {
        const check = expectationChecks[key];
        if (!check) {
          problems.push(
            `unknown expectation "${key}" (known: ${[...Object.keys(expectationChecks), ...Object.keys(globalChecks)].join(', ')})`,
          );
          continue;
        }
        const p = check(body[key], observed);
        if (p) problems.push(p);
      }
    }
    if (problems.length) throw new StepFailure(allOf(problems));
  }
}

/** The zone a case's clock is read in: its policy's calendar, else the case unit's calendar. */
function zoneOf(set: CompiledSet, record: CaseRecord, clock?: string): string {
  const policy = clock ? set.sla.find((p) => p.name === record.clocks[clock]?.policy) : undefined;
  const named = policy?.calendar ? set.calendars.get(policy.calendar) : undefined;
  return named?.timeZone ?? set.calendarForUnit(record.unit)?.timeZone ?? 'UTC';
}

function wall(text: string): number {
  const d = parseDuration(text);
  if (!d.ok) throw new StepFailure(d.message);
  return d.value.days * 86_400_000 + d.value.ms;
}

async function snapshotCounts(sim: Simulation): Promise<string> {
  const cases = await sim.store.listCases({ limit: 200 });
  const facts = await sim.store.scoreFacts({});
  return JSON.stringify([cases.items.map((c) => [c.id, c.version]), facts.length]);
}
