import type { LayoutField } from '../../engine/forms/form-model.ts';
import { localize, type Locale } from '../../engine/localized.ts';
import type { Directory } from '../api/types.ts';
import { displayName, userCandidates } from './user-candidates.ts';

/** One value a field offers, with what a person reads for it. */
export interface FieldChoice {
  readonly value: unknown;
  readonly label: string;
}

/** What a field's choices depend on besides the field: who may be named, for which case, read in which language. */
export interface ChoiceSource {
  readonly people: Directory | undefined;
  readonly caseUnit: string | undefined;
  readonly locale: Locale;
}

/**
 * The values a field offers when they are a closed list, as its renderer shows them: an enum's
 * options; a user or unit field's list as the server sent it for this reader and case (`oneOf`,
 * rebuilt into `options` by form-from-schema.ts), else the directory's candidates (role, the case's
 * unit and below). Undefined for a field whose value is typed (a user or unit field without either
 * list, every other type).
 */
export function fieldChoices(field: LayoutField, source: ChoiceSource): readonly FieldChoice[] | undefined {
  const listed = field.options?.map((o) => ({ value: o.value, label: localize(o.label, source.locale) }));
  switch (field.type) {
    case 'enum':
      return listed ?? [];
    case 'user':
      if (listed) return listed;
      if (!source.people) return undefined;
      return userCandidates(field, source.people, source.caseUnit, source.locale).map((p) => ({
        value: p.username,
        label: displayName(p),
      }));
    case 'unit':
      if (listed) return listed;
      return source.people ? directoryUnits(field, source.people, source.caseUnit, source.locale) : undefined;
    default:
      return undefined;
  }
}

/**
 * The value to choose for the reader when a required field has exactly one valid choice (an enum
 * with one option, the one person or unit a user or unit field may name here): there is nothing to
 * decide, so the form shows it chosen, and the reader can still see and change it. Undefined when
 * there is a choice to make, or none, or several values may be chosen at once.
 */
export function soleChoice(field: LayoutField, source: ChoiceSource): unknown {
  if (field.multiple) return undefined;
  const choices = fieldChoices(field, source);
  return choices?.length === 1 ? choices[0]!.value : undefined;
}

/** A unit field's candidates from the directory: for `within: case` (the default), the case's unit and below. */
function directoryUnits(
  field: Pick<LayoutField, 'within'>,
  directory: Directory,
  caseUnit: string | undefined,
  locale: Locale,
): FieldChoice[] {
  const below = (field.within ?? 'case') === 'case' && caseUnit !== undefined ? caseUnit : undefined;
  const parents = new Map(directory.units.map((u) => [u.name, u.parent]));
  const isBelow = (unit: string): boolean => {
    for (let u: string | null | undefined = unit; u; u = parents.get(u)) if (u === below) return true;
    return false;
  };
  return directory.units
    .filter((u) => below === undefined || isBelow(u.name))
    .map((u) => ({ value: u.name, label: localize(u.title, locale) }));
}
