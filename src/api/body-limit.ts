// Request bodies are capped: a report is text, and no report is near 1 MB (extraction reads 200,000 characters).
import { bodyLimit } from 'hono/body-limit';
import { Problem } from './problems.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export const bodyLimited = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new Problem(413, `the request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB`);
  },
});
