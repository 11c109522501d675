/** The last call: the API request it made and AWS's response or error, explained. */
import { useEffect, useState } from 'react';
import type { ErrorExplanation } from '../../simulator/cli/explanations';
import { json } from './format';
import type { CallRecord } from './types';

interface Props {
  readonly call: CallRecord | null;
  readonly base: string;
  readonly lessonTitles: Readonly<Record<string, string>>;
}

/** The explanation of an error code; the table loads with the first error shown. */
function useExplanation(code: string | null): ErrorExplanation | null {
  const [explanation, setExplanation] = useState<{ code: string; value: ErrorExplanation } | null>(null);
  useEffect(() => {
    if (code === null) return;
    let current = true;
    void import('../../simulator/cli/explanations').then((m) => {
      if (current) setExplanation({ code, value: m.explainError(code) });
    });
    return () => {
      current = false;
    };
  }, [code]);
  return explanation !== null && explanation.code === code ? explanation.value : null;
}

export function ResultPanel({ call, base, lessonTitles }: Props) {
  const explanation = useExplanation(call !== null && !call.result.ok ? call.result.error.Code : null);
  return (
    <section className="lab-panel lab-result" aria-labelledby="lab-result-heading">
      <h2 id="lab-result-heading">Last request</h2>
      <div role="status" aria-live="polite" aria-atomic="true">
        {call === null ? (
          <p className="lab-muted">Each action shows here the API request it made and what AWS answered.</p>
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
              <div className={call.result.error.Code === 'DryRunOperation' ? 'lab-error lab-error-info' : 'lab-error'}>
                <p>
                  <strong>{call.result.error.Code}</strong>: {call.result.error.Message}
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
            )}
          </>
        )}
      </div>
    </section>
  );
}
