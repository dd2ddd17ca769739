// covers: CAL-1 (issue 15 item 5)
// Each error calendar arithmetic throws says its own reason from the catalogues: the English as
// before (logs, the CLI), Chinese for a Chinese reader, through the server's problem documents too.
import { describe, expect, it } from 'vitest';
import { CalendarError, compileCalendar, type CalendarSpec } from '../../../engine/calendar/index.ts';
import { sayIn } from '../../../engine/definitions/said.ts';
import { problemOf } from '../../../server/http/error-status.ts';
import { localizedProblem } from '../../../server/http/problem-messages.ts';

const office: CalendarSpec = { timeZone: 'Asia/Shanghai', week: { mon: [{ from: '09:00', to: '18:00' }] } };
const thrown = (act: () => unknown): CalendarError => {
  try {
    act();
  } catch (e) {
    if (e instanceof CalendarError) return e;
    throw e;
  }
  throw new Error('nothing was thrown');
};
const monday = Date.parse('2026-09-14T09:00:00+08:00');

/** [what, how it is thrown, its English, its Chinese]. */
const errors: [string, () => unknown, string, string][] = [
  [
    'time zone',
    () => compileCalendar('mars', { ...office, timeZone: 'Mars/Olympus' }),
    "unknown time zone 'Mars/Olympus' (use an IANA name such as Asia/Shanghai)",
    '未知的时区「Mars/Olympus」（请用 IANA 时区名，如 Asia/Shanghai）',
  ],
  [
    'official schedule',
    () => compileCalendar('moon', { ...office, official: 'moon' }),
    "unknown official schedule 'moon' (known: ",
    '未知的官方节假日安排「moon」（已有：',
  ],
  [
    'working hours',
    () => compileCalendar('late', { ...office, week: { mon: [{ from: '18:00', to: '09:00' }] } }),
    'invalid working hours 18:00-09:00',
    '工作时间 18:00-09:00 无效',
  ],
  [
    'no working time',
    () => compileCalendar('idle', { timeZone: 'Asia/Shanghai', days: [] }).addWorkingTime(monday, 60_000),
    "calendar 'idle' has no working hours for ",
    '日历「idle」在 ',
  ],
  [
    'working time',
    () => compileCalendar('office', office).addWorkingTime(monday, -1),
    'working time to add must be a finite ms count >= 0, got -1',
    '要加上的工作时间须为不小于 0 的有限毫秒数，实际是 -1',
  ],
  [
    'working days',
    () => compileCalendar('office', office).addWorkingDays(monday, 1.5),
    'working days to add must be a whole number >= 0, got 1.5',
    '要加上的工作日数须为不小于 0 的整数，实际是 1.5',
  ],
  [
    'instant',
    () => compileCalendar('office', office).addWorkingTime(NaN, 60_000),
    'not a valid instant (day NaN)',
    '不是有效的时间（第 NaN 天）',
  ],
];

describe('calendar errors, each with its reason', () => {
  it.each(errors)('%s', (_what, act, en, zh) => {
    const e = thrown(act);
    expect(e.message).toContain(en);
    expect(sayIn(e.said, 'en')).toBe(e.message);
    expect(sayIn(e.said, 'zh-CN')).toContain(zh);
    // A route that meets it answers the reason in the reader's language.
    const problem = problemOf(e)!;
    expect(problem.detail).toBe(e.message);
    expect(localizedProblem(problem, 'zh-CN').detail).toContain(zh);
    expect(localizedProblem(problem, 'en').detail).toBe(e.message);
  });
});
