import schema from '../definitions/schemas/organization.schema.json' with { type: 'json' };
import { DefinitionErrorCode } from '../definitions/definition-error.ts';
import type { DefinitionIndex, KindDefinition } from '../definitions/kind.ts';
import { kindSaid, knownList, say, type Said } from '../definitions/said.ts';
import { joinPointer } from '../definitions/yaml-source.ts';
import type { OrganizationSpec, UnitSpec } from './organization.ts';

export const organizationKind: KindDefinition = {
  kind: 'Organization',
  schema,
  check(doc, index, report) {
    const spec = doc.spec as OrganizationSpec;
    if (index.all('Organization').length > 1 && index.all('Organization')[0] !== doc) {
      report('/metadata/name', DefinitionErrorCode.duplicateName, say('org.onlyOne'), {
        hint: say('org.alreadyDefined', { name: index.all('Organization')[0]!.metadata.name }),
      });
    }
    const types = new Set(spec.unitTypes.map((t) => t.name));
    const roles = new Set(spec.roles.map((r) => r.name));
    duplicates(
      spec.unitTypes.map((t) => t.name),
      (i, n) =>
        report(
          `/spec/unitTypes/${i}/name`,
          DefinitionErrorCode.duplicateName,
          say('definedTwice', { kind: say('what.unitType'), name: n }),
        ),
    );
    duplicates(
      spec.roles.map((r) => r.name),
      (i, n) =>
        report(
          `/spec/roles/${i}/name`,
          DefinitionErrorCode.duplicateName,
          say('definedTwice', { kind: say('what.role'), name: n }),
        ),
    );
    const units = new Set<string>();
    const visit = (u: UnitSpec, pointer: string) => {
      if (units.has(u.name))
        report(
          `${pointer}/name`,
          DefinitionErrorCode.duplicateName,
          say('definedTwice', { kind: say('what.unit'), name: u.name }),
        );
      units.add(u.name);
      if (!types.has(u.type)) {
        report(
          `${pointer}/type`,
          DefinitionErrorCode.unknownReference,
          say('unknownRef', { what: say('what.unitType'), name: u.type }),
          { hint: knownList([...types]) },
        );
      }
      if (u.calendar && !index.get('Calendar', u.calendar)) {
        report(
          `${pointer}/calendar`,
          DefinitionErrorCode.unknownReference,
          say('unknownRef', { what: say('what.calendar'), name: u.calendar }),
          { hint: known(index, 'Calendar') },
        );
      }
      (u.units ?? []).forEach((c, i) => visit(c, `${pointer}/units/${i}`));
    };
    visit(spec.root, '/spec/root');
    duplicates(
      (spec.users ?? []).map((u) => u.username),
      (i, n) =>
        report(
          `/spec/users/${i}/username`,
          DefinitionErrorCode.duplicateName,
          say('definedTwice', { kind: say('what.user'), name: n }),
        ),
    );
    (spec.users ?? []).forEach((u, i) => {
      if (!units.has(u.unit))
        report(
          `/spec/users/${i}/unit`,
          DefinitionErrorCode.unknownReference,
          say('unknownRef', { what: say('what.unit'), name: u.unit }),
        );
      u.roles.forEach((r, j) => {
        if (!roles.has(r)) {
          report(
            joinPointer('spec', 'users', i, 'roles', j),
            DefinitionErrorCode.unknownReference,
            say('unknownRef', { what: say('what.role'), name: r }),
            { hint: say('known.roles', { names: [...roles] }) },
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

/** The hint beside an unknown reference: the definitions of that kind there are. */
export function known(index: DefinitionIndex, kind: string): Said {
  const names = index.names(kind);
  return names.length
    ? say('known.definitions', { kind: kindSaid(kind), names })
    : say('known.none', { kind: kindSaid(kind) });
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
