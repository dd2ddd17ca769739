import type { Locale } from '../../engine/localized.ts';
import { catalogueTranslator } from './translate.ts';

/**
 * Words of the customer's portal and of the inbox (the app's other words are in app-messages.ts).
 * zh-CN is the default; every key exists in both languages.
 */
const zhCN = {
  portalProgress: '办理进度',
  portalStepDone: '已完成',
  portalStepCurrent: '进行中',
  portalStepTodo: '未开始',
  portalFinished: '已办结',
  portalTechnician: '服务人员',
  portalCall: '拨打 {phone}',
  portalAppointment: '预约时间',
  portalRequest: '您提交的信息',
  portalReplies: '答复',
  portalNoReplies: '暂无答复',
  portalActions: '您可以',
  portalRateTitle: '请评价本次服务',
  portalRateHint: '服务已完成，您的评价将帮助我们改进服务。',
  portalRated: '感谢您的评价',
  portalRatedAs: '您的评价：{rating}',
  portalSent: '已提交：{title}',
  portalSubmittedOn: '提交时间',
  yes: '是',
  no: '否',
  inbox: '通知',
  inboxBell: '通知 {count} 条未读',
  inboxEmpty: '暂无通知',
  inboxMarkAll: '全部标为已读',
  inboxOpenCase: '打开案件',
  inboxUnreadMark: '未读',
};

type PortalMessageKey = keyof typeof zhCN;

const en: Record<PortalMessageKey, string> = {
  portalProgress: 'Progress',
  portalStepDone: 'Done',
  portalStepCurrent: 'In progress',
  portalStepTodo: 'Not started',
  portalFinished: 'Finished',
  portalTechnician: 'Your service contact',
  portalCall: 'Call {phone}',
  portalAppointment: 'Appointment',
  portalRequest: 'What you told us',
  portalReplies: 'Replies',
  portalNoReplies: 'No replies yet',
  portalActions: 'You can',
  portalRateTitle: 'Please rate the service',
  portalRateHint: 'The work is done; your rating helps us improve.',
  portalRated: 'Thank you for your rating',
  portalRatedAs: 'Your rating: {rating}',
  portalSent: 'Sent: {title}',
  portalSubmittedOn: 'Submitted',
  yes: 'Yes',
  no: 'No',
  inbox: 'Notifications',
  inboxBell: 'Notifications {count} unread',
  inboxEmpty: 'No notifications',
  inboxMarkAll: 'Mark all as read',
  inboxOpenCase: 'Open the case',
  inboxUnreadMark: 'Unread',
};

const catalogues: Readonly<Record<Locale, Readonly<Record<PortalMessageKey, string>>>> = { 'zh-CN': zhCN, en };

export type PortalTranslate = (key: PortalMessageKey, params?: Record<string, string | number>) => string;

export function portalTranslator(locale: Locale): PortalTranslate {
  return catalogueTranslator(catalogues, locale);
}
