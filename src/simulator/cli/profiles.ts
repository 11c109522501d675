/**
 * The console's `--profile` names for the lab's accounts: one home for the mapping, used by the
 * CLI and by the lab's prompt (which loads without the rest of the CLI).
 */
import { ACCOUNTS, type AccountInfo } from '../model/accounts.ts';

/** Profiles: the lab's accounts, as `--profile` names them. */
export const PROFILES: Readonly<Record<string, AccountInfo['role']>> = {
  default: 'learner',
  partner: 'partner',
  stranger: 'stranger',
};

/** The account a profile name stands for. */
export function accountForProfile(profile: string, accounts: readonly AccountInfo[] = ACCOUNTS): AccountInfo | undefined {
  const role = PROFILES[profile];
  return role === undefined ? undefined : accounts.find((account) => account.role === role);
}

/** The profile name of an account (`default` for the learner's, or for an account the lab does not know). */
export function profileForAccount(accountId: string, accounts: readonly AccountInfo[] = ACCOUNTS): string {
  const role = accounts.find((account) => account.accountId === accountId)?.role;
  return Object.entries(PROFILES).find(([, r]) => r === role)?.[0] ?? 'default';
}
