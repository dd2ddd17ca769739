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
  const view = await client.definition('Organization', org.name);
  // The spec as published: the Organization kind's schema says `roles` is a list of {name, title}.
  return (view.spec['roles'] as readonly OrganizationRole[] | undefined) ?? [];
}
