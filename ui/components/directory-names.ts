import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import type { Directory } from '../api/types.ts';
import { directoryOf, namesFrom, rereadDirectory, type Names } from './directory.ts';

type Host = ReactiveControllerHost & {
  readonly client: ApiClient | undefined;
  readonly locale: Locale;
  readonly directory?: Directory | undefined;
};

/**
 * Names of units and people for an element that shows cases: reads the directory of the host's
 * client (once per client, see directory.ts), re-renders the host when it arrives, and answers with
 * ids until then. A host given a `directory` (an element embedded in another that has read it)
 * uses that one. `unit()` and `person()` are asked once per row or entry, so the lookups are
 * rebuilt only when the directory or the language changes.
 */
export class DirectoryNames implements ReactiveController, Names {
  /** How old a directory must be before a username it lacks makes it be read again. */
  static rereadAfterMs = 60_000;
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
    this.take(client, directoryOf(client));
  }

  private take(client: ApiClient, read: Promise<Directory | undefined>): void {
    void read.then((directory) => {
      if (this.client !== client || this.directory === directory || directory === undefined) return;
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
    const directory = this.directory;
    // Someone the directory read a while ago does not list: read it again (never for a host's own).
    if (username && directory && this.client && !this.host.directory && !usernamesOf(directory).has(username)) {
      const again = rereadDirectory(this.client, DirectoryNames.rereadAfterMs);
      if (again) this.take(this.client, again);
    }
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

const usernames = new WeakMap<Directory, ReadonlySet<string>>();
function usernamesOf(directory: Directory): ReadonlySet<string> {
  let known = usernames.get(directory);
  if (!known)
    usernames.set(
      directory,
      (known = new Set([...directory.people.map((p) => p.username), ...(directory.system ? [directory.system] : [])])),
    );
  return known;
}
