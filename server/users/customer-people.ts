import type { Services } from '../services.ts';

/** How many of a customer's most recent cases name the people they are shown. */
const RECENT_CASES = 200;

/**
 * The usernames a customer meets in their own cases (NORM-5): who owns them, who is assigned, who
 * acted on them — the technician coming on site, the staff who answered. A customer is shown these
 * people's names and nothing else about them; everyone else stays unnamed.
 */
export async function peopleMetByCustomer(services: Services, customer: string): Promise<Set<string>> {
  const met = new Set<string>([customer]);
  const page = await services.store.listCases({ customerUser: customer, limit: RECENT_CASES });
  for (const record of page.items) {
    if (record.owner) met.add(record.owner);
    if (record.assignee) met.add(record.assignee);
    for (const event of await services.histories.of(record)) met.add(event.actor);
  }
  return met;
}
