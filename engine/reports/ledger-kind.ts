import schema from '../definitions/schemas/ledger.schema.json' with { type: 'json' };
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { KindDefinition } from '../definitions/kind.ts';
import type { Localized } from '../localized.ts';
import type { Condition } from '../forms/form-model.ts';
import { checkExpressionValue, checkReportCondition } from './check-report-parts.ts';
import { known } from '../org/organization-kind.ts';
import { checkLabelReferences } from './ledger-labels-check.ts';
import { say } from '../definitions/said.ts';

export interface LedgerColumn {
  readonly name: string;
  readonly title?: Localized;
  readonly value: unknown;
  readonly format?: 'text' | 'datetime' | 'date' | 'money' | 'yesno' | 'number' | 'person';
  /** `FORM.FIELD` references: the value is shown as the label of that field's option (ledger-labels.ts). */
  readonly labels?: readonly string[];
}

export interface LedgerSpec {
  readonly workflows: readonly string[];
  readonly when?: Condition;
  readonly date?: string;
  readonly columns: readonly LedgerColumn[];
}

/**
 * A column whose value is `=ledger.seq`, `=ledger.unit`, `=ledger.unitTitle` or `=ledger.period`
 * is filled when the ledger is read: numbering is per unit and period, so it cannot be projected.
 */
export const LEDGER_READ_TIME = /^=ledger\.(seq|unit|unitTitle|period)$/;

/** `kind: Ledger`: which case values fill which column (FORM-1), written in YAML. */
export const ledgerKind: KindDefinition = {
  kind: 'Ledger',
  schema,
  check(doc, index, report) {
    const spec = doc.spec as LedgerSpec;
    spec.workflows.forEach((w, i) => {
      if (!index.get('Workflow', w))
        report(`/spec/workflows/${i}`, Code.unknownReference, say('report.unknownWorkflow', { w }), {
          hint: known(index, 'Workflow'),
        });
    });
    if (spec.when) checkReportCondition('/spec/when', spec.when, report);
    if (spec.date) checkExpressionValue('/spec/date', spec.date, report);
    const seen = new Set<string>();
    spec.columns.forEach((col, i) => {
      if (seen.has(col.name))
        report(`/spec/columns/${i}/name`, Code.duplicateName, say('ledger.columnIsDefinedTwice', { col: col.name }));
      seen.add(col.name);
      if (typeof col.value === 'string' && col.value.startsWith('=ledger.')) {
        if (!LEDGER_READ_TIME.test(col.value))
          report(
            `/spec/columns/${i}/value`,
            Code.invalidExpression,
            say('ledger.isNotFilledWhen', { value: col.value }),
            { hint: say('ledger.oneOfLedgerSeq') },
          );
      } else {
        checkExpressionValue(`/spec/columns/${i}/value`, col.value, report);
      }
      checkLabelReferences(`/spec/columns/${i}/labels`, col.labels, index, report);
    });
  },
};
