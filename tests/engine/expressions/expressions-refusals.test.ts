import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../engine/expressions/index.ts';

function failure(src: string) {
  const c = compileExpression(src);
  if (c.ok) throw new Error(`expected "${src}" to be refused`);
  return c;
}

describe('safe expressions refuse what is outside the vocabulary', () => {
  it.each([
    ['a.constructor', 'EXPRESSION_FORBIDDEN', 3],
    ['x + a.__proto__.b', 'EXPRESSION_FORBIDDEN', 7],
    ["a['constructor']", 'EXPRESSION_FORBIDDEN', 3],
    ['constructor', 'EXPRESSION_FORBIDDEN', 1],
    ['1 + eval("1")', 'EXPRESSION_UNKNOWN_FUNCTION', 5],
    ['fetch(url)', 'EXPRESSION_UNKNOWN_FUNCTION', 1],
    ['a.toString()', 'EXPRESSION_UNKNOWN_FUNCTION', 3],
    ['this.x', 'EXPRESSION_FORBIDDEN', 1],
    ['a | b', 'EXPRESSION_FORBIDDEN', 3],
    ['~a', 'EXPRESSION_FORBIDDEN', 1],
    ['a[b]', 'EXPRESSION_FORBIDDEN', 2],
    ['round()', 'EXPRESSION_ARITY', 1],
    ['if(a, b)', 'EXPRESSION_ARITY', 1],
  ])('%s → %s at column %i', (src, code, column) => {
    expect(failure(src)).toMatchObject({ code, column });
  });

  it('refuses assignment as a syntax error at the "="', () => {
    expect(failure('total = 1')).toMatchObject({ code: 'EXPRESSION_SYNTAX', column: 7 });
  });

  it('reports syntax errors with the column', () => {
    expect(failure('visitFee + ')).toMatchObject({ code: 'EXPRESSION_SYNTAX', column: 12 });
    expect(failure('round(a, 2')).toMatchObject({ code: 'EXPRESSION_SYNTAX' });
    expect(failure('')).toMatchObject({ code: 'EXPRESSION_SYNTAX', column: 1 });
    expect(failure('a; b')).toMatchObject({ code: 'EXPRESSION_SYNTAX' });
  });

  it('reserves $ for [] projections', () => {
    expect(failure('a + $x')).toMatchObject({ code: 'EXPRESSION_SYNTAX', column: 5 });
    const ok = compileExpression("'$' + a");
    expect(ok.ok && ok.evaluate({ a: 1 })).toBe('$1');
  });

  it('names the known functions when one is unknown', () => {
    expect(failure('summ(a)').message).toContain(
      'known: abs, and, coalesce, daysBetween, if, len, max, min, not, or, round, sum',
    );
  });

  it('never builds code from the source', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const dir = new URL('../../../engine/expressions/', import.meta.url);
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts'));
    for (const f of files) {
      const src = await readFile(new URL(f, dir), 'utf8');
      expect(src, f).not.toMatch(/\beval\(|new Function|Function\(/);
    }
  });
});
