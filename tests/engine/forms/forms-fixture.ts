import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Definition } from '../../../engine/definitions/kind.ts';
import type { FormSpec } from '../../../engine/forms/index.ts';

export const formFixturePath = (name: string): string =>
  new URL(`../../fixtures/forms/${name}.yaml`, import.meta.url).pathname;
export const formFixtureText = (name: string): string => readFileSync(formFixturePath(name), 'utf8');
export const formFixture = (name: string): Definition<FormSpec> => parse(formFixtureText(name)) as Definition<FormSpec>;
