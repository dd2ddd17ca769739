/**
 * The part of JSONPath that conditions need: `$`, `.name`, `['name']`, `[0]` — one value, no
 * wildcards or filters. Resolution mirrors jsonpath-plus (json-rules-engine's resolver) with
 * `wrap: false`: a step follows an own property (arrays' `length` and strings' indices count),
 * anything else is undefined. Own properties only, so `$.constructor` finds nothing.
 */
export type PathResolver = (value: unknown) => unknown;

const STEP = /^(?:\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\['([^'\\]*)'\]|\["([^"\\]*)"\])/;

/** The steps of `path`, or a message saying what is not supported. */
export function parsePath(path: string): { ok: true; steps: string[] } | { ok: false; message: string; column: number } {
  // jsonpath-plus reads "a.b" as "$.a.b".
  let rest = path.startsWith('$') ? path.slice(1) : `.${path}`;
  const offset = path.startsWith('$') ? 1 : 0;
  const steps: string[] = [];
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) {
      return {
        ok: false,
        column: path.length - rest.length + 1 - (offset === 0 ? 1 : 0),
        message: `unsupported JSONPath "${path}": use $.name, $['name'] or $.list[0] (no wildcards or filters)`,
      };
    }
    steps.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
    rest = rest.slice(m[0].length);
  }
  return { ok: true, steps };
}

export function compilePath(steps: readonly string[]): PathResolver {
  return (value) => {
    let v = value;
    for (const step of steps) {
      if (!((typeof v === 'object' && v !== null) || typeof v === 'string')) return undefined;
      if (!Object.hasOwn(v as object, step)) return undefined;
      v = (v as Record<string, unknown>)[step];
    }
    return v;
  };
}
