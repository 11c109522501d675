/**
 * How ready the learner is, per topic, from FSRS retrievability: the chance of recalling each item
 * today, as the review scheduler models memory.
 *
 *   readiness(topic) = (1 / N) · Σ R_i(now)   over the N questions and cards tagged with the topic
 *
 * where R_i is the item's FSRS retrievability now and an item never reviewed counts 0. So a topic
 * is "ready" only when most of its items have been reviewed and are still remembered: coverage and
 * memory in one number. Nested tags roll up (an `aws/ec2/ami` item counts for `aws/ec2` and `aws`).
 */
import type { ReviewCardState } from './review-card';
import { retrievability } from './review-scheduler';
import { topicsOf } from './progress-stats';

/** An item that can be reviewed: a question or a card, with its note's tags. */
export interface ReadinessItem {
  id: string;
  tags: readonly string[];
}

export type ReadinessLevel = 'ready' | 'nearly' | 'building' | 'not-started';

export interface TopicReadiness {
  /** Tag as written, or "All topics". */
  topic: string;
  /** Items (questions and cards) in the topic. */
  items: number;
  /** Items reviewed at least once. */
  studied: number;
  /** 0..1, see the formula above. */
  readiness: number;
  level: ReadinessLevel;
}

/** A retrievability the scheduler aims for is 0.9, so an on-schedule topic reads as ready. */
export function readinessLevel(readiness: number, studied: number): ReadinessLevel {
  if (studied === 0) return 'not-started';
  if (readiness >= 0.85) return 'ready';
  if (readiness >= 0.6) return 'nearly';
  return 'building';
}

function summarise(topic: string, values: readonly { studied: boolean; r: number }[]): TopicReadiness {
  const studied = values.filter((v) => v.studied).length;
  const readiness = values.length === 0 ? 0 : values.reduce((sum, v) => sum + v.r, 0) / values.length;
  return { topic, items: values.length, studied, readiness, level: readinessLevel(readiness, studied) };
}

/** Readiness overall and per topic, weakest topic first (then by name). */
export function estimateReadiness(items: readonly ReadinessItem[], cards: ReadonlyMap<string, ReviewCardState>, now: Date): { overall: TopicReadiness; topics: TopicReadiness[] } {
  const all: Array<{ studied: boolean; r: number }> = [];
  const byTopic = new Map<string, { label: string; values: Array<{ studied: boolean; r: number }> }>();
  for (const item of items) {
    const card = cards.get(item.id);
    const value = { studied: card !== undefined && card.lastReview !== null, r: card ? retrievability(card, now) : 0 };
    all.push(value);
    for (const topic of topicsOf(item.tags)) {
      const entry = byTopic.get(topic.key) ?? { label: topic.label, values: [] };
      entry.values.push(value);
      byTopic.set(topic.key, entry);
    }
  }
  const topics = [...byTopic.values()].map((entry) => summarise(entry.label, entry.values)).sort((a, b) => a.readiness - b.readiness || a.topic.localeCompare(b.topic));
  return { overall: summarise('All topics', all), topics };
}
