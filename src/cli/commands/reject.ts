import { decisionCommand } from './approve.ts';

export const command = decisionCommand('reject');
