import type { Locale } from '../../engine/localized.ts';
import { catalogueTranslator } from './translate.ts';

/**
 * Words of the phone layout and the worklist's sorting, searching and assigning several cases at
 * once (issue 15, items 3 and 8). zh-CN is the default; every key exists in both languages.
 */
const zhCN = {
  menu: '菜单',
  sortAscending: '按{column}升序排列',
  sortDescending: '按{column}降序排列',
  sortedAscending: '升序',
  sortedDescending: '降序',
  searchHint: '编号、客户、电话…',
  selectCase: '选择案件 {id}',
  selectAll: '选择全部',
  selectedCount: '已选 {count} 件',
  bulkAction: '批量操作',
  bulkApply: '对所选案件执行',
  bulkClear: '取消选择',
  bulkNoCommon: '所选案件没有共同可执行的操作',
  bulkRunning: '正在处理 {done}/{count}…',
  bulkDone: '{ok} 件已完成，{failed} 件失败',
  bulkFailed: '{id}：{reason}',
  bulkOk: '{id}：已完成',
  call: '拨打 {number}',
  map: '在地图中查看 {address}',
  callShort: '拨打',
  mapShort: '地图',
  filters: '筛选',
  filtersActive: '筛选，已设 {count} 项',
} as const;

export type WorklistMessageKey = keyof typeof zhCN;

const en: Record<WorklistMessageKey, string> = {
  menu: 'Menu',
  sortAscending: 'Sort by {column}, ascending',
  sortDescending: 'Sort by {column}, descending',
  sortedAscending: 'ascending',
  sortedDescending: 'descending',
  searchHint: 'Number, customer, phone…',
  selectCase: 'Select case {id}',
  selectAll: 'Select all',
  selectedCount: '{count} selected',
  bulkAction: 'Action on several cases',
  bulkApply: 'Apply to the selected cases',
  bulkClear: 'Clear selection',
  bulkNoCommon: 'The selected cases have no action in common',
  bulkRunning: 'Working {done}/{count}…',
  bulkDone: '{ok} done, {failed} failed',
  bulkFailed: '{id}: {reason}',
  bulkOk: '{id}: done',
  call: 'Call {number}',
  map: 'Show {address} on a map',
  callShort: 'Call',
  mapShort: 'Map',
  filters: 'Filters',
  filtersActive: 'Filters, {count} set',
};

const catalogues: Record<Locale, Record<WorklistMessageKey, string>> = { 'zh-CN': zhCN, en };

export type WorklistTranslate = (key: WorklistMessageKey, params?: Record<string, string | number>) => string;

export function worklistTranslator(locale: Locale): WorklistTranslate {
  return catalogueTranslator(catalogues, locale);
}

export const worklistCatalogues = catalogues;
