export { translator, type Translate } from './translate.ts';
export { uiCatalogues, type UiMessageKey } from './messages.ts';
