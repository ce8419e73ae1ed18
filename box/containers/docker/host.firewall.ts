/**
 * What keeps an app from reaching this machine: Docker puts the host on every bridge network
 * (its gateway address), and an internal network only stops traffic *through* the host, not
 * *to* it. So the box drops everything an app or driver network sends to the host itself
 * (iptables INPUT, in a chain of its own), but the replies to connections the host opened (the
 * box proxying an app's page). Commands run with argument lists, never a shell string.
 *
 * @example
 * const firewall = hostFirewall();
 * await firewall.isolate('br-0123456789ab');
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { DataboxError } from '../../../core/errors';

const run = promisify(execFile);
export const CHAIN = 'DATABOX-INPUT';
const BRIDGE = /^br-[0-9a-f]{12}$/;

export interface HostFirewall {
  /** Drops what `bridge` sends to this machine, but replies (and TCP to `allowPort`, when given: the studio's storage API). */
  isolate(bridge: string, allowPort?: number): Promise<void>;
  release(bridge: string, allowPort?: number): Promise<void>;
}

export function hostFirewall(iptables = 'iptables'): HostFirewall {
  let ready: Promise<void> | undefined;
  const ipt = (args: string[]) => run(iptables, ['-w', ...args]);
  const has = (args: string[]) => ipt(['-C', ...args]).then(() => true, () => false);
  const chain = (): Promise<void> => (ready ??= (async () => {
    try {
      await ipt(['-L', CHAIN, '-n']).catch(() => ipt(['-N', CHAIN]));
      if (!(await has(['INPUT', '-j', CHAIN]))) await ipt(['-I', 'INPUT', '1', '-j', CHAIN]);
      await pruneGone();
    } catch (error) {
      ready = undefined;
      throw new DataboxError('firewall-unavailable', 'the box cannot set this machine\'s firewall (iptables), so apps could reach it', {
        status: 500, hint: 'Run the box as root on Linux with iptables (the docker driver needs both), or use --driver process for development.', cause: error,
      });
    }
  })());
  /** Rules of bridges that are gone (a box that was killed, not stopped): they would pile up. */
  const pruneGone = async (): Promise<void> => {
    const { stdout } = await ipt(['-S', CHAIN]);
    for (const line of stdout.split('\n')) {
      const bridge = / -i (br-[0-9a-f]{12}) /.exec(line)?.[1];
      if (bridge && !existsSync(`/sys/class/net/${bridge}`)) await ipt(['-D', ...line.replace(/^-A /, '').split(' ')]).catch(() => undefined);
    }
  };
  const rules = (bridge: string, allowPort?: number): string[][] => [
    [CHAIN, '-i', bridge, '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'RETURN'],
    ...(allowPort === undefined ? [] : [[CHAIN, '-i', bridge, '-p', 'tcp', '--dport', String(allowPort), '-j', 'RETURN']]),
    [CHAIN, '-i', bridge, '-j', 'DROP'],
  ];
  const check = (bridge: string): void => {
    if (!BRIDGE.test(bridge)) throw new DataboxError('bridge-invalid', `"${bridge.slice(0, 40)}" is not a Docker bridge interface`, { status: 500 });
  };
  return {
    async isolate(bridge, allowPort) {
      check(bridge);
      if (allowPort !== undefined && (!Number.isInteger(allowPort) || allowPort < 1 || allowPort > 65535)) throw new DataboxError('port-invalid', `${allowPort} is not a port`, { status: 500 });
      await chain();
      for (const rule of rules(bridge, allowPort)) if (!(await has(rule))) await ipt(['-A', ...rule]);
    },
    async release(bridge, allowPort) {
      check(bridge);
      for (const rule of rules(bridge, allowPort)) while (await has(rule)) await ipt(['-D', ...rule]);
    },
  };
}
