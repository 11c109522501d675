import { describe, expect, test } from 'vitest';
import { copyEncryption, defaultEbsKeyArn, requestedCopyKey } from '../../../../src/simulator/api/ebs';

const ME = '111122223333';
const PARTNER = '444455556666';
const MY_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const encrypted = { encrypted: true, kmsKeyId: MY_KEY, ownerId: ME, region: 'us-east-1' };
const plain = { encrypted: false, kmsKeyId: null, ownerId: ME, region: 'us-east-1' };

describe('the KMS key of a copy (CopyImage and CopySnapshot share it)', () => {
  test('KmsKeyId needs Encrypted; Encrypted alone asks for the caller’s aws/ebs key in the destination', () => {
    expect(requestedCopyKey({ KmsKeyId: 'alias/mine' }, ME, 'us-west-2')).toMatchObject({ ok: false, error: { Code: 'InvalidParameterDependency' } });
    expect(requestedCopyKey({ Encrypted: true }, ME, 'us-west-2')).toEqual({ ok: true, data: defaultEbsKeyArn(ME, 'us-west-2') });
    expect(requestedCopyKey({ Encrypted: true, KmsKeyId: 'alias/mine' }, ME, 'us-west-2')).toEqual({ ok: true, data: 'arn:aws:kms:us-west-2:111122223333:alias/mine' });
    expect(requestedCopyKey({}, ME, 'us-west-2')).toEqual({ ok: true, data: null });
  });

  test('without a requested key an encrypted snapshot keeps its key only while it stays with its owner in its Region', () => {
    expect(copyEncryption(encrypted, null, ME, 'us-east-1')).toEqual({ encrypted: true, kmsKeyId: MY_KEY });
    expect(copyEncryption(encrypted, null, ME, 'us-west-2')).toEqual({ encrypted: true, kmsKeyId: defaultEbsKeyArn(ME, 'us-west-2') });
    expect(copyEncryption(encrypted, null, PARTNER, 'us-east-1')).toEqual({ encrypted: true, kmsKeyId: defaultEbsKeyArn(PARTNER, 'us-east-1') });
  });

  test('a requested key encrypts or re-keys; nothing makes an unencrypted copy of an encrypted snapshot', () => {
    const requested = defaultEbsKeyArn(ME, 'us-east-1');
    expect(copyEncryption(encrypted, requested, ME, 'us-east-1')).toEqual({ encrypted: true, kmsKeyId: requested });
    expect(copyEncryption(plain, requested, ME, 'us-east-1')).toEqual({ encrypted: true, kmsKeyId: requested });
    expect(copyEncryption(plain, null, ME, 'us-west-2')).toEqual({ encrypted: false, kmsKeyId: null });
  });
});
