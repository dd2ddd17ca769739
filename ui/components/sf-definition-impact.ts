import { LitElement, css, html, nothing } from 'lit';
import type { SourceFile } from '../../engine/definitions/load-definitions.ts';
import type { ImpactJob } from '../api/types.ts';
import type { Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import { appTranslator } from '../i18n/app-messages.ts';
import { editorTranslator } from '../i18n/editor-messages.ts';
import { loginExpired } from './case-format.ts';
import { errorAlert } from './error-alert.ts';
import { impactReportView } from './impact-report-view.ts';
import { touchTargets } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

const POLL_MS = 500;

/**
 * The editor's 影响 / Impact tab: replays a period's recorded cases under the files as edited
 * (POST /api/definitions/impact, a job on the server), shows its progress with a cancel button
 * (DELETE), then the report. The files are read from `files()` when the replay starts; `revision`
 * says whether they changed since, and the report is then marked as about the earlier text.
 *
 * Properties in: `client`, `locale`, `timeZone`, `files` (() => SourceFile[]), `revision` (number).
 * Events out: `sf-impact` {report, revision} when a replay finishes.
 */
export class SfDefinitionImpact extends LitElement {
  static override styles = [
    sfBaseStyles,
    touchTargets,
    css`
      form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-block: 0.75rem; }
      label { display: grid; gap: 0.25rem; }
      .progress { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
      progress { width: min(24rem, 100%); height: 1rem; }
      .loss { color: var(--_error); font-weight: 600; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; font-size: 0.875em; }
      th, td { border-bottom: var(--_line); padding: 0.25rem 0.5rem; text-align: end; }
      th[scope='row'], thead th:first-child { text-align: start; }
      .lines { margin: 0.25rem 0 0.5rem; padding-inline-start: 1.25rem; font-size: 0.875em; overflow-wrap: anywhere; }
      .group { margin-block: 0.75rem; }
      h4 { margin: 1rem 0 0.5rem; }
      h5 { margin: 0.5rem 0 0.25rem; font-size: 0.9375em; }
      .stale { color: var(--_warn); }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    locale: { reflect: true },
    timeZone: { attribute: 'time-zone' },
    files: { attribute: false },
    revision: { type: Number },
    from: { state: true },
    to: { state: true },
    job: { state: true },
    reportRevision: { state: true },
    error: { state: true },
  };
  declare client: ApiClient | undefined;
  declare locale: Locale;
  declare timeZone: string | undefined;
  declare files: (() => SourceFile[]) | undefined;
  declare revision: number;
  declare from: string;
  declare to: string;
  declare job: ImpactJob | undefined;
  /** The revision of the files the shown job replayed. */
  declare reportRevision: number;
  declare error: unknown;

  private polling: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.revision = 0;
    this.reportRevision = -1;
    const [from, to] = lastMonth(new Date());
    this.from = from;
    this.to = to;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.polling);
  }

  private get zone(): string {
    return this.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  /** Starts a replay of the period under the files as they are now. */
  async run(): Promise<void> {
    const client = this.client;
    if (!client || !this.files || this.job?.status === 'running') return;
    this.error = undefined;
    const revision = this.revision;
    try {
      const job = await client.request<ImpactJob>('POST', '/api/definitions/impact', {
        body: { files: this.files(), from: this.from, to: this.to },
      });
      this.reportRevision = revision;
      this.follow(job);
    } catch (error) {
      this.error = error;
      loginExpired(this, error);
    }
  }

  /** Cancels the running replay. */
  async cancel(): Promise<void> {
    const client = this.client;
    const job = this.job;
    if (!client || job?.status !== 'running') return;
    clearTimeout(this.polling);
    try {
      const answer = await client.request<ImpactJob | undefined>(
        'DELETE',
        `/api/definitions/impact/${encodeURIComponent(job.id)}`,
      );
      this.job = answer && typeof answer === 'object' ? answer : { ...job, status: 'cancelled' };
    } catch (error) {
      this.error = error;
      loginExpired(this, error);
    }
  }

  private follow(job: ImpactJob) {
    this.job = job;
    if (job.status === 'running') {
      this.polling = setTimeout(() => void this.poll(job.id), POLL_MS);
      return;
    }
    if (job.status === 'done' && job.report) {
      this.dispatchEvent(
        new CustomEvent('sf-impact', {
          detail: { report: job.report, revision: this.reportRevision },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  private async poll(id: string) {
    const client = this.client;
    if (!client || this.job?.id !== id || this.job.status !== 'running') return;
    try {
      this.follow(await client.request<ImpactJob>('GET', `/api/definitions/impact/${encodeURIComponent(id)}`));
    } catch (error) {
      this.error = error;
      loginExpired(this, error);
    }
  }

  override render() {
    const te = editorTranslator(this.locale);
    const t = appTranslator(this.locale);
    const job = this.job;
    const running = job?.status === 'running';
    const invalid =
      (this.error as { status?: number } | undefined)?.status === 422 &&
      ((this.error as { errors?: unknown[] }).errors?.some((e) => (e as { file?: string }).file) ?? false);
    return html`
      <p class="muted">${te('impactIntro')}</p>
      <form part="impact-period" @submit=${(e: Event) => (e.preventDefault(), void this.run())}>
        <label>${te('impactFrom')}<input type="date" name="from" required .value=${this.from} @input=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)}></label>
        <label>${te('impactTo')}<input type="date" name="to" required .value=${this.to} @input=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)}></label>
        <button type="submit" class="primary" part="impact-run" ?disabled=${running || !this.client}>${te('impactRun')}</button>
      </form>
      ${invalid ? html`<p class="error" role="alert">${te('impactInvalid')}</p>` : errorAlert(this.error, t)}
      ${
        running
          ? html`<div class="progress" part="impact-progress">
          <progress aria-label=${te('impactProgressLabel')} max=${job.progress?.total || 1} value=${job.progress?.done ?? 0}></progress>
          <span role="status">${job.progress ? `${job.progress.phase === 'after' ? te('impactPhaseAfter') : te('impactPhaseBefore')} · ${job.progress.done}/${job.progress.total}` : te('impactPhaseBefore')}</span>
          <button type="button" part="impact-cancel" @click=${() => void this.cancel()}>${te('impactCancel')}</button>
        </div>`
          : nothing
      }
      ${job?.status === 'cancelled' ? html`<p role="status">${te('impactCancelled')}</p>` : nothing}
      ${job?.status === 'failed' ? html`<p class="error" role="alert">${te('impactFailed', { detail: job.error ?? '' })}</p>` : nothing}
      ${
        job?.status === 'done' && job.report
          ? html`
        ${this.reportRevision !== this.revision ? html`<p class="stale" role="status" part="impact-stale">${te('impactStale')}</p>` : nothing}
        <div part="impact-report">${impactReportView(job.report, this.locale, this.zone, te)}</div>`
          : nothing
      }
    `;
  }
}

/** The first and last day of the month before `now`'s (local dates, as the date inputs take them). */
export function lastMonth(now: Date): [string, string] {
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const last = new Date(now.getFullYear(), now.getMonth(), 0);
  const iso = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return [iso(first), iso(last)];
}

if (!customElements.get('sf-definition-impact')) customElements.define('sf-definition-impact', SfDefinitionImpact);

declare global {
  interface HTMLElementTagNameMap {
    'sf-definition-impact': SfDefinitionImpact;
  }
}
