import type { FieldSpec } from '../forms/form-model.ts';
import { localize, type Locale } from '../localized.ts';
import type { ActionContext } from '../runtime/action-context.ts';
import type { TemplateReader } from './template-values.ts';

/**
 * The reader a notification of this step is said for: the case's workflow (its fields, states and
 * title), the event's form, the organisation's units, the directory's people, the case unit's
 * calendar's time zone, in `locale` (the recipient's).
 */
export function templateReader(ctx: ActionContext, locale: Locale): TemplateReader {
  const wf = ctx.set.workflows.get(ctx.draft.workflow);
  let eventFields: readonly FieldSpec[] | undefined;
  const eventField = (name: string) => {
    if (eventFields === undefined) {
      const type = ctx.event.type;
      const spec = wf?.spec;
      const form = [spec?.on?.[type], ...[...(wf?.states.values() ?? [])].map((s) => s.on?.[type])].find(
        (t) => t?.form,
      )?.form;
      eventFields = (form ? ctx.set.definition<{ fields: readonly FieldSpec[] }>('Form', form)?.spec.fields : []) ?? [];
    }
    return eventFields.find((f) => f.name === name);
  };
  return {
    locale,
    timeZone: ctx.set.calendarForUnit(ctx.draft.unit)?.timeZone,
    field(path) {
      if (path.startsWith('data.')) return wf?.fields.get(path.slice('data.'.length));
      if (path.startsWith('event.') && !path.slice('event.'.length).includes('.'))
        return eventField(path.slice('event.'.length));
      return undefined;
    },
    workflowTitle: (name) => {
      const title = ctx.set.workflows.get(name)?.title;
      return title === undefined ? undefined : localize(title, locale) || undefined;
    },
    stateTitle: (path) => {
      const title = wf?.states.get(path)?.title;
      return title === undefined ? undefined : localize(title, locale) || undefined;
    },
    unitTitle: (name) => {
      const unit = ctx.set.org.unit(name);
      return unit ? localize(unit.title, locale) || undefined : undefined;
    },
    personName: (username) => ctx.directory.user(username)?.name || undefined,
  };
}
