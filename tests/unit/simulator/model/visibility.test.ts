import { describe, expect, test } from 'vitest';
import { ACCOUNTS, LAB_ORGANIZATION_ARN } from '../../../../src/simulator/model/accounts';
import { canUseImage, isPublic, isSharedWith } from '../../../../src/simulator/model/visibility';

const [learner, partner, stranger] = ACCOUNTS.map((account) => account.accountId) as [string, string, string];
const image = (launchPermissions: readonly Record<string, string>[]) => ({ ownerId: learner, launchPermissions }) as never;

describe('who may launch an AMI', () => {
  test('the owner always; another account through its ID, its organisation or group all', () => {
    expect(canUseImage(image([]), learner)).toBe(true);
    expect(canUseImage(image([]), partner)).toBe(false);
    expect(isSharedWith(image([{ UserId: partner }]), partner)).toBe(true);
    expect(isSharedWith(image([{ OrganizationArn: LAB_ORGANIZATION_ARN }]), partner)).toBe(true);
    expect(isSharedWith(image([{ OrganizationArn: LAB_ORGANIZATION_ARN }]), stranger)).toBe(false);
    expect(isPublic(image([{ Group: 'all' }]))).toBe(true);
    expect(canUseImage(image([{ Group: 'all' }]), stranger)).toBe(true);
  });

  test('an account is the same whether given by ID or as the account itself; an unknown ID is granted nothing', () => {
    const shared = image([{ UserId: partner }]);
    expect(isSharedWith(shared, ACCOUNTS[1] as (typeof ACCOUNTS)[number])).toBe(isSharedWith(shared, partner));
    expect(isSharedWith(image([{ OrganizationArn: LAB_ORGANIZATION_ARN }]), '000000000000')).toBe(false);
  });
});
