/**
 * AMI lifecycle controls: deprecation, deregistration protection, DisableImage/EnableImage, and
 * block public access for AMIs (an account setting per Region).
 */
import * as z from '../model/zod.ts';
import { fail, ok } from '../model/errors.ts';
import { BLOCK_PUBLIC_ACCESS_DELAY_MS, MAX_DEPRECATION_AHEAD_MS, PROTECTION_COOLDOWN_MS, PUBLIC_DEPRECATION_LIMIT_MS } from '../model/durations.ts';
import { moveImage } from '../model/resources.ts';
import { blockPublicAccessKey } from '../model/world.ts';
import { isPublic } from '../model/visibility.ts';
import { lookUpOwnImage, type Operation } from './context.ts';
import { isPublicSharingBlocked } from './image-attributes.ts';
import { dryRun, parseParams, timestampParam, toEpochMs } from './params.ts';

const MINUTE = 60_000;

const enableDeprecationParams = z.strictObject({ ImageId: z.string(), DeprecateAt: timestampParam, DryRun: dryRun });

/** EnableImageDeprecation: sets when the AMI counts as deprecated (seconds rounded to the minute). */
export const enableImageDeprecation: Operation = (ctx, raw) => {
  const parsed = parseParams(enableDeprecationParams, raw);
  if (!parsed.ok) return parsed;
  const requested = toEpochMs(parsed.data.DeprecateAt);
  if (Number.isNaN(requested)) {
    return fail('InvalidParameterValue', `Invalid value '${String(parsed.data.DeprecateAt)}' for DeprecateAt. Specify a timestamp.`);
  }
  const found = lookUpOwnImage(ctx, parsed.data.ImageId);
  if (!found.ok) return found;
  const image = found.data;
  const deprecateAt = Math.round(requested / MINUTE) * MINUTE;
  const now = ctx.tx.now;
  if (deprecateAt <= now) return fail('InvalidParameterValue', 'The deprecation time must be in the future.');
  if (deprecateAt > now + MAX_DEPRECATION_AHEAD_MS) {
    return fail('InvalidParameterValue', 'The deprecation time can be at most 10 years in the future.');
  }
  if (isPublic(image) && deprecateAt > image.creationDate + PUBLIC_DEPRECATION_LIMIT_MS) {
    return fail('InvalidParameterValue', 'The deprecation time of a public AMI can be at most 2 years after its creation date.');
  }
  ctx.tx.put('image', { ...image, deprecationTime: deprecateAt });
  return ok({ Return: true });
};

const imageIdParams = z.strictObject({ ImageId: z.string(), DryRun: dryRun });

/** DisableImageDeprecation: cancels the deprecation time (not on a public AMI: make it private first). */
export const disableImageDeprecation: Operation = (ctx, raw) => {
  const parsed = parseParams(imageIdParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpOwnImage(ctx, parsed.data.ImageId);
  if (!found.ok) return found;
  if (isPublic(found.data)) {
    return fail('OperationNotPermitted', 'The deprecation time of a public AMI cannot be removed; make the AMI private first.');
  }
  ctx.tx.put('image', { ...found.data, deprecationTime: null });
  return ok({ Return: true });
};

const enableProtectionParams = z.strictObject({ ImageId: z.string(), WithCooldown: z.optional(z.boolean()), DryRun: dryRun });

/** EnableImageDeregistrationProtection: DeregisterImage is refused while it is on. */
export const enableImageDeregistrationProtection: Operation = (ctx, raw) => {
  const parsed = parseParams(enableProtectionParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpOwnImage(ctx, parsed.data.ImageId);
  if (!found.ok) return found;
  ctx.tx.put('image', {
    ...found.data,
    deregistrationProtection: parsed.data.WithCooldown === true ? 'enabled-with-cooldown' : 'enabled-without-cooldown',
    protectionCooldownUntil: null,
  });
  // The API types this Return as a string.
  return ok({ Return: 'true' });
};

/** DisableImageDeregistrationProtection: with cooldown, protection holds 24 more hours. */
export const disableImageDeregistrationProtection: Operation = (ctx, raw) => {
  const parsed = parseParams(imageIdParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpOwnImage(ctx, parsed.data.ImageId);
  if (!found.ok) return found;
  const image = found.data;
  ctx.tx.put('image', {
    ...image,
    deregistrationProtection: 'disabled',
    protectionCooldownUntil: image.deregistrationProtection === 'enabled-with-cooldown' ? ctx.tx.now + PROTECTION_COOLDOWN_MS : image.protectionCooldownUntil,
  });
  return ok({ Return: 'true' });
};

/** DisableImage: `disabled`, every launch permission removed, no launches, hidden unless IncludeDisabled. */
export const disableImage: Operation = (ctx, raw) => {
  const parsed = parseParams(imageIdParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpOwnImage(ctx, parsed.data.ImageId);
  if (!found.ok) return found;
  const moved = found.data.lifecycle.value === 'available' ? moveImage(ctx.tx, found.data, { type: 'image.disable' }) : null;
  if (moved === null) {
    return fail('IncorrectState', `The image '${found.data.id}' is in state '${found.data.lifecycle.value}' and cannot be disabled.`);
  }
  return ok({ Return: true });
};

/** EnableImage: back to `available`; the launch permissions removed by DisableImage stay removed. */
export const enableImage: Operation = (ctx, raw) => {
  const parsed = parseParams(imageIdParams, raw);
  if (!parsed.ok) return parsed;
  const found = lookUpOwnImage(ctx, parsed.data.ImageId);
  if (!found.ok) return found;
  const moved = moveImage(ctx.tx, found.data, { type: 'image.enable' });
  if (moved === null) {
    return fail('IncorrectState', `The image '${found.data.id}' is in state '${found.data.lifecycle.value}' and cannot be enabled.`);
  }
  return ok({ Return: true });
};

const enableBlockParams = z.strictObject({ ImageBlockPublicAccessState: z.string(), DryRun: dryRun });
const plainParams = z.strictObject({ DryRun: dryRun });

/** EnableImageBlockPublicAccess: no new public sharing of the account's AMIs in this Region. */
export const enableImageBlockPublicAccess: Operation = (ctx, raw) => {
  const parsed = parseParams(enableBlockParams, raw);
  if (!parsed.ok) return parsed;
  if (parsed.data.ImageBlockPublicAccessState !== 'block-new-sharing') {
    return fail('InvalidParameterValue', `Invalid value '${parsed.data.ImageBlockPublicAccessState}' for ImageBlockPublicAccessState. The only valid value is block-new-sharing.`);
  }
  setBlockPublicAccess(ctx, 'block-new-sharing');
  return ok({ ImageBlockPublicAccessState: 'block-new-sharing' });
};

/** DisableImageBlockPublicAccess: public sharing allowed again in this Region. */
export const disableImageBlockPublicAccess: Operation = (ctx, raw) => {
  const parsed = parseParams(plainParams, raw);
  if (!parsed.ok) return parsed;
  setBlockPublicAccess(ctx, 'unblocked');
  return ok({ ImageBlockPublicAccessState: 'unblocked' });
};

/** GetImageBlockPublicAccessState: the setting in force (a change shows once it has applied). */
export const getImageBlockPublicAccessState: Operation = (ctx, raw) => {
  const parsed = parseParams(plainParams, raw);
  if (!parsed.ok) return parsed;
  return ok({
    ImageBlockPublicAccessState: isPublicSharingBlocked(ctx, ctx.account.accountId) ? 'block-new-sharing' : 'unblocked',
    ManagedBy: 'account',
  });
};

function setBlockPublicAccess(ctx: Parameters<Operation>[0], state: 'block-new-sharing' | 'unblocked'): void {
  const key = blockPublicAccessKey(ctx.account.accountId, ctx.region.RegionName);
  ctx.tx.setBlockPublicAccess(key, {
    state,
    effectiveAt: ctx.tx.now + BLOCK_PUBLIC_ACCESS_DELAY_MS,
    previousState: isPublicSharingBlocked(ctx, ctx.account.accountId) ? 'block-new-sharing' : 'unblocked',
  });
}
