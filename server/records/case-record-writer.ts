import { SYSTEM_ACTOR } from '../../engine/runtime/actor.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { actorFacts } from '../../engine/runtime/facts.ts';
import { createdRecordId, filledRecord, type RecordWrite } from '../../engine/runtime/link-records.ts';
import type { Logger } from '../log.ts';
import type { RecordRow, RecordStore } from '../../ports/server-storage.ts';
import { recordKeyOf, recordSearchText, type RecordTypeKeys } from './record-keys.ts';

export interface CaseRecordWriter {
  /** The engine's `writeRecords`: creates each record unless its id exists already. */
  write(writes: readonly RecordWrite[]): Promise<void>;
  /** Creates the records these cases created but whose write a crash cut off; returns how many. */
  restore(cases: readonly CaseRecord[]): Promise<number>;
}

/**
 * Archive records created by cases (INFO-2), written to the server's record store.
 *
 * Why not in the case's own transaction: the engine store and the server's tables share one SQLite
 * file but not one connection (adapters/sqlite/server/open-sqlite-server-storage.ts), and the Store knows nothing of
 * records, their
 * history and key index. Sharing a transaction would tie the engine store to the server's schema
 * (and break `:memory:` test setups, which are two databases). Instead the engine awaits this
 * writer right after the case's commit and before anyone is told of it, and the design keeps that
 * sound: record ids are deterministic (case id + link name) and a record is only ever created here
 * (expected version 0), so writing twice changes nothing and no history is overwritten (INFO-5).
 * A crash between the two writes leaves the case unprojected as well (projection follows this
 * write), so the projector's start-up catch-up hands such cases to `restore`, which recreates a
 * missing record from the case's current data (by the link's fill, as the system).
 *
 * A record whose unique key another record holds (two first calls from one new phone at the same
 * moment, or a server process that has not yet seen another's record) is kept without its key, with
 * a note and a warning, so the case's link holds and nothing is lost; the two are then merged by hand.
 */
export function createCaseRecordWriter(
  records: RecordStore,
  current: () => CompiledSet,
  version: (v: string) => CompiledSet | undefined,
  log: Logger,
): CaseRecordWriter {
  async function create(row: RecordRow, note: string): Promise<boolean> {
    const spec = current().definition<RecordTypeKeys>('RecordType', row.type)?.spec ?? {};
    const key = recordKeyOf(spec, row.data);
    const search = recordSearchText(spec, row.id, row.data);
    const outcome = await records.put(row, key, search, note, 0);
    if (outcome !== 'duplicate') return outcome === 'ok';
    const holder = key === null ? undefined : await records.findByKey(row.type, key);
    const why = `the same ${(spec.key ?? []).join(', ')} as ${row.type} record ${holder?.id ?? '?'}: kept without its key so the case's link holds; merge the two`;
    log('warn', 'archive record duplicates another record', { type: row.type, id: row.id, holder: holder?.id ?? null });
    return (await records.put(row, null, search, `${note}; ${why}`, 0)) === 'ok';
  }

  return {
    async write(writes) {
      for (const w of writes) {
        const row: RecordRow = {
          type: w.type,
          id: w.id,
          unit: w.unit,
          data: w.data,
          version: 1,
          createdAt: w.at,
          updatedAt: w.at,
          createdBy: w.by,
          updatedBy: w.by,
        };
        await create(row, `created by case ${w.caseId} (${w.link})`);
      }
    },
    async restore(cases) {
      let restored = 0;
      for (const c of cases) {
        const set = version(c.definitionVersion) ?? current();
        const links = set.workflows.get(c.workflow)?.spec.records ?? {};
        for (const [name, id] of Object.entries(c.records)) {
          const link = links[name];
          if (!link?.fill || id !== createdRecordId(c.id, name) || (await records.get(link.type, id))) continue;
          const filled = filledRecord(set, link, {
            data: c.data,
            actor: actorFacts(SYSTEM_ACTOR, set.org),
            case: { id: c.id, unit: c.unit },
          });
          if (!filled.ok) {
            log('error', 'cannot restore an archive record a case created', {
              caseId: c.id,
              link: name,
              why: filled.why,
            });
            continue;
          }
          const row: RecordRow = {
            type: link.type,
            id,
            unit: c.unit,
            data: filled.data,
            version: 1,
            createdAt: c.createdAt,
            updatedAt: c.updatedAt,
            createdBy: SYSTEM_ACTOR.username,
            updatedBy: SYSTEM_ACTOR.username,
          };
          if (await create(row, `restored from case ${c.id} (${name}) after an interrupted write`)) restored++;
        }
      }
      return restored;
    },
  };
}
