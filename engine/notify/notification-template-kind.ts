import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { KindDefinition, Report } from '../definitions/kind.ts';
import schema from '../definitions/schemas/notification-template.schema.json' with { type: 'json' };
import type { Localized } from '../localized.ts';
import type { NotificationTemplateSpec } from './template-model.ts';
import { say } from '../definitions/said.ts';

/** What a placeholder may start with: the scope queueNotification renders with. */
export const TEMPLATE_ROOTS = ['data', 'event', 'actor', 'case', 'clock', 'now', 'recipient'] as const;

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const VALID_PATH = /^[a-zA-Z_][\w.-]*$/;

/** The NotificationTemplate kind: schema, plus placeholders that could never be filled. */
export const notificationTemplateKind: KindDefinition = {
  kind: 'NotificationTemplate',
  schema,
  check(doc, _index, report) {
    const spec = doc.spec as NotificationTemplateSpec;
    checkText('/spec/subject', spec.subject, report);
    checkText('/spec/body', spec.body, report);
  },
};

function checkText(pointer: string, text: Localized, report: Report): void {
  const variants: [string, string][] =
    typeof text === 'string' ? [[pointer, text]] : Object.entries(text).map(([k, v]) => [`${pointer}/${k}`, v ?? '']);
  for (const [at, value] of variants) {
    for (const m of value.matchAll(PLACEHOLDER)) {
      const path = m[1] ?? '';
      if (!VALID_PATH.test(path)) {
        report(at, Code.invalidValue, say('template.placeholderIsNotA', { m: m[0] }), {
          hint: say('template.writeEGData'),
        });
        continue;
      }
      const root = path.split('.')[0]!;
      if (!(TEMPLATE_ROOTS as readonly string[]).includes(root)) {
        report(at, Code.unknownReference, say('template.placeholderStartsWithUnknown', { m: m[0], root }), {
          hint: say('template.placeholdersStartWith', { TEMPLATE_ROOTS }),
        });
      }
    }
  }
}
