/**
 * Reading "what was installed" from user data, for the lab's baking exercises. User data is a
 * shell script (base64-encoded, as the SDK sends it); package-manager install lines are what it
 * installs. cloud-init runs user data at first boot only, so the packages land on the root volume
 * when the instance first reaches `running`.
 */
import { type ApiResult, fail, ok } from '../model/errors.ts';

/** EC2 limits user data to 16 KB before base64 encoding. */
export const USER_DATA_LIMIT_BYTES = 16 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const INSTALL_LINE = /(?:^|[;&|]\s*|\s)(?:sudo\s+)?(?:dnf|yum|apt-get|apt|zypper)\s+(?:-\S+\s+)*install\s+([^;&|\n]+)/g;

/** Decodes base64 user data to text; AWS's error when it is not base64 or too large. */
export function decodeUserData(userData: string): ApiResult<string> {
  if (!BASE64.test(userData)) return fail('InvalidParameterValue', 'Invalid BASE64 encoding of user data.');
  const binary = atob(userData);
  if (binary.length > USER_DATA_LIMIT_BYTES) {
    return fail('InvalidParameterValue', `User data is limited to ${USER_DATA_LIMIT_BYTES} bytes.`);
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return ok(new TextDecoder().decode(bytes));
}

/** Package names a user-data script installs (`dnf install -y nginx git` → nginx, git). */
export function packagesInstalledBy(script: string): string[] {
  const packages: string[] = [];
  for (const match of script.matchAll(INSTALL_LINE)) {
    for (const word of (match[1] ?? '').trim().split(/\s+/)) {
      if (word.length > 0 && !word.startsWith('-') && !packages.includes(word)) packages.push(word);
    }
  }
  return packages;
}

/** Names listed in an `Installed` tag value (`nginx, git`). */
export function packagesFromTag(value: string): string[] {
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}
