/**
 * Names an object of facts provides through getters on its prototype rather than as its own
 * members (the engine's step facts compute `case`, `clock` and `now` only when read). A symbol on
 * the prototype holding the set of those names.
 */
export const LAZY_FACTS: unique symbol = Symbol('serviceframe.lazyFacts');

/**
 * A fact, or a root name in an expression: an own member of `facts`, or one of the names it
 * declares lazy. Nothing else is read through the prototype, so `constructor`, `__proto__` or
 * `toString` stay undefined, as for a plain object.
 */
export function readFact(facts: object, name: string): unknown {
  if (Object.hasOwn(facts, name)) return (facts as Record<string, unknown>)[name];
  const lazy = (facts as { [LAZY_FACTS]?: ReadonlySet<string> })[LAZY_FACTS];
  return lazy !== undefined && lazy.has(name) ? (facts as Record<string, unknown>)[name] : undefined;
}
