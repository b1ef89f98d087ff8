import type { Profile } from '../profile-rules.js';

/**
 * The cast (the same principals as the article specs and the e2e test app; people are
 * fictional) and a community writer's profile.
 */
export {
  admin,
  auditor,
  editor,
  otherWriter,
  publishingService,
  scheduler as systemActor,
  secondEditor,
  writer,
} from '../../../articles/model/testing/sample-article.js';

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
