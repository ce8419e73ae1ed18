/**
 * A developer's endpoint outside the box, for the docker driver's tests: a receiver on the
 * gateway of a bridge network of the test's own (labelled, removed on close), which the box's
 * export service reaches through its way out, as it would a server on the internet.
 */
import type Docker from 'dockerode';
import { startReceiver, type Receiver } from './box-control.fixture';
import { TEST_LABELS } from './personal-box.fixture';

export async function startOutsideReceiver(docker: Docker, name: string): Promise<Receiver> {
  const network = await docker.createNetwork({ Name: `databox-test-outside-${name}`, Driver: 'bridge', Labels: TEST_LABELS });
  const gateway = (await network.inspect() as Docker.NetworkInspectInfo).IPAM?.Config?.[0]?.Gateway;
  if (!gateway) {
    await network.remove().catch(() => undefined);
    throw new Error(`the test bridge databox-test-outside-${name} has no gateway address`);
  }
  const receiver = await startReceiver(gateway);
  const stop = receiver.close;
  receiver.close = async () => {
    await stop();
    await network.remove().catch(() => undefined);
  };
  return receiver;
}
