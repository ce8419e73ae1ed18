import assert from 'node:assert/strict';
import type os from 'node:os';
import { test } from 'node:test';
import { addressIn } from './swarm.driver';

const nic = (address: string, internal = false): os.NetworkInterfaceInfo => ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null });

test('the studio finds its own address on the workspaces\' overlay subnet, and none when it is not attached', () => {
  const interfaces = { lo: [nic('127.0.0.1', true)], eth0: [nic('10.0.1.7')], eth1: [nic('10.0.3.2')] };
  assert.equal(addressIn('10.0.3.0/24', interfaces), '10.0.3.2');
  assert.equal(addressIn('10.0.0.0/16', interfaces), '10.0.1.7');
  assert.equal(addressIn('10.0.9.0/24', interfaces), undefined);
  assert.equal(addressIn('127.0.0.0/8', interfaces), undefined, 'never loopback');
  assert.equal(addressIn('not a subnet', interfaces), undefined);
  assert.equal(addressIn('10.0.3.0/33', interfaces), undefined);
});
