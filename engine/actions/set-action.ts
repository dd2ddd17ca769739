import type { ActionType } from './action-type.ts';

/** `set: { field: value }` — values starting with '=' are expressions (e.g. '=event.appointmentAt'). */
export const setAction: ActionType = {
  type: 'set',
  schema: { type: 'object', minProperties: 1, description: 'Case data fields to set; "=expr" values are evaluated.' },
  run(params, ctx) {
    for (const [field, value] of Object.entries(params as Record<string, unknown>)) {
      setPath(ctx.draft.data, field, ctx.value(value));
    }
  },
};

/** Dotted paths create nested objects: 'visit.result' sets data.visit.result. */
function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let obj = target;
  for (const key of keys.slice(0, -1)) {
    const next = obj[key];
    obj = obj[key] = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as object) } : {};
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete obj[last];
  else obj[last] = value;
}
