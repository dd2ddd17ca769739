/** A person as a `user` field's check sees them. */
export interface Person {
  readonly unit: string;
  readonly roles: readonly string[];
}

/**
 * Who a `user` field may name, known only where the users are: the engine builds it from its
 * directory and the case for each event it validates. A browser has none to give; its form then
 * checks such a value's shape only and leaves the person to the server.
 */
export interface People {
  /** The enabled user with this username; undefined for an unknown or disabled one. */
  person(username: string): Person | undefined;
  /**
   * Whether a person of `unit` works in the case's unit or a unit below it; with `upwardFor` (a
   * role), in the nearest unit from the case's upwards where someone enabled holds that role.
   */
  withinCase(unit: string, upwardFor?: string): boolean;
}
