/** Image builds through dockerode: the runtime base image and app images from bundles. */
export { buildRuntimeImage, type RuntimeImage, type RuntimeBuildOptions } from './runtime-image.build';
export { buildAppImage, type AppImage, type AppBuildOptions } from './app-image.build';
export type { AppBundleInput, AppContext } from './app.context';
export { resolveBaseImage, LOCAL_BASE_IMAGE, PUBLIC_BASE_IMAGE } from './base-image';
export { appImageLabels, appImageTag, runtimeImageTag } from './image.labels';
export { dockerClient } from './docker.client';
