// Issue 13, item 2: a definition's pattern runs in linear time in the browser too: typing a near
// miss for `^(a+)+$` into a form must not freeze the page (on V8's backtracking engine 25
// characters took about two seconds, each one more doubling it).
import { compileForm } from '../../engine/forms/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { forbidCodeCompilation } from '../../ui/components/compile-without-eval.ts';
import { equal, ok } from './assert.ts';
import { cleanup, errorOf, formDefinition, mount, submit, type } from './helpers.ts';

const NEAR_MISS = `${'a'.repeat(25)}!`;
const definition = formDefinition([
  {
    name: 'code',
    type: 'text',
    label: 'Code',
    pattern: '^(a+)+$',
    patternMessage: { 'zh-CN': '只能是字母 a', en: 'letters a only' },
  },
]);

describe('patterns from definitions in the browser', () => {
  afterEach(() => {
    cleanup();
    forbidCodeCompilation(undefined);
  });

  for (const csp of [false, true]) {
    it(`checks ^(a+)+$ against a near miss at once${csp ? ' under a CSP without eval' : ''}`, async () => {
      forbidCodeCompilation(csp);
      // given the form as the server serves it (plain JSON, its schema carrying the pattern)
      const served = JSON.parse(JSON.stringify(compileForm(definition as unknown as Definition<FormSpec>).toJSON()));
      const el = await mount({ form: served, locale: 'en' });
      const started = performance.now();
      await type(el, '/code', NEAR_MISS);
      const sent = await submit(el);
      const ms = performance.now() - started;
      // then the form refuses it with the definition's message, without a stall
      equal(sent, undefined, 'the near miss is refused');
      equal(errorOf(el, '/code'), 'letters a only');
      ok(ms < 1000, `typing and submitting took ${ms.toFixed(0)} ms`);
    });
  }
});
