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
    recordLinked: (a) => `已关联${a.type} ${a.record}`,
    recordCreated: (a) => `已新建${a.type} ${a.record}`,
    recordNotCreated: (a) => `未能新建${a.type}：${a.why}`,
    caseStarted: (a) => `已发起${a.workflow} ${a.case}`,
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
    recordLinked: (a) => `Linked ${a.type} ${a.record}`,
    recordCreated: (a) => `Created ${a.type} ${a.record}`,
    recordNotCreated: (a) => `No ${a.type} created: ${a.why}`,
    caseStarted: (a) => `Started ${a.workflow} ${a.case}`,
  },
};

export const noteCatalogues: Readonly<Record<Locale, NoteCatalogue>> = { 'zh-CN': zhCN, en };
