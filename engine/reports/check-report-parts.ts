import { checkCondition } from '../conditions/index.ts';
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { Report } from '../definitions/kind.ts';
import { compileExpression } from '../expressions/index.ts';
import { REPORT_FACTS } from './report-facts.ts';
import { codedSaid, say } from '../definitions/said.ts';

export function checkExpressionValue(pointer: string, value: unknown, report: Report): void {
  if (typeof value !== 'string' || !value.startsWith('=')) return;
  const source = value.slice(1);
  const compiled = compileExpression(source);
  if (!compiled.ok) {
    report(
      pointer,
      Code.invalidExpression,
      say('prefill.column', {
        message: codedSaid('expression', compiled.code, compiled.message, compiled.reason),
        column: compiled.column,
      }),
      {
        hint: say('report.names', { REPORT_FACTS }),
      },
    );
    return;
  }
  for (const root of new Set(compiled.references.map((r) => r.split(/[.[]/)[0]!))) {
    if (REPORT_FACTS.includes(root)) continue;
    // `links.return-visit` parses as `links.return - visit`: say so rather than only "unknown name".
    const hyphen = new RegExp(`([\\w\\]"'.]+)-${root}\\b`).exec(source);
    if (hyphen) {
      report(
        pointer,
        Code.invalidExpression,
        say('report.subtractsFrom', { hyphen: hyphen[0], root, hyphen2: hyphen[1]! }),
        {
          hint: say('report.aNameWithA', { root: bracketed(hyphen[1]!, root) }),
        },
      );
    } else {
      // A warning: the value is simply empty at run time, and older sets may rely on that.
      report(pointer, Code.invalidExpression, say('report.unknownNameInThe', { root, value }), {
        hint: say('report.names', { REPORT_FACTS }),
        severity: 'warning',
      });
    }
  }
}

/** `links.return` and `visit` → `links["return-visit"]`. */
function bracketed(left: string, root: string): string {
  const dot = left.lastIndexOf('.');
  return dot < 0 ? `["${left}-${root}"]` : `${left.slice(0, dot)}["${left.slice(dot + 1)}-${root}"]`;
}

export function checkReportCondition(pointer: string, cond: unknown, report: Report): void {
  for (const i of checkCondition(cond, REPORT_FACTS))
    report(pointer + i.pointer, Code.invalidCondition, i.said, i.saidHint ? { hint: i.saidHint } : undefined);
}
