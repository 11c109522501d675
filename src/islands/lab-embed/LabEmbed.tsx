/**
 * The lab island for `/embed/lab/<scenario>/`: the ordinary LabApp, whose goal progress is reported
 * to the host page (lab-bridge.ts). Only embed pages load this file; /lab/ pages never do.
 */
import { useCallback, useEffect, useRef } from 'react';
import LabApp, { type LabProgressEvent } from '../lab/LabApp';
import type { ScenarioProps } from '../lab/types';
import { createLabBridge, type LabBridge } from './lab-bridge';

interface Props {
  readonly scenario: ScenarioProps;
  readonly base: string;
  readonly lessonTitles: Readonly<Record<string, string>>;
}

export default function LabEmbed({ scenario, base, lessonTitles }: Props) {
  const bridge = useRef<LabBridge | null>(null);
  const early = useRef<LabProgressEvent[]>([]);
  useEffect(() => {
    bridge.current ??= createLabBridge({ slug: scenario.slug, title: scenario.title, goals: scenario.goals });
    for (const event of early.current.splice(0)) bridge.current.progress(event);
  }, [scenario]);
  const onProgress = useCallback((event: LabProgressEvent) => {
    if (bridge.current === null) early.current.push(event);
    else bridge.current.progress(event);
  }, []);
  return <LabApp scenario={scenario} base={base} lessonTitles={lessonTitles} onProgress={onProgress} />;
}
