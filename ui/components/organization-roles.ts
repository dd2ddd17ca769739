import type { Localized } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';

export interface OrganizationRole {
  readonly name: string;
  readonly title?: Localized;
}

/**
 * The roles of the published Organization (`spec.roles`), the only ones the server accepts on a
 * user; none when no Organization is published.
 */
export async function organizationRoles(client: ApiClient): Promise<readonly OrganizationRole[]> {
  const org = (await client.definitions()).find((d) => d.kind === 'Organization');
  if (!org) return [];
  const view = await client.definition<{ spec?: { roles?: readonly OrganizationRole[] } }>('Organization', org.name);
  return view.spec?.roles ?? [];
}
