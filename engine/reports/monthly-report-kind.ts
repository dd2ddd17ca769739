import schema from '../definitions/schemas/monthly-report.schema.json' with { type: 'json' };
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { KindDefinition } from '../definitions/kind.ts';
import type { Condition } from '../forms/form-model.ts';
import type { Localized } from '../localized.ts';
import { known } from '../org/organization-kind.ts';
import { checkExpressionValue, checkReportCondition } from './check-report-parts.ts';
import { checkLabelReferences } from './ledger-labels-check.ts';
import { say } from '../definitions/said.ts';

export interface MeasureSpec {
  readonly name: string;
  readonly title?: Localized;
  readonly workflows?: readonly string[];
  readonly where?: Condition;
  readonly ratio?: Condition;
  readonly sum?: string;
  readonly completeness?: { readonly form: string; readonly at?: string };
  readonly groupBy?: string;
  /** `FORM.FIELD` references: each group is named by the label of that field's option (as a ledger column's labels). */
  readonly labels?: readonly string[];
}

export interface MonthlyReportSpec {
  readonly timeZone?: string;
  readonly measures: readonly MeasureSpec[];
}

/** `kind: MonthlyReport`: the measures of the monthly unit report, written in YAML. */
export const monthlyReportKind: KindDefinition = {
  kind: 'MonthlyReport',
  schema,
  check(doc, index, report) {
    const spec = doc.spec as MonthlyReportSpec;
    if (spec.timeZone) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: spec.timeZone });
      } catch {
        report('/spec/timeZone', Code.invalidValue, say('schedule.unknownTimeZone', { timeZone: spec.timeZone }), {
          hint: say('report.anIanaNameSuch'),
        });
      }
    }
    const seen = new Set<string>();
    spec.measures.forEach((m, i) => {
      const p = `/spec/measures/${i}`;
      if (seen.has(m.name)) report(`${p}/name`, Code.duplicateName, say('report.measureIsDefinedTwice', { m: m.name }));
      seen.add(m.name);
      (m.workflows ?? []).forEach((w, j) => {
        if (!index.get('Workflow', w))
          report(`${p}/workflows/${j}`, Code.unknownReference, say('report.unknownWorkflow', { w }), {
            hint: known(index, 'Workflow'),
          });
      });
      const kinds = [m.ratio, m.sum, m.completeness].filter((x) => x !== undefined).length;
      if (kinds > 1)
        report(p, Code.invalidValue, say('report.aMeasureIsA'), {
          hint: say('report.keepOneOfRatio'),
        });
      if (m.where) checkReportCondition(`${p}/where`, m.where, report);
      if (m.ratio) checkReportCondition(`${p}/ratio`, m.ratio, report);
      if (m.sum) checkExpressionValue(`${p}/sum`, m.sum, report);
      if (m.groupBy) checkExpressionValue(`${p}/groupBy`, m.groupBy, report);
      checkLabelReferences(`${p}/labels`, m.labels, index, report);
      if (m.completeness && !index.get('Form', m.completeness.form)) {
        report(
          `${p}/completeness/form`,
          Code.unknownReference,
          say('report.unknownForm', { form: m.completeness.form }),
          {
            hint: known(index, 'Form'),
          },
        );
      }
    });
  },
};
