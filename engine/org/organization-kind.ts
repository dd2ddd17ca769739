import schema from '../definitions/schemas/organization.schema.json' with { type: 'json' };
import { DefinitionErrorCode } from '../definitions/definition-error.ts';
import type { DefinitionIndex, KindDefinition } from '../definitions/kind.ts';
import { joinPointer } from '../definitions/yaml-source.ts';
import type { OrganizationSpec, UnitSpec } from './organization.ts';

export const organizationKind: KindDefinition = {
  kind: 'Organization',
  schema,
  check(doc, index, report) {
    const spec = doc.spec as OrganizationSpec;
    if (index.all('Organization').length > 1 && index.all('Organization')[0] !== doc) {
      report('/metadata/name', DefinitionErrorCode.duplicateName, 'only one Organization may be defined', {
        hint: `already defined: ${index.all('Organization')[0]!.metadata.name}`,
      });
    }
    const types = new Set(spec.unitTypes.map((t) => t.name));
    const roles = new Set(spec.roles.map((r) => r.name));
    duplicates(
      spec.unitTypes.map((t) => t.name),
      (i, n) =>
        report(`/spec/unitTypes/${i}/name`, DefinitionErrorCode.duplicateName, `unit type "${n}" is defined twice`),
    );
    duplicates(
      spec.roles.map((r) => r.name),
      (i, n) => report(`/spec/roles/${i}/name`, DefinitionErrorCode.duplicateName, `role "${n}" is defined twice`),
    );
    const units = new Set<string>();
    const visit = (u: UnitSpec, pointer: string) => {
      if (units.has(u.name))
        report(`${pointer}/name`, DefinitionErrorCode.duplicateName, `unit "${u.name}" is defined twice`);
      units.add(u.name);
      if (!types.has(u.type)) {
        report(`${pointer}/type`, DefinitionErrorCode.unknownReference, `unknown unit type "${u.type}"`, {
          hint: `known: ${[...types].join(', ')}`,
        });
      }
      if (u.calendar && !index.get('Calendar', u.calendar)) {
        report(`${pointer}/calendar`, DefinitionErrorCode.unknownReference, `unknown calendar "${u.calendar}"`, {
          hint: known(index, 'Calendar'),
        });
      }
      (u.units ?? []).forEach((c, i) => visit(c, `${pointer}/units/${i}`));
    };
    visit(spec.root, '/spec/root');
    duplicates(
      (spec.users ?? []).map((u) => u.username),
      (i, n) => report(`/spec/users/${i}/username`, DefinitionErrorCode.duplicateName, `user "${n}" is defined twice`),
    );
    (spec.users ?? []).forEach((u, i) => {
      if (!units.has(u.unit))
        report(`/spec/users/${i}/unit`, DefinitionErrorCode.unknownReference, `unknown unit "${u.unit}"`);
      u.roles.forEach((r, j) => {
        if (!roles.has(r)) {
          report(
            joinPointer('spec', 'users', i, 'roles', j),
            DefinitionErrorCode.unknownReference,
            `unknown role "${r}"`,
            { hint: `known roles: ${[...roles].join(', ')}` },
          );
        }
      });
    });
  },
};

function duplicates(names: readonly string[], onDuplicate: (index: number, name: string) => void) {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (seen.has(n)) onDuplicate(i, n);
    seen.add(n);
  });
}

export function known(index: DefinitionIndex, kind: string): string {
  const names = index.names(kind);
  return names.length ? `known ${kind} definitions: ${names.join(', ')}` : `no ${kind} is defined`;
}

/** Role names of the (single) Organization, for other kinds' reference checks. */
export function knownRoles(index: DefinitionIndex): Set<string> {
  const org = index.all<OrganizationSpec>('Organization')[0];
  return new Set(org?.spec.roles.map((r) => r.name) ?? []);
}

export function knownUnits(index: DefinitionIndex): Set<string> {
  const org = index.all<OrganizationSpec>('Organization')[0];
  const out = new Set<string>();
  const visit = (u: UnitSpec) => {
    out.add(u.name);
    (u.units ?? []).forEach(visit);
  };
  if (org) visit(org.spec.root);
  return out;
}

export function knownUnitTypes(index: DefinitionIndex): Set<string> {
  const org = index.all<OrganizationSpec>('Organization')[0];
  return new Set(org?.spec.unitTypes.map((t) => t.name) ?? []);
}
