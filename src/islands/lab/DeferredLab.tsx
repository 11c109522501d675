/**
 * The lab, for a page where it is not in view when the page opens (the sandbox, below the list of
 * scenarios on /lab/). The page hydrates this island only as the learner comes to it (Astro's
 * client:visible); until then the placeholder below is plain HTML and no JavaScript of the lab, React
 * included, runs. Once hydrated it downloads the session statechart, the database, the simulator
 * and the views at once. A failed download says so, with Retry; after a second failure it points
 * to a reload and offers it (see shared/download-failed.ts), which loses nothing: no lab has run yet.
 */
import { type ComponentProps, useEffect } from 'react';
import type LabApp from './LabApp';
import { downloadFailedText, suggestsReload } from '../shared/download-failed';
import { useLoader } from './use-loader';
import './lab.css';
import './services.css';

type Props = ComponentProps<typeof LabApp>;

const loadLab = () => import('./LabApp');

export default function DeferredLab(props: Props) {
  const { ensure, state } = useLoader(loadLab, 'lab');
  const start = () => void ensure().catch(() => undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: started once, when the island is hydrated; Retry starts it again
  useEffect(start, []);

  if (state.status === 'ready') return <state.value.default {...props} />;
  return (
    <div data-lab-deferred="">
      {state.status === 'failed' ? (
        <div className="lab-banner" role="alert">
          <p>{downloadFailedText('The lab', state.failures, { nothingToLose: true })}</p>
          <button type="button" className="lab-button" onClick={start}>
            Retry
          </button>
          {suggestsReload(state.failures) && (
            <button type="button" className="lab-button" onClick={() => location.reload()}>
              Reload the page
            </button>
          )}
        </div>
      ) : (
        <p className="lab-loading" role="status">
          Loading your lab…
        </p>
      )}
    </div>
  );
}
