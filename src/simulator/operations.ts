/**
 * Every operation a cloud runs: the EC2 API rules (with their zod parameter schemas) and the
 * lifecycle statecharts (XState). The bulk of the engine; a deferred cloud loads it on first need.
 */
import { dispatch } from './api/dispatch.ts';
import type { CloudOperations } from './cloud-core.ts';
import { lifecycleMachines } from './machines/lifecycle.ts';
import { reconcileGroup } from './api/autoscaling.ts';
import { fireTimer } from './model/resources.ts';
import { fireCommandTimer } from './api/run-command.ts';
import { expireFromBin } from './model/recycle-bin.ts';
import { fireLifecyclePolicyTimer } from './api/dlm.ts';
import { fireBuilderImageTimer, fireBuilderPipelineTimer } from './api/imagebuilder.ts';
import { fireCatalogueRelease } from './api/cross-service.ts';

export const operations: CloudOperations = {
  dispatch,
  // An Auto Scaling group's timer is its next check; every other timer moves a resource's statechart.
  fireTimer: (tx, resourceId, due) => {
    if (due.resourceType === 'recycle-bin') {
      // The retention period of an AMI or snapshot in the Recycle Bin ended (issue 14).
      expireFromBin(tx, resourceId);
      return;
    }
    if (due.resourceType === 'catalogue-release') {
      // A new Amazon Linux build is published (issue 14).
      fireCatalogueRelease(tx);
      return;
    }
    if (due.resourceType === 'imagebuilder-image') {
      // An Image Builder build's next status (issue 14).
      fireBuilderImageTimer(tx, resourceId);
      return;
    }
    if (due.resourceType === 'imagebuilder-pipeline') {
      fireBuilderPipelineTimer(tx, resourceId);
      return;
    }
    if (due.resourceType === 'lifecycle-policy') {
      // A Data Lifecycle Manager policy's schedules (issue 14).
      fireLifecyclePolicyTimer(tx, resourceId);
      return;
    }
    if (due.resourceType === 'command') {
      // A Run Command command's next status (Pending → InProgress → Success).
      fireCommandTimer(tx, resourceId, due);
      return;
    }
    if (due.resourceType !== 'auto-scaling-group') {
      fireTimer(tx, resourceId, due);
      return;
    }
    tx.setTimer(resourceId, undefined);
    reconcileGroup(tx, resourceId);
  },
  lifecycleMachines,
};
