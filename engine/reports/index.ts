export { LEDGER_READ_TIME, ledgerKind, type LedgerColumn, type LedgerSpec } from './ledger-kind.ts';
export { monthlyReportKind, type MeasureSpec, type MonthlyReportSpec } from './monthly-report-kind.ts';
export { ledgerRow, instantOf } from './ledger-row.ts';
export { ledgerLabels, labelledField, type FormLookup } from './ledger-labels.ts';
export { measureContributions, type Contributions } from './report-measures.ts';
export { reportFacts, REPORT_FACTS, type ReportFacts } from './report-facts.ts';
