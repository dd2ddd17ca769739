import { loginExpired } from './case-format.ts';

/**
 * A component's loads where only the latest counts: one started later (the filters changed while
 * the first was on its way) makes the earlier one's answer ignored; `loading` is true while the
 * latest runs; its failure is kept for display, and a 401 tells the app that the login expired.
 */
export class LatestLoad {
  #latest = 0;

  constructor(
    private readonly host: EventTarget & { loading: boolean },
    private readonly showError: (error: unknown) => void,
  ) {}

  /** Fetches, then applies the answer (and clears the error) unless a later load has started. */
  async run<T>(fetch: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const request = ++this.#latest;
    this.host.loading = true;
    try {
      const value = await fetch();
      if (request !== this.#latest) return;
      apply(value);
      this.showError(undefined);
    } catch (error) {
      if (request !== this.#latest) return;
      this.showError(error);
      loginExpired(this.host, error);
    } finally {
      if (request === this.#latest) this.host.loading = false;
    }
  }
}
