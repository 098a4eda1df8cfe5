/** Version of vpost, written into every JSON document; a test keeps it equal to package.json's. */
export const VPOST_VERSION = '0.2.0';
