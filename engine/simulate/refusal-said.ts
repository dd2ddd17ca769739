import { isSaidKey, say, type Said, type SaidParam } from '../definitions/said.ts';
import { localize } from '../localized.ts';
import { EngineError, type EngineSaid, type EngineSaidParams } from '../runtime/engine-error.ts';
import { allOf, both } from './scenario-said.ts';

/**
 * A step the engine refused when the scenario expected it to go through. The English is what
 * `serviceframe simulate` has always printed (the code, the engine's message and each field's
 * pointer and message); a Chinese reader reads the refusal's reason (`scenario.refusal.*`, with
 * the titles the engine gave) and each field by its label.
 */
export function refusalSaid(
  e: EngineError,
  field: (pointer: string) => SaidParam,
  named: (param: string, value: string) => SaidParam = (_p, v) => v,
): Said {
  const reason = engineRefusalSaid(e.code, e.said, named) ?? e.message;
  const fields = e.errors.map((x) => {
    const own =
      e.said?.field && x.code === e.said.field.code ? engineSaid(e.said.field.key, e.said.field.params, named) : null;
    const message = own ? both(x.message, own) : x.message;
    // The whole form, the event or the workflow asked for: said by the message alone.
    return ['', '/type', '/workflow'].includes(x.path)
      ? say('scenario.formError', { path: x.path, message })
      : say('scenario.fieldError', { path: field(x.path), message });
  });
  return say('scenario.refused', {
    why: both(`${e.code}: ${e.message}`, reason),
    fields: fields.length ? say('scenario.refusedFields', { fields: allOf(fields) }) : '',
  });
}

/**
 * The engine's reason for a refusal in the engine's catalogue (`scenario.refusal.*`), by its own key
 * when the catalogue has it, else by the refusal's code; null when neither is known.
 */
export function engineRefusalSaid(
  code: string,
  said: EngineSaid | undefined,
  named: (param: string, value: string) => SaidParam = (_p, v) => v,
): Said | null {
  return (said && engineSaid(said.key, said.params, named)) ?? codeSaid(code);
}

/** Anything else a step threw: an error that says its reason (a calendar's), else its stack, for a developer. */
export function thrownSaid(e: unknown): Said {
  const said = (e as { said?: Said } | null)?.said;
  return said && typeof said === 'object' && isSaidKey(said.key)
    ? both(String(e instanceof Error ? e.stack : e), said)
    : say('scenario.crashed', { message: String(e instanceof Error ? e.stack : e) });
}

/** The engine's reason in the scenario's catalogue; a name it gave as written (a username, an event) by `named`. */
function engineSaid(
  key: string,
  params: EngineSaidParams,
  named: (param: string, value: string) => SaidParam,
): Said | null {
  const own = `scenario.refusal.${key}`;
  if (!isSaidKey(own)) return null;
  const said: Record<string, SaidParam> = {};
  for (const [name, v] of Object.entries(params))
    said[name] =
      typeof v === 'object'
        ? both(localize(v, 'en'), localize(v, 'zh-CN'))
        : typeof v === 'string'
          ? named(name, v)
          : v;
  return say(own, said);
}

function codeSaid(code: string): Said | null {
  const key = `scenario.refusal.${code}`;
  return isSaidKey(key) ? say(key) : null;
}
