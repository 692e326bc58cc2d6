// Who this browser is to the desk: set at start and when a token is entered.
import type { Role } from '../../src/api/record.js';

export const session: { role: Role | null; name: string | null; publicRead: boolean; sourceHandler: boolean } = { role: null, name: null, publicRead: false, sourceHandler: false };

export const canWrite = () => session.role === 'analyst' || session.role === 'admin';
