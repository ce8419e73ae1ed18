/**
 * The box's networks on the engine. The core network (services and datastores) and each app's
 * or driver's own network are *internal*: Docker gives them no route off the machine. The host
 * itself still sits on each of them (the bridge's gateway address), so the host firewall drops
 * what they send to it. The egress network is a plain bridge: only the export service joins it.
 *
 * @example
 * const networks = dockerNetworks(docker, dockerNames(boxId), hostFirewall());
 * await networks.ensureCore();
 * await networks.connect('arbiter', await networks.ensureOwn('host-load'));
 */
import type Docker from 'dockerode';
import { isNotFound } from '../../../builder/image/docker.client';
import type { DockerNames } from './docker.names';
import type { HostFirewall } from './host.firewall';

export interface DockerNetworks {
  ensureCore(): Promise<void>;
  /** The component's own network (made when missing, the host shut out of it); answers its name. */
  ensureOwn(component: string): Promise<string>;
  /** Puts a peer's container on a network, reachable there by its component name. */
  connect(peer: string, network: string): Promise<void>;
  removeOwn(component: string): Promise<void>;
  /** Every network of this box (the box stopping). */
  removeAll(): Promise<void>;
}

/** Docker's name for the host side of a bridge network it made: `br-` and the id's first 12 digits. */
export const bridgeOf = (network: { Id: string }): string => `br-${network.Id.slice(0, 12)}`;

export function dockerNetworks(docker: Docker, names: DockerNames, firewall: HostFirewall): DockerNetworks {
  const find = async (name: string): Promise<Docker.NetworkInspectInfo | undefined> =>
    (await docker.listNetworks({ filters: { label: names.filter().label } })).find((n) => n.Name === name);

  const ensure = async (name: string, component: string | undefined, internal: boolean): Promise<Docker.NetworkInspectInfo> => {
    const found = await find(name);
    if (found) return found;
    try {
      await docker.createNetwork({ Name: name, Driver: 'bridge', Internal: internal, CheckDuplicate: true, Labels: { ...names.labels(component), 'io.databox.network': internal ? 'internal' : 'egress' } });
    } catch (error) {
      // Made at the same moment by another call: use it.
      if ((error as { statusCode?: number }).statusCode !== 409) throw error;
    }
    const made = await find(name);
    if (!made) throw new Error(`the network ${name} was made but is not listed`);
    return made;
  };

  const remove = async (network: Docker.NetworkInspectInfo): Promise<void> => {
    const full = await docker.getNetwork(network.Id).inspect().catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error))) as Docker.NetworkInspectInfo | undefined;
    if (!full) return;
    for (const id of Object.keys(full.Containers ?? {})) await docker.getNetwork(network.Id).disconnect({ Container: id, Force: true }).catch(() => undefined);
    await docker.getNetwork(network.Id).remove().catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
    if (full.Internal) await firewall.release(bridgeOf(full));
  };

  return {
    async ensureCore() {
      const core = await ensure(names.core, undefined, true);
      await firewall.isolate(bridgeOf(core));
      await ensure(names.egress, undefined, false);
    },
    async ensureOwn(component) {
      const own = await ensure(names.network(component), component, true);
      await firewall.isolate(bridgeOf(own));
      return own.Name;
    },
    async connect(peer, network) {
      const [container] = await docker.listContainers({ all: true, filters: names.filter(peer) });
      if (!container) throw new Error(`${peer} has no container to join ${network}`);
      if (container.NetworkSettings?.Networks?.[network]) return;
      try {
        await docker.getNetwork(network).connect({ Container: container.Id, EndpointConfig: { Aliases: [peer] } });
      } catch (error) {
        // Already there (a restart): fine.
        if (!/already exists/i.test(String((error as Error).message))) throw error;
      }
    },
    async removeOwn(component) {
      const own = await find(names.network(component));
      if (own) await remove(own);
    },
    async removeAll() {
      for (const network of await docker.listNetworks({ filters: { label: names.filter().label } })) await remove(network);
    },
  };
}
