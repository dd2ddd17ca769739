/**
 * A named set of entries that grows by registration (field types, actions, operators, channels,
 * kinds). Looking up an unknown name is the caller's cue to report the known names as a hint.
 */
export interface Registry<T> {
  register(name: string, entry: T): void;
  get(name: string): T | undefined;
  has(name: string): boolean;
  known(): string[];
}

export function createRegistry<T>(): Registry<T> {
  const entries = new Map<string, T>();
  return {
    register(name, entry) {
      entries.set(name, entry);
    },
    get: (name) => entries.get(name),
    has: (name) => entries.has(name),
    known: () => [...entries.keys()].sort(),
  };
}
