/**
 * The lab, loaded when the learner comes to it: for a lab that is not in view when the page opens
 * (the sandbox, below the list of scenarios on /lab/). Until it comes near the viewport (or the
 * learner points at, touches or focuses it), only this placeholder is drawn: the session
 * statechart, the database, the simulator and the views are downloaded and run then, not while
 * the page is loading. A failed download says so, with Retry.
 */
import { type ComponentProps, useEffect, useRef } from 'react';
import type LabApp from './LabApp';
import { useLoader } from './use-loader';
import './lab.css';
import './services.css';

type Props = ComponentProps<typeof LabApp>;

const loadLab = () => import('./LabApp');
/** How far below the viewport the lab starts loading, so it is ready as the learner scrolls to it. */
const ROOT_MARGIN = '200px';

export default function DeferredLab(props: Props) {
  const lab = useLoader(loadLab, 'lab');
  const placeholder = useRef<HTMLDivElement>(null);
  const { ensure, state } = lab;
  const idle = state.status === 'idle';

  useEffect(() => {
    const element = placeholder.current;
    if (!idle || element === null) return;
    const start = () => void ensure().catch(() => undefined);
    if (typeof IntersectionObserver === 'undefined') {
      start();
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) start();
      },
      { rootMargin: ROOT_MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [idle, ensure]);

  if (state.status === 'ready') return <state.value.default {...props} />;
  const start = () => void ensure().catch(() => undefined);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: not a control; the learner reaching for the lab starts loading it
    <div ref={placeholder} data-lab-deferred="" onPointerEnter={start} onPointerDown={start} onFocus={start}>
      {state.status === 'failed' ? (
        <div className="lab-banner" role="alert">
          <p>The lab could not be downloaded (are you offline?). Check your connection and retry.</p>
          <button type="button" className="lab-button" onClick={start}>
            Retry
          </button>
        </div>
      ) : (
        <p className="lab-loading" role="status">
          Loading your lab…
        </p>
      )}
    </div>
  );
}
