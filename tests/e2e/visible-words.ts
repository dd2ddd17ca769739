import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseAllDocuments } from 'yaml';

/**
 * What a zh-CN page may show in Latin letters, and why: the product's name; the language switch,
 * which names English in English so that a reader of English finds it; file formats people know by
 * these letters (the ledger's CSV download, PDF); the sign-in words of the login name and e-mail
 * are data. Anything else in ASCII letters (a word, an id of the seed such as `repair` or
 * `feedback-1h`, an ISO timestamp) is English developer text on a Chinese page.
 */
export const ALLOWED_WORDS: readonly string[] = ['Serviceframe', 'English', 'CSV', 'PDF'];

/**
 * The ids the seed definitions use, as a reader could meet them on a page: names of documents,
 * roles, units, users, fields, states and events (`name:`/`username:` values and the keys of
 * `states:` and `on:`). Ids with digits (`feedback-1h`, `br1-service`) are caught by this list; ids
 * of letters only are caught by the word rule anyway.
 */
export function seedIds(dir: string): ReadonlySet<string> {
  const ids = new Set<string>();
  const visit = (node: unknown, key?: string) => {
    if (Array.isArray(node)) for (const item of node) visit(item);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'name' || k === 'username') && typeof v === 'string') ids.add(v);
        if ((k === 'states' || k === 'on') && v && typeof v === 'object' && !Array.isArray(v))
          for (const name of Object.keys(v)) ids.add(name);
        visit(v, k);
      }
    }
    void key;
  };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    for (const doc of parseAllDocuments(readFileSync(join(entry.parentPath, entry.name), 'utf8'))) visit(doc.toJS());
  }
  for (const id of [...ids]) if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id) || !/[A-Za-z]/.test(id)) ids.delete(id);
  return ids;
}

/** The login names of the seed's users (shown on the users page, where an administrator needs them). */
export function seedUsernames(dir: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    for (const doc of parseAllDocuments(readFileSync(join(entry.parentPath, entry.name), 'utf8'))) {
      const users = (doc.toJS() as { kind?: string; spec?: { users?: { username: string }[] } } | null)?.spec?.users;
      if (Array.isArray(users)) names.push(...users.map((u) => u.username));
    }
  }
  return names;
}

/** YAML file paths (definitions/forms/repair-report.yaml): the definitions editor lists the files an administrator edits. */
export const YAML_PATHS = /[\w.-]+(?:\/[\w.-]+)*\.ya?ml\b/g;

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const TOKEN = /[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[A-Za-z0-9]/g;

/**
 * The English developer words in a page's text: ISO timestamps, seed ids, and any token of two or
 * more Latin letters without digits (a word) that is not allowed. Tokens with digits that are not
 * seed ids are data people typed (model ZW32-12, serial SN-2026-001, phone numbers).
 */
export function englishIn(
  text: string,
  ids: ReadonlySet<string>,
  allowed: readonly (string | RegExp)[] = [],
): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(ISO_INSTANT)) found.add(`ISO time ${m[0]}`);
  let rest = text.replace(ISO_INSTANT, ' ').replace(EMAIL, ' ');
  for (const pattern of allowed) if (pattern instanceof RegExp) rest = rest.replace(pattern, ' ');
  const ok = new Set([...ALLOWED_WORDS, ...allowed.filter((a): a is string => typeof a === 'string')]);
  for (const m of rest.matchAll(TOKEN)) {
    const token = m[0].replace(/[._-]+$/, '');
    if (ok.has(token)) continue;
    if (ids.has(token)) found.add(`id ${token}`);
    else if (!/\d/.test(token) && /[A-Za-z]{2,}/.test(token)) found.add(`word ${token}`);
  }
  return [...found].map((f) => `${f}  …${context(text, f.slice(f.indexOf(' ') + 1))}…`);
}

function context(text: string, needle: string): string {
  const at = text.indexOf(needle);
  return at < 0 ? '' : text.slice(Math.max(0, at - 30), at + needle.length + 30).replace(/\s+/g, ' ');
}

/** Opens every <details> on the page (shadow roots included), so folded history entries are read too. */
export async function openEverything(page: Page): Promise<void> {
  await page.evaluate(() => {
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLDetailsElement) el.open = true;
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
  });
  // Rendering after opening (and any lazy content it asks for) settles before reading.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * The text a person reads: text of rendered elements (shadow roots included), the options of every
 * list, the values of fields, and the labels assistive technology reads aloud (aria-label, alt, placeholder). Not the
 * `title` tooltip, which shows an id beside the name on purpose (docs/ui.md), nor the YAML inside
 * the definitions editor, which is code an administrator edits.
 */
export function visibleText(page: Page, skip = ''): Promise<string> {
  return page.evaluate((skipped) => {
    const parts: string[] = [];
    const shown = (el: Element) => (el as HTMLElement).checkVisibility?.({ visibilityProperty: true } as never) ?? true;
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.closest(`.cm-editor, script, style, template${skipped ? `, ${skipped}` : ''}`)) continue;
        if (el.shadowRoot) walk(el.shadowRoot);
        for (const a of ['aria-label', 'alt', 'placeholder']) if (el.hasAttribute(a)) parts.push(el.getAttribute(a)!);
        if (el instanceof HTMLOptionElement) {
          parts.push(el.text);
          continue;
        }
        if (!shown(el)) continue;
        // What the app puts into a shown field (a filter's unit, a prefilled value) is read like text.
        if (
          (el instanceof HTMLInputElement && !['password', 'hidden', 'checkbox', 'radio'].includes(el.type)) ||
          el instanceof HTMLTextAreaElement
        )
          parts.push(el.value);
        for (const node of el.childNodes)
          if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) parts.push(node.textContent!.trim());
      }
    };
    walk(document);
    return parts.join('\n');
  }, skip);
}
