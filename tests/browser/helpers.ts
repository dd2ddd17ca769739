import '../../ui/index.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { fieldId } from '../../ui/components/field-id.ts';
import { resolveForm, type FormInput } from '../../ui/components/resolve-form.ts';

/** A Form definition with the given fields, in the envelope administrators write. */
export function formDefinition(fields: unknown[], name = 'probe') {
  return { apiVersion: 'serviceframe/v1', kind: 'Form', metadata: { name }, spec: { fields } } as unknown as FormInput;
}

export async function mount(
  props: Partial<
    Pick<SfForm, 'form' | 'value' | 'locale' | 'context' | 'draftKey' | 'disabled' | 'errors' | 'people' | 'caseUnit'>
  >,
) {
  const el = document.createElement('sf-form');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

export function cleanup() {
  document.querySelectorAll('sf-form').forEach((el) => el.remove());
}

export const root = (el: SfForm) => el.shadowRoot!;
export const fieldOf = (el: SfForm, pointer: string) =>
  root(el).querySelector<HTMLElement>(`.field[data-pointer="${pointer}"]`);
export const controlOf = <T extends HTMLElement = HTMLInputElement>(el: SfForm, pointer: string) =>
  root(el).querySelector<T>(`#${fieldId(pointer)}`);
export const errorOf = (el: SfForm, pointer: string) => {
  const p = root(el).querySelector<HTMLElement>(`#${fieldId(pointer)}-error`);
  return p && !p.hidden ? (p.textContent?.trim() ?? '') : '';
};

/** Types into a text-like control the way a user does: the value changes, then `input` fires. */
export async function type(el: SfForm, pointer: string, text: string) {
  const input = controlOf<HTMLInputElement | HTMLTextAreaElement>(el, pointer);
  if (!input) throw new Error(`no control for ${pointer}`);
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export async function select(el: SfForm, pointer: string, value: string) {
  const select = controlOf<HTMLSelectElement>(el, pointer);
  if (!select) throw new Error(`no select for ${pointer}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Clicks the radio or checkbox whose label reads `label` inside the field. */
export async function check(el: SfForm, pointer: string, label: string) {
  const choice = [...(fieldOf(el, pointer)?.querySelectorAll('label.choice') ?? [])].find(
    (l) => l.textContent?.trim() === label,
  );
  if (!choice)
    throw new Error(
      `no choice "${label}" at ${pointer} among ${[...(fieldOf(el, pointer)?.querySelectorAll('label.choice') ?? [])].map((l) => JSON.stringify(l.textContent?.trim())).join(', ')}`,
    );
  choice.querySelector('input')!.click();
  await el.updateComplete;
}

/** Submits through the button; resolves with the `sf-submit` detail, or undefined when invalid. */
export async function submit(el: SfForm): Promise<{ data: unknown } | undefined> {
  let detail: { data: unknown } | undefined;
  const on = (e: Event) => (detail = (e as CustomEvent).detail);
  el.addEventListener('sf-submit', on);
  root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  el.removeEventListener('sf-submit', on);
  await el.updateComplete;
  return detail;
}

/** What the engine says about this data: the messages the form must show. */
export function engineErrors(form: FormInput, data: unknown, locale: 'zh-CN' | 'en', context?: unknown) {
  const result = resolveForm(form).validate(data, { locale, context });
  return result.ok ? [] : result.errors;
}

export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const hasChinese = /[\u4e00-\u9fff]/;
