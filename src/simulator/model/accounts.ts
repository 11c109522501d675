/**
 * The accounts of the world: the learner's own, a partner in the same AWS Organization, and a
 * stranger outside it, so sharing can be practised with accounts, organisations and OUs.
 * The IDs are the ones AWS's own documentation uses as examples.
 */

/** An account that can make calls in the simulated world. */
export interface AccountInfo {
  /** 12-digit account ID. */
  readonly accountId: string;
  /** Who this account is in the lab. */
  readonly role: 'learner' | 'partner' | 'stranger';
  /** A short label for the UI. */
  readonly name: string;
  /** ARN of the AWS Organization the account belongs to, or null. */
  readonly organizationArn: string | null;
  /** ARN of the organisational unit the account sits in, or null. */
  readonly organizationalUnitArn: string | null;
}

/** The organisation the learner manages; the partner belongs to it too. */
export const LAB_ORGANIZATION_ID = 'o-a1b2c3d4e5';
const MANAGEMENT_ACCOUNT = '111122223333';
/** ARN of the lab's organisation, usable in `LaunchPermission` entries. */
export const LAB_ORGANIZATION_ARN = `arn:aws:organizations::${MANAGEMENT_ACCOUNT}:organization/${LAB_ORGANIZATION_ID}`;
/** ARN of the OU holding the partner account. */
export const PARTNER_OU_ARN = `arn:aws:organizations::${MANAGEMENT_ACCOUNT}:ou/${LAB_ORGANIZATION_ID}/ou-ab12-partners1`;
/** ARN of the OU holding the learner's account. */
export const LEARNER_OU_ARN = `arn:aws:organizations::${MANAGEMENT_ACCOUNT}:ou/${LAB_ORGANIZATION_ID}/ou-ab12-learners1`;

/** The callable accounts, the learner's first. */
export const ACCOUNTS: readonly AccountInfo[] = [
  {
    accountId: '111122223333',
    role: 'learner',
    name: 'Your account',
    organizationArn: LAB_ORGANIZATION_ARN,
    organizationalUnitArn: LEARNER_OU_ARN,
  },
  {
    accountId: '444455556666',
    role: 'partner',
    name: 'Partner account (same organization)',
    organizationArn: LAB_ORGANIZATION_ARN,
    organizationalUnitArn: PARTNER_OU_ARN,
  },
  {
    accountId: '777788889999',
    role: 'stranger',
    name: 'Stranger account (outside the organization)',
    organizationArn: null,
    organizationalUnitArn: null,
  },
];

const ACCOUNT_BY_ID = new Map(ACCOUNTS.map((account) => [account.accountId, account]));

/** Looks a callable account up by ID. */
export function findAccount(accountId: string): AccountInfo | undefined {
  return ACCOUNT_BY_ID.get(accountId);
}

/** Owners of the public catalogue. They own images but never make calls. */
export const PUBLISHERS = {
  /** Owner of Amazon Linux AMIs (alias `amazon`). */
  amazonLinux: '137112412989',
  /** Owner of the Windows AMIs Amazon publishes (alias `amazon`). */
  amazonWindows: '801119661308',
  /** Canonical, owner of the official Ubuntu AMIs (a verified provider without the `amazon` alias). */
  canonical: '099720109477',
  /** Red Hat, owner of the official RHEL AMIs (no alias). */
  redHat: '309956199498',
  /** AWS Marketplace, owner of Marketplace AMIs (alias `aws-marketplace`). */
  awsMarketplace: '679593333241',
} as const;

/** A 12-digit AWS account ID. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** An organisation ARN as ModifyImageAttribute accepts it. */
export const ORGANIZATION_ARN_PATTERN = /^arn:aws:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
/** An OU ARN as ModifyImageAttribute accepts it. */
export const OU_ARN_PATTERN = /^arn:aws:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;
