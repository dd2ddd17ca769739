import { checkRole } from './check-role.ts';
import type { ActionType } from './action-type.ts';
import { resolveUnit, usersWithRole } from '../runtime/unit-ref.ts';
import { note } from '../runtime/note.ts';
import { knownList, say } from '../definitions/said.ts';

interface AssignParams {
  readonly to?: string;
  readonly role?: string;
  readonly unit?: string;
  readonly upward?: boolean;
  readonly fromRecord?: {
    readonly type: string;
    readonly match: Readonly<Record<string, unknown>>;
    readonly field: string;
  };
}

/**
 * `assign: { to: '=event.technician' }`, `assign: { role: repair-technician, unit: case }`, or
 * `assign: { fromRecord: { type: duty-roster, match: { date: '=clock.date', unit: '=case.unit' }, field: staff } }`
 * (the username in `field` of the first archive record, by id, whose data matches; SL-2 duty roster).
 * When nobody is found the assignee stays as it was, so a fallback can be assigned before.
 * With a role, the case goes to the holder with the fewest… we have no load figures in a pure step,
 * so the choice rotates by case id: deterministic, and spreads cases evenly over the holders.
 */
export const assignAction: ActionType = {
  type: 'assign',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      to: { type: 'string', description: "A username or an expression such as '=event.technician'." },
      role: { type: 'string' },
      unit: { type: 'string', description: "case (default), parent, root, actor, a unit name or '=expr'" },
      upward: { type: 'boolean', description: 'Search the units above when the unit has nobody with the role.' },
      fromRecord: {
        type: 'object',
        required: ['type', 'match', 'field'],
        additionalProperties: false,
        description: 'Assign the user named in an archive record, e.g. whoever the duty roster has on duty today.',
        properties: {
          type: { type: 'string', description: 'A RecordType.', examples: ['duty-roster'] },
          match: {
            type: 'object',
            minProperties: 1,
            description: 'Fields the record must have, values or expressions.',
            examples: [{ date: '=clock.date', unit: '=case.unit' }],
          },
          field: { type: 'string', description: 'The record field holding the username.', examples: ['staff'] },
        },
      },
    },
  },
  check(params, pointer, index, report) {
    checkRole(`${pointer}/role`, (params as AssignParams).role, index, report);
    const from = (params as AssignParams).fromRecord;
    if (!from) return;
    const type = index.get<{ form: string }>('RecordType', from.type);
    if (!type) {
      report(`${pointer}/fromRecord/type`, 'UNKNOWN_REFERENCE', say('action.unknownRecordtype', { type: from.type }), {
        hint: knownList(index.names('RecordType')),
      });
      return;
    }
    const form = index.get<{ fields: { name: string }[] }>('Form', type.spec.form);
    if (!form) return; // the RecordType reports its own form
    const fields = new Set(form.spec.fields.map((f) => f.name));
    const hint = say('fieldsOf', { type: from.type, names: [...fields] });
    if (!fields.has(from.field))
      report(
        `${pointer}/fromRecord/field`,
        'UNKNOWN_REFERENCE',
        say('action.recordsHaveNoField', { type: from.type, field: from.field }),
        {
          hint,
        },
      );
    for (const key of Object.keys(from.match)) {
      if (!fields.has(key))
        report(
          `${pointer}/fromRecord/match/${key}`,
          'UNKNOWN_REFERENCE',
          say('action.recordsHaveNoField2', { type: from.type, key }),
          { hint },
        );
    }
  },
  run(raw, ctx) {
    const p = raw as AssignParams;
    let chosen: string | null = null;
    if (p.to) {
      const v = ctx.value(p.to);
      chosen = typeof v === 'string' && v ? v : null;
    } else if (p.role) {
      const unit = resolveUnit(p.unit, ctx);
      const holders = unit ? usersWithRole(ctx, p.role, unit, p.upward ?? false) : [];
      if (holders.length > 0) chosen = holders[rotation(ctx.draft.id) % holders.length]!;
    } else if (p.fromRecord) {
      const match = ctx.value(p.fromRecord.match) as Record<string, unknown>;
      const record = ctx.records.find(p.fromRecord.type, match)[0];
      const v = record?.data[p.fromRecord.field];
      chosen = typeof v === 'string' && v ? v : null;
      if (record) {
        const typeTitle = ctx.set.definition('RecordType', p.fromRecord.type)?.metadata.title;
        ctx.effects.notes.push(
          note('recordNames', { type: p.fromRecord.type, typeTitle, record: record.id, person: chosen ?? undefined }),
        );
      }
    }
    if (!chosen) {
      // Said by its title: the role's, or the record type's (the duty roster's, not duty-roster).
      const ruleTitle = p.role
        ? ctx.set.org.roleTitle(p.role)
        : p.fromRecord
          ? ctx.set.definition('RecordType', p.fromRecord.type)?.metadata.title
          : undefined;
      ctx.effects.notes.push(note('assignNobody', { rule: p.role ?? p.to ?? p.fromRecord?.type ?? '', ruleTitle }));
      return;
    }
    ctx.draft.assignee = chosen;
    ctx.effects.notes.push(note('assigned', { person: chosen }));
  },
};

function rotation(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h;
}
