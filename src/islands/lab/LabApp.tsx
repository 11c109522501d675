/**
 * The lab island: one simulated cloud for the page's slot (the sandbox or a scenario), its clock,
 * the views and forms, the console, the bill and the scenario's goals, all saved in IndexedDB.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Cloud } from '../../simulator/index';
import { ACCOUNTS } from '../../simulator/model/accounts';
import { REGIONS } from '../../simulator/model/regions';
import type { Goal } from '../../simulator/scenarios/checks';
import { nextPendingAt, pendingTimers, settle } from '../../simulator/scenarios/timers';
import type { LabConsoleEntry, LabViewState } from '../../storage/lab-db';
import { labDatabase } from '../../storage/lab-db';
import { getLabProgress, recordGoalsMet, restartLabProgress, revealHint } from '../../storage/lab-progress';
import { claimLabSession, LAB_CHANNEL, type LabTabMessage, saveLabSession, setOpenScenario } from '../../storage/lab-sessions';
import { Bill } from './Bill';
import { Console } from './Console';
import { BlockPublicAccessForm, LaunchForm } from './Forms';
import { duration, simulatedTime } from './format';
import { ResultPanel } from './ResultPanel';
import { ScenarioPanel } from './ScenarioPanel';
import { freshCloud, newTabId, restoreSaved, slotOf } from './session';
import type { CallRecord, ScenarioProps, SendFromForm } from './types';
import { WorldView } from './WorldView';
import './lab.css';
import { buildWorldView } from './world-view';

interface Props {
  readonly scenario: ScenarioProps | null;
  readonly base: string;
  readonly lessonTitles: Readonly<Record<string, string>>;
}

/** Details, resource actions and the lifecycle diagram load when a resource is first selected. */
const Details = lazy(() => import('./Details').then((m) => ({ default: m.Details })));

function DetailsPlaceholder({ text }: { text: string }) {
  return (
    <section className="lab-panel lab-details" aria-labelledby="lab-details-heading">
      <h2 id="lab-details-heading">Details</h2>
      <p className="lab-muted">{text}</p>
    </section>
  );
}

const SPEEDS = [1, 10, 60] as const;
const TICK_MS = 250;
const LEARNER = ACCOUNTS[0]?.accountId ?? '';

interface Loaded {
  readonly cloud: Cloud;
  readonly notice: string | null;
}

/** Tells whether a goal is met in a world (the scenario's goal checks, loaded with a scenario). */
type GoalTest = (world: ReturnType<Cloud['world']>, goal: Pick<Goal, 'check' | 'params'>) => boolean;

const noop = () => () => {};
const stillLoading = () => null;

export default function LabApp({ scenario, base, lessonTitles }: Props) {
  const slot = slotOf(scenario);
  const tabId = useMemo(newTabId, []);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const cloud = loaded?.cloud ?? null;
  const [view, setView] = useState<LabViewState>({ accountId: LEARNER, region: scenario?.region ?? 'us-east-1', speed: 10, running: false, selectedId: null });
  const [transcript, setTranscript] = useState<LabConsoleEntry[]>([]);
  const [history, setHistory] = useState<string[]>([]);
  const [lastCall, setLastCall] = useState<CallRecord | null>(null);
  const [takenOver, setTakenOver] = useState(false);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'not-saved'>('saved');
  const [goalsMet, setGoalsMet] = useState<Record<string, number>>({});
  const [hintsRevealed, setHintsRevealed] = useState(0);
  const [completedAt, setCompletedAt] = useState<number | null>(null);
  const [launchPreset, setLaunchPreset] = useState<string | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [skipNote, setSkipNote] = useState('');
  const [isGoalMet, setIsGoalMet] = useState<GoalTest | null>(null);
  // Bumped when the cloud's operations (EC2 API, statecharts) have loaded, to draw what needs them.
  const [, setOperationsLoaded] = useState(0);

  const snapshot = useSyncExternalStore(
    cloud === null ? noop : (listener) => cloud.subscribe(listener),
    cloud === null ? stillLoading : () => cloud.getSnapshot(),
    stillLoading,
  );

  // Latest values for the save, which runs from timers.
  const latest = useRef({ cloud, view, transcript, history, takenOver });
  latest.current = { cloud, view, transcript, history, takenOver };
  const saveTimer = useRef<number | null>(null);
  const channel = useRef<BroadcastChannel | null>(null);

  const persist = useCallback(async () => {
    saveTimer.current = null;
    const current = latest.current;
    if (current.cloud === null || current.takenOver) return;
    const result = await saveLabSession(labDatabase(), {
      slot,
      world: current.cloud.save(),
      commandHistory: current.history,
      transcript: current.transcript,
      view: current.view,
      ownerTab: tabId,
      updatedAt: Date.now(),
    });
    if (!result.ok) {
      setTakenOver(true);
      setSaveState('not-saved');
      setView((v) => ({ ...v, running: false }));
      return;
    }
    if (saveTimer.current === null) setSaveState('saved');
  }, [slot, tabId]);

  const scheduleSave = useCallback(() => {
    if (latest.current.takenOver) return;
    setSaveState('saving');
    if (saveTimer.current !== null) return;
    saveTimer.current = window.setTimeout(() => void persist(), 400);
  }, [persist]);

  // Load (or start) the world, claim the slot, and listen for other tabs claiming it.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const db = labDatabase();
      const record = await claimLabSession(db, slot, tabId, Date.now());
      let notice: string | null = null;
      let restored: Cloud | null = null;
      if (record !== undefined) {
        const result = await restoreSaved(record.world);
        if (result.ok) restored = result.cloud;
        else notice = `Your saved world could not be read (${result.message}), so a fresh one was started.`;
      }
      const next = restored ?? (await freshCloud(scenario, 1));
      if (scenario !== null) {
        const checks = await import('../../simulator/scenarios/checks');
        if (cancelled) return;
        setIsGoalMet(() => checks.isGoalMet);
        const progress = await getLabProgress(db, scenario.slug, Date.now());
        if (cancelled) return;
        setGoalsMet(progress.goalsMet);
        setHintsRevealed(progress.hintsRevealed);
        setCompletedAt(progress.completedAt);
        await setOpenScenario(db, scenario.slug);
      }
      if (cancelled) return;
      if (record !== undefined && restored !== null) {
        setView(record.view);
        setTranscript(record.transcript);
        setHistory(record.commandHistory);
      }
      setLoaded({ cloud: next, notice });
      channel.current?.postMessage({ type: 'claimed', slot, tabId } satisfies LabTabMessage);
    })();
    if (typeof BroadcastChannel !== 'undefined') {
      const bc = new BroadcastChannel(LAB_CHANNEL);
      bc.onmessage = (event: MessageEvent<LabTabMessage>) => {
        if (event.data?.type === 'claimed' && event.data.slot === slot && event.data.tabId !== tabId) {
          setTakenOver(true);
          setView((v) => ({ ...v, running: false }));
        }
      };
      channel.current = bc;
    }
    return () => {
      cancelled = true;
      channel.current?.close();
      channel.current = null;
    };
    // The slot and tab never change for a mounted island.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Save after every change of the world, the console or the view.
  useEffect(() => {
    if (cloud !== null) scheduleSave();
  }, [cloud, snapshot, transcript, history, view, scheduleSave]);

  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === 'hidden' && saveTimer.current !== null) {
        window.clearTimeout(saveTimer.current);
        void persist();
      }
    };
    document.addEventListener('visibilitychange', flush);
    return () => document.removeEventListener('visibilitychange', flush);
  }, [persist]);

  // The clock: simulated time runs at the chosen speed while "Run" is on (once the statecharts
  // that fire due events have loaded).
  useEffect(() => {
    if (cloud === null || !view.running || takenOver) return;
    let cancelled = false;
    let id: number | undefined;
    void cloud.ready().then(() => {
      if (cancelled) return;
      let last = performance.now();
      id = window.setInterval(() => {
        const now = performance.now();
        cloud.advance((now - last) * view.speed);
        last = now;
      }, TICK_MS);
    }, () => undefined);
    return () => {
      cancelled = true;
      if (id !== undefined) window.clearInterval(id);
    };
  }, [cloud, view.running, view.speed, takenOver]);

  // The EC2 API and the statecharts load when the learner starts to act (a pointer, a key, focus
  // in the lab) or when the view needs them (a selected resource's details and lifecycle).
  const prepare = useCallback(() => {
    if (cloud !== null && !cloud.isReady()) void cloud.ready().then(() => setOperationsLoaded((n) => n + 1), () => undefined);
  }, [cloud]);

  useEffect(() => {
    if (view.selectedId !== null) prepare();
  }, [view.selectedId, prepare]);

  // Goals: checked against the world after every change; once met, a goal stays met.
  const liveMet = useMemo(() => {
    const met: Record<string, boolean> = {};
    if (cloud === null || scenario === null) return met;
    for (const goal of scenario.goals) met[goal.id] = goalsMet[goal.id] !== undefined || (isGoalMet?.(cloud.world(), goal) ?? false);
    return met;
    // snapshot changes with every world change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cloud, snapshot, scenario, goalsMet, isGoalMet]);

  useEffect(() => {
    if (scenario === null || takenOver) return;
    const newly = scenario.goals.filter((goal) => liveMet[goal.id] === true && goalsMet[goal.id] === undefined).map((goal) => goal.id);
    if (newly.length === 0) return;
    void recordGoalsMet(
      labDatabase(),
      scenario.slug,
      newly,
      scenario.goals.map((goal) => goal.id),
      Date.now(),
    ).then((record) => {
      setGoalsMet(record.goalsMet);
      setCompletedAt(record.completedAt);
    });
  }, [liveMet, goalsMet, scenario, takenOver]);

  const send: SendFromForm = useCallback(
    (label, op, params, region) => {
      if (cloud === null) return;
      const request = { op, region: region ?? view.region, account: view.accountId, params };
      const call = () => setLastCall({ source: 'form', label, request, result: cloud.send(request) });
      // Normally loaded since the learner's first pointer or key; if not, the call waits for it
      // (and, should loading fail, gets the cloud's own "still loading" error).
      if (cloud.isReady()) call();
      else void cloud.ready().then(call, call);
    },
    [cloud, view.region, view.accountId],
  );

  const takeOver = async () => {
    const record = await claimLabSession(labDatabase(), slot, tabId, Date.now());
    if (record !== undefined) {
      const restored = await restoreSaved(record.world);
      if (restored.ok) {
        setLoaded({ cloud: restored.cloud, notice: null });
        setView({ ...record.view, running: false });
        setTranscript(record.transcript);
        setHistory(record.commandHistory);
      }
    }
    setTakenOver(false);
    channel.current?.postMessage({ type: 'claimed', slot, tabId } satisfies LabTabMessage);
    if (scenario !== null) {
      const progress = await getLabProgress(labDatabase(), scenario.slug, Date.now());
      setGoalsMet(progress.goalsMet);
      setHintsRevealed(progress.hintsRevealed);
      setCompletedAt(progress.completedAt);
    }
  };

  const reset = async () => {
    setConfirmingReset(false);
    const seed = scenario === null ? (Date.now() % 2_000_000_000) + 1 : 1;
    setLoaded({ cloud: await freshCloud(scenario, seed), notice: null });
    setView((v) => ({ ...v, running: false, selectedId: null, accountId: LEARNER }));
    setTranscript([]);
    setLastCall(null);
    if (scenario !== null) {
      const progress = await restartLabProgress(labDatabase(), scenario.slug, Date.now());
      setGoalsMet(progress.goalsMet);
      setHintsRevealed(progress.hintsRevealed);
      setCompletedAt(progress.completedAt);
    }
  };

  if (cloud === null) {
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
  const complete = scenario !== null && scenario.goals.every((goal) => liveMet[goal.id] === true);

  return (
    <div className={`lab-app${scenario !== null ? ' lab-app-with-scenario' : ''}`} data-lab-ready="true" onPointerDown={prepare} onKeyDown={prepare} onFocus={prepare}>
      {takenOver && (
        <div className="lab-banner" role="alert">
          <p>
            <strong>This lab is open in another tab.</strong> That tab now owns this world; nothing you do here is saved.
          </p>
          <button type="button" className="lab-button" onClick={() => void takeOver()}>
            Take over here
          </button>
        </div>
      )}
      {loaded?.notice != null && (
        <p className="lab-banner" role="status">
          {loaded.notice}
        </p>
      )}
      <div className="lab-toolbar" role="toolbar" aria-label="Lab controls" inert={takenOver}>
        <div className="lab-field lab-inline">
          <label htmlFor="lab-acting-as">Acting as</label>
          <select id="lab-acting-as" value={view.accountId} onChange={(event) => setView((v) => ({ ...v, accountId: event.target.value, selectedId: null }))}>
            {ACCOUNTS.map((a) => (
              <option key={a.accountId} value={a.accountId}>
                {a.name} ({a.accountId})
              </option>
            ))}
          </select>
        </div>
        <div className="lab-field lab-inline">
          <label htmlFor="lab-region">Region</label>
          <select id="lab-region" value={view.region} onChange={(event) => setView((v) => ({ ...v, region: event.target.value }))}>
            {REGIONS.map((r) => (
              <option key={r.RegionName}>{r.RegionName}</option>
            ))}
          </select>
        </div>
        <div className="lab-time" role="group" aria-label="Simulated time">
          <span className="lab-clock" aria-live="off">
            <span className="visually-hidden">Simulated time: </span>
            {simulatedTime(snapshot?.now ?? cloud.now())}
          </span>
          <button type="button" className="lab-button" aria-pressed={view.running} onClick={() => setView((v) => ({ ...v, running: !v.running }))}>
            {view.running ? 'Pause' : 'Run'}
          </button>
          <span role="group" aria-label="Speed" className="lab-speeds">
            {SPEEDS.map((speed) => (
              <button key={speed} type="button" className="lab-button lab-button-small" aria-pressed={view.speed === speed} onClick={() => setView((v) => ({ ...v, speed }))}>
                {speed}×
              </button>
            ))}
          </span>
          <button
            type="button"
            className="lab-button"
            disabled={pending === 0}
            onClick={() => {
              void cloud.ready().then(() => {
                const moved = settle(cloud);
                setSkipNote(`Skipped ${duration(moved)} of simulated time: nothing is pending.`);
              }, () => undefined);
            }}
          >
            Skip ahead
          </button>
          <span className="lab-muted lab-small" role="status">
            {pending === 0 ? 'Nothing pending' : `${pending} pending, next in ${duration((nextAt ?? world.now) - world.now)}`}
            {skipNote !== '' && pending === 0 ? `. ${skipNote}` : ''}
          </span>
        </div>
        <div className="lab-toolbar-end">
          <span className="lab-muted lab-small" aria-live="off">
            {saveState === 'saved' ? 'All changes saved' : saveState === 'saving' ? 'Saving…' : 'Not saved'}
          </span>
          {confirmingReset ? (
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
        {scenario !== null && (
          <ScenarioPanel
            scenario={scenario}
            met={liveMet}
            hintsRevealed={hintsRevealed}
            complete={complete || completedAt !== null}
            base={base}
            onHint={() => {
              void revealHint(labDatabase(), scenario.slug, scenario.hintsHtml.length, Date.now()).then((record) => setHintsRevealed(record.hintsRevealed));
            }}
          />
        )}
        <div className="lab-main">
          <div className="lab-columns">
            <WorldView regions={regions} currentRegion={view.region} selectedId={view.selectedId} onSelect={(id) => setView((v) => ({ ...v, selectedId: id }))} />
            {view.selectedId === null ? (
              <DetailsPlaceholder text="Select an instance, volume, AMI or snapshot in the world to see its details, its actions and its lifecycle." />
            ) : !cloud.isReady() ? (
              <DetailsPlaceholder text="Loading details…" />
            ) : (
              <Suspense fallback={<DetailsPlaceholder text="Loading details…" />}>
                <Details
                  cloud={cloud}
                  selectedId={view.selectedId}
                  accountId={view.accountId}
                  send={send}
                  onLaunch={(imageId) => {
                    setLaunchPreset(imageId);
                    const image = world.images[imageId];
                    if (image !== undefined && image.region !== view.region) setView((v) => ({ ...v, region: image.region }));
                    document.getElementById('lab-launch')?.scrollIntoView({ block: 'nearest' });
                    document.getElementById('lab-launch')?.querySelector('select')?.focus();
                  }}
                />
              </Suspense>
            )}
          </div>
          <div className="lab-columns">
            <section className="lab-panel" id="lab-launch" aria-labelledby="lab-actions-heading">
              <h2 id="lab-actions-heading">Actions in {view.region}</h2>
              <LaunchForm key={`${view.accountId}/${view.region}/${launchPreset ?? ''}`} world={world} accountId={view.accountId} region={view.region} send={send} presetImageId={launchPreset} />
              <BlockPublicAccessForm world={world} accountId={view.accountId} region={view.region} send={send} />
              <p className="lab-muted lab-small">Select a resource in the world for its own actions (configure, stop, create image, copy, share, deregister, delete, tag…).</p>
            </section>
            <ResultPanel call={lastCall} base={base} lessonTitles={lessonTitles} />
          </div>
          <Console
            cloud={cloud}
            accountId={view.accountId}
            region={view.region}
            transcript={transcript}
            history={history}
            base={base}
            onTranscript={(entries, clear, command) => {
              setTranscript((t) => (clear ? [] : [...t, ...entries]));
              if (command !== null) setHistory((h) => (h[h.length - 1] === command ? h : [...h, command]));
            }}
            onCall={setLastCall}
            onSet={(change) => setView((v) => ({ ...v, ...(change.accountId !== undefined ? { accountId: change.accountId } : {}), ...(change.region !== undefined ? { region: change.region } : {}) }))}
          />
          <Bill cloud={cloud} accountId={view.accountId} />
        </div>
      </div>
    </div>
  );
}
