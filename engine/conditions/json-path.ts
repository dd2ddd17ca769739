/**
 * The part of JSONPath that conditions need: `$`, `.name`, `['name']`, `[0]`, and `[*]` — every
 * element of a list (or value of an object), which makes the path select a list of values such as
 * `$.quotes[*].supplier`, every row's supplier. No recursive descent or filters. Resolution mirrors
 * jsonpath-plus (json-rules-engine's resolver) with `wrap: false`: a step follows an own property
 * (arrays' `length` and strings' indices count), anything else is undefined; a path with `[*]`
 * gives the list of the values it reaches, or undefined when it reaches none. Own properties
 * only, so `$.constructor` finds nothing.
 */
export type PathResolver = (value: unknown) => unknown;

/** The `[*]` step. */
export const EVERY: unique symbol = Symbol('every');
export type PathStep = string | typeof EVERY;

const STEP = /^(?:\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\['([^'\\]*)'\]|\["([^"\\]*)"\]|(\[\*\]))/;

/** The steps of `path`, or a message saying what is not supported. */
export function parsePath(
  path: string,
): { ok: true; steps: PathStep[] } | { ok: false; message: string; column: number } {
  // jsonpath-plus reads "a.b" as "$.a.b".
  let rest = path.startsWith('$') ? path.slice(1) : `.${path}`;
  const offset = path.startsWith('$') ? 1 : 0;
  const steps: PathStep[] = [];
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) {
      return {
        ok: false,
        column: path.length - rest.length + 1 - (offset === 0 ? 1 : 0),
        message: `unsupported JSONPath "${path}": use $.name, $['name'], $.list[0], or $.rows[*].name for every row's name (no recursive descent or filters)`,
      };
    }
    steps.push(m[5] ? EVERY : ((m[1] ?? m[2] ?? m[3] ?? m[4]) as string));
    rest = rest.slice(m[0].length);
  }
  return { ok: true, steps };
}

export function compilePath(steps: readonly PathStep[]): PathResolver {
  if (!steps.includes(EVERY)) {
    return (value) => {
      let v = value;
      for (const step of steps as readonly string[]) {
        v = follow(v, step);
        if (v === undefined) return undefined;
      }
      return v;
    };
  }
  return (value) => {
    let found: unknown[] = [value];
    for (const step of steps) {
      const next: unknown[] = [];
      for (const v of found) {
        if (step === EVERY) {
          // jsonpath-plus: the elements of a list, the values of an object; nothing of a string.
          if (Array.isArray(v)) next.push(...(v as unknown[]));
          else if (typeof v === 'object' && v !== null) next.push(...Object.values(v as Record<string, unknown>));
        } else {
          const w = follow(v, step);
          if (w !== undefined) next.push(w);
        }
      }
      found = next;
    }
    return found.length === 0 ? undefined : found;
  };
}

function follow(v: unknown, step: string): unknown {
  if (!((typeof v === 'object' && v !== null) || typeof v === 'string')) return undefined;
  if (!Object.hasOwn(v as object, step)) return undefined;
  return (v as Record<string, unknown>)[step];
}
