import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import { editorTranslator, type EditorMessageKey } from '../i18n/editor-messages.ts';
import { groupFiles, type FileEntry, type GroupKind } from './definition-file-groups.ts';
import { touchTargets } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

/**
 * The definition files of the editor, grouped by kind (workflows, forms, SLA, …) with each file's
 * title, and a search over titles, names and paths. The group of the open file, groups with errors
 * and every group while searching are open.
 *
 * Properties in: `entries` (FileEntry[]), `current` (path), `changed` (paths), `errors` (count per path), `locale`.
 * Events out: `sf-open-file` {path}.
 */
export class SfDefinitionFiles extends LitElement {
  static override styles = [
    sfBaseStyles,
    touchTargets,
    css`
      :host { font-size: 0.875em; }
      label.search { display: grid; gap: 0.25rem; margin-bottom: 0.5rem; }
      input[type='search'] { width: 100%; box-sizing: border-box; }
      nav { max-height: var(--sf-definition-files-height, 34rem); overflow: auto; }
      details { border-bottom: var(--_line); }
      summary { cursor: pointer; padding: 0.375rem 0.25rem; font-weight: 600; display: flex; gap: 0.5rem; align-items: baseline; }
      summary .count { font-weight: 400; color: var(--_muted); }
      summary .bad { color: var(--_error); font-weight: 400; margin-inline-start: auto; }
      ul { list-style: none; margin: 0 0 0.375rem; padding: 0; }
      li button { width: 100%; text-align: start; border: 0; background: none; padding: 0.25rem 0.375rem; display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: 0.5rem; }
      li button[aria-current='true'] { background: var(--sf-notice-background, #e8f0fe); }
      li button[aria-current='true'] .title { font-weight: 600; }
      .title { overflow-wrap: anywhere; }
      .file { grid-column: 1; color: var(--_muted); font-size: 0.875em; overflow-wrap: anywhere; }
      .marks { grid-column: 2; grid-row: 1 / span 2; align-self: center; display: flex; gap: 0.25rem; }
      .changed { color: var(--_warn); }
      .bad { color: var(--_error); }
      .none { color: var(--_muted); padding: 0.5rem 0.25rem; }
    `,
  ];

  static override properties = {
    entries: { attribute: false },
    current: {},
    changed: { attribute: false },
    errors: { attribute: false },
    locale: { reflect: true },
    query: { state: true },
  };
  declare entries: readonly FileEntry[];
  declare current: string | undefined;
  declare changed: ReadonlySet<string>;
  declare errors: ReadonlyMap<string, number>;
  declare locale: Locale;
  declare query: string;

  constructor() {
    super();
    this.entries = [];
    this.changed = new Set();
    this.errors = new Map();
    this.locale = 'zh-CN';
    this.query = '';
  }

  protected override updated(changed: PropertyValues<this>) {
    // The open file in view when it changes from elsewhere (an issue clicked in another file).
    if (changed.has('current'))
      this.renderRoot.querySelector('button[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const t = editorTranslator(this.locale);
    const groups = groupFiles(this.entries, this.query, this.locale);
    const searching = this.query.trim() !== '';
    return html`
      <label class="search">${t('searchFiles')}
        <input type="search" part="search" .value=${this.query} placeholder=${t('searchPlaceholder')}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}></label>
      <nav aria-label=${t('searchFiles')} part="groups">
        ${groups.length === 0 ? html`<p class="none" role="status">${t('noMatch')}</p>` : nothing}
        ${groups.map(({ kind, files }) => {
          const bad = files.reduce((n, f) => n + (this.errors.get(f.path) ?? 0), 0);
          const open = searching || bad > 0 || files.some((f) => f.path === this.current);
          return html`<details ?open=${open} data-kind=${kind}>
            <summary>${t(kindKey(kind))} <span class="count">${t('groupCount', { count: files.length })}</span>
              ${bad ? html`<span class="bad">${t('fileErrors', { count: bad })}</span>` : nothing}</summary>
            <ul>${files.map((f) => this.renderFile(f, t))}</ul>
          </details>`;
        })}
      </nav>`;
  }

  private renderFile(f: FileEntry, t: ReturnType<typeof editorTranslator>) {
    const errors = this.errors.get(f.path) ?? 0;
    const changed = this.changed.has(f.path);
    return html`<li><button type="button" data-path=${f.path} title=${f.path} aria-current=${f.path === this.current ? 'true' : 'false'}
      @click=${() => this.dispatchEvent(new CustomEvent('sf-open-file', { detail: { path: f.path }, bubbles: true, composed: true }))}>
      <span class="title">${f.title}</span>
      <span class="file">${f.path.split('/').at(-1)}</span>
      <span class="marks">${changed ? html`<span class="changed">${t('fileChanged')}</span>` : nothing}${errors ? html`<span class="bad">${t('fileErrors', { count: errors })}</span>` : nothing}</span>
    </button></li>`;
  }
}

function kindKey(kind: GroupKind): EditorMessageKey {
  return `kind${kind}` as EditorMessageKey;
}

if (!customElements.get('sf-definition-files')) customElements.define('sf-definition-files', SfDefinitionFiles);

declare global {
  interface HTMLElementTagNameMap {
    'sf-definition-files': SfDefinitionFiles;
  }
}
