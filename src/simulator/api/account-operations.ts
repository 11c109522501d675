/** The Account Management operations the simulator answers (boto3 client `account`), by API action name. */
import { disableRegion, enableRegion, getRegionOptStatus, listRegions } from './account.ts';
import type { Operation } from './context.ts';

export const ACCOUNT_OPERATIONS: Readonly<Record<string, Operation>> = {
  EnableRegion: enableRegion,
  DisableRegion: disableRegion,
  GetRegionOptStatus: getRegionOptStatus,
  ListRegions: listRegions,
};
