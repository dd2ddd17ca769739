import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { formatIssue, type DefinitionIssue } from '../../engine/definitions/definition-error.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { LoadResult, SourceFile } from '../../engine/definitions/load-definitions.ts';
import { validateDefinitions } from '../../engine/definitions/validate-definitions.ts';
import { parseYamlSource } from '../../engine/definitions/yaml-source.ts';
import { canCompileCode } from './compile-without-eval.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import type { Locale } from '../../engine/localized.ts';
import { workflowToSvg } from '../../engine/workflows/diagram-svg.ts';
import type { WorkflowSpec } from '../../engine/workflows/workflow-model.ts';
import type { ApiClient } from '../api/client.ts';
import { appTranslator, type AppTranslate } from '../i18n/app-messages.ts';
import { loginExpired } from './case-format.ts';
import { errorAlert } from './error-alert.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import './sf-form.ts';

const VALIDATE_DELAY_MS = 300;

/** One line of a file diff. */
export interface DiffLine {
  readonly kind: ' ' | '-' | '+';
  readonly text: string;
}

/** Lines removed and added between two texts (longest common subsequence; fine for definition files). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > 4_000_000) return [...a.map((text) => ({ kind: '-' as const, text })), ...b.map((text) => ({ kind: '+' as const, text }))];
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) (out.push({ kind: ' ', text: a[i]! }), i++, j++);
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: '-', text: a[i++]! });
    else out.push({ kind: '+', text: b[j++]! });
  }
  while (i < a.length) out.push({ kind: '-', text: a[i++]! });
  while (j < b.length) out.push({ kind: '+', text: b[j++]! });
  return out;
}

/**
 * The definitions editor: the published YAML files in CodeMirror 6, validated as you type with the
 * engine's own validator (the server's `PATH:LINE:COLUMN` messages, marked in the text), a preview
 * of the form or the workflow diagram being edited, the difference to the published version, and
 * publishing (administrators).
 *
 * Properties in: `client`, `locale`, `files` (SourceFile[]; read from GET /api/definitions/files when unset).
 * Events out: `sf-published` {version, seq}, `sf-login-expired` on 401.
 */
export class SfDefinitionEditor extends LitElement {
  static override styles = [
    sfBaseStyles,
    css`
      .layout { display: grid; grid-template-columns: minmax(10rem, 14rem) minmax(0, 1fr); gap: 1rem; }
      .files { list-style: none; margin: 0; padding: 0; font-size: 0.875em; max-height: 32rem; overflow: auto; }
      .files button { width: 100%; text-align: start; border: 0; background: none; padding: 0.25rem 0.375rem; border-radius: var(--_radius); }
      .files button[aria-current='true'] { background: var(--sf-notice-background, #e8f0fe); font-weight: 600; }
      .files .changed::after { content: ' ●'; color: var(--_warn); }
      .files .invalid { color: var(--_error); }
      .editor { border: var(--_line); border-radius: var(--_radius); min-height: 20rem; }
      .editor .cm-editor { height: 28rem; }
      .issues { font-family: ui-monospace, monospace; font-size: 0.8125em; margin: 0.5rem 0; padding: 0; list-style: none; }
      .issues li { cursor: pointer; }
      .issues .warning { color: var(--_warn); }
      .issues .error { color: var(--_error); }
      .diff { font-family: ui-monospace, monospace; font-size: 0.8125em; white-space: pre; overflow: auto; max-height: 20rem; background: #f8f9fa; padding: 0.5rem; }
      .diff .add { background: #e6f4ea; }
      .diff .del { background: #fce8e6; }
      .preview { border: var(--_line); border-radius: var(--_radius); padding: 0.75rem; overflow: auto; }
      .preview svg { max-width: 100%; height: auto; }
      section { margin-block: 1rem; }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    locale: { reflect: true },
    files: { attribute: false },
    published: { state: true },
    current: { state: true },
    result: { state: true },
    serverIssues: { state: true },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
    scenarioResults: { state: true },
  };
  declare client: ApiClient | undefined;
  declare locale: Locale;
  declare files: readonly SourceFile[] | undefined;
  declare published: readonly SourceFile[];
  declare current: string | undefined;
  declare result: LoadResult | undefined;
  /** Errors the server gave when publishing (the same form as `result.issues`). */
  declare serverIssues: readonly DefinitionIssue[];
  declare message: string | undefined;
  declare error: unknown;
  declare busy: boolean;
  /** The last run of the edited files' scenarios on the server (P-6), or undefined. */
  declare scenarioResults: readonly { name: string; ok: boolean; failure?: string }[] | undefined;

  private view: EditorView | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private texts = new Map<string, string>();

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.published = [];
    this.serverIssues = [];
    this.busy = false;
  }

  private get t(): AppTranslate {
    return appTranslator(this.locale);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.view?.destroy();
    this.view = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('files') && this.files) this.use(this.files, this.files);
    else if (changed.has('client') && this.client && !this.files) void this.load();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('current') || !this.view) this.mountEditor();
  }

  /** The files as edited now. */
  edited(): SourceFile[] {
    return [...this.texts.entries()].map(([path, text]) => ({ path, text }));
  }

  private async load() {
    const client = this.client;
    if (!client) return;
    try {
      const answer = await client.request<{ files: SourceFile[] }>('GET', '/api/definitions/files');
      this.use(answer.files, answer.files);
    } catch (error) {
      this.error = error;
      loginExpired(this, error);
    }
  }

  private use(files: readonly SourceFile[], published: readonly SourceFile[]) {
    this.published = published;
    this.texts = new Map(files.map((f) => [f.path, f.text]));
    if (!this.current || !this.texts.has(this.current)) this.current = files[0]?.path;
    this.validate();
  }

  /**
   * Runs the engine's validator over every file, as `serviceframe validate` and publishing do. Its
   * schemas are compiled with `new Function`: under a content security policy without 'unsafe-eval'
   * only the YAML is checked here (syntax errors at their line), and the server checks the rest
   * when publishing.
   */
  validate() {
    this.partial = !canCompileCode();
    try {
      this.result = this.partial ? parseOnly(this.edited()) : validateDefinitions(this.edited());
    } catch (error) {
      this.partial = true;
      this.result = parseOnly(this.edited());
      this.error = error;
    }
    this.mark();
  }

  /** True when only the YAML could be checked in the browser. */
  private partial = false;

  /** Puts the issues of the file shown into the editor (underlined, in the gutter, on hover). */
  private mark() {
    const view = this.view;
    if (view && this.current !== undefined) view.dispatch(setDiagnostics(view.state, this.diagnostics(view, this.current)));
  }

  private scheduleValidate() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.validate(), VALIDATE_DELAY_MS);
  }

  private get issues(): readonly DefinitionIssue[] {
    return [...(this.result?.issues ?? []), ...this.serverIssues];
  }

  private mountEditor() {
    const host = this.renderRoot.querySelector<HTMLElement>('.editor');
    const path = this.current;
    if (!host || path === undefined) return;
    const state = EditorState.create({
      doc: this.texts.get(path) ?? '',
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          this.texts.set(path, update.state.doc.toString());
          this.serverIssues = [];
          this.message = undefined;
          this.requestUpdate();
          this.scheduleValidate();
        }),
        EditorView.contentAttributes.of({ 'aria-label': path }),
      ],
    });
    if (this.view) this.view.setState(state);
    else this.view = new EditorView({ state, parent: host, root: this.renderRoot as ShadowRoot });
    this.mark();
  }

  private diagnostics(view: EditorView, path: string): Diagnostic[] {
    const doc = view.state.doc;
    return this.issues
      .filter((i) => i.at.file === path)
      .map((i) => {
        const line = doc.line(Math.min(Math.max(i.at.line, 1), doc.lines));
        const from = Math.min(line.from + Math.max(i.at.column - 1, 0), line.to);
        return { from, to: Math.max(from, line.to), severity: i.severity === 'warning' ? 'warning' : 'error', message: i.hint ? `${i.message} (${i.hint})` : i.message };
      });
  }

  /** Moves the cursor to an issue's line and column, opening its file. */
  async reveal(issue: DefinitionIssue) {
    if (this.current !== issue.at.file && this.texts.has(issue.at.file)) {
      this.current = issue.at.file;
      await this.updateComplete;
    }
    const view = this.view;
    if (!view) return;
    const line = view.state.doc.line(Math.min(Math.max(issue.at.line, 1), view.state.doc.lines));
    const pos = Math.min(line.from + Math.max(issue.at.column - 1, 0), line.to);
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    view.focus();
  }

  async publish(): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    this.busy = true;
    this.message = undefined;
    this.error = undefined;
    try {
      const row = await client.request<{ seq: number; version: string }>('POST', '/api/definitions', { body: { files: this.edited() }, idempotencyKey: crypto.randomUUID() });
      this.serverIssues = [];
      this.published = this.edited();
      this.message = this.t('editorPublished', { version: row.version });
      this.dispatchEvent(new CustomEvent('sf-published', { detail: row, bubbles: true, composed: true }));
    } catch (error) {
      const e = error as { status?: number; errors?: readonly { message: string; file?: string; line?: number; column?: number; path?: string; code?: string }[] };
      if (e.status === 422 && e.errors?.length) {
        // The server checks with the same validator: its messages carry file, line and column.
        this.serverIssues = e.errors.map((x) => ({
          code: x.code ?? 'server',
          severity: 'error' as const,
          pointer: x.path ?? '',
          at: { file: x.file ?? '', line: x.line ?? 1, column: x.column ?? 1 },
          message: x.message.replace(/^[^:]+:\d+:\d+: /, ''),
        }));
        this.mark();
      }
      this.error = error;
      loginExpired(this, error);
    } finally {
      this.busy = false;
    }
  }

  /** Runs the scenarios of the files as edited on the server's virtual clock; nothing is published. */
  async runScenarios(): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    this.busy = true;
    this.error = undefined;
    try {
      this.scenarioResults = await client.request<{ name: string; ok: boolean; failure?: string }[]>('POST', '/api/definitions/simulate', { body: { files: this.edited() } });
    } catch (error) {
      this.scenarioResults = undefined;
      this.error = error;
      loginExpired(this, error);
    } finally {
      this.busy = false;
    }
  }

  private changedPaths(): string[] {
    const before = new Map(this.published.map((f) => [f.path, f.text]));
    const paths = new Set([...before.keys(), ...this.texts.keys()]);
    return [...paths].filter((p) => before.get(p) !== this.texts.get(p)).sort();
  }

  override render() {
    const t = this.t;
    const issues = this.issues;
    const errors = issues.filter((i) => i.severity === 'error');
    const changed = this.changedPaths();
    const invalidFiles = new Set(errors.map((i) => i.at.file));
    return html`
      ${errorAlert(this.error, t)}
      ${this.message ? html`<p class="notice" role="status" part="message">${this.message}</p>` : nothing}
      <div class="toolbar" part="toolbar">
        <span role="status" part="status" class=${errors.length ? 'error' : 'muted'}>${errors.length
          ? t('editorErrors', { count: errors.length })
          : this.partial ? t('editorYamlOnly') : t('editorValid')}</span>
        <span class="muted">${t('editorChanged', { count: changed.length })}</span>
        <button type="button" class="primary" part="publish" ?disabled=${this.busy || errors.length > 0 || changed.length === 0 || !this.client}
          @click=${() => void this.publish()}>${t('editorPublish')}</button>
        <button type="button" part="simulate" ?disabled=${this.busy || errors.length > 0 || !this.client}
          @click=${() => void this.runScenarios()}>${t('editorSimulate')}</button>
      </div>
      ${this.scenarioResults ? html`<section part="scenarios" aria-label=${t('editorScenarios')}><h3>${t('editorScenarios')}</h3>
        <p role="status">${t('editorScenarioSummary', { passed: this.scenarioResults.filter((r) => r.ok).length, failed: this.scenarioResults.filter((r) => !r.ok).length })}</p>
        <ul class="issues">${this.scenarioResults.map((r) => html`<li class=${r.ok ? '' : 'error'} data-scenario=${r.name}>${r.ok ? `ok ${r.name}` : `FAIL ${r.name}: ${r.failure ?? ''}`}</li>`)}</ul>
      </section>` : nothing}
      <div class="layout">
        <ul class="files" part="files" aria-label=${t('editorFiles')}>${[...this.texts.keys()].map(
          (path) => html`<li><button type="button" data-path=${path} aria-current=${path === this.current ? 'true' : 'false'}
            class=${[changed.includes(path) ? 'changed' : '', invalidFiles.has(path) ? 'invalid' : ''].join(' ')}
            @click=${() => (this.current = path)}>${path}</button></li>`,
        )}</ul>
        <div>
          <div class="editor" part="editor"></div>
          <ul class="issues" part="issues" aria-label=${t('editorIssues')}>${issues.map(
            (i) => html`<li class=${i.severity} @click=${() => void this.reveal(i)}>${formatIssue(i)}</li>`,
          )}</ul>
        </div>
      </div>
      ${this.renderPreview(t)}
      ${changed.length ? this.renderDiff(changed, t) : nothing}
    `;
  }

  private renderPreview(t: AppTranslate) {
    const doc = this.result?.docs.find((d) => d.source.file === this.current);
    if (!doc) return nothing;
    if (doc.def.kind === 'Form') {
      return html`<section part="preview"><h3>${t('editorPreview')}</h3><div class="preview">
        <sf-form .form=${doc.def as Definition<FormSpec>} .locale=${this.locale}></sf-form></div></section>`;
    }
    if (doc.def.kind === 'Workflow') {
      let svg = '';
      try {
        svg = workflowToSvg(doc.def.spec as WorkflowSpec, { locale: this.locale });
      } catch (error) {
        return html`<section part="preview"><h3>${t('diagram')}</h3><p class="error">${String((error as Error).message)}</p></section>`;
      }
      return html`<section part="preview"><h3>${t('diagram')}</h3><div class="preview" part="diagram">${unsafeSVG(svg)}</div></section>`;
    }
    return nothing;
  }

  private renderDiff(changed: readonly string[], t: AppTranslate) {
    const before = new Map(this.published.map((f) => [f.path, f.text]));
    return html`<section part="diff"><h3>${t('editorDiff')}</h3>${changed.map((path) => {
      const lines = diffLines(before.get(path) ?? '', this.texts.get(path) ?? '');
      // Only the changed lines with two lines of context around them.
      const keep = new Set<number>();
      lines.forEach((l, i) => {
        if (l.kind !== ' ') for (let k = i - 2; k <= i + 2; k++) keep.add(k);
      });
      return html`<details open data-path=${path}><summary>${path}</summary><div class="diff">${lines.map((l, i) =>
        keep.has(i) ? html`<div class=${l.kind === '+' ? 'add' : l.kind === '-' ? 'del' : ''}>${l.kind} ${l.text}</div>` : nothing,
      )}</div></details>`;
    })}</section>`;
  }
}

/** The YAML of every file parsed, with syntax errors as issues: what can be checked without compiling code. */
function parseOnly(files: readonly SourceFile[]): LoadResult {
  const docs: { def: Definition; source: ReturnType<typeof parseYamlSource>['documents'][number] }[] = [];
  const issues: DefinitionIssue[] = [];
  for (const file of files) {
    const { documents, problems } = parseYamlSource(file.path, file.text);
    for (const p of problems) issues.push({ code: 'yaml', severity: 'error', pointer: '', at: p.at, message: p.message });
    for (const source of documents) {
      const value = source.value as Partial<Definition> | null;
      if (value && typeof value === 'object' && typeof value.kind === 'string' && value.spec) docs.push({ def: value as Definition, source });
    }
  }
  return { docs, issues, index: undefined as never };
}

if (!customElements.get('sf-definition-editor')) customElements.define('sf-definition-editor', SfDefinitionEditor);

declare global {
  interface HTMLElementTagNameMap {
    'sf-definition-editor': SfDefinitionEditor;
  }
}
