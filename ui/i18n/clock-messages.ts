import type { Locale } from '../../engine/localized.ts';
import type { ClockLineCode } from '../../engine/sla/clock-lines.ts';

/**
 * A clock's explanation line as a reader sees it (see ui/components/clock-line.ts): instants in the
 * calendar's time zone, spans and targets in the language's units, `why` as a phrase with the event's
 * or state's title, `zone` the zone's name in the language, `calendar` its title, `days` a list of
 * dates with what kind of day each is.
 */
export type ClockArgs = Readonly<Record<string, string>>;

export interface ClockCatalogue {
  readonly separator: string;
  /** The kinds of day a calendar skips or counts specially. */
  readonly dayKinds: Readonly<Record<'holiday' | 'rest' | 'makeup', string>>;
  /** Why a clock started, stopped, paused or resumed; `{name}` the event's or state's title. */
  readonly why: Readonly<
    Record<'created' | 'event' | 'entered' | 'in' | 'left' | 'action' | 'ended' | 'agreed', string>
  >;
  /** Units of a target as written (24h, 2d, 30m, 1w). */
  readonly units: Readonly<Record<'w' | 'd' | 'h' | 'm', string>>;
  /** Typed by the engine's codes: a new line needs both languages. */
  readonly messages: Readonly<Record<ClockLineCode, (a: ClockArgs) => string>>;
}

const counting = {
  zh: (a: ClockArgs) =>
    a.counts === 'working'
      ? `按工作时间计 ${a.target}（日历「${a.calendar}」，${a.zone}）`
      : a.counts === 'elapsed'
        ? `按自然时间计 ${a.target}（昼夜、周末、节假日都计，${a.zone}）`
        : `按约定时间准时完成，迟到按自然时间计（${a.zone}）`,
  en: (a: ClockArgs) =>
    a.counts === 'working'
      ? `${a.target} of working time on calendar "${a.calendar}" (${a.zone})`
      : a.counts === 'elapsed'
        ? `${a.target} of elapsed time (nights, weekends and holidays count; ${a.zone})`
        : `on time by the agreed time; lateness in elapsed time (${a.zone})`,
};

const zhCN: ClockCatalogue = {
  separator: '；',
  dayKinds: { holiday: '节假日', rest: '休息日', makeup: '调休上班' },
  why: {
    created: '案件创建',
    event: '办理「{name}」',
    entered: '进入「{name}」',
    in: '处于「{name}」',
    left: '离开「{name}」',
    action: '手动操作',
    ended: '案件结束',
    agreed: '约定了时间',
  },
  units: { w: ' 周', d: ' 天', h: ' 小时', m: ' 分钟' },
  messages: {
    policy: (a) => `「${a.clock}」：${counting.zh(a)}`,
    started: (a) => `${a.at} 开始计时（${a.why}）`,
    targetInWorkingTime: (a) => `自开始起 ${a.target} 在此日历上为 ${a.span} 工作时间`,
    target: (a) => `目标 ${a.at}：自 ${a.from} 起还剩 ${a.remaining}`,
    countingBegins: (a) => `从下一个工作时间 ${a.at} 开始计算`,
    skippedDays: (a) => `不计或特殊计算的日子：${a.days}${a.more !== '0' ? `，另有 ${a.more} 天` : ''}`,
    appointmentLater: (a) => `客户预约时间 ${a.at} 晚于目标，截止时间以预约为准`,
    appointmentNotLater: (a) => `客户预约时间 ${a.at} 不晚于目标，目标不变`,
    noHolidaySchedule: (a) =>
      `日历「${a.calendar}」尚无 ${a.year} 年的节假日安排：该年只按每周工作时间计算，法定节假日未扣除`,
    deadline: (a) => `截止 ${a.at}`,
    agreedDeadline: (a) => `截止 ${a.at}：即约定时间，在此之前（含）完成即为按时`,
    stopped: (a) =>
      `${a.at} 停止计时（${a.why}），${a.verdict === 'whilePaused' ? '暂停期间停止' : a.verdict === 'late' ? `${a.agreed === '1' ? '晚于约定时间' : '超过截止时间'} ${a.late}` : a.agreed === '1' ? '按约定时间完成' : '在截止时间前完成'}${a.used ? `；已用 ${a.used}，共 ${a.targetSpan}` : ''}`,
    paused: (a) => `${a.at} 暂停计时（${a.why}）；已用 ${a.used}，共 ${a.targetSpan}`,
    resumed: (a) => `${a.at} 恢复计时（${a.why}），暂停了 ${a.pause}`,
    noAgreedTime: () => '尚未约定时间，暂无截止时间',
    agreedTimeChanged: (a) => `${a.at} 约定时间变更`,
    breachStands: () => '原约定时间的超时记录保留',
    deadlineRecomputed: (a) => `${a.at} 预约变更，重新计算截止时间`,
    thresholdReached: (a) =>
      `${a.at} ${a.kind === 'breach' ? '已超时' : a.kind === 'warning' ? '即将到期提醒' : `超时 ${a.after} 后升级`}`,
    recomputed: (a) => `${a.at} 按新发布的规则和日历重新计算：${counting.zh(a)}`,
    usedKept: (a) => `${a.at} 之前已用的 ${a.used} 保留`,
  },
};

const en: ClockCatalogue = {
  separator: '; ',
  dayKinds: { holiday: 'holiday', rest: 'rest day', makeup: 'make-up working day' },
  why: {
    created: 'case created',
    event: '"{name}"',
    entered: 'entered "{name}"',
    in: 'in "{name}"',
    left: 'left "{name}"',
    action: 'by hand',
    ended: 'the case ended',
    agreed: 'a time was agreed',
  },
  units: { w: ' week(s)', d: ' day(s)', h: 'h', m: ' min' },
  messages: {
    policy: (a) => `"${a.clock}": ${counting.en(a)}`,
    started: (a) => `Started ${a.at} (${a.why})`,
    targetInWorkingTime: (a) => `${a.target} from the start is ${a.span} of working time on this calendar`,
    target: (a) => `Target ${a.at}: ${a.remaining} remaining, counted from ${a.from}`,
    countingBegins: (a) => `Counting begins at the next working time, ${a.at}`,
    skippedDays: (a) =>
      `Days not counted or counted specially: ${a.days}${a.more !== '0' ? ` and ${a.more} more` : ''}`,
    appointmentLater: (a) => `The customer's appointment ${a.at} is later than the target: the deadline follows it`,
    appointmentNotLater: (a) => `The customer's appointment ${a.at} is not later than the target, which stands`,
    noHolidaySchedule: (a) =>
      `Calendar "${a.calendar}" has no holidays for ${a.year}: only its weekly hours count there, public holidays are not skipped`,
    deadline: (a) => `Deadline ${a.at}`,
    agreedDeadline: (a) => `Deadline ${a.at}: the agreed time, kept by finishing at or before it`,
    stopped: (a) =>
      `Stopped ${a.at} (${a.why}), ${a.verdict === 'whilePaused' ? 'while paused' : a.verdict === 'late' ? `${a.late} after the ${a.agreed === '1' ? 'agreed time' : 'deadline'}` : `at or before the ${a.agreed === '1' ? 'agreed time' : 'deadline'}`}${a.used ? `; ${a.used} of ${a.targetSpan} used` : ''}`,
    paused: (a) => `Paused ${a.at} (${a.why}); ${a.used} of ${a.targetSpan} used`,
    resumed: (a) => `Resumed ${a.at} (${a.why}) after a pause of ${a.pause}`,
    noAgreedTime: () => 'No time agreed yet: no deadline',
    agreedTimeChanged: (a) => `Agreed time changed ${a.at}`,
    breachStands: () => 'The miss of the earlier agreed time stands',
    deadlineRecomputed: (a) => `Deadline recomputed ${a.at}: the appointment changed`,
    thresholdReached: (a) =>
      `${a.at} ${a.kind === 'breach' ? 'missed: the deadline passed' : a.kind === 'warning' ? 'nearly due' : `escalated ${a.after} after the miss`}`,
    recomputed: (a) => `Recomputed ${a.at} with the published rules and calendar: ${counting.en(a)}`,
    usedKept: (a) => `${a.used} used before ${a.at} is kept`,
  },
};

export const clockCatalogues: Readonly<Record<Locale, ClockCatalogue>> = { 'zh-CN': zhCN, en };
