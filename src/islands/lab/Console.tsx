/**
 * The console: AWS CLI syntax against the simulated cloud. Enter runs, Up/Down walk the history,
 * Tab completes (when there is something to complete; otherwise it moves focus as usual).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Cloud } from '../../simulator/index';
import { ACCOUNTS } from '../../simulator/model/accounts';
import { REGIONS } from '../../simulator/model/regions';
import { profileForAccount } from '../../simulator/cli/profiles';
import type { LabConsoleEntry } from '../../storage/lab-db';
import { downloadFailedText, suggestsReload } from '../shared/download-failed';
import type { CallRecord } from './types';
import { completionIds } from './world-view';

interface Props {
  readonly cloud: Cloud;
  readonly accountId: string;
  readonly region: string;
  readonly transcript: readonly LabConsoleEntry[];
  readonly history: readonly string[];
  readonly base: string;
  readonly onTranscript: (entries: LabConsoleEntry[], clear: boolean, command: string | null) => void;
  readonly onCall: (call: CallRecord) => void;
  readonly onSet: (change: { accountId?: string; region?: string }) => void;
}

const REGION_NAMES = REGIONS.map((region) => region.RegionName);

type Cli = typeof import('./console-cli');
let cliModule: Promise<Cli> | undefined;
/** The CLI parser, printer and completion load on first use of the console, not with the page. */
function loadCli(): Promise<Cli> {
  cliModule ??= import('./console-cli').catch((error: unknown) => {
    // Forget a failed download, so the next command tries again.
    cliModule = undefined;
    throw error;
  });
  return cliModule;
}

export function Console({ cloud, accountId, region, transcript, history, base, onTranscript, onCall, onSet }: Props) {
  const [line, setLine] = useState('');
  const [cursor, setCursor] = useState<number | null>(null);
  const [candidates, setCandidates] = useState<readonly string[]>([]);
  const [cli, setCli] = useState<Cli | null>(null);
  const prepare = () => {
    // Early, so the first command runs at once; a failure here is reported when a command needs it.
    if (cli === null) loadCli().then(setCli, () => undefined);
  };
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  /** Commands in a row that could not run because the console's code could not be downloaded. */
  const downloadFailures = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new entry (the transcript's length) scrolls the log to the end.
  useEffect(() => {
    const log = logRef.current;
    if (log !== null) log.scrollTop = log.scrollHeight;
  }, [transcript.length]);

  const run = async () => {
    const command = line.trim();
    setCursor(null);
    setCandidates([]);
    if (command === '') {
      setLine('');
      return;
    }
    const prompt = `[${profileForAccount(accountId)}@${region}] $ ${command}`;
    let loaded: Cli;
    try {
      [loaded] = await Promise.all([loadCli(), cloud.ready()]);
    } catch {
      // The command is not lost: it stays in the input, and the transcript says why it did not run.
      downloadFailures.current += 1;
      const failures = downloadFailures.current;
      const keep = suggestsReload(failures) ? 'The command is still in the input: copy it before you reload.' : 'The command is still in the input: press Enter to try again.';
      onTranscript(
        [
          { kind: 'input', text: prompt },
          { kind: 'stderr', text: `This command could not run. ${downloadFailedText('Part of the lab (the console or the EC2 API)', failures)} ${keep}` },
        ],
        false,
        null,
      );
      return;
    }
    downloadFailures.current = 0;
    setLine('');
    const { runConsoleLine, explainError } = loaded;
    const outcome = runConsoleLine(command, {
      region,
      accountId,
      accounts: ACCOUNTS,
      regions: REGION_NAMES,
      send: (request) => cloud.send(request),
      advance: (ms) => cloud.advance(ms),
    });
    const entries: LabConsoleEntry[] = [{ kind: 'input', text: prompt }];
    for (const out of outcome.output) entries.push({ kind: out.stream, text: out.text });
    if (outcome.showHistory === true) for (const [i, h] of history.entries()) entries.push({ kind: 'stdout', text: `${String(i + 1).padStart(4)}  ${h}` });
    if (outcome.call !== undefined && !outcome.call.result.ok && outcome.call.result.error.Code !== 'DryRunOperation') {
      const explanation = explainError(outcome.call.result.error.Code);
      entries.push({ kind: 'note', text: explanation.text, lesson: explanation.lesson });
    }
    onTranscript(entries, outcome.clear === true, command);
    if (outcome.call !== undefined) onCall({ source: 'console', label: command.length > 80 ? `${command.slice(0, 77)}…` : command, ...outcome.call });
    if (outcome.set !== undefined) onSet(outcome.set);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void run();
    } else if (event.key === 'ArrowUp') {
      if (history.length === 0) return;
      event.preventDefault();
      const next = cursor === null ? history.length - 1 : Math.max(0, cursor - 1);
      setCursor(next);
      setLine(history[next] ?? '');
    } else if (event.key === 'ArrowDown') {
      if (cursor === null) return;
      event.preventDefault();
      const next = cursor + 1;
      if (next >= history.length) {
        setCursor(null);
        setLine('');
      } else {
        setCursor(next);
        setLine(history[next] ?? '');
      }
    } else if (event.key === 'Tab' && !event.shiftKey && line.trim() !== '') {
      // With nothing to complete, Tab moves focus as usual (once the CLI has loaded to tell).
      if (cli !== null) {
        if (completeWith(cli)) event.preventDefault();
        return;
      }
      event.preventDefault();
      completeLine();
    }
  };

  const completeWith = (loaded: Cli): boolean => {
    const ids = completionIds(cloud.world(), accountId);
    const zones = REGIONS.flatMap((r) => r.AvailabilityZones.map((z) => z.ZoneName));
    const completion = loaded.completeLine(line, { ...ids, regions: REGION_NAMES, zones, accounts: ACCOUNTS.map((a) => a.accountId) });
    if (completion.candidates.length === 0) return false;
    setLine(completion.line);
    setCandidates(completion.candidates.length > 1 ? completion.candidates : []);
    return true;
  };

  /** Completes the line (Tab, or the Complete button where a phone keyboard has no Tab key). */
  const completeLine = () => {
    const finish = (loaded: Cli) => {
      if (!completeWith(loaded)) setCandidates([line.trim() === '' ? '(type the start of a command first, e.g. aws ec2 des)' : '(nothing to complete here)']);
    };
    if (cli !== null) {
      finish(cli);
      return;
    }
    loadCli().then(
      (loaded) => {
        setCli(loaded);
        finish(loaded);
      },
      () => setCandidates(['(completion could not be downloaded: are you offline? Try again)']),
    );
  };

  return (
    <section className="lab-panel lab-console" aria-labelledby="lab-console-heading">
      <h2 id="lab-console-heading">Console</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard to scroll it (axe: scrollable-region-focusable). */}
      <div className="lab-console-log" role="log" aria-label="Console output" tabIndex={0} ref={logRef}>
        {transcript.length === 0 && <p className="lab-muted">Type help, or an AWS CLI command such as aws ec2 describe-images --owners amazon.</p>}
        {transcript.map((entry, index) =>
          entry.kind === 'note' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the transcript only grows at its end (or is cleared), so an entry keeps its index.
            <p key={index} className="lab-console-note lab-console-entry">
              ⓘ {entry.text}
              {entry.lesson !== undefined && (
                <>
                  {' '}
                  <a href={`${base}notes/${entry.lesson}/`}>Read the lesson</a>
                </>
              )}
            </p>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: the transcript only grows at its end (or is cleared), so an entry keeps its index.
            <pre key={index} className={`lab-console-${entry.kind} lab-console-entry`}>
              {entry.text}
            </pre>
          ),
        )}
      </div>
      {/* Always present, so what completion offers is announced. */}
      <div className="lab-console-candidates" aria-live="polite">
        {candidates.length > 0 && (
          <p>
            {candidates.slice(0, 12).join('   ')}
            {candidates.length > 12 ? `   … ${candidates.length - 12} more` : ''}
          </p>
        )}
      </div>
      <div className="lab-console-input">
        <label htmlFor="lab-console-command">
          <span aria-hidden="true">$</span>
          <span className="visually-hidden">AWS CLI command</span>
        </label>
        <input
          id="lab-console-command"
          type="text"
          value={line}
          onChange={(event) => {
            setLine(event.target.value);
            setCandidates([]);
          }}
          onKeyDown={onKeyDown}
          onFocus={prepare}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby="lab-console-help"
          placeholder="aws ec2 describe-images --owners self"
          ref={inputRef}
        />
        <button
          type="button"
          className="lab-button lab-button-small"
          aria-describedby="lab-console-help"
          onClick={() => {
            completeLine();
            inputRef.current?.focus();
          }}
        >
          <span aria-hidden="true">⇥ </span>Complete
        </button>
      </div>
      <p id="lab-console-help" className="lab-muted lab-small">
        Enter runs. Up and Down recall earlier commands. Tab (or the Complete button) completes commands, options and IDs. Acting as profile {profileForAccount(accountId)} in{' '}
        {region}.
      </p>
    </section>
  );
}
