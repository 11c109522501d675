/**
 * Starts the LMS players' bundles as `astro build` starts (see src/packaging/early-bundles.ts).
 */
import type { AstroIntegration } from 'astro';
import { startEarly } from '../packaging/early-bundles.ts';
import { labPlayerAssets } from '../packaging/lab-player-bundle.ts';
import { playerAssets } from '../packaging/player-bundle.ts';

export function lmsBundles(): AstroIntegration {
  return {
    name: 'ami-lab-lms-bundles',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command !== 'build') return;
        startEarly('player', playerAssets);
        startEarly('lab-player', labPlayerAssets);
      },
    },
  };
}
