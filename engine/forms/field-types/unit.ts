import { checkRole } from '../../actions/check-role.ts';
import { DefinitionErrorCode as Code } from '../../definitions/definition-error.ts';
import { knownUnitTypes } from '../../org/organization-kind.ts';
import type { FieldType } from './field-type.ts';
import { say } from '../../definitions/said.ts';

/**
 * A unit of the Organization, stored by name: `within: actor` keeps to the unit the person
 * filling the form works for and the units below it, `within: case` (the default, as for `user`)
 * to the case's unit and below, `within: any` to every unit; `unitTypes` to units of those types;
 * `role` to units where someone holds that role. Only the engine knows the Organization and the
 * actor (see Units); the annotations tell a client which units to offer, and the server lists
 * them in the forms it sends (field-choices.ts).
 */
export const unit: FieldType = {
  type: 'unit',
  accepts: ['within', 'unitTypes', 'role'],
  scopes: ['actor', 'case', 'any'],
  schema: (f) => ({
    type: 'string',
    // A unit's name; bounded so a refused one is not echoed back at any length.
    maxLength: 200,
    'x-sf-within': f.within ?? 'case',
    ...(f.unitTypes === undefined ? {} : { 'x-sf-unit-types': [...f.unitTypes] }),
    ...(f.role === undefined ? {} : { 'x-sf-role': f.role }),
  }),
  check(value, field, env) {
    const units = env?.units;
    if (!units || typeof value !== 'string') return undefined;
    const found = units.unit(value);
    if (!found) return { code: 'unknownUnit', limit: value };
    if (field.unitTypes !== undefined && !field.unitTypes.includes(found.type))
      return { code: 'unitOfOtherType', limit: value };
    const within = field.within ?? 'case';
    if (within === 'actor' && !units.withinActor(value)) return { code: 'unitOutsideActor', limit: value };
    if (within === 'case' && !units.withinCase(value)) return { code: 'unitOutsideCase', limit: value };
    if (field.role !== undefined && !units.heldIn(value, field.role)) return { code: 'unitWithoutRole', limit: value };
    return undefined;
  },
  references(field, pointer, index, report) {
    checkRole(`${pointer}/role`, field.role, index, report);
    const types = knownUnitTypes(index);
    if (types.size === 0) return;
    (field.unitTypes ?? []).forEach((t, i) => {
      if (!types.has(t))
        report(
          `${pointer}/unitTypes/${i}`,
          Code.unknownReference,
          say('unknownRef', { what: say('what.unitType'), name: t }),
          {
            hint: say('form.knownUnitTypes', { names: [...types] }),
          },
        );
    });
  },
};
