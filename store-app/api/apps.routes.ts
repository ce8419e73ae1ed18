/** The public read routes: search, app detail, one version, its bundle, a permission diff. */
import { DataboxError } from '../../core/errors';
import { diffPermissions } from '../../core/manifest/manifest.diff';
import { isModerator, type AppStoreContext } from '../services/app-store.context';
import { searchBody } from '../storage/record.mapping';
import { appView, isPublic, versionView } from './app.views';
import { appName, searchQuery, versionParam } from './request.parse';
import type { ApiRoute } from './route.types';

const notFound = (what: string) => new DataboxError('not-found', `there is no ${what}`, { status: 404, hint: 'Search with GET /api/apps?q=<text>' });

export function appsRoutes(context: AppStoreContext): ApiRoute[] {
  const { repo } = context;
  const loadApp = async (name: string) => {
    const app = await repo.getApp(name);
    const view = app && appView(app, await repo.listVersions(name), await repo.keyHistory(name));
    if (!app || !view) throw notFound(`app "${name}"`);
    return { app, view };
  };
  return [
    {
      method: 'get', path: '/api/apps', summary: 'Search the apps that can be installed', auth: 'none',
      query: [
        { name: 'q', description: 'words to find in name, description, tags, author, data-source types (each a prefix)' },
        { name: 'tag', description: 'only apps with this tag' },
        { name: 'type', description: 'app or driver', schema: { type: 'string', enum: ['app', 'driver'] } },
        { name: 'datasource', description: 'only apps that use (or drivers that provide) this data-source type' },
        { name: 'exports', description: 'yes: only apps that send data off the box; no: only apps that do not', schema: { type: 'string', enum: ['yes', 'no'] } },
        { name: 'limit', description: '1-100, default 20', schema: { type: 'integer' } },
        { name: 'offset', description: 'default 0', schema: { type: 'integer' } },
      ],
      responses: { 200: '{total, items: [{name, displayName, description, owner, type, version, channel, tags, datasourceTypes, exportsData, approved, updatedAt}]}', 400: 'a bad parameter' },
      handle: async (call) => ({ jsonText: searchBody(await repo.searchPage(searchQuery(call.query))) }),
    },
    {
      method: 'get', path: '/api/apps/{name}', summary: 'An app: description, owner, key, permissions in plain words, lineage, versions', auth: 'none',
      responses: { 200: 'the app', 404: 'no such app' },
      handle: async (call) => ({ json: (await loadApp(appName(call.params.name))).view }),
    },
    {
      method: 'get', path: '/api/apps/{name}/diff', summary: 'How permissions change between two versions', auth: 'none',
      query: [{ name: 'from', description: 'the older version', required: true }, { name: 'to', description: 'the newer version', required: true }],
      responses: { 200: '{from, to, added, removed, unchanged, lineageAdded, lineageRemoved}', 404: 'no such app or version' },
      handle: async (call) => {
        const name = appName(call.params.name);
        const from = versionParam(call.query.from, 'from');
        const to = versionParam(call.query.to, 'to');
        const [a, b] = await Promise.all([repo.getVersion(name, from), repo.getVersion(name, to)]);
        if (!a || !isPublic(a)) throw notFound(`version ${from} of "${name}"`);
        if (!b || !isPublic(b)) throw notFound(`version ${to} of "${name}"`);
        return { json: { from, to, ...diffPermissions(a.manifest, b.manifest) } };
      },
    },
    {
      method: 'get', path: '/api/apps/{name}/{version}', summary: 'One version: manifest, signature, content hash, key', auth: 'none',
      responses: { 200: '{...version, manifest}', 404: 'no such version' },
      handle: async (call) => {
        const v = await repo.getVersion(appName(call.params.name), versionParam(call.params.version));
        if (!v || !isPublic(v)) throw notFound(`version ${call.params.version} of "${call.params.name}"`);
        return { json: { ...versionView(v), app: v.app, manifest: v.manifest } };
      },
    },
    {
      method: 'get', path: '/api/apps/{name}/{version}/bundle', summary: 'Download a version\'s bundle (yanked versions too)', auth: 'optional',
      produces: 'application/gzip',
      responses: { 200: 'the .tgz; headers X-Databox-Content-Hash, X-Databox-Signature, X-Databox-Public-Key', 404: 'no such version' },
      handle: async (call) => {
        const name = appName(call.params.name);
        const v = await repo.getVersion(name, versionParam(call.params.version));
        if (!v) throw notFound(`version ${call.params.version} of "${name}"`);
        if (!isPublic(v)) {
          const login = await call.optionalLogin();
          const owner = (await repo.getApp(name))?.owner;
          if (!login || (login !== owner && !isModerator(context, login))) throw notFound(`version ${v.version} of "${name}" (it waits for review)`);
        }
        const bytes = await context.blobs.get(v.blobHash);
        if (!bytes) throw new DataboxError('blob-missing', `the bundle of ${name} ${v.version} is missing from storage`, { status: 500, hint: 'Tell the store operator' });
        return {
          bytes,
          headers: {
            'Content-Type': 'application/gzip',
            'Content-Disposition': `attachment; filename="${name}-${v.version}.tgz"`,
            ETag: `"${v.blobHash}"`,
            'Cache-Control': 'public, max-age=31536000, immutable',
            'X-Databox-Content-Hash': v.contentHash,
            'X-Databox-Signature': v.signature,
            'X-Databox-Public-Key': v.publicKey,
          },
        };
      },
    },
  ];
}
