/**
 * The lab island: one simulated cloud for the page's slot (the sandbox or a scenario), its clock,
 * the views and forms, the console, the bill and the scenario's goals.
 *
 * The session (opening the slot, saving, failed saves, other tabs, a browser that keeps nothing)
 * is the statechart in lab-session.machine.ts; this component draws it and sends it what the
 * learner does. Scenario progress is read from IndexedDB, live once the database code has loaded (see
 * below), with the changes
 * not saved yet laid over it. Parts loaded on demand (details, the EC2 API, goal checks, the
 * console's CLI) say so when they fail to download, and can be retried.
 */
import { useActor } from '@xstate/react';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Cloud } from '../../simulator/index';
import { ACCOUNTS } from '../../simulator/model/accounts';
import { nextPendingAt, pendingTimers, settle } from '../../simulator/scenarios/timers';
import type { LabDatabase, LabViewState } from '../../storage/lab-db';
import { applyProgressChanges, type LabProgressRead, progressFromStored, readLabProgress } from '../../storage/lab-progress';
import { LAB_DATABASE, readRecords } from '../../storage/read-only';
import { Bill } from './Bill';
import { Console } from './Console';
import { BlockPublicAccessForm, LaunchForm } from './Forms';
import { duration, simulatedTime } from './format';
import { describeProblem, type StoredWorld, sessionActors } from './lab-session-effects';
import { labSessionMachine, retryDelay } from './lab-session.machine';
import { LabLinks, ResultPanel } from './ResultPanel';
import { GoalsBar, ScenarioPanel } from './ScenarioPanel';
import { freshCloud, newTabId, slotOf } from './session';
import { createSlotOwnership, type SlotOwnership } from './slot-ownership';
import type { CallRecord, ScenarioProps, SendFromForm } from './types';
import { downloadFailedText } from '../shared/download-failed';
import { useLoader } from './use-loader';
import { WorldView } from './WorldView';
import './lab.css';
import { buildWorldView, scenarioRegions } from './world-view';
import { RegionPicker } from './RegionPicker';
import { ServicesMount } from './ServicesMount';

interface Props {
  readonly scenario: ScenarioProps | null;
  readonly base: string;
  readonly lessonTitles: Readonly<Record<string, string>>;
  /** Called when goals are newly met (and so when the scenario completes); the embed reports it to its host. */
  readonly onProgress?: (event: LabProgressEvent) => void;
  /** Called with each world this tab stores, as it is stored; a lab package hands it to its LMS. */
  readonly onSaved?: (saved: StoredWorld) => void;
}

export interface LabProgressEvent {
  readonly newlyMet: readonly string[];
  readonly met: readonly string[];
  readonly total: number;
  readonly complete: boolean;
}

function DetailsPlaceholder({ text, onRetry }: { text: string; onRetry?: () => void }) {
  return (
    <section className="lab-panel lab-details" aria-labelledby="lab-details-heading">
      <h2 id="lab-details-heading">Details</h2>
      <p className="lab-muted" role={onRetry === undefined ? undefined : 'alert'}>
        {text}
      </p>
      {onRetry !== undefined && (
        <button type="button" className="lab-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </section>
  );
}

/** A failure with its words and a Retry button. */
function Problem({ text, onRetry, retryLabel = 'Retry' }: { text: string; onRetry: () => void; retryLabel?: string }) {
  return (
    <div className="lab-banner" role="alert">
      <p>{text}</p>
      <button type="button" className="lab-button" onClick={onRetry}>
        {retryLabel}
      </button>
    </div>
  );
}

const SPEEDS = [1, 10, 60] as const;
const TICK_MS = 250;
const LEARNER = ACCOUNTS[0]?.accountId ?? '';

const noop = () => () => {};
const stillLoading = () => null;
const loadDetails = () => import('./Details');
const loadChecks = () => import('../../simulator/scenarios/checks');
/** Dexie and the lab database: loaded with the first write (lab-session-effects.ts), not with the page. */
const loadLabDatabase = () => import('../../storage/lab-db').then((module) => module.labDatabase());

/** Stored scenario progress as read: the record, or the failure to read it; null when there is none to read. */
type StoredProgress = ({ readonly ok: true } & LabProgressRead) | { readonly ok: false; readonly error: unknown } | null;

export default function LabApp({ scenario, base, lessonTitles, onProgress, onSaved }: Props) {
  const slot = slotOf(scenario);
  const tabId = useMemo(newTabId, []);
  // Created on first use, in the browser only (the island is also rendered at build time).
  const ownership = useRef<SlotOwnership | null>(null);
  const sendRef = useRef<(event: { type: 'owner.requested' }) => void>(() => undefined);
  // The machine is made once; the callback it calls is the latest one given.
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  // The lab database once its code has loaded; until then progress is read without it.
  const [labDb, setLabDb] = useState<LabDatabase | null>(null);
  const [machine] = useState(() => {
    const initialView: LabViewState = { accountId: LEARNER, region: scenario?.region ?? 'us-east-1', speed: 10, running: false, selectedId: null };
    return labSessionMachine.provide({
      actors: sessionActors({
        slot,
        tabId,
        scenario,
        initialView,
        database: () =>
          loadLabDatabase().then((db) => {
            setLabDb(db);
            return db;
          }),
        get ownership() {
          ownership.current ??= createSlotOwnership(slot, tabId, () => sendRef.current({ type: 'owner.requested' }));
          return ownership.current;
        },
        onSaved: (saved) => onSavedRef.current?.(saved),
      }),
    });
  });
  const [state, send] = useActor(machine, { input: { describe: describeProblem } });
  sendRef.current = send;
  useEffect(() => () => ownership.current?.close(), []);

  const { context } = state;
  const data = context.data;
  const cloud = data?.cloud ?? null;
  const view = data?.view ?? null;
  const takenOver = state.matches({ active: { session: 'takenOver' } }) || state.matches({ active: { session: 'handingOver' } });
  const storageOff = state.matches({ active: { session: 'unavailable' } });
  const active = state.matches('active');

  const [lastCall, setLastCall] = useState<CallRecord | null>(null);
  const [launchPreset, setLaunchPreset] = useState<string | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [skipNote, setSkipNote] = useState('');
  const [resetProblem, setResetProblem] = useState<string | null>(null);
  const [progressReads, setProgressReads] = useState(0);
  // The first drawing of the whole lab (forms, world, console, bill) is a large render: done as a
  // transition, React renders it in slices between which the browser stays responsive, instead of
  // one long task (Total Blocking Time on a phone).
  const [drawn, setDrawn] = useState(false);
  const links = useMemo(() => ({ base, lessonTitles }), [base, lessonTitles]);
  const hasWorld = context.data !== null;
  useEffect(() => {
    if (hasWorld && !drawn) startTransition(() => setDrawn(true));
  }, [hasWorld, drawn]);

  const snapshot = useSyncExternalStore(cloud === null ? noop : (listener) => cloud.subscribe(listener), cloud === null ? stillLoading : () => cloud.getSnapshot(), stillLoading);

  // Every move of the world (a call, the clock) is a change to save.
  useEffect(() => (cloud === null ? undefined : cloud.subscribe(() => send({ type: 'world.changed' }))), [cloud, send]);

  // The same notice other pages show when the browser keeps nothing.
  useEffect(() => {
    if (storageOff) void import('../storage-notice/storage-notice').then(({ showStorageNotice }) => showStorageNotice(context.storageError));
  }, [storageOff, context.storageError]);

  // A save that is waiting: write it before the tab goes to the background (it may be closed).
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === 'hidden' && state.matches({ active: { session: { owned: 'pending' } } })) send({ type: 'save.retry' });
    };
    document.addEventListener('visibilitychange', flush);
    return () => document.removeEventListener('visibilitychange', flush);
  }, [state, send]);

  const setView = useCallback((change: Partial<LabViewState>) => send({ type: 'view.set', change }), [send]);

  // Parts loaded when the learner needs them, each able to fail and be retried.
  const operations = useLoader(() => (cloud === null ? Promise.reject(new Error('no world yet')) : cloud.ready()), cloud);
  const details = useLoader(loadDetails, 'details');
  // The goal checks (with the EC2 queries they use) load with the operations, when the learner
  // starts to act: until the world changes, no goal can be met that stored progress does not
  // already show, and no world changes without the operations (a call, or the clock).
  const checks = useLoader(loadChecks, 'checks');
  const checksIdle = checks.state.status === 'idle';
  const ensureChecks = checks.ensure;
  const ensureOperations = useCallback(() => {
    if (scenario !== null && checksIdle) ensureChecks().catch(() => undefined);
    return operations.ensure();
  }, [scenario, checksIdle, ensureChecks, operations.ensure]);
  // Whatever changes the world (a form, the console, the clock, another part's own call) brings
  // the checks too, once: a failed download waits for its Retry.
  useEffect(() => {
    if (cloud === null || scenario === null || !checksIdle) return;
    return cloud.subscribe(() => void ensureChecks().catch(() => undefined));
  }, [cloud, scenario, checksIdle, ensureChecks]);
  const prepare = useCallback(() => {
    if (cloud !== null && !cloud.isReady() && operations.state.status === 'idle') ensureOperations().catch(() => undefined);
    else if (scenario !== null && checksIdle) ensureChecks().catch(() => undefined);
  }, [cloud, operations.state.status, ensureOperations, scenario, checksIdle, ensureChecks]);

  useEffect(() => {
    if (view?.selectedId != null) {
      prepare();
      if (details.state.status === 'idle') details.ensure().catch(() => undefined);
    }
  }, [view?.selectedId, prepare, details]);

  // The clock: simulated time runs at the chosen speed while "Run" is on, once the statecharts
  // that fire due events have loaded (Run asks for them; a failed download is shown, with Retry).
  const running = view?.running === true && !takenOver;
  useEffect(() => {
    if (running) ensureOperations().catch(() => undefined);
  }, [running, ensureOperations]);
  const opsReady = operations.state.status === 'ready' || (cloud?.isReady() ?? false);
  useEffect(() => {
    if (cloud === null || !running || !opsReady || view === null) return;
    let last = performance.now();
    const id = window.setInterval(() => {
      const now = performance.now();
      cloud.advance((now - last) * view.speed);
      last = now;
    }, TICK_MS);
    return () => window.clearInterval(id);
  }, [cloud, running, opsReady, view?.speed, view]);

  // Scenario progress, never throwing: a failed read is a value, shown with a Retry. Read once
  // without Dexie while the page is only looked at; live (this tab's writes and other tabs') once
  // the database code has loaded with the first write.
  const [storedProgress, setStoredProgress] = useState<StoredProgress | undefined>(undefined);
  const slug = scenario?.slug ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: progressReads is the Retry: it reads again.
  useEffect(() => {
    if (slug === null || !active || storageOff) {
      setStoredProgress(null);
      return;
    }
    let stopped = false;
    let stop = () => {
      stopped = true;
    };
    const show = (read: LabProgressRead) => {
      if (!stopped) setStoredProgress({ ok: true, ...read });
    };
    const fail = (error: unknown) => {
      if (!stopped) setStoredProgress({ ok: false, error });
    };
    if (labDb === null) {
      readRecords(LAB_DATABASE, ['progress'], slug)
        .then(({ progress }) => progressFromStored(progress, slug, Date.now()))
        .then(show, fail);
    } else {
      import('../../storage/live').then(({ watchQuery }) => {
        if (stopped) return;
        const unwatch = watchQuery(() => readLabProgress(labDb, slug, Date.now()), show, fail);
        stop = () => {
          stopped = true;
          unwatch();
        };
      }, fail);
    }
    return () => stop();
  }, [slug, active, storageOff, progressReads, labDb]);
  const progress = useMemo(() => {
    if (scenario === null) return null;
    const start = storedProgress?.ok === true ? storedProgress.record : { slug: scenario.slug, goalsMet: {}, hintsRevealed: 0, startedAt: 0, completedAt: null, updatedAt: 0 };
    return applyProgressChanges(start, context.progressChanges);
  }, [scenario, storedProgress, context.progressChanges]);
  // Goals are recorded only once stored progress is known (or known to be unreachable).
  const progressKnown = scenario !== null && (storageOff || storedProgress != null);

  const isGoalMet = checks.state.status === 'ready' ? checks.state.value.isGoalMet : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: snapshot is how a world change (same cloud object) reaches this memo.
  const liveMet = useMemo(() => {
    const met: Record<string, boolean> = {};
    if (cloud === null || scenario === null || progress === null) return met;
    for (const goal of scenario.goals) met[goal.id] = progress.goalsMet[goal.id] !== undefined || (isGoalMet?.(cloud.world(), goal) ?? false);
    return met;
  }, [cloud, snapshot, scenario, progress, isGoalMet]);

  useEffect(() => {
    if (scenario === null || takenOver || !progressKnown || progress === null) return;
    const newly = scenario.goals.filter((goal) => liveMet[goal.id] === true && progress.goalsMet[goal.id] === undefined).map((goal) => goal.id);
    if (newly.length === 0) return;
    send({ type: 'progress.change', change: { type: 'goals-met', goalIds: newly, allGoalIds: scenario.goals.map((goal) => goal.id), at: Date.now() } });
    const met = scenario.goals.filter((goal) => liveMet[goal.id] === true).map((goal) => goal.id);
    onProgress?.({ newlyMet: newly, met, total: scenario.goals.length, complete: met.length === scenario.goals.length });
  }, [liveMet, progress, progressKnown, scenario, takenOver, send, onProgress]);

  const send_: SendFromForm = useCallback(
    (label, op, params, region, service) => {
      if (cloud === null || view === null) return Promise.resolve(null);
      const request = { op, region: region ?? view.region, account: view.accountId, params, ...(service === undefined ? {} : { service }) };
      const call = () => {
        const record: CallRecord = { source: 'form', label, request, result: cloud.send(request) };
        setLastCall(record);
        return record;
      };
      // Normally loaded since the learner's first pointer or key; if not, the call waits for it
      // (and, should loading fail, gets the cloud's own "still loading" error, beside the banner).
      return cloud.isReady() ? Promise.resolve(call()) : ensureOperations().then(call, call);
    },
    [cloud, view, ensureOperations],
  );

  const reset = async () => {
    setConfirmingReset(false);
    setResetProblem(null);
    const seed = scenario === null ? (Date.now() % 2_000_000_000) + 1 : 1;
    let next: Cloud;
    try {
      next = await freshCloud(scenario, seed);
    } catch (error) {
      setResetProblem(`A fresh world could not be started: ${describeProblem(error).message}`);
      return;
    }
    send({ type: 'world.replaced', cloud: next });
    setView({ running: false, selectedId: null, accountId: LEARNER });
    send({ type: 'console.append', entries: [], clear: true, command: null });
    setLastCall(null);
    if (scenario !== null) send({ type: 'progress.change', change: { type: 'restarted', at: Date.now() } });
  };

  if (state.matches('loadFailed')) {
    return <Problem text={`Your lab could not be opened. ${context.loadProblem?.message ?? ''}`} onRetry={() => send({ type: 'load.retry' })} />;
  }

  if (cloud === null || view === null || data === null || !drawn) {
    return (
      <p className="lab-loading" role="status">
        Loading your lab…
      </p>
    );
  }

  const world = cloud.world();
  const regions = buildWorldView(world, view.accountId);
  const pending = pendingTimers(world).length;
  const nextAt = nextPendingAt(world);
  const account = ACCOUNTS.find((a) => a.accountId === view.accountId) ?? ACCOUNTS[0];
  const scenarioComplete = scenario?.goals.every((goal) => liveMet[goal.id] === true) === true || progress?.completedAt != null;
  const clock = simulatedTime(snapshot?.now ?? cloud.now());
  const saveFailed = state.matches({ active: { session: { owned: 'failed' } } });
  const saveLabel = state.matches({ active: { session: { owned: 'saved' } } })
    ? 'All changes saved'
    : storageOff
      ? 'Not saved: this browser keeps nothing'
      : saveFailed || takenOver
        ? 'Not saved'
        : 'Saving…';

  return (
    // The island listens for the learner's first pointer, key or focus anywhere in it, to load the
    // EC2 API before it is needed; the div itself is not a control.
    <LabLinks.Provider value={links}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: see above */}
      <div className={`lab-app${scenario !== null ? ' lab-app-with-scenario' : ''}`} data-lab-ready="true" onPointerDown={prepare} onKeyDown={prepare} onFocus={prepare}>
        {takenOver && (
          <div className="lab-banner" role="alert">
            <p>
              {context.lostBecause === 'newer-world' ? (
                <>
                  <strong>A newer world for this lab was saved in another tab.</strong> This tab’s world is not saved, so it cannot replace the newer one; take over to continue
                  from the newer world.
                </>
              ) : (
                <>
                  <strong>This lab is open in another tab.</strong> That tab now owns this world; nothing you do here is saved.
                </>
              )}
            </p>
            <button type="button" className="lab-button" onClick={() => send({ type: 'takeOver' })}>
              Take over here
            </button>
          </div>
        )}
        {saveFailed && context.saveProblem !== null && (
          <Problem
            text={`Your latest changes are not saved yet. ${context.saveProblem.message} They are kept in this tab and saving is retried automatically (next try in about ${Math.round(retryDelay(context.saveAttempts) / 1000)} s).`}
            onRetry={() => send({ type: 'save.retry' })}
            retryLabel="Retry saving"
          />
        )}
        {takenOver && context.saveProblem !== null && (
          <p className="lab-banner" role="status">
            {context.saveProblem.message}
          </p>
        )}
        {context.progressProblem !== null && (
          <Problem
            text={`Your scenario progress (goals met, hints) is not saved yet. ${context.progressProblem.message} It is kept in this tab and retried automatically.`}
            onRetry={() => send({ type: 'progress.retry' })}
            retryLabel="Retry saving progress"
          />
        )}
        {storedProgress?.ok === false && (
          <Problem text={`Your scenario progress could not be read: ${describeProblem(storedProgress.error).message}`} onRetry={() => setProgressReads((n) => n + 1)} />
        )}
        {storedProgress?.ok === true && storedProgress.problem !== null && (
          <p className="lab-banner" role="status">
            Your scenario progress could not be read ({storedProgress.problem.message}), so it starts again. The damaged record is kept aside in this browser’s lab database.
          </p>
        )}
        {operations.state.status === 'failed' && (
          <Problem text={downloadFailedText('The simulator’s EC2 API and clock', operations.state.failures)} onRetry={() => void ensureOperations().catch(() => undefined)} />
        )}
        {checks.state.status === 'failed' && (
          <Problem text={downloadFailedText('The scenario’s goal checks', checks.state.failures)} onRetry={() => void checks.ensure().catch(() => undefined)} />
        )}
        {resetProblem !== null && <Problem text={resetProblem} onRetry={() => void reset()} />}
        {context.notice != null && (
          <p className="lab-banner" role="status">
            {context.notice}
          </p>
        )}
        {/* Always in view, at every width: the clock, Skip ahead and the scenario's goals. */}
        <section className="lab-bar" aria-label="Time and goals" inert={takenOver}>
          {/* biome-ignore lint/a11y/useSemanticElements: a named group of toolbar buttons; a fieldset would need a legend and break the toolbar's inline layout */}
          <div className="lab-time" role="group" aria-label="Simulated time">
            <span className="lab-clock" aria-live="off">
              <span className="visually-hidden">Simulated time: </span>
              {/* A phone shows the time of day only; screen readers always get all of it. */}
              <span className="lab-clock-date">{clock.slice(0, 11)}</span>
              {clock.slice(11, 19)}
              <span className="lab-clock-date">{clock.slice(19)}</span>
            </span>
            <button type="button" className="lab-button" aria-pressed={view.running} onClick={() => setView({ running: !view.running })}>
              {view.running ? 'Pause' : 'Run'}
            </button>
            {/* biome-ignore lint/a11y/useSemanticElements: a named group of toolbar buttons; a fieldset would need a legend and break the toolbar's inline layout */}
            <span role="group" aria-label="Speed" className="lab-speeds">
              {SPEEDS.map((speed) => (
                <button key={speed} type="button" className="lab-button lab-button-small" aria-pressed={view.speed === speed} onClick={() => setView({ speed })}>
                  {speed}×
                </button>
              ))}
            </span>
            <button
              type="button"
              className="lab-button"
              disabled={pending === 0}
              onClick={() => {
                setSkipNote('');
                ensureOperations().then(
                  () => setSkipNote(`Skipped ${duration(settle(cloud))}`),
                  // The banner above says why and offers Retry; the note says what did not happen.
                  () => setSkipNote('Could not skip ahead: the simulator’s clock could not be downloaded'),
                );
              }}
            >
              Skip ahead
            </button>
            <span className="lab-muted lab-small lab-pending" role="status">
              {skipNote.startsWith('Could not')
                ? skipNote
                : pending === 0
                  ? `${skipNote !== '' ? `${skipNote}; n` : 'N'}othing pending`
                  : `${pending} pending, next in ${duration((nextAt ?? world.now) - world.now)}`}
            </span>
          </div>
          {scenario !== null && progress !== null && <GoalsBar scenario={scenario} met={liveMet} complete={scenarioComplete} settled={progressKnown} base={base} />}
        </section>
        <div className="lab-toolbar" role="toolbar" aria-label="Lab controls" inert={takenOver}>
          <div className="lab-field lab-inline">
            <label htmlFor="lab-acting-as">Acting as</label>
            <select id="lab-acting-as" value={view.accountId} onChange={(event) => setView({ accountId: event.target.value, selectedId: null })}>
              {ACCOUNTS.map((a) => (
                <option key={a.accountId} value={a.accountId}>
                  {a.name} ({a.accountId})
                </option>
              ))}
            </select>
          </div>
          <RegionPicker world={world} accountId={view.accountId} region={view.region} onChange={(region) => setView({ region })} send={send_} />
          <div className="lab-toolbar-end">
            <span className="lab-muted lab-small" aria-live="off">
              {saveLabel}
            </span>
            {confirmingReset ? (
              // biome-ignore lint/a11y/useSemanticElements: a named group of toolbar buttons; a fieldset would need a legend and break the toolbar's inline layout
              <span role="group" aria-label="Confirm reset" className="lab-confirm">
                <span>Start a fresh world? Everything in this one is lost.</span>
                <button type="button" className="lab-button lab-button-danger" onClick={() => void reset()}>
                  Yes, reset
                </button>
                <button type="button" className="lab-button" onClick={() => setConfirmingReset(false)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button type="button" className="lab-button" onClick={() => setConfirmingReset(true)}>
                Reset…
              </button>
            )}
          </div>
        </div>
        <p className="lab-acting">
          Acting as <strong>{account?.name}</strong> ({account?.accountId}) in <strong>{view.region}</strong>
        </p>
        <div className="lab-layout" inert={takenOver}>
          {scenario !== null && progress !== null && (
            <ScenarioPanel
              scenario={scenario}
              met={liveMet}
              hintsRevealed={progress.hintsRevealed}
              complete={scenarioComplete}
              onHint={() =>
                send({ type: 'progress.change', change: { type: 'hints-revealed', count: Math.min(scenario.hintsHtml.length, progress.hintsRevealed + 1), at: Date.now() } })
              }
            />
          )}
          <div className="lab-main">
            <div className="lab-columns">
              <WorldView
                regions={regions}
                currentRegion={view.region}
                selectedId={view.selectedId}
                onSelect={(id) => setView({ selectedId: id })}
                pinnedRegions={scenarioRegions(scenario)}
                onSelectRegion={(region) => setView({ region })}
                world={world}
                accountId={view.accountId}
              />
              {view.selectedId === null ? (
                <DetailsPlaceholder text="Select an instance, volume, AMI or snapshot in the world to see its details, its actions and its lifecycle." />
              ) : details.state.status === 'failed' ? (
                <DetailsPlaceholder text={downloadFailedText('The details panel', details.state.failures)} onRetry={() => void details.ensure().catch(() => undefined)} />
              ) : operations.state.status === 'failed' ? (
                <DetailsPlaceholder
                  text={downloadFailedText('The simulator’s EC2 API', operations.state.failures)}
                  onRetry={() => void ensureOperations().catch(() => undefined)}
                />
              ) : details.state.status !== 'ready' || !cloud.isReady() ? (
                <DetailsPlaceholder text="Loading details…" />
              ) : (
                <details.state.value.Details
                  cloud={cloud}
                  selectedId={view.selectedId}
                  accountId={view.accountId}
                  send={send_}
                  lastCall={lastCall}
                  onLaunch={(imageId) => {
                    setLaunchPreset(imageId);
                    const image = world.images[imageId];
                    if (image !== undefined && image.region !== view.region) setView({ region: image.region });
                    document.getElementById('lab-launch')?.scrollIntoView({ block: 'nearest' });
                    document.getElementById('lab-launch')?.querySelector('select')?.focus();
                  }}
                />
              )}
            </div>
            <div className="lab-columns">
              <section className="lab-panel" id="lab-launch" aria-labelledby="lab-actions-heading">
                <h2 id="lab-actions-heading">Actions in {view.region}</h2>
                <LaunchForm
                  key={`${view.accountId}/${view.region}/${launchPreset ?? ''}`}
                  world={world}
                  accountId={view.accountId}
                  region={view.region}
                  send={send_}
                  presetImageId={launchPreset}
                />
                <BlockPublicAccessForm world={world} accountId={view.accountId} region={view.region} send={send_} />
                <p className="lab-muted lab-small">Select a resource in the world for its own actions (configure, stop, create image, copy, share, deregister, delete, tag…).</p>
              </section>
              <ResultPanel call={lastCall} />
            </div>
            <ServicesMount world={world} accountId={view.accountId} region={view.region} send={send_} />
            <Console
              cloud={cloud}
              accountId={view.accountId}
              region={view.region}
              transcript={data.transcript}
              history={data.history}
              base={base}
              onTranscript={(entries, clear, command) => send({ type: 'console.append', entries, clear, command })}
              onCall={setLastCall}
              onSet={(change) =>
                setView({ ...(change.accountId !== undefined ? { accountId: change.accountId } : {}), ...(change.region !== undefined ? { region: change.region } : {}) })
              }
            />
            <Bill cloud={cloud} accountId={view.accountId} />
          </div>
        </div>
      </div>
    </LabLinks.Provider>
  );
}
