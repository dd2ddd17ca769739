import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { OfficialDay, OfficialSchedule } from './official-schedule.ts';

// The package publishes this JSON as its data interface (README: "For non-JS projects, you can
// use the JSON file"). Reading it directly avoids its dayjs-like wrapper, costs one object lookup
// per date, and gives the English holiday names the engine uses in explanations.
// Each value reads "English name,Chinese name,days off", e.g. "National Day,<zh>,3".
interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}
const source: ChineseDaysData = data;

function officialDay(type: OfficialDay['type'], value: string): OfficialDay {
  const [en, zh] = value.split(',');
  return { type, name: { ...(en ? { en } : {}), ...(zh ? { zh } : {}) } };
}

function buildDays(): Map<string, OfficialDay> {
  const days = new Map<string, OfficialDay>();
  for (const [date, value] of Object.entries(source.holidays)) days.set(date, officialDay('holiday', value));
  for (const [date, value] of Object.entries(source.workdays)) days.set(date, officialDay('workday', value));
  return days;
}

const days = buildDays();

export const chinaMainland: OfficialSchedule = {
  title: 'mainland China (State Council holiday notices, from the chinese-days package)',
  // A year appears once its notice is published, with every holiday of that year.
  years: [...new Set(Object.keys(source.holidays).map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b),
  day: (date) => days.get(date),
};
