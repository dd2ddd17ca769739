import type { Locale } from '../../engine/localized.ts';
import { appTranslator } from '../../ui/i18n/app-messages.ts';
import { translator } from '../../ui/i18n/translate.ts';
import { equal } from './assert.ts';

describe("translators (the form's chrome and the app's words share one)", () => {
  it('fills the parameters given, keeps a missing one as written, and falls back to zh-CN for an unknown locale', () => {
    // given the two catalogues' translators
    // then each fills {name} from the parameters, in the locale asked for
    equal(translator('en')('rowsCount', { count: 2, max: 5 }), '2 row(s) (at most 5)');
    equal(appTranslator('zh-CN')('errorServer', { status: 500, detail: 'x' }), '服务器出错（500）：x');
    // and a parameter nobody passed stays visible rather than vanishing
    equal(appTranslator('en')('errorServer', { status: 502 }), 'Server error (502): {detail}');
    // and a locale without a catalogue reads zh-CN
    equal(translator('fr' as Locale)('submit'), '提交');
    equal(appTranslator('fr' as Locale)('loading'), '加载中…');
  });
});
