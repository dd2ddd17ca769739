import { createHash } from 'node:crypto';
import { compileCalendar, type BusinessCalendar, type CalendarSpec } from '../calendar/index.ts';
import type { Definition } from '../definitions/kind.ts';
import { compileForm, type CompiledForm } from '../forms/index.ts';
import type { FormSpec } from '../forms/form-model.ts';
import type { NotificationTemplateSpec } from '../notify/template-model.ts';
import { compileOrganization, type OrganizationSpec } from '../org/organization.ts';
import { compileSlaPolicy } from '../sla/index.ts';
import { compileScorecard } from '../scoring/index.ts';
import { compileWorkflow, type CompiledWorkflow } from '../workflows/compile-workflow.ts';
import type { WorkflowSpec } from '../workflows/workflow-model.ts';
import type { CompiledSet } from './compiled-set.ts';

/** Kinds that describe how the system runs; scenarios test it and do not change its version. */
const RUNTIME_KINDS = (kind: string) => kind !== 'Scenario';

/**
 * Compiles a validated definition set once. Call only with definitions that `loadDefinitions`
 * accepted without errors: compile steps trust the checks that ran there.
 */
export function compileSet(defs: readonly Definition[]): CompiledSet {
  const runtime = defs.filter((d) => RUNTIME_KINDS(d.kind));
  const byKind = (kind: string) => runtime.filter((d) => d.kind === kind);
  const orgDef = byKind('Organization')[0] as Definition<OrganizationSpec> | undefined;
  if (!orgDef) throw new Error('a definition set needs an Organization');
  const org = compileOrganization(orgDef.spec);
  const calendars = new Map<string, BusinessCalendar>(
    byKind('Calendar').map((d) => [d.metadata.name, compileCalendar(d.metadata.name, d.spec as CalendarSpec)]),
  );
  const formDefs = new Map(byKind('Form').map((d) => [d.metadata.name, d as Definition<FormSpec>]));
  const forms = new Map<string, CompiledForm>([...formDefs].map(([name, d]) => [name, compileForm(d)]));
  const formFields = (name: string) => formDefs.get(name)?.spec.fields;
  const workflows = new Map<string, CompiledWorkflow>(
    byKind('Workflow').map((d) => [d.metadata.name, compileWorkflow(d as Definition<WorkflowSpec>, formFields)]),
  );
  const templates = new Map(
    byKind('NotificationTemplate').map((d) => [d.metadata.name, d.spec as NotificationTemplateSpec]),
  );
  const sla = byKind('SlaPolicy').map((d) => compileSlaPolicy(d));
  const scorecards = new Map(byKind('Scorecard').map((d) => [d.metadata.name, compileScorecard(d)]));
  const index = new Map(runtime.map((d) => [`${d.kind}/${d.metadata.name}`, d]));
  const fallback =
    calendars.size === 1 ? [...calendars.values()][0] : (calendars.get('default') ?? calendars.get('standard'));
  const calendarCache = new Map<string, BusinessCalendar | undefined>();

  return {
    version: definitionVersion(runtime),
    docs: runtime,
    org,
    workflows,
    forms,
    calendars,
    templates,
    sla,
    scorecards,
    calendarForUnit(unit) {
      if (!calendarCache.has(unit)) {
        const name = org.unit(unit)?.calendar;
        calendarCache.set(unit, (name ? calendars.get(name) : undefined) ?? fallback);
      }
      return calendarCache.get(unit);
    },
    definition: <S>(kind: string, name: string) => index.get(`${kind}/${name}`) as Definition<S> | undefined,
  };
}

/** A short content hash: the same definitions give the same version on every machine. */
export function definitionVersion(defs: readonly Definition[]): string {
  const sorted = [...defs]
    .filter((d) => RUNTIME_KINDS(d.kind))
    .sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
  return createHash('sha256').update(canonical(sorted)).digest('hex').slice(0, 12);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
