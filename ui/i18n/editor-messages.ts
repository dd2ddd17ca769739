import type { Locale } from '../../engine/localized.ts';
import { catalogueTranslator } from './translate.ts';

/** Words of the definitions editor, its impact tab and the versions page; every key in both languages. */
const zhCN = {
  checking: '正在检查…',
  checkFailed: '暂时无法检查：{detail}。已输入的内容不会丢失，继续输入会再次检查。',
  searchFiles: '搜索文件',
  searchPlaceholder: '名称、标题或路径',
  noMatch: '没有匹配的文件',
  groupCount: '{count} 个',
  fileErrors: '{count} 处错误',
  fileChanged: '已修改',
  kindWorkflow: '流程',
  kindForm: '表单',
  kindSlaPolicy: '服务时限（SLA）',
  kindScorecard: '考核计分',
  kindOrganization: '组织机构',
  kindCalendar: '工作日历',
  kindServiceLine: '服务条线',
  kindNotificationTemplate: '通知模板',
  kindScript: '服务话术',
  kindRecordType: '档案',
  kindLedger: '台账',
  kindMonthlyReport: '月度报告',
  kindSchedule: '定时任务',
  kindScenario: '场景测试',
  kindOther: '其他',
  tabEdit: '编辑',
  tabImpact: '影响',
  confirmTitle: '确认发布',
  confirmIntro: '以下检查显示，此次修改会让一些情况变差：',
  confirmScenarios: '{count} 个场景测试失败',
  confirmImpact: '影响评估：{what}',
  confirmPublish: '仍然发布',
  confirmCancel: '暂不发布',
  confirmChecking: '发布前正在运行场景测试…',
};

const en: Record<keyof typeof zhCN, string> = {
  checking: 'Checking…',
  checkFailed: 'Cannot check right now: {detail}. Nothing typed is lost; typing checks again.',
  searchFiles: 'Search files',
  searchPlaceholder: 'Name, title or path',
  noMatch: 'No file matches',
  groupCount: '{count}',
  fileErrors: '{count} error(s)',
  fileChanged: 'changed',
  kindWorkflow: 'Workflows',
  kindForm: 'Forms',
  kindSlaPolicy: 'Service levels (SLA)',
  kindScorecard: 'Scorecards',
  kindOrganization: 'Organization',
  kindCalendar: 'Calendars',
  kindServiceLine: 'Service lines',
  kindNotificationTemplate: 'Notification templates',
  kindScript: 'Service scripts',
  kindRecordType: 'Archives',
  kindLedger: 'Ledgers',
  kindMonthlyReport: 'Monthly reports',
  kindSchedule: 'Schedules',
  kindScenario: 'Scenarios',
  kindOther: 'Other',
  tabEdit: 'Edit',
  tabImpact: 'Impact',
  confirmTitle: 'Publish anyway?',
  confirmIntro: 'These checks show the change makes some things worse:',
  confirmScenarios: '{count} scenario(s) fail',
  confirmImpact: 'Impact: {what}',
  confirmPublish: 'Publish anyway',
  confirmCancel: 'Do not publish',
  confirmChecking: 'Running the scenarios before publishing…',
};

export type EditorMessageKey = keyof typeof zhCN;
export type EditorTranslate = (key: EditorMessageKey, params?: Record<string, string | number>) => string;

export const editorCatalogues: Record<Locale, Record<EditorMessageKey, string>> = { 'zh-CN': zhCN, en };

export function editorTranslator(locale: Locale): EditorTranslate {
  return catalogueTranslator(editorCatalogues, locale);
}
