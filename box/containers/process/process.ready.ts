/**
 * Waits until a component is ready: its health path answers 200, or its output has the line
 * its plan names. Fails (with its last output lines) when the time is up, or as soon as
 * `gaveUp` says the component will not come (a crash loop).
 */
import { request } from 'node:http';
import { DataboxError } from '../../../core/errors';
import type { ComponentLogs } from '../component.logs';
import type { ComponentPlan } from '../containers.types';

export async function waitReady(plan: ComponentPlan, endpoint: string, logs: ComponentLogs, timeoutMs: number, gaveUp: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ready = plan.ready;
  if (ready.kind === 'line') {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const watch = setInterval(() => { if (gaveUp()) controller.abort(); }, 150);
      try {
        for await (const line of logs.read(plan.name, { tail: 0, follow: true, signal: controller.signal })) {
          if (ready.pattern.test(line)) return;
        }
      } finally {
        clearInterval(watch);
      }
    } finally {
      clearTimeout(timer);
    }
    throw await notReady(plan, logs);
  }
  while (Date.now() < deadline && !gaveUp()) {
    if (await answers(`${endpoint}${ready.path}`)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw await notReady(plan, logs);
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function notReady(plan: ComponentPlan, logs: ComponentLogs): Promise<DataboxError> {
  const last: string[] = [];
  for await (const line of logs.read(plan.name, { tail: 8, follow: false })) last.push(line);
  return new DataboxError('component-not-ready', `${plan.name} did not become ready${last.length ? `; its last output: ${last.join(' | ').slice(0, 800)}` : ''}`, {
    status: 502, hint: `See its whole output with \`databox box logs ${plan.name}\``,
  });
}
