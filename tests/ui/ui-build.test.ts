import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// npm run build:ui: one ES module with every element, the staff app page and the embedding example.
describe('ui/build.mjs', () => {
  const out = mkdtempSync(join(tmpdir(), 'sf-ui-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('bundles the components into one ES module for /ui/serviceframe.js', () => {
    execFileSync(process.execPath, ['ui/build.mjs', '--outdir', out], { stdio: 'pipe' });
    const bundle = readFileSync(join(out, 'serviceframe.js'), 'utf8');
    expect(bundle).toMatch(/\bexport\s*\{/);
    // What a page embedding the components loads: the bundle and the chunks it imports statically.
    const chunks = readdirSync(join(out, 'chunks'));
    const shared = chunks
      .filter((f) => f.startsWith('chunk-') && f.endsWith('.js'))
      .map((f) => readFileSync(join(out, 'chunks', f), 'utf8'));
    const loaded = [bundle, ...shared].join('\n');
    expect(loaded).not.toMatch(/\brequire\(["'](node:|fs|path)/);
    for (const tag of [
      'sf-form',
      'sf-case-list',
      'sf-case',
      'sf-ledger',
      'sf-scorecard',
      'sf-app',
      'sf-outbox-status',
      'sf-signature-pad',
      'sf-records',
      'sf-monthly-report',
    ]) {
      expect(loaded).toContain(`"${tag}"`);
    }
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<sf-app>');
    const example = readFileSync(join(out, 'embed-example.html'), 'utf8');
    expect(example).toContain('<sf-form');
    // No inline script: the server's content security policy would block it.
    for (const [tag, body] of example.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
      expect(tag).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(readFileSync(join(out, 'embed-example.js'), 'utf8')).toContain("from './serviceframe.js'");
    expect(existsSync(join(out, 'serviceframe.js.map'))).toBe(true);
    // The definitions editor is a chunk of its own, loaded on demand.
    expect(loaded).not.toContain('cm-lintRange');
    expect(chunks.some((f) => f.startsWith('sf-definition-editor-') && f.endsWith('.js'))).toBe(true);
  }, 60_000);
});
