import { css, html, LitElement, nothing } from 'lit';
import { localize, type Locale } from '../../engine/localized.ts';
import { casePageTranslator } from '../i18n/case-page-messages.ts';
import { formatValue, isPresent } from '../values/format-value.ts';
import type { ValueReader } from '../values/value-reader.ts';
import { valueStyles } from '../values/value-styles.ts';
import { touchTargets } from './phone-styles.ts';
import type { ViewSection } from '../api/types.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

/** The value at a dotted path of the case data ('workOrder.total'), or undefined. */
export function valueAtPath(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * What a case is about, at the top of its page: the workflow's `view` sections (the start form,
 * each saved form, or what the workflow chose) with the case data formatted for the reader.
 * Sections without a value yet are left out, so a new case shows its registration alone.
 *
 * Properties in: `sections` (the workflow view's `view`), `data` (the case data), `locale`,
 * `timeZone`, `mapUrl` (a URL template with `{address}`; no map links without it), `person`
 * (username → name). Nothing goes out: it only shows.
 */
export class SfCaseSummary extends LitElement {
  static override styles = [
    sfBaseStyles,
    valueStyles,
    touchTargets,
    css`
      :host { container-type: inline-size; }
      .parts { display: grid; gap: 0.75rem; }
      .part { border: var(--_line); border-radius: var(--_radius); padding: 0.5rem 0.75rem; min-width: 0; }
      .part h3 { margin: 0 0 0.375rem; }
      .part h4 { margin: 0.5rem 0 0.25rem; font-size: 0.9375rem; color: var(--_muted); }
      .sections { display: grid; gap: 0 1.5rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); }
      .sections > div { min-width: 0; }
    `,
  ];

  static override properties = {
    sections: { attribute: false },
    data: { attribute: false },
    locale: { reflect: true },
    timeZone: { attribute: 'time-zone' },
    mapUrl: { attribute: 'map-url' },
    person: { attribute: false },
    unitTitle: { attribute: false },
  };
  declare sections: readonly ViewSection[] | undefined;
  declare data: Readonly<Record<string, unknown>> | undefined;
  declare locale: Locale;
  declare timeZone: string | undefined;
  declare mapUrl: string | undefined;
  declare person: ((username: string) => string) | undefined;
  /** A unit's title for its name (unit fields). */
  declare unitTitle: ((name: string) => string) | undefined;

  constructor() {
    super();
    this.locale = 'zh-CN';
  }

  private get reader(): ValueReader {
    return {
      locale: this.locale,
      timeZone: this.timeZone,
      mapUrl: this.mapUrl,
      person: this.person,
      unit: this.unitTitle,
      t: casePageTranslator(this.locale),
    };
  }

  override render() {
    const reader = this.reader;
    // Consecutive sections of the same form make one block headed by the form's title.
    const blocks: { part: string; sections: { title: string; fields: ViewSection['fields'] }[] }[] = [];
    for (const s of this.sections ?? []) {
      const fields = s.fields.filter((f) => isPresent(valueAtPath(this.data, f.path)));
      if (fields.length === 0) continue;
      const part = localize(s.part, this.locale);
      const last = blocks.at(-1);
      const section = { title: localize(s.title, this.locale), fields };
      if (last && last.part === part && part !== '') last.sections.push(section);
      else blocks.push({ part, sections: [section] });
    }
    if (blocks.length === 0) return nothing;
    return html`<div class="parts" part="summary" aria-label=${reader.t('summary')} role="group">${blocks.map(
      (b) => html`<section class="part" part="summary-part">
        ${b.part ? html`<h3>${b.part}</h3>` : nothing}
        <div class="sections">${b.sections.map(
          (s) => html`<div part="summary-section">${s.title ? html`<h4>${s.title}</h4>` : nothing}
            ${pairs(s.fields, this.data, reader)}</div>`,
        )}</div>
      </section>`,
    )}</div>`;
  }
}

function pairs(fields: ViewSection['fields'], data: unknown, reader: ValueReader) {
  return html`<dl class="sf-v-pairs">${fields.map(
    (f) =>
      html`<dt>${localize(f.label, reader.locale)}</dt><dd data-path=${f.path}>${formatValue(f, valueAtPath(data, f.path), reader)}</dd>`,
  )}</dl>`;
}

if (!customElements.get('sf-case-summary')) customElements.define('sf-case-summary', SfCaseSummary);

declare global {
  interface HTMLElementTagNameMap {
    'sf-case-summary': SfCaseSummary;
  }
}
