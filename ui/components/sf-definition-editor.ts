import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { formatIssueIn, localizeIssue, type DefinitionIssue } from '../../engine/definitions/definition-error.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { LoadResult, SourceFile } from '../../engine/definitions/load-definitions.ts';
import { validateSet } from '../../engine/definitions/whole-set.ts';
import { canCompileCode } from './compile-without-eval.ts';
import { LatestCheck, toIssues, type ServerIssue } from './definition-check.ts';
import { fileEntry, type FileEntry, type ParsedHead } from './definition-file-groups.ts';
import { ParseCache } from './definition-parse.ts';
import { touchTargets } from './phone-styles.ts';
import './sf-definition-files.ts';
import './sf-definition-impact.ts';
import { impactLosses } from './impact-report-view.ts';
import type { ImpactReport, Published, ScenarioResult, VersionFiles } from '../api/types.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { localize, type Locale } from '../../engine/localized.ts';
import { workflowToSvg } from '../../engine/workflows/diagram-svg.ts';
import type { WorkflowSpec } from '../../engine/workflows/workflow-model.ts';
import type { ApiClient } from '../api/client.ts';
import { appTranslator, type AppTranslate } from '../i18n/app-messages.ts';
import { editorTranslator, type EditorTranslate } from '../i18n/editor-messages.ts';
import { loginExpired } from './case-format.ts';
import { errorAlert } from './error-alert.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import './sf-form.ts';

const VALIDATE_DELAY_MS = 400;

/** One scenario's result from POST /api/definitions/simulate. */
export type ScenarioResultRow = ScenarioResult;

/** One line of a file diff. */
export interface DiffLine {
  readonly kind: ' ' | '-' | '+';
  readonly text: string;
}

/** Lines removed and added between two texts (longest common subsequence; fine for definition files). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > 4_000_000)
    return [...a.map((text) => ({ kind: '-' as const, text })), ...b.map((text) => ({ kind: '+' as const, text }))];
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
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
 * The definitions editor: the published YAML files in CodeMirror 6, grouped by kind with a search,
 * checked as you type — syntax at once in the page, then schema and references by the server with
 * publishing's own validation (POST /api/definitions/validate; the page's content security policy
 * keeps the browser from compiling the validator) — with each problem at its line and column in the
 * lint gutter, a preview of the form or workflow being edited, the difference to the published
 * version, the scenarios run on the server, and publishing, which asks first when a scenario fails.
 * Without a client (files given as a property) it checks in the page when the page may compile code.
 *
 * Properties in: `client`, `locale`, `files` (SourceFile[]; read from GET /api/definitions/files when unset).
 * `confirmPublish(reasons)` asks whether to publish despite them (the page's own dialog; replaceable).
 * Events out: `sf-published` {version, seq}, `sf-login-expired` on 401.
 */
export class SfDefinitionEditor extends LitElement {
  static override styles = [
    sfBaseStyles,
    touchTargets,
    css`
      .layout { display: grid; grid-template-columns: minmax(12rem, 17rem) minmax(0, 1fr); gap: 1rem; }
      .editor { border: var(--_line); border-radius: var(--_radius); min-height: 20rem; }
      .editor .cm-editor { height: 28rem; }
      .issues { font-family: ui-monospace, monospace; font-size: 0.8125em; margin: 0.5rem 0; padding: 0; list-style: none; overflow-wrap: anywhere; }
      .issues li { cursor: pointer; }
      .issues .warning { color: var(--_warn); }
      .issues .error { color: var(--_error); }
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin-bottom: 0.75rem; }
      .toolbar label.note { display: flex; flex-direction: row; align-items: center; gap: 0.5rem; flex: 1 1 16rem; }
      .toolbar label.note input { flex: 1; min-width: 0; }
      .diff { font-family: ui-monospace, monospace; font-size: 0.8125em; white-space: pre; overflow: auto; max-height: 20rem; background: #f8f9fa; padding: 0.5rem; }
      .diff .add { background: #e6f4ea; }
      .diff .del { background: #fce8e6; }
      .preview { border: var(--_line); border-radius: var(--_radius); padding: 0.75rem; overflow: auto; }
      .preview svg { max-width: 100%; height: auto; }
      section { margin-block: 1rem; }
      .tabs { display: flex; gap: 0.25rem; border-bottom: var(--_line); margin-bottom: 0.75rem; }
      .tabs [role='tab'] { border: 0; border-bottom: 3px solid transparent; border-radius: 0; background: none; }
      .tabs [role='tab'][aria-selected='true'] { border-bottom-color: var(--_accent); font-weight: 600; }
      dialog { max-width: min(36rem, 92vw); border: var(--_line); border-radius: var(--_radius); }
      dialog ul { padding-inline-start: 1.25rem; }
      dialog .actions { display: flex; gap: 0.5rem; justify-content: flex-end; flex-wrap: wrap; }
      @media (max-width: 40rem) {
        .layout { grid-template-columns: minmax(0, 1fr); }
        sf-definition-files { --sf-definition-files-height: 16rem; }
        .editor .cm-editor { height: 60vh; }
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    locale: { reflect: true },
    files: { attribute: false },
    published: { state: true },
    current: { state: true },
    result: { state: true },
    checked: { state: true },
    checking: { state: true },
    checkError: { state: true },
    serverIssues: { state: true },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
    scenarioResults: { state: true },
    asking: { state: true },
    tab: { state: true },
    impact: { state: true },
    note: { state: true },
    timeZone: { attribute: 'time-zone' },
  };
  declare client: ApiClient | undefined;
  /** The version's note as typed beside 发布: why it changes, sent with the publication. */
  declare note: string;
  declare locale: Locale;
  declare files: readonly SourceFile[] | undefined;
  declare published: readonly SourceFile[];
  declare current: string | undefined;
  /** The files as parsed in the page (syntax, preview, titles); with no client and code allowed, fully validated. */
  declare result: LoadResult | undefined;
  /** The server's check of the text at `checkedRevision`. */
  declare checked: readonly DefinitionIssue[] | undefined;
  /** True while the server checks the latest text (publishing waits for it). */
  declare checking: boolean;
  declare checkError: unknown;
  /** Errors the server gave when publishing (the same form as `result.issues`). */
  declare serverIssues: readonly DefinitionIssue[];
  declare message: string | undefined;
  declare error: unknown;
  declare busy: boolean;
  /** The last run of the edited files' scenarios on the server (P-6), or undefined. */
  declare scenarioResults: readonly ScenarioResultRow[] | undefined;
  /** What the confirmation dialog lists while it is open. */
  declare asking: readonly string[] | undefined;
  /** The tab shown: the files, or the impact of the edited set on a recorded period. */
  declare tab: 'edit' | 'impact';
  /** The last impact report and the revision of the text it replayed. */
  declare impact: { readonly report: ImpactReport; readonly revision: number } | undefined;
  /** IANA zone the impact report's times are shown in (the business calendar's); the browser's when unset. */
  declare timeZone: string | undefined;

  /** Asks whether to publish despite `reasons` (what the scenarios or the impact show lost). */
  confirmPublish: (reasons: readonly string[]) => Promise<boolean> = (reasons) => this.askInDialog(reasons);

  private view: EditorView | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private texts = new Map<string, string>();
  private readonly parser = new ParseCache();
  /** Each file's first definition as last parsed (kind, name, title). */
  private readonly heads = new Map<string, ParsedHead>();
  private readonly checker = new LatestCheck();
  /** Counts edits: an answer about an older text is not shown as the current one's. */
  private revision = 0;
  private checkedRevision = -1;
  private scenarioRevision = -1;
  private answer: ((yes: boolean) => void) | undefined;

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.note = '';
    this.published = [];
    this.serverIssues = [];
    this.busy = false;
    this.checking = false;
    this.tab = 'edit';
  }

  private get t(): AppTranslate {
    return appTranslator(this.locale);
  }

  private get te(): EditorTranslate {
    return editorTranslator(this.locale);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.checker.cancel();
    this.view?.destroy();
    this.view = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('files') && this.files) this.use(this.files, this.files);
    else if (changed.has('client') && this.client && !this.files) void this.load();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('current') || !this.view) this.mountEditor();
    if (changed.has('asking')) {
      const dialog = this.renderRoot.querySelector('dialog');
      if (this.asking && dialog && !dialog.open) dialog.showModal();
    }
  }

  /** The files as edited now. */
  edited(): SourceFile[] {
    return [...this.texts.entries()].map(([path, text]) => ({ path, text }));
  }

  private async load() {
    const client = this.client;
    if (!client) return;
    try {
      const answer = await client.request<VersionFiles>('GET', '/api/definitions/files');
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
    this.revision++;
    void this.validate();
  }

  /**
   * Checks the files as edited: the YAML at once in the page, then the whole set as publishing
   * does — by the server when there is one, else in the page (the same engine code) when the page
   * may compile code, else only the YAML.
   */
  async validate(): Promise<void> {
    const files = this.edited();
    const revision = this.revision;
    this.result = this.parser.parse(files);
    const client = this.client;
    if (!client) {
      this.partial = !canCompileCode();
      if (!this.partial) {
        try {
          this.result = validateSet(files);
        } catch (error) {
          this.partial = true;
          this.error = error;
        }
      }
      this.mark();
      return;
    }
    this.checking = true;
    this.mark();
    try {
      const issues = await this.checker.run(client, files);
      if (issues === undefined || revision !== this.revision) return;
      this.checked = issues;
      this.checkedRevision = revision;
      this.checkError = undefined;
      this.checking = false;
    } catch (error) {
      if (revision !== this.revision) return;
      this.checkError = error;
      this.checking = false;
      loginExpired(this, error);
    }
    this.mark();
  }

  /** True when only the YAML could be checked in the browser (no server, no compiling). */
  private partial = false;

  /** Puts the issues of the file shown into the editor (underlined, in the gutter, on hover). */
  private mark() {
    const view = this.view;
    if (view && this.current !== undefined)
      view.dispatch(setDiagnostics(view.state, this.diagnostics(view, this.current)));
  }

  private scheduleValidate() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.validate(), VALIDATE_DELAY_MS);
  }

  /**
   * What is wrong now: the server's check of this very text; while it checks a newer one, the
   * page's own syntax errors when there are any (they are all the server would say of that
   * file), else the last check, which CodeMirror keeps at the same places as the text moves.
   */
  private get issues(): readonly DefinitionIssue[] {
    const local = this.result?.issues ?? [];
    if (!this.client) return [...local, ...this.serverIssues];
    const fresh = this.checkedRevision === this.revision;
    const base = fresh
      ? (this.checked ?? [])
      : local.some((i) => i.severity === 'error') || !this.checked
        ? local
        : this.checked;
    return [...base, ...this.serverIssues];
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
        // Long comment lines wrap instead of scrolling the text sideways (a phone is 390 px wide).
        EditorView.lineWrapping,
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          this.texts.set(path, update.state.doc.toString());
          this.revision++;
          this.serverIssues = [];
          this.message = undefined;
          this.checking = Boolean(this.client);
          this.requestUpdate();
          this.scheduleValidate();
        }),
        // tabindex: axe asks that the scrolling region hold something focusable by keyboard, and does not count
        // contenteditable.
        EditorView.contentAttributes.of({ 'aria-label': path, tabindex: '0' }),
      ],
    });
    if (this.view) this.view.setState(state);
    else {
      this.view = new EditorView({ state, parent: host, root: this.renderRoot as ShadowRoot });
      // The scroller is reachable by keyboard (a read-only file on a phone has no caret to scroll with).
      this.view.scrollDOM.tabIndex = 0;
      this.view.scrollDOM.setAttribute('aria-label', path);
    }
    this.mark();
  }

  private diagnostics(view: EditorView, path: string): Diagnostic[] {
    const doc = view.state.doc;
    return this.issues
      .filter((i) => i.at.file === path)
      .map((issue) => {
        // The page's own checks (YAML as typed, the in-page validator) carry catalogue keys: said in the reader's
        // language.
        const i = localizeIssue(issue, this.locale);
        const line = doc.line(Math.min(Math.max(i.at.line, 1), doc.lines));
        const from = Math.min(line.from + Math.max(i.at.column - 1, 0), line.to);
        return {
          from,
          to: Math.max(from, line.to),
          severity: i.severity === 'warning' ? 'warning' : 'error',
          message: formatIssueIn(i, this.locale).slice(`${i.at.file}:${i.at.line}:${i.at.column}: `.length),
        };
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

  /**
   * Publishes the files as edited. The scenarios run first (unless they already ran on this very
   * text); when one fails, the administrator is asked before anything is published.
   */
  async publish(): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    this.message = undefined;
    this.error = undefined;
    if (this.scenarioRevision !== this.revision) {
      this.message = this.te('confirmChecking');
      await this.runScenarios();
      this.message = undefined;
      if (this.scenarioRevision !== this.revision) return;
    }
    const reasons = this.losses();
    if (reasons.length && !(await this.confirmPublish(reasons))) return;
    this.busy = true;
    try {
      const row = await client.request<Published>('POST', '/api/definitions', {
        body: { files: this.edited(), ...(this.note.trim() ? { note: this.note.trim() } : {}) },
        idempotencyKey: crypto.randomUUID(),
      });
      this.serverIssues = [];
      this.published = this.edited();
      this.note = '';
      this.message = this.t('editorPublished', { version: row.version });
      this.dispatchEvent(new CustomEvent('sf-published', { detail: row, bubbles: true, composed: true }));
    } catch (error) {
      const e = error as { status?: number; errors?: readonly ServerIssue[] };
      // The server checks with the same validator: its messages carry file, line and column.
      if (e.status === 422 && e.errors?.length) {
        this.serverIssues = toIssues(e.errors, 'error');
        this.mark();
      }
      this.error = error;
      loginExpired(this, error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * What the checks of this text show lost, one line each, for the confirmation: failing scenarios, and the impact when
   * it was assessed on this very text.
   */
  private losses(): string[] {
    const failed = (this.scenarioResults ?? []).filter((r) => !r.ok);
    // The names here; each failure's whole explanation is in the scenario results on the page.
    const scenarios = failed.length
      ? [
          this.te('confirmScenarios', {
            count: failed.length,
            names: failed.map((r) => this.scenarioTitle(r)).join(this.locale === 'en' ? ', ' : '、'),
          }),
        ]
      : [];
    const impact =
      this.impact?.revision === this.revision
        ? impactLosses(this.impact.report, this.locale, this.te).map((line) => this.te('confirmImpact', { what: line }))
        : [];
    return [...impact, ...scenarios];
  }

  /** Arrow keys move between the two tabs (the ARIA tabs pattern). */
  private tabKey(e: KeyboardEvent) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    this.tab = this.tab === 'edit' ? 'impact' : 'edit';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#editor-tab-${this.tab}`)?.focus());
  }

  private askInDialog(reasons: readonly string[]): Promise<boolean> {
    this.asking = reasons;
    return new Promise((resolve) => (this.answer = resolve));
  }

  private settle(yes: boolean) {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
    this.asking = undefined;
    const answer = this.answer;
    this.answer = undefined;
    answer?.(yes);
  }

  /** A scenario by its title in the reader's language (its name when it has none). */
  private scenarioTitle(r: ScenarioResultRow): string {
    return (r.title !== undefined ? localize(r.title, this.locale) : '') || r.name;
  }

  /** Runs the scenarios of the files as edited on the server's virtual clock; nothing is published. */
  async runScenarios(): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    this.busy = true;
    this.error = undefined;
    const revision = this.revision;
    try {
      this.scenarioResults = await client.request<ScenarioResultRow[]>('POST', '/api/definitions/simulate', {
        body: { files: this.edited() },
      });
      this.scenarioRevision = revision;
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

  /** Each file's entry in the list: its kind and title from the parsed text. */
  private entries(): FileEntry[] {
    const fresh = new Set<string>();
    for (const d of this.result?.docs ?? []) {
      if (fresh.has(d.source.file)) continue;
      fresh.add(d.source.file);
      this.heads.set(d.source.file, d.def as ParsedHead);
    }
    // A file that does not parse right now keeps the kind and title it last had, so it stays
    // where it was in the list (and a search by its title still finds it) while it is typed.
    return [...this.texts.entries()].map(([path, text]) => fileEntry(path, text, this.heads.get(path), this.locale));
  }

  override render() {
    const t = this.t;
    const te = this.te;
    const issues = this.issues;
    const errors = issues.filter((i) => i.severity === 'error');
    const changed = this.changedPaths();
    const perFile = new Map<string, number>();
    for (const i of errors) perFile.set(i.at.file, (perFile.get(i.at.file) ?? 0) + 1);
    const status = this.checking
      ? html`<span role="status" part="status" class="muted">${te('checking')}</span>`
      : html`<span role="status" part="status" class=${errors.length ? 'error' : 'muted'}>${
          errors.length
            ? t('editorErrors', { count: errors.length })
            : this.partial
              ? t('editorYamlOnly')
              : t('editorValid')
        }</span>`;
    return html`
      ${errorAlert(this.error, t)}
      ${this.checkError ? html`<p class="error" role="alert" part="check-error">${te('checkFailed', { detail: (this.checkError as Error).message })}</p>` : nothing}
      ${this.message ? html`<p class="notice" role="status" part="message">${this.message}</p>` : nothing}
      <div class="toolbar" part="toolbar">
        ${status}
        <span class="muted">${t('editorChanged', { count: changed.length })}</span>
        <!-- Why the version changes, read on the versions page beside who published it and when (never 无说明 by default). -->
        <label class="note">${te('publishNote')}<input name="note" part="note" maxlength="500" placeholder=${te('publishNotePlaceholder')}
          ?disabled=${changed.length === 0} .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLInputElement).value)} /></label>
        <button type="button" class="primary" part="publish" ?disabled=${this.busy || this.checking || errors.length > 0 || changed.length === 0 || !this.client}
          @click=${() => void this.publish()}>${t('editorPublish')}</button>
        <button type="button" part="simulate" ?disabled=${this.busy || this.checking || errors.length > 0 || !this.client}
          @click=${() => void this.runScenarios()}>${t('editorSimulate')}</button>
      </div>
      ${
        this.scenarioResults
          ? html`<section part="scenarios" aria-label=${t('editorScenarios')}><h3>${t('editorScenarios')}</h3>
        <p role="status">${t('editorScenarioSummary', { passed: this.scenarioResults.filter((r) => r.ok).length, failed: this.scenarioResults.filter((r) => !r.ok).length })}</p>
        <ul class="issues">${this.scenarioResults.filter((r) => !r.ok).map((r) => html`<li class="error" data-scenario=${r.name}>${t('editorScenarioFailed', { name: this.scenarioTitle(r), failure: r.message ?? r.failure ?? '' })}</li>`)}</ul>
        ${
          this.scenarioResults.some((r) => r.ok)
            ? html`<details><summary>${te('scenariosPassed', { count: this.scenarioResults.filter((r) => r.ok).length })}</summary>
          <ul class="issues">${this.scenarioResults.filter((r) => r.ok).map((r) => html`<li data-scenario=${r.name}>${t('editorScenarioOk', { name: this.scenarioTitle(r) })}</li>`)}</ul></details>`
            : nothing
        }
      </section>`
          : nothing
      }
      <div role="tablist" class="tabs" part="tabs">${(['edit', 'impact'] as const).map(
        (name) => html`<button type="button" role="tab" id=${`editor-tab-${name}`}
        data-tab=${name} aria-selected=${this.tab === name ? 'true' : 'false'} aria-controls=${`editor-panel-${name}`} tabindex=${this.tab === name ? 0 : -1}
        @click=${() => (this.tab = name)} @keydown=${(e: KeyboardEvent) => this.tabKey(e)}>${name === 'edit' ? te('tabEdit') : te('tabImpact')}</button>`,
      )}</div>
      <sf-definition-impact role="tabpanel" id="editor-panel-impact" aria-labelledby="editor-tab-impact" part="impact" ?hidden=${this.tab !== 'impact'}
        .client=${this.client} .locale=${this.locale} .timeZone=${this.timeZone} .files=${() => this.edited()} .revision=${this.revision}
        @sf-impact=${(e: CustomEvent<{ report: ImpactReport; revision: number }>) => (this.impact = e.detail)}></sf-definition-impact>
      <div role="tabpanel" id="editor-panel-edit" aria-labelledby="editor-tab-edit" ?hidden=${this.tab !== 'edit'}>
      <div class="layout">
        <sf-definition-files part="files" .entries=${this.entries()} .current=${this.current} .changed=${new Set(changed)} .errors=${perFile} .locale=${this.locale}
          @sf-open-file=${(e: CustomEvent<{ path: string }>) => (this.current = e.detail.path)}></sf-definition-files>
        <div>
          <div class="editor" part="editor"></div>
          <ul class="issues" part="issues" aria-label=${t('editorIssues')}>${issues.map(
            (i) =>
              html`<li class=${i.severity} @click=${() => void this.reveal(i)}>${formatIssueIn(i, this.locale)}</li>`,
          )}</ul>
        </div>
      </div>
      ${this.renderPreview(t)}
      ${changed.length ? this.renderDiff(changed, t) : nothing}
      </div>
      ${
        this.asking
          ? html`<dialog part="confirm" aria-labelledby="confirm-title" @cancel=${(e: Event) => (e.preventDefault(), this.settle(false))}>
        <h3 id="confirm-title">${te('confirmTitle')}</h3>
        <p>${te('confirmIntro')}</p>
        <ul>${this.asking.map((r) => html`<li>${r}</li>`)}</ul>
        <div class="actions">
          <button type="button" part="confirm-cancel" @click=${() => this.settle(false)}>${te('confirmCancel')}</button>
          <button type="button" class="primary" part="confirm-publish" @click=${() => this.settle(true)}>${te('confirmPublish')}</button>
        </div>
      </dialog>`
          : nothing
      }
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
        keep.has(i)
          ? html`<div class=${l.kind === '+' ? 'add' : l.kind === '-' ? 'del' : ''}>${l.kind} ${l.text}</div>`
          : nothing,
      )}</div></details>`;
    })}</section>`;
  }
}

if (!customElements.get('sf-definition-editor')) customElements.define('sf-definition-editor', SfDefinitionEditor);

declare global {
  interface HTMLElementTagNameMap {
    'sf-definition-editor': SfDefinitionEditor;
  }
}
