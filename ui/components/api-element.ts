import { LitElement, type PropertyDeclarations } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import type { Directory } from '../api/types.ts';
import { appTranslator, type AppTranslate } from '../i18n/app-messages.ts';
import { DirectoryNames } from './directory-names.ts';

/**
 * What every element that talks to the API takes from its host: the client, the language of its
 * words and the time zone of its dates; and the names of the units and people its answers name. The worklist, the case
 * view, the records and the reports
 * extend it and declare only their own properties (Lit merges a subclass's `static properties`
 * with these).
 */
export abstract class ApiElement extends LitElement {
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    locale: { reflect: true },
    timeZone: { attribute: 'time-zone' },
    directory: { attribute: false },
  };
  /** The API client (ui/api/client.ts): the server's URL and the token or cookie. */
  declare client: ApiClient | undefined;
  /** zh-CN unless the host says otherwise. */
  declare locale: Locale;
  /** IANA time zone for dates and times (the business calendar's); the browser's when unset. */
  declare timeZone: string | undefined;
  /** Names of units and people when the host has them already (see `names`); read through the client otherwise. */
  declare directory: Directory | undefined;
  /** Units and people by name (GET /api/directory, read once per client); ids until it arrives. */
  protected readonly names = new DirectoryNames(this);

  constructor() {
    super();
    this.locale = 'zh-CN';
  }

  protected get t(): AppTranslate {
    return appTranslator(this.locale);
  }
}
