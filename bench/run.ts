// `npm run bench`: one JSON object per line (CONTRACT.md). Each suite measures its own baseline in
// the same run, so figures compare across noisy shared machines as ratios.
import type { BenchResult } from './bench-result.ts';

type Suite = { name: string; load: () => Promise<() => Promise<BenchResult[]>> };

const suites: Suite[] = [
  { name: 'engine', load: async () => (await import('./engine.ts')).benchEngine },
  { name: 'forms', load: async () => (await import('./forms.ts')).benchForms },
  { name: 'calendar', load: async () => (await import('./calendar.ts')).benchCalendar },
  { name: 'store', load: async () => (await import('./store.ts')).benchStore },
  { name: 'sla', load: async () => (await import('./sla.ts')).benchSla },
  { name: 'impact', load: async () => (await import('./impact.ts')).benchImpact },
  { name: 'security', load: async () => (await import('./security.ts')).benchSecurity },
  { name: 'http', load: async () => (await import('./http.ts')).benchHttp },
  { name: 'postgres', load: async () => (await import('./http-postgres.ts')).benchHttpPostgres },
  { name: 'ui', load: async () => (await import('./ui.ts')).benchUi },
  { name: 'ui', load: async () => (await import('./ui-worklist.ts')).benchUiWorklist },
];

const only = process.argv.slice(2);
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  const run = await suite.load();
  for (const result of await run()) process.stdout.write(JSON.stringify(result) + '\n');
}
