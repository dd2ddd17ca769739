import { checkCondition } from '../conditions/index.ts';
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { Report } from '../definitions/kind.ts';
import { compileExpression } from '../expressions/index.ts';
import { REPORT_FACTS } from './report-facts.ts';

export function checkExpressionValue(pointer: string, value: unknown, report: Report): void {
  if (typeof value !== 'string' || !value.startsWith('=')) return;
  const compiled = compileExpression(value.slice(1));
  if (!compiled.ok) report(pointer, Code.invalidExpression, `${compiled.message} (column ${compiled.column})`, { hint: `names: ${REPORT_FACTS.join(', ')}` });
}

export function checkReportCondition(pointer: string, cond: unknown, report: Report): void {
  for (const i of checkCondition(cond, REPORT_FACTS)) report(pointer + i.pointer, Code.invalidCondition, i.message, i.hint ? { hint: i.hint } : undefined);
}
