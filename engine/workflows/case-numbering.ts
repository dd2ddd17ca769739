import { say, sayIn, type Said } from '../definitions/said.ts';
/**
 * Human case numbers (`spec.numbering` of a Workflow), e.g. BX-2026-00001.
 *
 * A pattern is literal text with placeholders: {prefix}, {yyyy}, {yy}, {mm}, {dd} (the creation
 * date in a calendar's time zone) and exactly one {seq} or {seq:N} (the sequence, zero-padded to N
 * digits). Everything but the sequence, rendered, names the *series* the sequence counts in:
 * "BX-2026-{seq}". So the sequence restarts whenever that text changes — every year with {yyyy},
 * every month with {mm} — and two workflows whose patterns render the same text share one
 * sequence (their numbers stay unique). The width is not part of the series: widening {seq:5} to
 * {seq:6} continues the count.
 *
 * Pure: parsing and rendering only. Claiming the next sequence of a series happens in the store's
 * transaction (see case-number-allocator.ts and Store.lastCaseNumber).
 */

export interface NumberingSpec {
  readonly prefix?: string;
  /** Default `{prefix}-{yyyy}-{seq:5}`. */
  readonly pattern?: string;
  /** The calendar whose time zone dates the number; default: the calendar of the case's unit. */
  readonly calendar?: string;
}

export const DEFAULT_NUMBER_PATTERN = '{prefix}-{yyyy}-{seq:5}';
const DEFAULT_WIDTH = 1;
const MAX_WIDTH = 12;

type Part = { readonly text: string } | { readonly date: 'yyyy' | 'yy' | 'mm' | 'dd' } | { readonly seq: number };

export interface CompiledNumbering {
  /** The calendar named by the spec, if any (else the case unit's calendar dates the number). */
  readonly calendar: string | undefined;
  /** The series a case created at `now` in `timeZone` counts in, e.g. "BX-2026-{seq}". */
  seriesAt(now: number, timeZone: string): string;
  /** The number for sequence `seq` of `series`, e.g. "BX-2026-00001". */
  format(series: string, seq: number): string;
}

/** A problem with a numbering spec: which key, and what is wrong. */
export interface NumberingProblem {
  readonly key: 'pattern' | 'prefix';
  /** English (logs, errors); `said`/`saidHint` are the catalogue's words for readers. */
  readonly message: string;
  readonly hint?: string;
  readonly said: Said;
  readonly saidHint?: Said;
}

function problem(key: NumberingProblem['key'], said: Said, hint?: Said): NumberingProblem {
  return {
    key,
    message: sayIn(said, 'en'),
    said,
    ...(hint ? { hint: sayIn(hint, 'en'), saidHint: hint } : {}),
  };
}

const TOKEN = /\{([^{}]*)\}/g;
const DATE_TOKENS = new Set(['yyyy', 'yy', 'mm', 'dd']);
/** What literal text may hold: a number is typed into searches and URLs, so no spaces or slashes. */
const LITERAL = /^[A-Za-z0-9._-]*$/;

/** Parses a pattern, listing every problem (empty when it is sound). */
export function checkNumbering(spec: NumberingSpec): NumberingProblem[] {
  return parse(spec).problems;
}

function parse(spec: NumberingSpec): { parts: Part[]; problems: NumberingProblem[] } {
  const pattern = spec.pattern ?? DEFAULT_NUMBER_PATTERN;
  const parts: Part[] = [];
  const problems: NumberingProblem[] = [];
  let seqs = 0;
  let last = 0;
  const literal = (text: string) => {
    if (text === '') return;
    if (!LITERAL.test(text))
      problems.push(problem('pattern', say('numbering.literal', { text }), say('numbering.literalWhy')));
    parts.push({ text });
  };
  for (const m of pattern.matchAll(TOKEN)) {
    literal(pattern.slice(last, m.index));
    last = m.index + m[0].length;
    const token = m[1]!;
    const seq = /^seq(?::(\d+))?$/.exec(token);
    if (seq) {
      seqs++;
      const width = seq[1] === undefined ? DEFAULT_WIDTH : Number(seq[1]);
      if (width < 1 || width > MAX_WIDTH)
        problems.push(problem('pattern', say('numbering.width', { width: seq[1]!, max: MAX_WIDTH })));
      parts.push({ seq: width });
    } else if (DATE_TOKENS.has(token)) {
      parts.push({ date: token as 'yyyy' });
    } else if (token === 'prefix') {
      if (spec.prefix === undefined)
        problems.push(problem('prefix', say('numbering.noPrefix'), say('numbering.addPrefix')));
      else literal(spec.prefix);
    } else {
      problems.push(problem('pattern', say('numbering.unknownPlaceholder', { token }), say('numbering.placeholders')));
    }
  }
  literal(pattern.slice(last));
  if (/[{}]/.test(parts.map((p) => ('text' in p ? p.text : '')).join('')))
    problems.push(problem('pattern', say('numbering.unbalanced')));
  if (seqs !== 1)
    problems.push(
      problem('pattern', say(seqs === 0 ? 'numbering.noSeq' : 'numbering.twoSeqs'), say('numbering.oneSeq')),
    );
  return { parts, problems };
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** Year, month and day of `now` in `timeZone`. */
function dateParts(now: number, timeZone: string): { yyyy: string; mm: string; dd: string } {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(now).map((x) => [x.type, x.value]));
  return { yyyy: p.year!.padStart(4, '0'), mm: p.month!, dd: p.day! };
}

const SEQ = '{seq}';

/** Compiles a numbering spec that checkNumbering found sound. */
export function compileNumbering(spec: NumberingSpec): CompiledNumbering {
  const { parts, problems } = parse(spec);
  if (problems.length > 0) throw new Error(`numbering: ${problems.map((p) => p.message).join('; ')}`);
  const width = parts.reduce((w, p) => ('seq' in p ? p.seq : w), DEFAULT_WIDTH);
  return {
    calendar: spec.calendar,
    seriesAt(now, timeZone) {
      const date = parts.some((p) => 'date' in p) ? dateParts(now, timeZone) : null;
      return parts
        .map((p) => {
          if ('text' in p) return p.text;
          if ('seq' in p) return SEQ;
          return p.date === 'yy' ? date!.yyyy.slice(2) : p.date === 'yyyy' ? date!.yyyy : date![p.date];
        })
        .join('');
    },
    format(series, seq) {
      return series.replace(SEQ, String(seq).padStart(width, '0'));
    },
  };
}
