/**
 * The `databox` commands' one-line summaries, from the table `cli/databox.js` reads too
 * (`commands.json`: plain JSON, so the top-level help needs no TypeScript), so a command's
 * `--help` and the top-level list say the same.
 *
 * @example
 * COMMAND_SUMMARIES.build // 'compile a flow tab into an app bundle (and image)'
 */
import table from './commands.json';

export const COMMAND_SUMMARIES = {
  build: table.build.summary,
  publish: table.publish.summary,
  store: table.store.summary,
  box: table.box.summary,
  studio: table.studio.summary,
  collector: table.collector.summary,
  up: table.up.summary,
};
