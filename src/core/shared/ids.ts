import { uuidv7 } from 'uuidv7';

/** Time-ordered ids made in code, so one batch can insert linked rows without reading ids back. */
export const newId = (): string => uuidv7();
