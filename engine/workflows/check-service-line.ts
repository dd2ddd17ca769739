import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import { say } from '../definitions/said.ts';

/**
 * `serviceLine` is the workflow's home line (where the new-case menu lists it); the line's own
 * `workflows` lists every workflow started from it, so it must include the workflows that call it
 * home. A workflow may also be started from other lines, which list it without being its home.
 */
export function checkServiceLine(
  workflow: string,
  line: string | undefined,
  index: DefinitionIndex,
  report: Report,
): void {
  if (line === undefined) return;
  const listed = index.get<{ workflows: readonly string[] }>('ServiceLine', line)?.spec.workflows;
  if (listed && !listed.includes(workflow)) {
    report('/spec/serviceLine', Code.disagreement, say('workflow.servicelineDoesNotList', { line, workflow }), {
      hint: say('workflow.addToThatLine', { workflow, workflow2: lines(index, workflow) }),
    });
  }
}

function lines(index: DefinitionIndex, workflow: string): string {
  const listing = index
    .all<{ workflows: readonly string[] }>('ServiceLine')
    .filter((l) => l.spec.workflows.includes(workflow))
    .map((l) => l.metadata.name);
  return listing.length > 0 ? listing.join(', ') : 'none does';
}
