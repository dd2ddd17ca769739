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
import { allOf, asSaid, both, kindSaid, namesOrNone, valueSaid, type ScenarioProblem } from './scenario-said.ts';
import { scenarioNames } from './scenario-names.ts';
import { refusalSaid, thrownSaid } from './refusal-said.ts';

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

const STEP_KINDS = ['as', 'create', 'send', 'advance', 'find', 'expect', 'note'];

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
  const numbers = new Map<string, string>();
  const names = scenarioNames(set, def.spec.users ?? [], numbers);
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
        : say('scenario.where', { n: i + 1 });
      const why =
        e instanceof StepFailure
          ? e.said
          : e instanceof EngineError
            ? await refused(e, kind, step[kind])
            : thrownSaid(e);
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
        if (!Number.isFinite(to)) throw new StepFailure(say('scenario.badTime', { value: JSON.stringify(body) }));
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
        await expectOutcome(b, fieldOf(b.workflow), async () => {
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
        await expectOutcome(b, fieldOf(current?.workflow ?? ''), async () => {
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
        throw new StepFailure(say('scenario.unknownStep', { kind, known: STEP_KINDS.map(kindSaid) }));
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
    let what = say('scenario.find.what', { workflow: names.workflow(b.workflow) });
    if (b.unit) what = say('scenario.find.ofUnit', { what, unit: names.unit(b.unit) });
    if (b.data)
      what = say('scenario.find.withData', {
        what,
        data: both(
          JSON.stringify(b.data),
          Object.entries(b.data).map(([key, v]) =>
            say('scenario.entry', { key: names.field(b.workflow, key), value: valueSaid(v) }),
          ),
        ),
      });
    if (found.length !== 1) {
      for (const c of found) if (c.number) numbers.set(c.id, c.number);
      throw new StepFailure(
        found.length
          ? say('scenario.foundMany', {
              count: found.length,
              what,
              cases: found.map((c) => say('scenario.caseInUnit', { case: names.case(c.id), unit: names.unit(c.unit) })),
            })
          : say('scenario.found', { count: 0, what }),
      );
    }
    refs.set(b.ref, found[0]!.id);
    last = found[0]!.id;
  }

  /** A field a form error points at ('/site/address'), by its label. */
  function fieldOf(workflow: string) {
    return (pointer: string) => both(pointer, names.field(workflow, pointer.split('/').filter(Boolean).join('.')));
  }

  /** The fields of the workflow a failed step's refusal is about (create names it; send's case has one). */
  async function refused(e: EngineError, kind: string, body: unknown) {
    const b = (body ?? {}) as { workflow?: string; case?: string };
    const id = kind === 'create' ? undefined : await resolveCase(b.case).catch(() => undefined);
    const workflow = kind === 'create' ? String(b.workflow) : ((id && (await sim.store.getCase(id))?.workflow) ?? '');
    return refusalSaid(e, fieldOf(workflow), (param, value) =>
      param === 'username'
        ? names.user(value)
        : param === 'event'
          ? names.event(workflow, value)
          : param === 'workflow'
            ? names.workflow(value)
            : value,
    );
  }

  function requireActor(): string {
    if (!actor) throw new StepFailure(say('scenario.noActor'));
    return actor;
  }

  async function expectOutcome(
    b: { reject?: string; errors?: string[] },
    field: (path: string) => ReturnType<typeof names.field>,
    act: () => Promise<void>,
  ) {
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
        throw new StepFailure(say('scenario.errorPaths', { seen: paths.map(field), missing: missing.map(field) }));
      const after = await snapshotCounts(sim);
      if (after !== before) throw new StepFailure(say('scenario.changedData'));
      return;
    }
    throw new StepFailure(say('scenario.accepted', { reject: b.reject }));
  }

  async function resolveCase(ref: string | undefined): Promise<string> {
    if (!ref) {
      if (!last) throw new StepFailure(say('scenario.noCase'));
      return last;
    }
    const [head, ...links] = ref.split('.');
    let id = refs.get(head!);
    if (!id) throw new StepFailure(say('scenario.unknownRef', { ref: head!, known: namesOrNone([...refs.keys()]) }));
    for (const link of links) {
      const c: CaseRecord | undefined = await sim.store.getCase(id);
      const found = c?.links.filter((l) => l.name === link || l.workflow === link).at(-1);
      if (!found) throw new StepFailure(say('scenario.noLink', { ref: head!, link: names.workflow(link) }));
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
      const p = await globalChecks[key]!(body[key], sim, caseOf, names);
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
        names,
      };
      if (record.number) numbers.set(record.id, record.number);
      for (const key of caseKeys) {
        const check = expectationChecks[key];
        if (!check) {
          problems.push(
            say('scenario.unknownExpectation', {
              key,
              known: [...Object.keys(expectationChecks), ...Object.keys(globalChecks)],
            }),
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
  if (!d.ok) throw new StepFailure(d.said);
  return d.value.days * 86_400_000 + d.value.ms;
}

async function snapshotCounts(sim: Simulation): Promise<string> {
  const cases = await sim.store.listCases({ limit: 200 });
  const facts = await sim.store.scoreFacts({});
  return JSON.stringify([cases.items.map((c) => [c.id, c.version]), facts.length]);
}
