/**
 * What a test (or bench) box made on the engine, by its labels: containers, networks, volumes
 * and images labelled both as a test's and as this box's, removed.
 *
 * @example
 * await removeTestBoxObjects(docker, boxId);
 */
import type Docker from 'dockerode';

export async function removeTestBoxObjects(docker: Docker, boxId: string): Promise<void> {
  const mine = { label: ['io.databox.test=1', `io.databox.box=${boxId}`] };
  for (const c of await docker.listContainers({ all: true, filters: mine })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  for (const n of await docker.listNetworks({ filters: mine })) await docker.getNetwork(n.Id).remove().catch(() => undefined);
  for (const v of (await docker.listVolumes({ filters: mine })).Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => undefined);
  for (const i of await docker.listImages({ filters: mine })) await docker.getImage(i.Id).remove({ force: true }).catch(() => undefined);
}
