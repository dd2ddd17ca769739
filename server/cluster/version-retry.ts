import type { Engine } from '../../engine/runtime/engine.ts';
import { EngineErrorCode } from '../../engine/runtime/engine-error.ts';

const unknownVersion = (error: unknown) => (error as { code?: unknown }).code === EngineErrorCode.unknownVersion;

/**
 * The engine, for a node sharing its database: a case started on a version another node published
 * a moment ago (before this node heard of it through the cluster bus) is not refused; the node reads
 * the published versions (`refresh`) and tries once more. Timers are left to the scheduler's next
 * tick, by which time the node has heard.
 */
export function retryOnNewVersion(engine: Engine, refresh: () => Promise<unknown>): Engine {
  const again = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (!unknownVersion(error)) throw error;
      await refresh();
      return work();
    }
  };
  return {
    ...engine,
    sendEvent: (caseId, input) => again(() => engine.sendEvent(caseId, input)),
  };
}
