import { localize, type Locale } from '../../engine/localized.ts';
import { stateTitle, type WorkflowInfo } from './workflow-info.ts';

/** One choice of the state filter: the state path the server filters by, and what the user reads. */
export interface StateOption {
  readonly value: string;
  readonly label: string;
}

/**
 * The states of one workflow as filter choices, in definition order, a nested state indented under
 * its parent (choosing a parent matches its children too: the server filters by path prefix).
 * `current`, when not among them (set from outside, or the definition not read yet), is kept as a
 * choice so that the filter in force stays visible.
 */
export function stateOptions(info: WorkflowInfo | undefined, current: string, locale: Locale): StateOption[] {
  const options = (info?.states ?? []).map((s) => ({
    value: s.path,
    label: '\u00a0\u00a0'.repeat(s.path.split('.').length - 1) + localize(stateTitle(info, s.path), locale),
  }));
  if (current && !options.some((o) => o.value === current))
    options.push({ value: current, label: localize(stateTitle(info, current), locale) });
  return options;
}
