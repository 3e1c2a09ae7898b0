export * from './members.js';
export * from './leads.js';
export * from './contacts.js';
export * from './deals.js';
export * from './activities.js';
export * from './history.js';
export * from './intake.js';
export * from './runtime.js';
