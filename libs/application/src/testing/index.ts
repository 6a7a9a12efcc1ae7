/** Fakes of the ports for small tests and in-process benchmarks (not used by the running api). */
export * from './in-memory-task.store';
export * from './in-memory-robot.store';
export * from './manual-clock';
export * from './recording-fakes';
export * from './in-memory-care.stores';
export * from './in-memory-custody.store';
