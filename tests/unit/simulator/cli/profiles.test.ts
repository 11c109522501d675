import { describe, expect, test } from 'vitest';
import { accountForProfile, profileForAccount } from '../../../../src/simulator/cli/profiles';
import { ACCOUNTS } from '../../../../src/simulator/model/accounts';

describe('console profiles', () => {
  test('every lab account has a profile that names it back, the learner’s being "default"', () => {
    for (const account of ACCOUNTS) expect(accountForProfile(profileForAccount(account.accountId))).toBe(account);
    expect(profileForAccount(ACCOUNTS[0]?.accountId ?? '')).toBe('default');
    expect(profileForAccount('999999999999')).toBe('default');
    expect(accountForProfile('nobody')).toBeUndefined();
  });
});
