import { html, nothing, type TemplateResult } from 'lit';
import type { AppTranslate } from '../i18n/app-messages.ts';

/** One input of a report's period, named after the host property it sets. */
export interface PeriodInput<K extends string> {
  readonly name: K;
  readonly label: string;
  readonly type?: 'month' | 'date';
  readonly placeholder?: string;
  readonly pattern?: string;
  /**
   * What the input shows while the host's filter is blank: the period the report on screen is for
   * (the server's default), so a month input never reads as an empty "----年--月". Applying it as
   * shown asks for that same period.
   */
  readonly shown?: string;
}

export interface ReportFiltersOptions {
  /** The report's own buttons after Apply (print, CSV download). */
  readonly actions?: TemplateResult;
  /** When the host shows the report for filters chosen elsewhere (a report inside a report). */
  readonly hidden?: boolean;
  /** Units to suggest by name while typing the unit (the directory's); the server still decides what one may see. */
  readonly units?: readonly { readonly name: string; readonly title: string }[];
}

/**
 * A report's filters form (part `toolbar`): the unit, the report's period inputs, Apply, then the
 * report's own buttons. Applying sets each filter on the host from its input, a blank one to
 * undefined so the server takes its default; the host's ReportLoad sees the change and loads.
 *
 * A template rather than an element, so the form stays in the report's shadow root where the
 * report's styles, `::part(toolbar)` and print rules reach it.
 */
export function reportFilters<K extends string>(
  host: { unit: string | undefined } & Record<K, string | undefined>,
  t: AppTranslate,
  period: readonly PeriodInput<K>[],
  options: ReportFiltersOptions = {},
): TemplateResult {
  const apply = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    host.unit = text('unit');
    for (const input of period) {
      host[input.name] = text(input.name) as (typeof host)[K];
      // A period cleared and applied is the server's default again: shown as such, never as blank dashes.
      const field = (e.target as HTMLFormElement).elements.namedItem(input.name);
      if (!host[input.name] && field instanceof HTMLInputElement) field.value = input.shown ?? '';
    }
  };
  return html`<form class="toolbar" part="toolbar" ?hidden=${options.hidden ?? false} @submit=${apply}>
    ${
      options.units?.length
        ? // Units by name: a reader chooses 济南分公司 and never reads br1 (a unit the list lacks stays chosen, by its id).
          html`<label>${t('ledgerUnit')}<select name="unit">
          <option value="" ?selected=${!host.unit}>${t('filterAll')}</option>
          ${host.unit && !options.units.some((u) => u.name === host.unit) ? html`<option value=${host.unit} selected>${host.unit}</option>` : nothing}
          ${options.units.map((u) => html`<option value=${u.name} ?selected=${u.name === host.unit}>${u.title}</option>`)}</select></label>`
        : html`<label>${t('ledgerUnit')}<input name="unit" .value=${host.unit ?? ''} /></label>`
    }
    ${period.map(
      (input) => html`<label>${input.label}<input name=${input.name} type=${input.type ?? nothing}
        placeholder=${input.placeholder ?? nothing} pattern=${input.pattern ?? nothing}
        .value=${host[input.name] ?? input.shown ?? ''} /></label>`,
    )}
    <button type="submit" class="primary">${t('ledgerApply')}</button>
    ${options.actions ?? nothing}
  </form>`;
}
