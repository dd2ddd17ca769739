import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import { knownRoles } from '../org/organization-kind.ts';
import { say } from '../definitions/said.ts';

/** Reports a role name that the Organization does not define (skipped when there is no Organization). */
export function checkRole(pointer: string, name: unknown, index: DefinitionIndex, report: Report): void {
  const roles = knownRoles(index);
  if (roles.size === 0 || typeof name !== 'string' || roles.has(name)) return;
  report(pointer, Code.unknownReference, say('action.unknownRole', { name }), {
    hint: say('action.knownRoles', { roles: [...roles] }),
  });
}

/** Role names inside a recipient list ([owner, { role: x, unit: case }, …]). */
export function checkRecipientRoles(pointer: string, to: unknown, index: DefinitionIndex, report: Report): void {
  if (!Array.isArray(to)) return;
  to.forEach((r: unknown, i) => {
    if (r && typeof r === 'object' && 'role' in r)
      checkRole(`${pointer}/${i}/role`, (r as { role: unknown }).role, index, report);
  });
}
