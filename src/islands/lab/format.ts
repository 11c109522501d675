/** Small formatting helpers for the lab views. */
import { formatCliJson } from '../../simulator/cli/print';

const DOLLARS = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 4, maximumFractionDigits: 4 });

/**
 * US dollars, always to four decimal places (`$0.0000`, `$8.4680`). One precision for every amount:
 * the bill accrues by the simulated second, so most "so far" amounts in a lab session are fractions
 * of a cent, and whole cents would show `$0.00` for exactly what the learner should see growing.
 */
export function usd(amount: number): string {
  return DOLLARS.format(amount);
}

/** Simulated time for the clock display: `2025-01-06 09:00:45 UTC`. */
export function simulatedTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A duration in simulated time: `1 min 30 s`. */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A count with its noun: `1 resource`, `3 resources` (`plural` when the plural is not noun + s). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** JSON as the CLI prints it, for request and response views. */
export function json(value: unknown): string {
  const printed = formatCliJson(value);
  return printed === '' ? '{}' : printed;
}
