/**
 * What a cmi5 player sends as its page goes away, for the quiz player and the lab player alike.
 * axios's requests (the cmi5 library's) are cancelled with the page; `fetch` with keepalive is not,
 * so these go out by hand: the LRS endpoint, the headers, the URL of the player's State document and
 * the "terminated" statement the cmi5 spec requires, with the launch's context template and category.
 */
import type Cmi5 from '@xapi/cmi5';
import { isoDuration } from '../../packaging/interactions';
import { uuid } from '../../packaging/xapi';

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';

export interface LeavingRequests {
  headers: Record<string, string>;
  stateUrl: string;
  statementsUrl: string;
  terminated: Record<string, unknown>;
}

export function leavingRequests(cmi5: Cmi5, stateId: string): LeavingRequests {
  const p = cmi5.getLaunchParameters();
  const headers = { Authorization: `Basic ${cmi5.getAuthToken()}`, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
  const query = new URLSearchParams({ activityId: p.activityId, agent: JSON.stringify(p.actor), registration: p.registration, stateId });
  const template = cmi5.getLaunchData().contextTemplate ?? {};
  const category = [...(template.contextActivities?.category ?? []), { objectType: 'Activity' as const, id: CMI5_CATEGORY }];
  const terminated = {
    id: uuid(),
    actor: p.actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/terminated', display: { 'en-US': 'terminated' } },
    object: { objectType: 'Activity', id: p.activityId },
    result: { duration: isoDuration(Date.now() - cmi5.getInitializedDate().getTime()) },
    context: { ...template, registration: p.registration, contextActivities: { ...template.contextActivities, category } },
    timestamp: new Date().toISOString(),
  };
  return { headers, stateUrl: `${p.endpoint}activities/state?${query}`, statementsUrl: `${p.endpoint}statements`, terminated };
}
