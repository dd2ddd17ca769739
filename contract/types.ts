import type { Static, TSchema } from 'typebox';
import type { Immutable } from './route.ts';
import type * as cases from './schemas/cases.ts';
import type * as common from './schemas/common.ts';
import type * as definitions from './schemas/definitions.ts';
import type * as definitionView from './schemas/definition-view.ts';
import type * as impact from './schemas/impact.ts';
import type * as inbox from './schemas/inbox.ts';
import type * as migration from './schemas/migration.ts';
import type * as records from './schemas/records.ts';
import type * as reports from './schemas/reports.ts';
import type * as users from './schemas/users.ts';

/**
 * The bodies of the HTTP API as TypeScript types, read from the schemas the server validates with
 * and answers by (contract/routes.ts): the server's handlers are checked against them, and the
 * browser imports them (type-only, ui/api/types.ts), so neither can drift from the other.
 */
type Body<T extends TSchema> = Immutable<Static<T>>;

export type Problem = Body<typeof common.Problem>;
export type Localized = Body<typeof common.Localized>;

export type Me = Body<typeof users.Me>;
export type ManagedUser = Body<typeof users.ManagedUser>;
export type NewUser = Body<typeof users.NewUser>;
export type UserChange = Body<typeof users.UserChange>;
export type LoginResult = Body<typeof users.LoginResult>;
export type Directory = Body<typeof users.Directory>;
export type Person = Body<typeof users.Person>;
export type Settings = Body<typeof users.Settings>;

export type CaseSummary = Body<typeof cases.CaseSummary>;
export type CaseView = Body<typeof cases.CaseView>;
export type PortalSummary = Body<typeof cases.PortalSummary>;
export type PortalCase = Body<typeof cases.PortalCase>;
export type PortalField = Body<typeof cases.PortalField>;
export type PortalStep = Body<typeof cases.PortalStep>;
export type PortalReply = Body<typeof cases.PortalReply>;
export type PortalRating = Body<typeof cases.PortalRating>;
export type CaseList = Body<typeof cases.CaseList>;
export type CaseQuery = Body<typeof cases.CaseQuery>;
export type NewCase = Body<typeof cases.NewCase>;
export type CaseEventInput = Body<typeof cases.CaseEvent>;
export type Deadline = Body<typeof cases.Deadline>;
export type HistoryEntry = Body<typeof cases.HistoryEntry>;
export type EffectNote = Body<typeof cases.EffectNote>;
export type AvailableEvent = Body<typeof cases.AvailableEvent>;
export type CaseLink = Body<typeof cases.CaseLink>;
export type StateValue = Body<typeof cases.StateValue>;

export type DefinitionSummary = Body<typeof definitions.DefinitionSummary>;
export type DefinitionView = Body<typeof definitionView.DefinitionView>;
export type WorkflowView = Body<typeof definitionView.WorkflowView>;
export type WorkflowState = Body<typeof definitionView.WorkflowState>;
export type WorkflowEvent = Body<typeof definitionView.WorkflowEvent>;
export type SummaryField = Body<typeof definitionView.SummaryField>;
export type RecordLookup = Body<typeof definitionView.RecordLookup>;
export type ViewSection = Body<typeof definitionView.ViewSection>;
export type ViewField = Body<typeof definitionView.ViewField>;
export type FormView = Body<typeof definitionView.FormView>;
export type LayoutField = Body<typeof definitionView.LayoutField>;
export type OtherDefinitionView = Body<typeof definitionView.OtherDefinitionView>;
export type AdminNotice = Body<typeof definitions.AdminNotice>;
export type VersionSummary = Body<typeof definitions.VersionSummary>;
export type Validation = Body<typeof definitions.Validation>;
export type ImpactJob = Body<typeof definitions.ImpactJob>;
export type Published = Body<typeof definitions.Published>;
export type ScenarioResult = Body<typeof definitions.ScenarioResult>;
export type VersionFiles = Body<typeof definitions.VersionFiles>;
export type ImpactReport = Body<typeof impact.ImpactReport>;

export type Migration = Body<typeof migration.Migration>;
export type MigrationCase = Body<typeof migration.MigrationCase>;
export type Migrations = Body<typeof migration.Migrations>;

export type InboxItem = Body<typeof inbox.InboxItem>;
export type Inbox = Body<typeof inbox.Inbox>;
export type Unread = Body<typeof inbox.Unread>;

export type ArchiveRecord = Body<typeof records.ArchiveRecord>;
export type RecordWithHistory = Body<typeof records.RecordWithHistory>;
export type RecordTypeSummary = Body<typeof records.RecordTypeSummary>;
export type RecordCases = Body<typeof records.RecordCases>;

export type LedgerQuery = Body<typeof reports.LedgerQuery>;
export type Ledger = Body<typeof reports.Ledger>;
export type LedgerRow = Body<typeof reports.LedgerRow>;
export type LedgerColumn = Body<typeof reports.LedgerColumn>;
export type Scorecard = Body<typeof reports.Scorecard>;
export type CategoryScore = Body<typeof reports.CategoryScore>;
export type PointChange = Body<typeof reports.PointChange>;
export type MonthlyReport = Body<typeof reports.MonthlyReport>;
export type Scorecards = Body<typeof reports.Scorecards>;
