import { checkRole } from '../../actions/check-role.ts';
import type { FieldType } from './field-type.ts';

/**
 * A person of the Organization, stored by username: `role` keeps to the holders of a role,
 * `within: case` (the default) to the case's unit and the units below it — with `upward`, to the
 * nearest unit from there upwards where someone holds the role —, `within: any` to everyone.
 * Only the engine knows the people (see People); the annotations tell a client whom to offer.
 */
export const user: FieldType = {
  type: 'user',
  accepts: ['role', 'within', 'upward'],
  scopes: ['case', 'any'],
  schema: (f) => ({
    type: 'string',
    // A username; bounded so a refused one is not echoed back at any length.
    maxLength: 200,
    ...(f.role === undefined ? {} : { 'x-sf-role': f.role }),
    'x-sf-within': f.within ?? 'case',
    ...(f.upward ? { 'x-sf-upward': true } : {}),
  }),
  check(value, field, env) {
    const people = env?.people;
    if (!people || typeof value !== 'string') return undefined;
    const person = people.person(value);
    if (!person) return { code: 'unknownUser', limit: value };
    if (field.role !== undefined && !person.roles.includes(field.role))
      return { code: 'userWithoutRole', limit: field.role };
    if ((field.within ?? 'case') === 'case' && !people.withinCase(person.unit, field.upward ? field.role : undefined))
      return { code: 'userOutsideCase', limit: value };
    return undefined;
  },
  references(field, pointer, index, report) {
    checkRole(`${pointer}/role`, field.role, index, report);
  },
};
