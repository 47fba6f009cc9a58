import path from 'node:path';

/**
 * The built React app the test tools serve: ui/dist, or STAFFROOM_UI_DIST when set — so a build made elsewhere
 * (`vite build --outDir …`) can be tested without replacing ui/dist under a browser test that is running.
 */
export const UI_DIST_DIR = process.env.STAFFROOM_UI_DIST ? path.resolve(process.env.STAFFROOM_UI_DIST) : path.resolve(__dirname, '../../ui/dist');
