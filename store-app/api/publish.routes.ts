/** The routes that change the store: publish, yank, key hand-over, review. */
import { DataboxError } from '../../core/errors';
import { publishVersion } from '../publish/publish.service';
import { handOverApp, reviewQueue, reviewVersion, yankVersion } from '../services/moderation.service';
import type { AppStoreContext } from '../services/app-store.context';
import { versionView } from './app.views';
import { appName, channelHeader, decodedHeader, versionParam } from './request.parse';
import type { ApiRoute } from './route.types';

export function publishRoutes(context: AppStoreContext): ApiRoute[] {
  return [
    {
      method: 'post', path: '/api/apps', summary: 'Publish a signed bundle (a new app or a new version)', auth: 'required',
      body: { contentType: 'application/gzip', description: 'the bundle .tgz (`databox build`)' },
      headers: [
        { name: 'X-Databox-Signature', description: 'base64 ed25519 signature over "databox-bundle-v1:<content hash>"', required: true },
        { name: 'X-Databox-Public-Key', description: 'base64 SPKI DER ed25519 public key', required: true },
        { name: 'X-Databox-Channel', description: 'stable (default) or beta', schema: { type: 'string', enum: ['stable', 'beta'] } },
        { name: 'X-Databox-Changelog', description: 'what changed, percent-encoded UTF-8' },
      ],
      responses: {
        201: 'the version recorded', 400: 'bad bundle, manifest or signature', 401: 'no or bad token', 403: 'name owned by another publisher, or wrong key',
        409: 'version exists or is lower', 413: 'bundle too large', 429: 'too many publishes',
      },
      handle: async (call) => {
        const login = await call.login();
        if (!Buffer.isBuffer(call.body)) throw new DataboxError('bundle-missing', 'the request has no bundle', { hint: 'Send the .tgz as the body with Content-Type: application/gzip' });
        const version = await publishVersion(context, {
          login, tarball: call.body, signature: call.header('x-databox-signature') ?? '', publicKey: call.header('x-databox-public-key') ?? '',
          channel: channelHeader(call.header('x-databox-channel')), changelog: decodedHeader(call.header('x-databox-changelog'), 'X-Databox-Changelog'),
        });
        return { status: 201, json: { ...versionView(version), app: version.app, url: `/apps/${version.app}` } };
      },
    },
    {
      method: 'post', path: '/api/apps/{name}/{version}/yank', summary: 'Hide a version from new installs (or show it again with {"yanked": false})', auth: 'required',
      body: { contentType: 'application/json', description: '{"yanked": true|false} (default true)' },
      responses: { 200: 'the version', 403: 'not the owner or a moderator', 404: 'no such version' },
      handle: async (call) => {
        const login = await call.login();
        const yanked = bodyField(call.body, 'yanked') ?? true;
        if (typeof yanked !== 'boolean') throw new DataboxError('field-invalid', 'yanked must be true or false', { status: 400 });
        const v = await yankVersion(context, login, appName(call.params.name), versionParam(call.params.version), yanked);
        return { json: versionView(v) };
      },
    },
    {
      method: 'post', path: '/api/apps/{name}/handover', summary: 'Hand an app over to a new signing key, signed by its current key', auth: 'required',
      body: { contentType: 'application/json', description: '{"newPublicKey": base64 SPKI DER, "signature": base64 over "databox-key-handover-v1:<name>:<newPublicKey>"}' },
      responses: { 200: '{app, publicKey}', 403: 'not the owner, or not signed by the current key', 404: 'no such app' },
      handle: async (call) => {
        const login = await call.login();
        const name = appName(call.params.name);
        const newPublicKey = bodyField(call.body, 'newPublicKey');
        const signature = bodyField(call.body, 'signature');
        if (typeof newPublicKey !== 'string' || typeof signature !== 'string') throw new DataboxError('field-invalid', 'send {"newPublicKey", "signature"} as strings', { status: 400 });
        await handOverApp(context, login, name, newPublicKey, signature);
        return { json: { app: name, publicKey: newPublicKey } };
      },
    },
    {
      method: 'get', path: '/api/review', summary: 'The versions waiting for a moderator (moderators only)', auth: 'required',
      responses: { 200: '[{app, version, permissions...}]', 403: 'not a moderator' },
      handle: async (call) => ({ json: (await reviewQueue(context, await call.login())).map((v) => ({ ...versionView(v), app: v.app, manifest: v.manifest })) }),
    },
    {
      method: 'post', path: '/api/review/{name}/{version}', summary: 'Approve or reject a version (moderators only)', auth: 'required',
      body: { contentType: 'application/json', description: '{"decision": "approved"|"rejected"}' },
      responses: { 200: 'the version', 403: 'not a moderator', 404: 'no such version' },
      handle: async (call) => {
        const login = await call.login();
        const decision = bodyField(call.body, 'decision');
        if (decision !== 'approved' && decision !== 'rejected') throw new DataboxError('field-invalid', 'decision must be "approved" or "rejected"', { status: 400 });
        const v = await reviewVersion(context, login, appName(call.params.name), versionParam(call.params.version), decision);
        return { json: { ...versionView(v), reviewedBy: v.reviewedBy } };
      },
    },
  ];
}

function bodyField(body: unknown, field: string): unknown {
  return typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && field in body ? Object.entries(body).find(([k]) => k === field)?.[1] : undefined;
}
