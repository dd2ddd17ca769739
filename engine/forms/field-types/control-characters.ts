import type { ValueProblem } from './field-type.ts';

// C0 controls but tab, line feed and carriage return (which text areas carry), DEL, and the C1
// controls. No one types them; pasted or scripted, they end up in exports, notifications and
// other systems that read them as commands (a NUL ends a C string; CSV readers skip some before a
// formula) — so text fields refuse them at input.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** `controlCharacter` when a text value holds a control character; for text and textarea fields. */
export function controlCharacterProblem(value: unknown): ValueProblem | undefined {
  return typeof value === 'string' && CONTROL.test(value) ? { code: 'controlCharacter' } : undefined;
}
