import { createRegistry } from '../registry.ts';
import { chinaMainland } from './official-cn.ts';
import type { OfficialSchedule } from './official-schedule.ts';

/** Shipped official schedules by the name a Calendar's `spec.official` uses; a country is one file. */
export const officialSchedules = createRegistry<OfficialSchedule>();
officialSchedules.register('cn', chinaMainland);
