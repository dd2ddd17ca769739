import { createMemoryStore } from '../../../engine/store/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory', createMemoryStore);
