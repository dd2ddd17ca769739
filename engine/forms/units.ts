/**
 * Which units a `unit` field may name, known only where the Organization and the users are: the
 * engine builds it from its Organization, directory, actor and case for each event it validates.
 * A browser has none to give; its form then checks such a value's shape only and leaves the unit
 * to the server (which lists the valid ones in the form it sends).
 */
export interface Units {
  /** The unit with this name; undefined for one the Organization does not have. */
  unit(name: string): { readonly type: string } | undefined;
  /** Whether `unit` is the unit the actor works for, or below it; the engine's own actor: every unit. */
  withinActor(unit: string): boolean;
  /** Whether `unit` is the case's unit or below it. */
  withinCase(unit: string): boolean;
  /** Whether someone enabled holding `role` works for `unit` (it is the unit their own acts for). */
  heldIn(unit: string, role: string): boolean;
}
