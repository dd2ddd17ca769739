import type { Locale } from '../../engine/localized.ts';
import type { NoteCode } from '../../engine/runtime/note.ts';

/**
 * A note's args as a reader sees them (see ui/components/note-line.ts): people by name, lists
 * joined, titles in the language (the name where the definition has no title), instants in the
 * view's time zone. Every arg the engine writes for the code is there (lists may be ''), and `to`:
 * the people and addresses of the note together.
 */
export type ReadArgs = Readonly<Record<string, string>>;

export interface NoteCatalogue {
  /** Between the names of a list, as the language joins one. */
  readonly separator: string;
  /** One line per code the engine writes; typed by the engine's codes, so a new code needs both languages. */
  readonly messages: Readonly<Record<NoteCode, (a: ReadArgs) => string>>;
}

const zhCN: NoteCatalogue = {
  separator: '、',
  messages: {
    assigned: (a) => `已指派给 ${a.person}`,
    assignNobody: (a) => `无人可指派（${a.rule}）`,
    recordNames: (a) => (a.person ? `${a.type} ${a.record} 指定 ${a.person}` : `${a.type} ${a.record} 未指定人员`),
    notified: (a) => (a.to ? `已通知 ${a.to}（${a.template}）` : `无人可通知（${a.template}）`),
    watchers: (a) => `关注人：${a.people}`,
    escalatedWatch: (a) => `已升级至${a.role}：${a.people} 关注此案件`,
    escalatedReassign: (a) => `已升级至${a.role}：转交 ${a.people}`,
    escalationNobody: (a) => `无法升级：无人担任${a.role}`,
    clockStarted: (a) => `时限「${a.clock}」开始计时，截止 ${a.deadline}`,
    clockStopped: (a) => `时限「${a.clock}」停止计时`,
    clockPaused: (a) => `时限「${a.clock}」暂停计时`,
    clockResumed: (a) => `时限「${a.clock}」恢复计时，截止 ${a.deadline}`,
    clockDeadlineMoved: (a) => `时限「${a.clock}」截止时间改为 ${a.deadline}`,
    recordLinked: (a) => `已关联${a.type} ${a.recordTitle || a.record}`,
    recordCreated: (a) => `已新建${a.type} ${a.recordTitle || a.record}`,
    recordNotCreated: (a) => `未能新建${a.type}：${a.why}`,
    caseStarted: (a) => `已发起${a.workflow} ${a.case}`,
    clockNotStartedNoTime: (a) => `时限「${a.clock}」未开始计时：尚未约定时间`,
    clockNotStarted: (a) =>
      a.condition === 'appliesWhen'
        ? `时限「${a.clock}」不适用于本案件，未计时`
        : `时限「${a.clock}」此时不计时（条件未满足）`,
    clockResumedNoTime: (a) => `时限「${a.clock}」恢复计时，尚未约定时间`,
    clockNoPolicy: (a) => `时限「${a.clock}」已不在当前定义版本中`,
    clockExpressionFailed: (a) =>
      a.expression === 'deadlineFrom'
        ? `时限「${a.clock}」无法读取预约时间，仍按原定目标计`
        : `时限「${a.clock}」无法读取约定时间`,
    clockPolicyGone: (a) => `时限「${a.clock}」的规则已不在新版本中，保持不变`,
    calendarNoSchedule: (a) =>
      `时限「${a.clock}」：日历「${a.calendar}」尚无 ${a.year} 年的节假日安排，该年法定节假日未扣除`,
    clockThreshold: (a) =>
      a.kind === 'breach'
        ? `时限「${a.clock}」已超时`
        : a.kind === 'warning'
          ? `时限「${a.clock}」即将到期`
          : `时限「${a.clock}」超时升级`,
    clockTimerIgnored: (a) => `时限「${a.clock}」的提醒已不适用，未处理`,
    signalSent: (a) => (a.event ? `已向关联案件 ${a.cases} 发送「${a.event}」` : `已通知关联案件 ${a.cases}`),
    signalNoTarget: (a) => (a.event ? `没有可通知的关联案件（${a.event}）` : '没有可通知的关联案件'),
    scoreFact: (a) => (a.fact ? `记入考核：${a.fact}（${a.unit}）` : `记入考核（${a.unit}）`),
    userFact: (a) => `已更新 ${a.person} 的人员记录`,
    migrated: (a) => `由定义版本 ${a.fromSeq} 迁移至版本 ${a.toSeq}：${a.reason}`,
  },
};

const en: NoteCatalogue = {
  separator: ', ',
  messages: {
    assigned: (a) => `Assigned to ${a.person}`,
    assignNobody: (a) => `Nobody to assign (${a.rule})`,
    recordNames: (a) => (a.person ? `${a.type} ${a.record} names ${a.person}` : `${a.type} ${a.record} names nobody`),
    notified: (a) => (a.to ? `Notified ${a.to} (${a.template})` : `Nobody to notify (${a.template})`),
    watchers: (a) => `Watchers: ${a.people}`,
    escalatedWatch: (a) => `Escalated to ${a.role}: ${a.people} now watching`,
    escalatedReassign: (a) => `Escalated to ${a.role}: reassigned to ${a.people}`,
    escalationNobody: (a) => `Cannot escalate: nobody is ${a.role}`,
    clockStarted: (a) => `Time limit "${a.clock}" started, due ${a.deadline}`,
    clockStopped: (a) => `Time limit "${a.clock}" stopped`,
    clockPaused: (a) => `Time limit "${a.clock}" paused`,
    clockResumed: (a) => `Time limit "${a.clock}" resumed, due ${a.deadline}`,
    clockDeadlineMoved: (a) => `Time limit "${a.clock}" now due ${a.deadline}`,
    recordLinked: (a) => `Linked ${a.type} ${a.recordTitle || a.record}`,
    recordCreated: (a) => `Created ${a.type} ${a.recordTitle || a.record}`,
    recordNotCreated: (a) => `No ${a.type} created: ${a.why}`,
    caseStarted: (a) => `Started ${a.workflow} ${a.case}`,
    clockNotStartedNoTime: (a) => `Time limit "${a.clock}" not started: no time agreed yet`,
    clockNotStarted: (a) =>
      a.condition === 'appliesWhen'
        ? `Time limit "${a.clock}" does not apply to this case`
        : `Time limit "${a.clock}" not started: its condition does not hold now`,
    clockResumedNoTime: (a) => `Time limit "${a.clock}" resumed, no time agreed yet`,
    clockNoPolicy: (a) => `Time limit "${a.clock}" is not in this definition version`,
    clockExpressionFailed: (a) =>
      a.expression === 'deadlineFrom'
        ? `Time limit "${a.clock}": the appointment could not be read; the target stands`
        : `Time limit "${a.clock}": the agreed time could not be read`,
    clockPolicyGone: (a) => `Time limit "${a.clock}" is not in the new version; left unchanged`,
    calendarNoSchedule: (a) =>
      `Time limit "${a.clock}": calendar "${a.calendar}" has no holidays for ${a.year}; that year's public holidays are not skipped`,
    clockThreshold: (a) =>
      a.kind === 'breach'
        ? `Time limit "${a.clock}" missed`
        : a.kind === 'warning'
          ? `Time limit "${a.clock}" nearly due`
          : `Time limit "${a.clock}" escalated`,
    clockTimerIgnored: (a) => `A reminder of time limit "${a.clock}" no longer applied`,
    signalSent: (a) => (a.event ? `Sent "${a.event}" to linked case ${a.cases}` : `Told linked case ${a.cases}`),
    signalNoTarget: (a) => (a.event ? `No linked case to tell (${a.event})` : 'No linked case to tell'),
    scoreFact: (a) =>
      a.fact ? `Counted for the scorecard: ${a.fact} (${a.unit})` : `Counted for the scorecard (${a.unit})`,
    userFact: (a) => `Updated the staff record of ${a.person}`,
    migrated: (a) => `Moved from definition version ${a.fromSeq} to ${a.toSeq}: ${a.reason}`,
  },
};

export const noteCatalogues: Readonly<Record<Locale, NoteCatalogue>> = { 'zh-CN': zhCN, en };
