import type { Actor } from '../../../articles/domain/actor.js';
import type { Profile } from '../profile-rules.js';

/**
 * The cast (the same principals as the article specs and the e2e test app; people are
 * fictional) and a community writer's profile.
 */
export const writer: Actor = { id: 'writer-dimas', displayName: 'Dimas Prasetyo', roles: ['writer'] };
export const otherWriter: Actor = { id: 'writer-sari', displayName: 'Sari Wulandari', roles: ['writer'] };
export const editor: Actor = { id: 'editor-ayu', displayName: 'Ayu Lestari', roles: ['editor'] };
export const secondEditor: Actor = { id: 'editor-bagus', displayName: 'Bagus Santoso', roles: ['editor'] };
export const auditor: Actor = { id: 'auditor-hendra', displayName: 'Hendra Gunawan', roles: ['auditor'] };
export const publishingService: Actor = { id: 'service-web', displayName: 'Situs web', roles: ['service'] };
export const admin: Actor = { id: 'admin-tono', displayName: 'Tono Wijaya', roles: ['admin'] };
export const systemActor: Actor = { id: 'system-scheduler', displayName: 'Penjadwal', roles: [], system: true };

export const sampleProfile: Profile = {
  displayName: 'Dimas Prasetyo',
  bio: 'Warga Pondok Aren yang menulis tentang banjir, transportasi, dan kehidupan sehari-hari di Tangerang Selatan.',
  publicContact: '@dimasprasetyo',
};

export const revisedProfile: Profile = {
  ...sampleProfile,
  bio: 'Penulis komunitas dari Tangerang Selatan. Meliput banjir dan tata kota sejak 2019.',
  publicContact: 'dimas.prasetyo@example.id',
};
