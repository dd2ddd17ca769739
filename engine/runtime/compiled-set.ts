import type { BusinessCalendar } from '../calendar/index.ts';
import type { Definition } from '../definitions/kind.ts';
import type { CompiledForm } from '../forms/index.ts';
import type { NotificationTemplateSpec } from '../notify/template-model.ts';
import type { OrgModel } from '../org/organization.ts';
import type { CompiledSla } from '../sla/index.ts';
import type { CompiledScorecard } from '../scoring/index.ts';
import type { CompiledWorkflow } from '../workflows/compile-workflow.ts';

/** One published version of the definitions, compiled once and shared by every decision. */
export interface CompiledSet {
  /** Content hash of the definitions (P-3). */
  readonly version: string;
  readonly docs: readonly Definition[];
  readonly org: OrgModel;
  readonly workflows: ReadonlyMap<string, CompiledWorkflow>;
  readonly forms: ReadonlyMap<string, CompiledForm>;
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
  readonly templates: ReadonlyMap<string, NotificationTemplateSpec>;
  readonly sla: readonly CompiledSla[];
  readonly scorecards: ReadonlyMap<string, CompiledScorecard>;
  /** The calendar the unit works by (its own, inherited, or the set's only/default calendar). */
  calendarForUnit(unit: string): BusinessCalendar | undefined;
  definition<S = unknown>(kind: string, name: string): Definition<S> | undefined;
}
