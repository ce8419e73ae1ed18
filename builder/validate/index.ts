/** Validation of a flow tab as a box app: every problem at once, each naming the node. */
export { validateApp, type AppToValidate } from './validate.app';
export { checkNode, nodeRef } from './validate.nodes';
export { checkClientIds } from './validate.clientids';
export { ALLOWED_CORE_TYPES, FORBIDDEN_TYPES } from './node.policy';
