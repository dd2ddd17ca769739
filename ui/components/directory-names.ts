import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import type { Directory } from '../api/types.ts';
import { directoryOf, namesFrom, type Names } from './directory.ts';

type Host = ReactiveControllerHost & { readonly client: ApiClient | undefined; readonly locale: Locale; readonly directory?: Directory | undefined };

/**
 * Names of units and people for an element that shows cases: reads the directory of the host's
 * client (once per client, see directory.ts), re-renders the host when it arrives, and answers with
 * ids until then. A host given a `directory` (an element embedded in another that has read it)
 * uses that one. `unit()` and `person()` are asked once per row or entry, so the lookups are
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
    if (!client || this.host.directory) return;
    void directoryOf(client).then((directory) => {
      if (this.client !== client || this.directory === directory) return;
      this.directory = directory;
      this.host.requestUpdate();
    });
  }

  /** The directory the names come from: the host's own, else the one read, else none yet. */
  get current(): Directory | undefined {
    return this.host.directory ?? this.directory;
  }

  /** Every unit of the directory with its name in the host's language (none until it is read). */
  units(): readonly { name: string; title: string }[] {
    return (this.current?.units ?? []).map((u) => ({ name: u.name, title: this.unit(u.name) }));
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
    const directory = this.current;
    if (made && made.directory === directory && made.locale === locale) return made.names;
    const names = namesFrom(directory, locale);
    this.made = { directory, locale, names };
    return names;
  }
}
