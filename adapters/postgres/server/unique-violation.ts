/** The constraint a unique violation (SQLSTATE 23505) names, '' when it names none; null for any other error. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string };
  return e && e.code === '23505' ? (e.constraint ?? '') : null;
}
