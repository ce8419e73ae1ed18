/**
 * A child process of the box or the studio (an app, a driver, a box service, a workspace) stops
 * when its parent dies without stopping it (SIGKILL, a crash): the orphan is taken by init, and
 * it sends itself SIGTERM, so its own graceful stop runs, rather than run on unmanaged with its
 * port, its data and its tokens. Only when the parent asked for it (`DATABOX_STOP_WITH_PARENT=1`,
 * which the box's and the studio's process drivers set): the same command run by hand under
 * `nohup` must outlive its shell. A process whose parent is init already (PID 1 in a container,
 * where the engine manages it) is left alone.
 *
 * @example
 * stopWhenOrphaned();   // at start, after the SIGTERM handler is installed
 */
export const STOP_WITH_PARENT = 'DATABOX_STOP_WITH_PARENT';

export function stopWhenOrphaned(env: NodeJS.ProcessEnv = process.env, everyMs = 2000): void {
  const parent = process.ppid;
  if (env[STOP_WITH_PARENT] !== '1' || parent <= 1) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, everyMs);
  timer.unref();
}
