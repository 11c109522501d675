/** The open scenario: instructions, goals checked live, hints on request, and the summary when done. */
import type { ScenarioProps } from './types';

interface Props {
  readonly scenario: ScenarioProps;
  readonly met: Readonly<Record<string, boolean>>;
  readonly hintsRevealed: number;
  readonly onHint: () => void;
  readonly complete: boolean;
  readonly base: string;
}

export function ScenarioPanel({ scenario, met, hintsRevealed, onHint, complete, base }: Props) {
  const done = scenario.goals.filter((goal) => met[goal.id] === true).length;
  return (
    <section className="lab-panel lab-scenario" aria-labelledby="lab-scenario-heading">
      <h2 id="lab-scenario-heading">{scenario.title}</h2>
      <div className="lab-prose" dangerouslySetInnerHTML={{ __html: scenario.instructionsHtml }} />
      <h3 id="lab-goals-heading">
        Goals <span className="lab-muted">({done} of {scenario.goals.length} met)</span>
      </h3>
      <ul className="lab-goals" aria-labelledby="lab-goals-heading">
        {scenario.goals.map((goal) => (
          <li key={goal.id} className={met[goal.id] === true ? 'lab-goal lab-goal-met' : 'lab-goal'} data-goal={goal.id}>
            <span aria-hidden="true">{met[goal.id] === true ? '✔' : '○'}</span> {goal.text}
            <span className="visually-hidden">{met[goal.id] === true ? ' (met)' : ' (not met yet)'}</span>
          </li>
        ))}
      </ul>
      {scenario.hintsHtml.length > 0 && (
        <div className="lab-hints">
          <h3>Hints</h3>
          <ol>
            {scenario.hintsHtml.slice(0, hintsRevealed).map((hint, index) => (
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
      <div role="status" aria-live="polite">
        {complete && (
          <div className="lab-success">
            <h3>Scenario complete</h3>
            <div className="lab-prose" dangerouslySetInnerHTML={{ __html: scenario.successHtml }} />
            <p>
              Lessons: {scenario.lessons.map((lesson, index) => (
                <span key={lesson.slug}>
                  {index > 0 && ', '}
                  <a href={`${base}notes/${lesson.slug}/`}>{lesson.title}</a>
                </span>
              ))}
              . <a href={`${base}lab/`}>Back to all scenarios</a>
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
