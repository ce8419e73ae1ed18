/**
 * Runtime part of the Databox sidebar plugin (its editor part is databox-sidebar.html):
 * registers the plugin and the admin route the sidebar asks for the manifest report
 * (`POST <httpAdminRoot>databox/manifest`, manifest.route.ts). Node-RED loads it from this
 * folder's package.json (`node-red.plugins`) when the folder is in `nodesDir`.
 */
import { mountManifestRoute } from './manifest.route';
import type { PluginAPI } from './plugin.red.types';

export = function register(RED: PluginAPI): void {
  RED.plugins.registerPlugin('databox-sidebar', { type: 'databox-studio' });
  mountManifestRoute(RED);
};
