/**
 * A lab scenario as its package carries it (packaging/lab-package.ts `LabPlaySpec` without the
 * site's address, which the builder adds): the scenario, its goals and its starting world.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getLabs, type LabEntry, labLessonTitles, labPageCacheKey } from '../../../data/labs';
import { scenarioProps } from '../../../islands/lab-embed/scenario-props';

export const getStaticPaths: GetStaticPaths = async () =>
  Promise.all((await getLabs()).map(async (lab) => ({ params: { scenario: lab.data.slug }, props: { lab }, cacheKey: await labPageCacheKey(lab) })));

export const GET: APIRoute = async ({ props }) => {
  const { lab } = props as { lab: LabEntry };
  const titles = await labLessonTitles(lab);
  const scenario = scenarioProps(lab, titles);
  return new Response(JSON.stringify({ scenario, lessonTitles: titles }), { headers: { 'Content-Type': 'application/json' } });
};
