/** What each account pays now (per month) and has paid so far, line by line, to the same precision (see usd). */
import type { Cloud } from '../../simulator/index';
import { ACCOUNTS } from '../../simulator/model/accounts';
import { usd } from './format';

export function Bill({ cloud, accountId }: { readonly cloud: Cloud; readonly accountId: string }) {
  return (
    <section className="lab-panel lab-bill" aria-labelledby="lab-bill-heading">
      <h2 id="lab-bill-heading">Bill</h2>
      {ACCOUNTS.map((account) => {
        const bill = cloud.bill(account.accountId);
        const lines = [...bill.lines].sort((a, b) => b.ratePerMonthUsd - a.ratePerMonthUsd || b.accruedUsd - a.accruedUsd);
        return (
          <details key={account.accountId} open={account.accountId === accountId || undefined}>
            <summary>
              {account.name} ({account.accountId}): <strong>{usd(bill.totalPerMonthUsd)}/month</strong> now, {usd(bill.totalAccruedUsd)} so far
            </summary>
            {lines.length === 0 ? (
              <p className="lab-muted">Nothing billed.</p>
            ) : (
              <div className="lab-table-scroll">
                <table className="lab-table">
                  <caption className="visually-hidden">Bill lines of {account.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">What (Region)</th>
                      <th scope="col" className="lab-money">
                        Per month now
                      </th>
                      <th scope="col" className="lab-money">
                        So far
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {lines.map((line) => (
                      <tr key={line.resourceId} className={line.category === 'orphaned-image-snapshot' || line.category === 'unattached-volume' ? 'lab-bill-warning' : undefined}>
                        <td>
                          {line.description} <span className="lab-muted">({line.region})</span>
                          {line.category === 'orphaned-image-snapshot' && (
                            <>
                              {' '}
                              <span className="lab-tag">left behind</span>
                            </>
                          )}
                          {/* The description already says "not attached"; the tag says why it matters. */}
                          {line.category === 'unattached-volume' && (
                            <>
                              {' '}
                              <span className="lab-tag">billed while unused</span>
                            </>
                          )}
                        </td>
                        <td className="lab-money">{usd(line.ratePerMonthUsd)}</td>
                        <td className="lab-money">{usd(line.accruedUsd)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </details>
        );
      })}
    </section>
  );
}
