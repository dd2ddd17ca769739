/**
 * What the HTTP API answers and accepts, as the browser reads it: every type here is read from the
 * schemas the server validates with and answers by (contract/types.ts, itself `Static<typeof …>` of
 * contract/schemas/*). The imports are type-only, so nothing of TypeBox enters the bundle, and a
 * component that reads a field the server does not send fails `npm run typecheck`.
 */
export type {
  AdminNotice,
  ArchiveRecord,
  AvailableEvent,
  CaseEventInput,
  CaseLink,
  CaseList,
  CaseQuery,
  CaseSummary,
  CaseView,
  CategoryScore,
  Deadline,
  DefinitionSummary,
  DefinitionView,
  Directory,
  EffectNote,
  FormView,
  HistoryEntry,
  ImpactJob,
  ImpactReport,
  Inbox,
  InboxItem,
  Ledger,
  LedgerColumn,
  LedgerQuery,
  LedgerRow,
  LoginResult,
  ManagedUser,
  Migration,
  MigrationCase,
  Migrations,
  MonthlyReport,
  NewUser,
  OtherDefinitionView,
  Person,
  PointChange,
  PortalCase,
  PortalField,
  PortalRating,
  PortalReply,
  PortalStep,
  PortalSummary,
  Published,
  RecordCases,
  RecordLookup,
  RecordTypeSummary,
  RecordWithHistory,
  ScenarioResult,
  Scorecard,
  Scorecards,
  Settings,
  StateValue,
  SummaryField,
  Unread,
  UserChange,
  Validation,
  VersionFiles,
  VersionSummary,
  ViewField,
  ViewSection,
  WorkflowEvent,
  WorkflowState,
  WorkflowView,
} from '../../contract/types.ts';
import type { CaseSummary, EffectNote, Me } from '../../contract/types.ts';

/** The logged-in user (GET /api/me, and the `user` of a login). */
export type User = Me;

/** The active leaf state paths the server sends (`['handling.hq']`). */
export type CaseState = CaseSummary['state'];

/** Usernames and ids, epoch-millisecond instants, Localized titles, lists of usernames. */
export type NoteArg = Extract<EffectNote, { readonly args: unknown }>['args'][string];

/** A page of a list: `next` is the `cursor` of the following page, null on the last. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/** One message of `GET /api/stream` (server-sent events, not JSON: the stream's own framing). */
export interface StreamMessage {
  readonly event: string;
  readonly data: unknown;
  readonly id?: string;
}
