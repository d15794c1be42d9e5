// Paths under every page that Outpost answers itself (the passcode form, the e-mail sign-in); a
// page's own files cannot use them, and a capture renames any asset that would.
export const GATE_PATH = '__gate';
export const EMAIL_PATH = '__email';
