// Nothing about the seed company is written in engine/, adapters/, server/ or cli/ source (P-1: policy lives in
// definitions/): no Chinese text there, comments included. Words shown to users come from the
// definitions, the message catalogues (engine/forms/messages/*.json) or ui/i18n.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/u;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('engine/, ports/, adapters/, server/ and cli/ source', () => {
  it('holds no Chinese text: the company speaks through definitions/ and the catalogues', () => {
    const found = ['engine', 'ports', 'adapters', 'server', 'cli'].flatMap(sources).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (CJK.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
