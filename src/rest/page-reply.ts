// A page as the API answers it to its owner: the stored record with its passcodes decrypted and a
// preview link that opens it whatever its visibility.
import type { Services } from '../services.ts';
import { decryptAll, type PageDoc } from '../pages/pages.ts';
import { previewUrl } from '../serve/preview.ts';
import { pageSummaryView } from './views.ts';

export function pageReply(app: Services, page: PageDoc) {
  return {
    ...pageSummaryView(page, app.config.publicUrl),
    passcodes: decryptAll(app.keyring, page),
    preview_url: previewUrl(app.keys.signing, app.config.publicUrl, page),
  };
}
