import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import type { Directory } from '../api/types.ts';
import { directoryOf, namesFrom, type Names } from './directory.ts';

type Host = ReactiveControllerHost & { readonly client: ApiClient | undefined; readonly locale: Locale };

/**
 * Names of units and people for an element that shows cases: reads the directory of the host's
 * client (once per client, see directory.ts), re-renders the host when it arrives, and answers with
 * ids until then. `unit()` and `person()` are asked once per row or entry, so the lookups are
 * rebuilt only when the directory or the language changes.
 */
export class DirectoryNames implements ReactiveController, Names {
  private client: ApiClient | undefined;
  private directory: Directory | undefined;
  private made: { directory: Directory | undefined; locale: Locale; names: Names } | undefined;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostUpdate(): void {
    const client = this.host.client;
    if (client === this.client) return;
    this.client = client;
    this.directory = undefined;
    if (!client) return;
    void directoryOf(client).then((directory) => {
      if (this.client !== client || this.directory === directory) return;
      this.directory = directory;
      this.host.requestUpdate();
    });
  }

  unit(name: string | null | undefined): string {
    return this.names().unit(name);
  }

  person(username: string | null | undefined): string {
    return this.names().person(username);
  }

  private names(): Names {
    const locale = this.host.locale;
    const made = this.made;
    if (made && made.directory === this.directory && made.locale === locale) return made.names;
    const names = namesFrom(this.directory, locale);
    this.made = { directory: this.directory, locale, names };
    return names;
  }
}
