/**
 * What AWS answered: beside the control that made a call (`Outcome`, short, announced), and in the
 * "Last request" panel (the API view: the request it made and the full response or error).
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { ErrorExplanation } from '../../simulator/cli/explanations';
import { json } from './format';
import type { CallRecord } from './types';

interface Links {
  readonly base: string;
  readonly lessonTitles: Readonly<Record<string, string>>;
}

/** Where lesson links point, for outcomes shown anywhere in the lab. */
export const LabLinks = createContext<Links>({ base: '/', lessonTitles: {} });

/** The explanation of an error code; the table loads with the first error shown. */
function useExplanation(code: string | null): ErrorExplanation | null {
  const [explanation, setExplanation] = useState<{ code: string; value: ErrorExplanation } | null>(null);
  useEffect(() => {
    if (code === null) return;
    let current = true;
    import('../../simulator/cli/explanations').then(
      (m) => {
        if (current) setExplanation({ code, value: m.explainError(code) });
      },
      // Without the table the error is still shown with AWS's own code and message.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [code]);
  return explanation !== null && explanation.code === code ? explanation.value : null;
}

const CREATED_KEYS = ['ImageId', 'SnapshotId', 'VolumeId'] as const;

/** What a successful call made or changed, in a few words ("ami-0123…", "i-0abc… pending"). */
function successSummary(call: CallRecord): string {
  if (!call.result.ok) return '';
  const data = (call.result.data ?? {}) as Record<string, unknown>;
  for (const key of CREATED_KEYS) if (typeof data[key] === 'string') return `${key} ${data[key] as string}`;
  const instances = data['Instances'];
  if (Array.isArray(instances)) return instances.map((i: { InstanceId?: string }) => i.InstanceId ?? '').join(', ');
  for (const list of ['StoppingInstances', 'StartingInstances', 'TerminatingInstances'] as const) {
    const changes = data[list];
    if (Array.isArray(changes))
      return changes.map((c: { InstanceId?: string; CurrentState?: { Name?: string } }) => `${c.InstanceId ?? ''} is now ${c.CurrentState?.Name ?? '?'}`).join(', ');
  }
  const command = data['Command'] as { CommandId?: string; Status?: string } | undefined;
  if (command?.CommandId !== undefined) return `command ${command.CommandId} is ${command.Status ?? 'Pending'}: it runs as simulated time passes`;
  if (typeof data['State'] === 'string') return `state ${data['State'] as string}`;
  if (typeof data['ImageBlockPublicAccessState'] === 'string') return `block public access: ${data['ImageBlockPublicAccessState'] as string}`;
  return '';
}

/** An error, its explanation and the lesson that covers it. */
function ErrorBody({ call }: { readonly call: CallRecord }) {
  const { base, lessonTitles } = useContext(LabLinks);
  const error = call.result.ok ? null : call.result.error;
  const explanation = useExplanation(error?.Code ?? null);
  if (error === null) return null;
  return (
    <div className={error.Code === 'DryRunOperation' ? 'lab-error lab-error-info' : 'lab-error'}>
      <p>
        <strong>{error.Code}</strong>: {error.Message}
      </p>
      {explanation !== null && (
        <>
          <p>{explanation.text}</p>
          <p>
            Lesson: <a href={`${base}notes/${explanation.lesson}/`}>{lessonTitles[explanation.lesson] ?? explanation.lesson}</a>
          </p>
        </>
      )}
    </div>
  );
}

/**
 * AWS's answer beside the control that asked, in a polite live region: a form problem found before
 * sending (`problem`), a success in a line, or the error with its tip. The region is always there,
 * so screen readers announce what appears in it.
 */
export function Outcome({ call, problem }: { readonly call: CallRecord | null; readonly problem?: string | null }) {
  return (
    <div className="lab-outcome" role="status" aria-live="polite" aria-atomic="true">
      {problem != null && problem !== '' ? (
        // Said to screen readers; on screen the message is beside the field (which gets the focus).
        <p className="visually-hidden">{problem}</p>
      ) : call === null ? null : call.result.ok ? (
        <p className="lab-outcome-ok">
          <span aria-hidden="true">✔ </span>
          <span className="visually-hidden">Done: </span>
          {call.request.op} succeeded{successSummary(call) !== '' ? `: ${successSummary(call)}` : ''}.
        </p>
      ) : (
        <ErrorBody call={call} />
      )}
    </div>
  );
}

export function ResultPanel({ call }: { readonly call: CallRecord | null }) {
  return (
    <section className="lab-panel lab-result" aria-labelledby="lab-result-heading">
      <h2 id="lab-result-heading">Last request</h2>
      {/* Not a live region: each outcome is announced beside its control (or by the console's log). */}
      <div>
        {call === null ? (
          <p className="lab-muted">The API view: each action shows here the request it made and what AWS answered.</p>
        ) : (
          <>
            <p>
              <strong>{call.label}</strong> <span className="lab-muted">(from the {call.source === 'form' ? 'forms' : 'console'})</span>
            </p>
            <p className="lab-muted">
              {call.request.op} in {call.request.region} as {call.request.account}
            </p>
            <details>
              <summary>Request parameters</summary>
              <pre className="lab-code">{json(call.request.params ?? {})}</pre>
            </details>
            {call.result.ok ? (
              <details>
                <summary>Response: success</summary>
                <pre className="lab-code">{json(call.result.data)}</pre>
              </details>
            ) : (
              <ErrorBody call={call} />
            )}
          </>
        )}
      </div>
    </section>
  );
}
