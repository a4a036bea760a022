/** Number formatting shared by the panels: lives with the store, which words its status with it. */
export * from '../state/format';
