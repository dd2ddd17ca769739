// covers: P-2, P-3 (issue 15 item 5)
// The validator's messages come from catalogues with zh-CN and en entries: the CLI prints the
// English (CONTRACT.md), the editor and the API say them in the reader's language.
import { describe, expect, it } from 'vitest';
import { formatIssue, formatIssueIn, validateSet } from '../../../engine/definitions/index.ts';
import en from '../../../engine/definitions/messages/en.json' with { type: 'json' };
import zhCN from '../../../engine/definitions/messages/zh-CN.json' with { type: 'json' };
import { say, sayIn } from '../../../engine/definitions/said.ts';
import { fixtureFiles } from '../../server/server-support.ts';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const edit = (file: string, change: (text: string) => string) =>
  fixtureFiles().map((f) => (f.path.endsWith(file) ? { ...f, text: change(f.text) } : f));

describe("the validator's catalogues", () => {
  it('hold the same keys in zh-CN and en, each zh-CN entry in Chinese with the same parameters', () => {
    const zh = zhCN as Record<string, string>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en as Record<string, string>)) {
      // the parser's own English detail (`{detail}`, `{message}`) is the en text alone: zh-CN says it by its code;
      // an expression's reasons leave out of zh-CN what only the English has (a function's English description,
      // the parser's node type); a scenario's failure leaves out the English details for the log (the clock's
      // English explanation, the engine's code and message), and scenario.text and scenario.instant pick the
      // language's own form of a value
      const englishOnly = /^expression\.reason\./.test(key)
        ? ['description', 'type']
        : key.startsWith('scenario.')
          ? ['explanation', 'code', 'message', 'reject', 'hint', 'partial', 'links', 'ids', 'path']
          : [];
      const own = params(text).filter(
        (p) =>
          !(['detail', 'message'].includes(p!) && params(zh[key]!).length === 0) &&
          !(englishOnly.includes(p!) && !params(zh[key]!).includes(p)),
      );
      if (/^scenario\.(text|instant)$/.test(key))
        expect(params(zh[key]!), key).toEqual([key.endsWith('text') ? 'zh' : 'local']);
      else if (!/^(_|asGiven$)/.test(key)) expect(params(zh[key]!), key).toEqual(own);
      if (
        !/^(_list|_or|_hint|asGiven|schemaDescription|label|kind\.|type\.null|scenario\.(text|instant|and|entry|formError|fieldError|fact|caseInUnit|refusedFields)$)/.test(
          key,
        )
      )
        expect(zh[key], key).toMatch(/[\u4e00-\u9fff]/u);
    }
  });

  it('says a message with lists, alternatives and nested messages in each language', () => {
    const said = say('unknownRef', { what: say('what.role'), name: 'lead' });
    expect(sayIn(said, 'en')).toBe('unknown role "lead"');
    expect(sayIn(said, 'zh-CN')).toBe('未知的角色「lead」');
    expect(sayIn(say('known.roles', { names: ['a', 'b'] }), 'zh-CN')).toBe('已有角色：a、b');
    expect(sayIn(say('expected', { label: '', type: { or: [say('type.string'), say('type.number')] } }), 'en')).toBe(
      'expected string or number',
    );
  });

  it('formats one issue in English for the CLI and in Chinese for a zh-CN reader', () => {
    const files = edit('workflows.yaml', (t) => t.replace('startForm: ticket', 'startForm: tickets'));
    const issue = validateSet(files, Date.parse('2026-06-01T00:00:00Z')).issues.find(
      (i) => i.code === 'UNKNOWN_REFERENCE',
    )!;
    expect(formatIssue(issue)).toMatch(/workflows\.yaml:5:14: unknown Form "tickets" \(known Form definitions: /);
    expect(formatIssueIn(issue, 'zh-CN')).toMatch(/workflows\.yaml:5:14: 未知的表单「tickets」（已有的表单：/);
  });

  it('says YAML syntax errors and schema problems in Chinese', () => {
    const broken = edit('forms.yaml', (t) => t.replace('required: true }', 'required: true'));
    const [syntax] = validateSet(broken).issues;
    expect(formatIssueIn(syntax!, 'zh-CN')).toMatch(/这个「\{」没有闭合：请用「\}」结束/);
    const schema = edit('workflows.yaml', (t) => t.replace('startForm: ticket', 'startForm: [ticket]'));
    const wrong = validateSet(schema).issues.find((i) => i.code === 'SCHEMA');
    expect(wrong && formatIssueIn(wrong, 'zh-CN')).toMatch(/workflows\.yaml:5:\d+: 「startForm」应为文本$/);
    expect(wrong && formatIssue(wrong)).toMatch(/workflows\.yaml:5:\d+: "startForm" expected string$/);
  });
});
