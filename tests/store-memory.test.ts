import { expect, it } from 'vitest';
import { createMemoryStore } from '../engine/store/memory-store.ts';
import { UnsupportedStoreOperationError } from '../engine/store/store-errors.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory', createMemoryStore);

it('memory store: backup is unsupported, with a typed error', async () => {
  const store = createMemoryStore();
  await expect(store.backup('/tmp/nowhere.db')).rejects.toBeInstanceOf(UnsupportedStoreOperationError);
  await expect(store.backup('/tmp/nowhere.db')).rejects.toMatchObject({ code: 'UNSUPPORTED_STORE_OPERATION' });
});
