import { calendarKind } from '../../calendar/index.ts';
import { formKind } from '../../forms/index.ts';
import { notificationTemplateKind } from '../../notify/notification-template-kind.ts';
import { organizationKind } from '../../org/organization-kind.ts';
import { scorecardKind } from '../../scoring/scorecard-kind.ts';
import { slaPolicyKind } from '../../sla/sla-policy-kind.ts';
import { ledgerKind, monthlyReportKind } from '../../reports/index.ts';
import { scheduleKind } from '../../schedules/schedule-kind.ts';
import { workflowKind } from '../../workflows/workflow-kind.ts';
import type { KindDefinition } from '../kind.ts';
import { recordTypeKind, scenarioKind, scriptKind, serviceLineKind } from './simple-kinds.ts';

/** Every kind the loader understands. A new kind is a schema, a KindDefinition and one line here. */
export const allKinds: readonly KindDefinition[] = [
  organizationKind,
  calendarKind,
  formKind,
  workflowKind,
  slaPolicyKind,
  scorecardKind,
  notificationTemplateKind,
  scriptKind,
  serviceLineKind,
  recordTypeKind,
  ledgerKind,
  monthlyReportKind,
  scheduleKind,
  scenarioKind,
];
