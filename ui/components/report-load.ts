import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../api/client.ts';
import { LatestLoad } from './latest-load.ts';

/** What a ReportLoad reads and writes on its host; a ReportElement has all of it. */
export interface ReportHost extends ReactiveControllerHost, EventTarget {
  client: ApiClient | undefined;
  locale: string;
  loading: boolean;
  error: unknown;
}

/** The filters that are set, as the API takes them; one left blank is the server's to default. */
export type ReportQuery<F extends string> = Partial<Record<F, string>>;

export interface ReportLoadOptions<F extends string, T> {
  /** The host's properties the report is for (its unit, its period, …). */
  readonly filters: readonly F[];
  readonly fetch: (client: ApiClient, query: ReportQuery<F>) => Promise<T>;
  /** Takes the answer of the latest load; an answer overtaken by a later load never reaches it. */
  readonly apply: (report: T) => void;
}

/**
 * Loads a report for its host's filters and keeps the host's `loading` and `error`: a refused
 * request's `ApiError` (with the server's problem document) stays for the host to show until a
 * later load succeeds, and a 401 tells the app that the login expired.
 *
 * It loads from `hostUpdate` (after the host's `willUpdate`, before its `update` and render) when
 * the client, the locale or a filter is not what it last loaded for: the render that follows a
 * change already shows `loading`, and setting a filter to the value it had loads nothing. The
 * locale counts because the server words parts of its answers in the language asked for.
 */
export class ReportLoad<H extends ReportHost, F extends keyof H & string, T> implements ReactiveController {
  readonly #loads: LatestLoad;
  #loadedFor: readonly unknown[] | undefined;

  constructor(
    private readonly host: H,
    private readonly options: ReportLoadOptions<F, T>,
  ) {
    this.#loads = new LatestLoad(host, (error) => (host.error = error));
    host.addController(this);
  }

  hostUpdate(): void {
    const inputs = [this.host.client, this.host.locale, ...this.options.filters.map((name) => this.host[name])];
    const last = this.#loadedFor;
    if (last && inputs.every((value, i) => Object.is(value, last[i]))) return;
    this.#loadedFor = inputs;
    void this.load();
  }

  /** The filters that are set, as the API's query. */
  query(): ReportQuery<F> {
    const query: ReportQuery<F> = {};
    for (const name of this.options.filters) {
      const value = this.host[name];
      if (value) query[name] = String(value);
    }
    return query;
  }

  /**
   * Loads for the filters as they are now: the retry after a failure, or fresh figures. Resolves
   * once the answer is applied or the failure kept; without a client there is nothing to load.
   */
  async load(): Promise<void> {
    const client = this.host.client;
    if (!client) return;
    const query = this.query();
    await this.#loads.run(() => this.options.fetch(client, query), this.options.apply);
  }
}
