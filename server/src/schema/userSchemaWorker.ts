/**
 * The worker thread that compiles a user schema (bundled as dist/userSchemaWorker.js; see
 * userSchemaLoader.ts). A hostile schema then costs this thread, under its own heap limit and
 * its caller's timeout, never the language server's or the command line's main thread. It
 * answers once, with the compiled model (model.ts) or the reason there is none.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toModel } from './model';
import { loadUserSchema } from './userSchema';
import { words } from '../messages/words';
import { UserSchemaAnswer, UserSchemaJob, schemaError } from './userSchemaLoader';

function answer({ directory, cacheDirectory, libvirt }: UserSchemaJob): UserSchemaAnswer {
  try {
    const loaded = loadUserSchema(directory, cacheDirectory, libvirt);
    if ('error' in loaded) return loaded;
    const { schema, ...facts } = loaded;
    return { ...facts, model: toModel(schema.grammar, { libvirt, compiledFrom: directory }) };
  } catch (error) {
    return schemaError(words('userSchema.compileFailed', { message: error instanceof Error ? error.message : String(error) }));
  }
}

parentPort?.postMessage(answer(workerData as UserSchemaJob));
