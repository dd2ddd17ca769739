// A stored key no definition titles reads as words, never as the key (issue 15's audit, item 7).
import { describe, expect, it } from 'vitest';
import { humanLabel } from '../../ui/values/human-label.ts';

describe('humanLabel', () => {
  it('reads camelCase, snake_case and kebab-case keys as a sentence-case phrase', () => {
    expect(humanLabel('firstBusinessDate')).toBe('First business date');
    expect(humanLabel('first_business_date')).toBe('First business date');
    expect(humanLabel('first-business-date')).toBe('First business date');
    expect(humanLabel('customerName')).toBe('Customer name');
  });

  it('keeps acronyms and numbers, and a one-word key capitalised', () => {
    expect(humanLabel('taxUSCC')).toBe('Tax USCC');
    expect(humanLabel('USCCNumber')).toBe('USCC number');
    expect(humanLabel('address2')).toBe('Address2');
    expect(humanLabel('phone')).toBe('Phone');
  });

  it('leaves a key without words as it is', () => {
    expect(humanLabel('')).toBe('');
    expect(humanLabel('电话')).toBe('电话');
  });
});
