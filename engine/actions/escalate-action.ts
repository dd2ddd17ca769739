import { checkRole } from './check-role.ts';
import type { ActionType } from './action-type.ts';
import { resolveUnit, usersWithRole } from '../runtime/unit-ref.ts';
import { queueNotification } from '../notify/queue-notification.ts';
import { note } from '../runtime/note.ts';
import { say } from '../definitions/said.ts';

interface EscalateParams {
  readonly role: string;
  readonly unit?: string;
  readonly mode?: 'reassign' | 'watch';
  readonly template?: string;
  readonly urgent?: boolean;
}

/**
 * `escalate: { role: vice-president, unit: parent, mode: watch, template: x, urgent: true }` —
 * finds the role from the given unit upwards, then reassigns the case or adds a watcher (CMP-6).
 */
export const escalateAction: ActionType = {
  type: 'escalate',
  schema: {
    type: 'object',
    required: ['role'],
    additionalProperties: false,
    properties: {
      role: { type: 'string' },
      unit: { type: 'string', description: 'Where to start looking upwards: parent (default), root, case.' },
      mode: { enum: ['reassign', 'watch'] },
      template: { type: 'string' },
      urgent: { type: 'boolean' },
    },
  },
  check(params, pointer, index, report) {
    const p = params as EscalateParams;
    checkRole(`${pointer}/role`, p.role, index, report);
    if (p.template && !index.get('NotificationTemplate', p.template)) {
      report(
        `${pointer}/template`,
        'UNKNOWN_REFERENCE',
        say('action.unknownNotificationTemplate', { template: p.template }),
      );
    }
  },
  run(raw, ctx) {
    const p = raw as EscalateParams;
    const start = resolveUnit(p.unit ?? 'parent', ctx) ?? ctx.set.org.root;
    const found = usersWithRole(ctx, p.role, start, true);
    const roleTitle = ctx.set.org.roleTitle(p.role);
    if (found.length === 0) {
      ctx.effects.notes.push(note('escalationNobody', { role: p.role, roleTitle }));
      return;
    }
    if ((p.mode ?? 'watch') === 'reassign') ctx.draft.assignee = found[0]!;
    else for (const u of found) if (!ctx.draft.watchers.includes(u)) ctx.draft.watchers.push(u);
    if (p.template)
      for (const u of found) queueNotification(ctx, { template: p.template, username: u, urgent: p.urgent ?? true });
    ctx.effects.notes.push(
      note(p.mode === 'reassign' ? 'escalatedReassign' : 'escalatedWatch', { role: p.role, roleTitle, people: found }),
    );
  },
};
