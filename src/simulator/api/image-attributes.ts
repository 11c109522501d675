/**
 * DescribeImageAttribute, ModifyImageAttribute, ResetImageAttribute and
 * CancelImageLaunchPermission. Only the description, IMDS support and launch permissions of an AMI
 * can change; its contents (block device mapping, snapshots) cannot, and attempts are refused.
 */
import * as z from '../model/zod.ts';
import { ACCOUNT_ID_PATTERN, ORGANIZATION_ARN_PATTERN, OU_ARN_PATTERN } from '../model/accounts.ts';
import { type ApiResult, type Failure, fail, ok } from '../model/errors.ts';
import { PUBLIC_DEPRECATION_LIMIT_MS } from '../model/durations.ts';
import { blockPublicAccessKey } from '../model/world.ts';
import type { ImageRecord, LaunchPermission } from '../model/world-schema.ts';
import { isPublic } from '../model/visibility.ts';
import { type CallContext, lookUpImage, lookUpOwnImage, type Operation } from './context.ts';
import { isAwsManagedEbsKey } from './ebs.ts';
import { dryRun, parseParams } from './params.ts';
import { DESCRIBABLE_IMAGE_ATTRIBUTES } from './image-attribute-names.ts';

const MAX_DESCRIPTION = 255;

const describeImageAttributeParams = z.strictObject({
  ImageId: z.string(),
  Attribute: z.string(),
  DryRun: dryRun,
});

const DESCRIBABLE_ATTRIBUTES = DESCRIBABLE_IMAGE_ATTRIBUTES;

function invalidAttribute(value: string, valid: readonly string[]): Failure {
  return fail('InvalidParameterValue', `Value (${value}) for parameter attribute is invalid. Valid values: ${valid.join(' | ')}`);
}

const valueOrEmpty = (value: string | null): { Value?: string } => (value === null ? {} : { Value: value });

/** DescribeImageAttribute: one attribute of an AMI the caller owns. */
export const describeImageAttribute: Operation = (ctx, raw) => {
  const parsed = parseParams(describeImageAttributeParams, raw);
  if (!parsed.ok) return parsed;
  const { ImageId, Attribute } = parsed.data;
  if (!(DESCRIBABLE_ATTRIBUTES as readonly string[]).includes(Attribute)) return invalidAttribute(Attribute, DESCRIBABLE_ATTRIBUTES);
  const found = lookUpOwnImage(ctx, ImageId);
  if (!found.ok) return found;
  const image = found.data;
  switch (Attribute) {
    case 'blockDeviceMapping':
      // AWS answers this attribute with a 401 AuthFailure; the mapping is read with DescribeImages.
      return fail('AuthFailure', 'Unauthorized attempt to access restricted resource');
    case 'description':
      return ok({ ImageId, Description: valueOrEmpty(image.description) });
    case 'launchPermission':
      return ok({ ImageId, LaunchPermissions: image.launchPermissions.map((permission) => ({ ...permission })) });
    case 'productCodes':
      return ok({ ImageId, ProductCodes: [] });
    case 'kernel':
      return ok({ ImageId, KernelId: {} });
    case 'ramdisk':
      return ok({ ImageId, RamdiskId: {} });
    case 'sriovNetSupport':
      return ok({ ImageId, SriovNetSupport: { Value: 'simple' } });
    case 'bootMode':
      return ok({ ImageId, BootMode: valueOrEmpty(image.bootMode) });
    case 'tpmSupport':
      return ok({ ImageId, TpmSupport: {} });
    case 'uefiData':
      return ok({ ImageId, UefiData: {} });
    case 'lastLaunchedTime':
      return ok({
        ImageId,
        LastLaunchedTime: valueOrEmpty(image.lastLaunchedTime === null ? null : new Date(image.lastLaunchedTime).toISOString()),
      });
    case 'imdsSupport':
      return ok({ ImageId, ImdsSupport: valueOrEmpty(image.imdsSupport) });
    default:
      return ok({ ImageId, DeregistrationProtection: { Value: image.deregistrationProtection } });
  }
};

const launchPermissionItem = z.strictObject({
  UserId: z.optional(z.string()),
  Group: z.optional(z.string()),
  OrganizationArn: z.optional(z.string()),
  OrganizationalUnitArn: z.optional(z.string()),
});

const modifyImageAttributeParams = z.strictObject({
  ImageId: z.string(),
  Attribute: z.optional(z.string()),
  Description: z.optional(z.strictObject({ Value: z.optional(z.string()) })),
  ImdsSupport: z.optional(z.strictObject({ Value: z.optional(z.string()) })),
  LaunchPermission: z.optional(z.strictObject({ Add: z.optional(z.array(launchPermissionItem)), Remove: z.optional(z.array(launchPermissionItem)) })),
  OperationType: z.optional(z.enum(['add', 'remove'])),
  UserIds: z.optional(z.array(z.string())),
  UserGroups: z.optional(z.array(z.string())),
  OrganizationArns: z.optional(z.array(z.string())),
  OrganizationalUnitArns: z.optional(z.array(z.string())),
  Value: z.optional(z.string()),
  DryRun: dryRun,
});

type ModifyParams = z.output<typeof modifyImageAttributeParams>;

const MODIFIABLE_ATTRIBUTES = ['description', 'imdsSupport', 'launchPermission'] as const;

function itemError(value: string, itemType: string): Failure {
  return fail('InvalidAMIAttributeItemValue', `Invalid attribute item value "${value}" for ${itemType} item type.`);
}

/** Validates one launch permission entry: exactly one of the four kinds, each in its format. */
function toLaunchPermission(item: z.output<typeof launchPermissionItem>): ApiResult<LaunchPermission> {
  const kinds = [item.UserId, item.Group, item.OrganizationArn, item.OrganizationalUnitArn].filter((value) => value !== undefined);
  if (kinds.length !== 1) {
    return fail('InvalidParameterCombination', 'Each launch permission must give exactly one of UserId, Group, OrganizationArn or OrganizationalUnitArn.');
  }
  if (item.UserId !== undefined) return ACCOUNT_ID_PATTERN.test(item.UserId) ? ok({ UserId: item.UserId }) : itemError(item.UserId, 'userId');
  if (item.Group !== undefined) return item.Group === 'all' ? ok({ Group: 'all' }) : itemError(item.Group, 'UserGroup');
  if (item.OrganizationArn !== undefined) {
    return ORGANIZATION_ARN_PATTERN.test(item.OrganizationArn) ? ok({ OrganizationArn: item.OrganizationArn }) : itemError(item.OrganizationArn, 'organizationArn');
  }
  const ou = item.OrganizationalUnitArn ?? '';
  return OU_ARN_PATTERN.test(ou) ? ok({ OrganizationalUnitArn: ou }) : itemError(ou, 'organizationalUnitArn');
}

/** The Add/Remove lists, from the structured parameter or the older flat form. */
function launchPermissionChanges(params: ModifyParams): { add: z.output<typeof launchPermissionItem>[]; remove: z.output<typeof launchPermissionItem>[] } {
  const add = [...(params.LaunchPermission?.Add ?? [])];
  const remove = [...(params.LaunchPermission?.Remove ?? [])];
  const flat = [
    ...(params.UserIds ?? []).map((UserId) => ({ UserId })),
    ...(params.UserGroups ?? []).map((Group) => ({ Group })),
    ...(params.OrganizationArns ?? []).map((OrganizationArn) => ({ OrganizationArn })),
    ...(params.OrganizationalUnitArns ?? []).map((OrganizationalUnitArn) => ({ OrganizationalUnitArn })),
  ];
  if (params.OperationType === 'remove') remove.push(...flat);
  else add.push(...flat);
  return { add, remove };
}

const samePermission = (a: LaunchPermission, b: LaunchPermission): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether block public access for AMIs is in force for the image's owner in its Region. */
export function isPublicSharingBlocked(ctx: CallContext, accountId: string): boolean {
  const setting = ctx.tx.world.imageBlockPublicAccess[blockPublicAccessKey(accountId, ctx.region.RegionName)];
  if (setting === undefined) return false;
  const effective = ctx.tx.now >= setting.effectiveAt ? setting.state : setting.previousState;
  return effective === 'block-new-sharing';
}

function modifyLaunchPermissions(ctx: CallContext, image: ImageRecord, params: ModifyParams): ApiResult {
  const { add, remove } = launchPermissionChanges(params);
  if (add.length === 0 && remove.length === 0) {
    return fail('MissingParameter', 'The request must contain the parameter LaunchPermission');
  }
  const toAdd: LaunchPermission[] = [];
  const toRemove: LaunchPermission[] = [];
  for (const item of add) {
    const permission = toLaunchPermission(item);
    if (!permission.ok) return permission;
    toAdd.push(permission.data);
  }
  for (const item of remove) {
    const permission = toLaunchPermission(item);
    if (!permission.ok) return permission;
    toRemove.push(permission.data);
  }
  if (image.lifecycle.value !== 'available') {
    return fail('IncorrectState', `The image '${image.id}' is in state '${image.lifecycle.value}'; its launch permissions can only be changed when it is 'available'.`);
  }
  const makesPublic = toAdd.some((permission) => 'Group' in permission) && !isPublic(image);
  if (makesPublic) {
    if (isPublicSharingBlocked(ctx, image.ownerId)) {
      return fail(
        'OperationNotPermitted',
        'You can’t publicly share this image because block public access for AMIs is enabled for this account. ' +
          'To publicly share the image, you must call the DisableImageBlockPublicAccess API.',
      );
    }
    if (image.blockDeviceMappings.some((mapping) => mapping.Ebs?.Encrypted === true)) {
      return fail('InvalidParameterValue', `The image '${image.id}' has encrypted snapshots; encrypted AMIs cannot be made public.`);
    }
  }
  const sharesExplicitly = toAdd.some((permission) => !('Group' in permission));
  const defaultKeySnapshot = image.blockDeviceMappings.find((mapping) => isAwsManagedEbsKey(mapping.Ebs?.KmsKeyId ?? null, image.ownerId, image.region));
  if (sharesExplicitly && defaultKeySnapshot !== undefined) {
    return fail(
      'InvalidParameterValue',
      `The image '${image.id}' is encrypted with the AWS managed key aws/ebs, which cannot be shared; copy it with a customer managed key first.`,
    );
  }
  let permissions = [...image.launchPermissions];
  for (const permission of toAdd) if (!permissions.some((existing) => samePermission(existing, permission))) permissions.push(permission);
  permissions = permissions.filter((existing) => !toRemove.some((permission) => samePermission(existing, permission)));
  let deprecationTime = image.deprecationTime;
  if (permissions.some((permission) => 'Group' in permission)) {
    // A public AMI is deprecated at most two years after its creation.
    const limit = image.creationDate + PUBLIC_DEPRECATION_LIMIT_MS;
    deprecationTime = deprecationTime === null ? limit : Math.min(deprecationTime, limit);
  }
  ctx.tx.put('image', { ...image, launchPermissions: permissions, deprecationTime });
  return ok({});
}

/** ModifyImageAttribute: description, IMDS support or launch permissions, one per call, owner only. */
export const modifyImageAttribute: Operation = (ctx, raw) => {
  const parsed = parseParams(modifyImageAttributeParams, raw);
  if (!parsed.ok) return parsed;
  const params = parsed.data;
  if (params.Attribute !== undefined && !(MODIFIABLE_ATTRIBUTES as readonly string[]).includes(params.Attribute)) {
    return invalidAttribute(params.Attribute, MODIFIABLE_ATTRIBUTES);
  }
  const wantsPermissions =
    params.LaunchPermission !== undefined ||
    params.OperationType !== undefined ||
    params.UserIds !== undefined ||
    params.UserGroups !== undefined ||
    params.OrganizationArns !== undefined ||
    params.OrganizationalUnitArns !== undefined ||
    params.Attribute === 'launchPermission';
  const wantsDescription = params.Description !== undefined || params.Attribute === 'description';
  const wantsImds = params.ImdsSupport !== undefined || params.Attribute === 'imdsSupport';
  const requested = [wantsPermissions, wantsDescription, wantsImds].filter(Boolean).length;
  if (requested === 0) return fail('MissingParameter', 'The request must contain the parameter Attribute');
  if (requested > 1) return fail('InvalidParameterCombination', 'Only one attribute can be modified in a single call.');
  const found = lookUpOwnImage(ctx, params.ImageId);
  if (!found.ok) return found;
  const image = found.data;
  if (wantsPermissions) return modifyLaunchPermissions(ctx, image, params);
  if (wantsDescription) {
    const value = params.Description?.Value ?? params.Value ?? '';
    if (value.length > MAX_DESCRIPTION) {
      return fail('InvalidParameterValue', `Description exceeds the maximum length of ${MAX_DESCRIPTION} characters.`);
    }
    ctx.tx.put('image', { ...image, description: value });
    return ok({});
  }
  const value = params.ImdsSupport?.Value ?? params.Value;
  if (value !== 'v2.0') return fail('InvalidParameterValue', `Invalid value '${value ?? ''}' for ImdsSupport. The only valid value is v2.0.`);
  ctx.tx.put('image', { ...image, imdsSupport: 'v2.0' });
  return ok({});
};

const resetImageAttributeParams = z.strictObject({ ImageId: z.string(), Attribute: z.string(), DryRun: dryRun });

/** ResetImageAttribute: only `launchPermission`, which makes the AMI private again. */
export const resetImageAttribute: Operation = (ctx, raw) => {
  const parsed = parseParams(resetImageAttributeParams, raw);
  if (!parsed.ok) return parsed;
  if (parsed.data.Attribute !== 'launchPermission') return invalidAttribute(parsed.data.Attribute, ['launchPermission']);
  const found = lookUpOwnImage(ctx, parsed.data.ImageId);
  if (!found.ok) return found;
  ctx.tx.put('image', { ...found.data, launchPermissions: [] });
  return ok({});
};

const cancelLaunchPermissionParams = z.strictObject({ ImageId: z.string(), DryRun: dryRun });

/**
 * CancelImageLaunchPermission: a grantee removes its own account from an AMI shared with it by
 * account ID (not for public AMIs or shares through an organisation or OU).
 */
export const cancelImageLaunchPermission: Operation = (ctx, raw) => {
  const parsed = parseParams(cancelLaunchPermissionParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpImage(ctx, parsed.data.ImageId);
  if (!found.ok) return found;
  const image = found.data;
  const accountId = ctx.account.accountId;
  const explicit = image.launchPermissions.some((permission) => 'UserId' in permission && permission.UserId === accountId);
  if (!explicit) {
    return fail('InvalidParameterValue', `The image '${image.id}' is not shared with account ${accountId} by account ID; public and organization shares cannot be cancelled.`);
  }
  ctx.tx.put('image', {
    ...image,
    launchPermissions: image.launchPermissions.filter((permission) => !('UserId' in permission && permission.UserId === accountId)),
  });
  return ok({ Return: true });
};
