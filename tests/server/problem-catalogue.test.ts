// Issue 15 item 5: the server's refusals come from its catalogues (server/http/messages), so a
// Chinese reader never reads the English a developer wrote beside the code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../server/http/messages/en.json' with { type: 'json' };
import zhCN from '../../server/http/messages/zh-CN.json' with { type: 'json' };
import { localeOfHeader } from '../../server/http/problem-messages.ts';
import { englishWords } from '../helpers/english-words.ts';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('the server says its refusals from the catalogues', () => {
  it('has no `new Problem(status, <text>)` with words of its own outside the catalogue helpers', () => {
    const found: string[] = [];
    for (const file of files('server')) {
      if (/server\/http\/problem(-messages)?\.ts$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      // A literal detail (quoted, a template) or a refusal helper given text instead of a catalogue key.
      for (const m of text.matchAll(
        /new Problem\(\s*[^,]+,\s*['"`]|\b(?:forbidden|unauthorized)\(\s*['"`][^'"`]*\s/g,
      )) {
        const line = text.slice(0, m.index).split('\n').length;
        found.push(`${file}:${line}: ${m[0].replace(/\s+/g, ' ')}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('words every key in both languages, the Chinese without English developer words', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    const english: string[] = [];
    for (const [key, text] of Object.entries(zhCN)) {
      // Parameters are filled in the reader's language (titles) or are data; the words around them are checked.
      const words = englishWords(text.replace(/\{\w+\}/g, ' '));
      if (words.length) english.push(`${key}: ${words.join(', ')}`);
    }
    expect(english).toEqual([]);
  });

  it('keeps the parameters of the English in the Chinese, or leaves out what a Chinese reader cannot use', () => {
    const params = (t: string) => new Set([...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    // Where the English is another module's own text as given, the Chinese may use the parameters beside it.
    const extra: string[] = [];
    for (const [key, text] of Object.entries(zhCN)) {
      const theirs = params(en[key as keyof typeof en]);
      for (const p of params(text))
        if (!theirs.has(p) && en[key as keyof typeof en] !== '{message}') extra.push(`${key}: {${p}}`);
    }
    expect(extra).toEqual([]);
  });

  it("reads the reader's language from Accept-Language, by weight", () => {
    expect(localeOfHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeOfHeader('en-US,en;q=0.9')).toBe('en');
    expect(localeOfHeader('fr;q=1, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(localeOfHeader('zh-TW')).toBe('zh-CN');
    expect(localeOfHeader('en;q=0, zh;q=0.1')).toBe('zh-CN');
    expect(localeOfHeader('*')).toBeUndefined();
    expect(localeOfHeader('fr')).toBeUndefined();
    expect(localeOfHeader(undefined)).toBeUndefined();
  });
});
