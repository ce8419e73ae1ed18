import assert from 'node:assert/strict';
import { test } from 'node:test';
import Docker from 'dockerode';
import fs from 'node:fs';
import path from 'node:path';
import { compile } from '../compile';
import { DataboxError } from '../../core/errors';
import { buildAppImage } from './app-image.build';
import { buildRuntimeImage } from './runtime-image.build';

const nowhere = new Docker({ socketPath: '/nonexistent/docker.sock' });
const isUnavailable = (e: unknown) => e instanceof DataboxError && e.code === 'docker-unavailable' && /provision/.test(e.hint ?? '');

test('without a Docker engine both builds fail early with what to do', async () => {
  await assert.rejects(buildRuntimeImage({ docker: nowhere }), isUnavailable);
  const flows = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'runtime', 'fixtures', 'page-demo.flows.json'), 'utf8'));
  await assert.rejects(buildAppImage(compile(flows, 'demo-tab'), { docker: nowhere }), isUnavailable);
});

test('a bad bundle is refused before Docker is asked anything', async () => {
  const flows = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'runtime', 'fixtures', 'page-demo.flows.json'), 'utf8'));
  const bundle = compile(flows, 'demo-tab');
  await assert.rejects(buildAppImage({ ...bundle, dockerfile: 'FROM databox/flow-runtime:0.1.0\nRUN id\n' }, { docker: nowhere }), (e: unknown) => e instanceof DataboxError && e.code === 'bundle-invalid' && /Dockerfile is not the one/.test(e.message));
});
