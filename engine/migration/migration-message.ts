import type { Locale } from '../localized.ts';
import en from './messages/en.json' with { type: 'json' };
import zhCN from './messages/zh-CN.json' with { type: 'json' };

/** Catalogues of what a migration tells people, keyed by code; JSON so translators never touch TypeScript. */
const catalogues: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { 'zh-CN': zhCN, en };

export type MigrationMessageCode = keyof typeof en;

/**
 * One thing a migration says: `code` and `args` for programs (a page may word it its own way),
 * `message` in the reader's language. Args are already in that language (titles, instants).
 */
export interface MigrationMessage {
  readonly code: MigrationMessageCode;
  readonly args: Readonly<Record<string, string | number>>;
  readonly message: string;
}

export function migrationMessage(
  code: MigrationMessageCode,
  args: Readonly<Record<string, string | number>>,
  locale: Locale,
): MigrationMessage {
  const template = catalogues[locale][code] ?? en[code];
  return {
    code,
    args,
    message: template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole)),
  };
}

export const migrationMessageCodes = (): string[] => Object.keys(en);
