import * as path from 'node:path';

/** ../shared beside the repository (absent on machines without it: tests then skip). */
export const SHARED = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared');

/** The .xml files under a directory, recursively, sorted: the same listing `domxml check DIR` uses. */
export { xmlFilesUnder } from '../../../server/src/cli/files';
