import type { Locale } from '../../engine/localized.ts';
import { catalogueTranslator } from './translate.ts';

/** Words of the case page's summary, its formatted values and the archive lookup; every key in both languages. */
const zhCN = {
  summary: '案件概要',
  yes: '是',
  no: '否',
  call: '拨打 {phone}',
  openMap: '在地图中查看',
  signedBy: '{signer} 签于 {at}',
  signedAt: '签于 {at}',
  signatureOf: '{label}的签名',
  attachment: '{name}（{size}）',
  preview: '预览 {name}',
  row: '第 {n} 行',
  prefillUpdated: '登记信息已更新，表单中未改动的项已换为当前值：{fields}',
  lookupTitle: '档案中的客户',
  lookupFill: '填入',
  lookupFilled: '已从档案填入：{fields}',
  lookupCases: '以往案件',
  lookupNoCases: '暂无以往案件',
  lookupProducts: '产品',
  lookupDismiss: '不是此客户',
};

const en: Record<keyof typeof zhCN, string> = {
  summary: 'Case summary',
  yes: 'Yes',
  no: 'No',
  call: 'Call {phone}',
  openMap: 'Show on a map',
  signedBy: 'signed by {signer} on {at}',
  signedAt: 'signed on {at}',
  signatureOf: 'Signature: {label}',
  attachment: '{name} ({size})',
  preview: 'Preview {name}',
  row: 'Row {n}',
  prefillUpdated: 'The registration changed; fields you had not edited now show the current value: {fields}',
  lookupTitle: 'Customer in the archive',
  lookupFill: 'Fill in',
  lookupFilled: 'Filled in from the archive: {fields}',
  lookupCases: 'Earlier cases',
  lookupNoCases: 'No earlier cases',
  lookupProducts: 'Products',
  lookupDismiss: 'Not this customer',
};

export type CasePageMessageKey = keyof typeof zhCN;
export type CasePageTranslate = (key: CasePageMessageKey, params?: Record<string, string | number>) => string;

export const casePageCatalogues: Record<Locale, Record<CasePageMessageKey, string>> = { 'zh-CN': zhCN, en };

export function casePageTranslator(locale: Locale): CasePageTranslate {
  return catalogueTranslator(casePageCatalogues, locale);
}
