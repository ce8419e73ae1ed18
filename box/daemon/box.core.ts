/**
 * The box's own services, started in order before any component: the audit log (everything
 * else records into it), the arbiter (tokens, grants), the export service (registered at the
 * arbiter as a service, with its own token secret).
 */
import type { Progress } from '../containers/containers.types';
import { ensureRegistered, shareBoxFiles } from './box.components';
import { ARBITER, AUDIT, EXPORT_SERVICE } from './box.layout';
import { arbiterPlan, auditPlan, exportPlan } from './box.plans';
import type { BoxRuntime } from './box.runtime';

export async function startCoreServices(rt: BoxRuntime, progress: Progress, ca?: string): Promise<void> {
  await rt.driver.reserve?.([AUDIT, ARBITER, EXPORT_SERVICE]);
  const files = (name: string, extra: Parameters<typeof shareBoxFiles>[2]) => shareBoxFiles(rt, name, { auditKey: true, ...(ca ? { ca } : {}), ...extra });
  files(AUDIT, { auditAdminKey: true });
  await rt.driver.start(auditPlan(rt.plan), progress);
  files(ARBITER, { adminKey: true });
  await rt.driver.start(arbiterPlan(rt.plan), progress);
  await ensureRegistered(rt, EXPORT_SERVICE, 'service');
  files(EXPORT_SERVICE, {});
  await rt.driver.start(exportPlan(rt.plan), progress);
}
