import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulatedLight } from './sensors-sim.light';

test('the light is switched and dimmed only by its actuators', () => {
  const light = simulatedLight({ on: true, brightness: 200, hue: 8418 });
  assert.deepEqual(light.reading(), { on: true, brightness: 200, hue: 8418 });
  assert.equal(light.apply('set-light-on', false), undefined);
  assert.deepEqual(light.reading(), { on: false, brightness: 0, hue: 8418 }, 'off reads brightness 0');
  assert.equal(light.apply('set-light-on', true), undefined);
  assert.deepEqual(light.reading(), { on: true, brightness: 200, hue: 8418 }, 'on again at the level it had');
  assert.equal(light.apply('set-light-brightness', 0), undefined);
  assert.deepEqual(light.reading(), { on: false, brightness: 0, hue: 8418 }, 'dimmed to 0 is off');
  assert.equal(light.apply('set-light-brightness', 80.4), undefined);
  assert.deepEqual(light.reading(), { on: true, brightness: 80, hue: 8418 }, 'a level switches it on');
});

test('a value its actuator\'s schema refuses changes nothing and says why', () => {
  const light = simulatedLight({ on: false, brightness: 0, hue: 8418 });
  assert.equal(light.apply('set-light-on', 'banana'), 'value must be true or false');
  assert.equal(light.apply('set-light-brightness', 255), 'value must be at most 254');
  assert.equal(light.apply('set-light-brightness', { level: 3 }), 'value must be a number');
  assert.deepEqual(light.reading(), { on: false, brightness: 0, hue: 8418 });
  assert.equal(light.apply('set-light-on', true), undefined);
  assert.deepEqual(light.reading(), { on: true, brightness: 127, hue: 8418 }, 'a light that started off comes on at a middle level');
});
