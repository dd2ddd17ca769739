import schema from '../definitions/schemas/ledger.schema.json' with { type: 'json' };
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { KindDefinition } from '../definitions/kind.ts';
import type { Localized } from '../localized.ts';
import type { Condition } from '../forms/form-model.ts';
import { known } from '../org/organization-kind.ts';
import { checkExpressionValue, checkReportCondition } from './check-report-parts.ts';

export interface LedgerColumn {
  readonly name: string;
  readonly title?: Localized;
  readonly value: unknown;
  readonly format?: 'text' | 'datetime' | 'date' | 'money' | 'yesno' | 'number';
}

export interface LedgerSpec {
  readonly workflows: readonly string[];
  readonly when?: Condition;
  readonly date?: string;
  readonly columns: readonly LedgerColumn[];
}

/** `kind: Ledger`: which case values fill which column (FORM-1), written in YAML. */
export const ledgerKind: KindDefinition = {
  kind: 'Ledger',
  schema,
  check(doc, index, report) {
    const spec = doc.spec as LedgerSpec;
    spec.workflows.forEach((w, i) => {
      if (!index.get('Workflow', w)) report(`/spec/workflows/${i}`, Code.unknownReference, `unknown Workflow "${w}"`, { hint: known(index, 'Workflow') });
    });
    if (spec.when) checkReportCondition('/spec/when', spec.when, report);
    if (spec.date) checkExpressionValue('/spec/date', spec.date, report);
    const seen = new Set<string>();
    spec.columns.forEach((col, i) => {
      if (seen.has(col.name)) report(`/spec/columns/${i}/name`, Code.duplicateName, `column "${col.name}" is defined twice`);
      seen.add(col.name);
      checkExpressionValue(`/spec/columns/${i}/value`, col.value, report);
    });
  },
};
