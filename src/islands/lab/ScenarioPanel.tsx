/**
 * The open scenario: its instructions, goals checked live and hints on request (ScenarioPanel); and,
 * in the lab's sticky bar, the goals at a glance, each goal met announced, and the completion shown
 * where the learner is looking (GoalsBar).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ScenarioProps } from './types';

interface Props {
  readonly scenario: ScenarioProps;
  readonly met: Readonly<Record<string, boolean>>;
  readonly hintsRevealed: number;
  readonly onHint: () => void;
  readonly complete: boolean;
}

export function ScenarioPanel({ scenario, met, hintsRevealed, onHint, complete }: Props) {
  const done = scenario.goals.filter((goal) => met[goal.id] === true).length;
  return (
    <section className="lab-panel lab-scenario" aria-labelledby="lab-scenario-heading">
      <h2 id="lab-scenario-heading">{scenario.title}</h2>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the scenario's HTML is built from the lab's Markdown at build time by the content pipeline, which sanitizes it. */}
      <div className="lab-prose" dangerouslySetInnerHTML={{ __html: scenario.instructionsHtml }} />
      <h3 id="lab-goals-heading">
        Goals{' '}
        <span className="lab-muted">
          ({done} of {scenario.goals.length} met)
        </span>
      </h3>
      <ul className="lab-goals" aria-labelledby="lab-goals-heading">
        {scenario.goals.map((goal) => (
          <li key={goal.id} className={met[goal.id] === true ? 'lab-goal lab-goal-met' : 'lab-goal'} data-goal={goal.id}>
            <span aria-hidden="true">{met[goal.id] === true ? '✔' : '○'}</span> {goal.text}
            <span className="visually-hidden">{met[goal.id] === true ? ' (met)' : ' (not met yet)'}</span>
          </li>
        ))}
      </ul>
      {complete && <p className="lab-success-line">Every goal is met: the summary of what you did is at the top of the lab.</p>}
      {scenario.hintsHtml.length > 0 && (
        <div className="lab-hints">
          <h3>Hints</h3>
          <ol>
            {scenario.hintsHtml.slice(0, hintsRevealed).map((hint, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: hints are a fixed list, revealed in order.
              // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized at build time, like the instructions.
              <li key={index} className="lab-prose" dangerouslySetInnerHTML={{ __html: hint }} />
            ))}
          </ol>
          {hintsRevealed < scenario.hintsHtml.length && (
            <button type="button" className="lab-button" onClick={onHint}>
              {hintsRevealed === 0 ? 'Show a hint' : 'Show another hint'} ({scenario.hintsHtml.length - hintsRevealed} left)
            </button>
          )}
        </div>
      )}
    </section>
  );
}

interface BarProps {
  readonly scenario: ScenarioProps;
  readonly met: Readonly<Record<string, boolean>>;
  readonly complete: boolean;
  /** True once stored progress and the goal checks are known: changes after that are the learner's. */
  readonly settled: boolean;
  readonly base: string;
}

/** Wide screens show the goals open; a phone shows the count and the next goal, opened on demand. */
const wide = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 60rem)').matches;

export function GoalsBar({ scenario, met, complete, settled, base }: BarProps) {
  const done = scenario.goals.filter((goal) => met[goal.id] === true).length;
  const next = scenario.goals.find((goal) => met[goal.id] !== true);
  const [open, setOpen] = useState(wide);
  const [summaryOpen, setSummaryOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const known = useRef<{ met: Readonly<Record<string, boolean>>; complete: boolean } | null>(null);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const listId = useId();

  // Announce what the learner just achieved (not what was already met when the page opened).
  useEffect(() => {
    if (!settled) return;
    const before = known.current;
    known.current = { met, complete };
    if (before === null) return;
    const newly = scenario.goals.filter((goal) => met[goal.id] === true && before.met[goal.id] !== true);
    if (complete && !before.complete) {
      setAnnouncement(`Scenario complete: ${scenario.goals.length === 1 ? 'the goal is' : `all ${scenario.goals.length} goals are`} met.`);
      setSummaryOpen(true);
    } else if (newly.length > 0) {
      setAnnouncement(`Goal met: ${newly.map((goal) => goal.text).join('; ')}. ${done} of ${scenario.goals.length} met.`);
    }
  }, [settled, met, complete, scenario.goals, done]);

  useEffect(() => {
    if (summaryOpen) summaryHeading.current?.scrollIntoView({ block: 'nearest' });
  }, [summaryOpen]);

  return (
    <div className="lab-goals-bar">
      <p className="lab-goals-summary">
        <strong>
          Goals: {done} of {scenario.goals.length} met
        </strong>
        <span className="lab-goal-dots" aria-hidden="true">
          {' '}
          {scenario.goals.map((goal) => (met[goal.id] === true ? '✔' : '○')).join(' ')}
        </span>{' '}
        {complete && <span className="lab-goal-done">Scenario complete </span>}
        <button type="button" className="lab-button lab-button-small" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
          {open ? 'Hide goals' : 'Show goals'}
        </button>
      </p>
      {!open && next !== undefined && <p className="lab-goal-next">Next: {next.text}</p>}
      <ul className="lab-goals-compact" id={listId} hidden={!open} aria-label="Goals">
        {scenario.goals.map((goal) => (
          <li key={goal.id} className={met[goal.id] === true ? 'lab-goal-met' : undefined} data-goal-bar={goal.id} title={goal.text}>
            <span aria-hidden="true">{met[goal.id] === true ? '✔' : '○'}</span> {goal.text}
            <span className="visually-hidden">{met[goal.id] === true ? ' (met)' : ' (not met yet)'}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {complete && !summaryOpen && (
        <button type="button" className="lab-button lab-button-small" onClick={() => setSummaryOpen(true)}>
          Show what you did
        </button>
      )}
      {complete && summaryOpen && (
        <section className="lab-success" aria-labelledby={headingId}>
          <h2 id={headingId} ref={summaryHeading}>
            Scenario complete
          </h2>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized at build time, like the instructions. */}
          <div className="lab-prose" dangerouslySetInnerHTML={{ __html: scenario.successHtml }} />
          <p>
            Lessons:{' '}
            {scenario.lessons.map((lesson, index) => (
              <span key={lesson.slug}>
                {index > 0 && ', '}
                <a href={`${base}notes/${lesson.slug}/`}>{lesson.title}</a>
              </span>
            ))}
            . <a href={`${base}lab/`}>Back to all scenarios</a>
          </p>
          <button type="button" className="lab-button lab-button-small" onClick={() => setSummaryOpen(false)}>
            Close the summary
          </button>
        </section>
      )}
    </div>
  );
}
