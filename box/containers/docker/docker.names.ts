/**
 * What the docker driver calls things on the engine, and how it finds them again: by label,
 * never by name (Docker's name filter matches substrings). Every object carries
 * `io.databox.box=<box id>`, so two boxes (or a box and the tests) on one engine never mix.
 * Pure.
 *
 * @example
 * const names = dockerNames('3f2a9c1b');
 * names.container('host-load')   // 'databox-3f2a9c1b-host-load'
 */
export const BOX_LABEL = 'io.databox.box';
export const COMPONENT_LABEL = 'io.databox.component';
export const PORT = 8080;

export interface DockerNames {
  boxId: string;
  labels(component?: string): Record<string, string>;
  /** Filters for `listContainers` and friends: this box's objects (of one component). */
  filter(component?: string): { label: string[] };
  container(name: string): string;
  /** An app's or driver's own internal network. */
  network(name: string): string;
  /** Where the box's services and datastores meet (internal). */
  core: string;
  /** The export service's way out (a plain bridge). */
  egress: string;
  volume(name: string): string;
}

/** `extraLabels` go on every object too (tests mark theirs `io.databox.test=1`). */
export function dockerNames(boxId: string, extraLabels: Record<string, string> = {}): DockerNames {
  const prefix = `databox-${boxId}`;
  return {
    boxId,
    labels: (component) => ({ ...extraLabels, [BOX_LABEL]: boxId, ...(component ? { [COMPONENT_LABEL]: component } : {}) }),
    filter: (component) => ({ label: [`${BOX_LABEL}=${boxId}`, ...(component ? [`${COMPONENT_LABEL}=${component}`] : [])] }),
    container: (name) => `${prefix}-${name}`,
    network: (name) => `${prefix}-${name}-net`,
    core: `${prefix}-core`,
    egress: `${prefix}-egress`,
    volume: (name) => `${prefix}-${name}-data`,
  };
}
