// The embeddable components: importing this module defines every element — <sf-form>,
// <sf-signature-pad>, <sf-outbox-status>, <sf-case-list>, <sf-case>, <sf-ledger>, <sf-scorecard>,
// <sf-users>, <sf-change-password> and the staff app <sf-app> — and registers every built-in field type.
// <sf-definition-editor>
// comes with loadDefinitionEditor() (the staff app loads it when an administrator opens it).
export { SfForm } from './components/sf-form.ts';
export { SfSignaturePad, type SignatureValue } from './components/sf-signature-pad.ts';
export { SfOutboxStatus } from './components/sf-outbox-status.ts';
export { SfCaseList, type CaseListScope } from './components/sf-case-list.ts';
export { SfCase } from './components/sf-case.ts';
export { SfCaseSummary } from './components/sf-case-summary.ts';
export { SfLedger, formatLedgerValue } from './components/sf-ledger.ts';
export { SfScorecard } from './components/sf-scorecard.ts';
// The definitions editor (CodeMirror and the whole definitions validator) is loaded on demand, so
// pages embedding a form do not download it: `await loadDefinitionEditor()` defines it.
export const loadDefinitionEditor = () => import('./components/sf-definition-editor.ts');
export type { SfDefinitionEditor, DiffLine } from './components/sf-definition-editor.ts';
// The versions page (published versions, their open cases, migrating them), on demand as well.
export const loadDefinitionVersions = () => import('./components/sf-definition-versions.ts');
export type { SfDefinitionVersions } from './components/sf-definition-versions.ts';
export { SfMonthlyReport, formatMeasure, type ReportMeasure } from './components/sf-monthly-report.ts';
export { SfRecords, type RecordType } from './components/sf-records.ts';
export { SfUsers } from './components/sf-users.ts';
export { SfChangePassword } from './components/sf-change-password.ts';
export { SfApp, NAVIGATION, parseRoute, routeHash, type AppRoute } from './app/sf-app.ts';
export { ApiClient, ApiError, LOGIN_EXPIRED, type ApiClientOptions, type ProblemDocument } from './api/client.ts';
export type * from './api/types.ts';
export { formForEvent } from './components/form-from-schema.ts';
export type { FormInput } from './components/resolve-form.ts';
export type { FormRuntime, FormEvaluation, FormValidation } from './components/form-runtime.ts';
export { fieldTypes, type FieldContext, type FieldRenderer } from './fields/index.ts';
export { createDrafts, createOutbox, drafts, type Outbox, type OutboxEntry } from './offline/index.ts';
export { translator, uiCatalogues } from './i18n/index.ts';
export { appTranslator, appCatalogues } from './i18n/app-messages.ts';
