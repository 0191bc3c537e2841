import type { AdminHooks } from './admin-router.js';
import { handleAdminRequest } from './admin-router.js';
import type { App } from './app.js';
import type { ApiRequest, ApiResponse } from './edge/api-request.js';
import { CREDENTIALS_API } from './apis/credentials-api.js';
import { JSON_API } from './apis/json-api.js';
import { QUERY_API } from './apis/query-api.js';
import { S3_API } from './apis/s3-api.js';
import { handleIssuerRequest } from './issuer-router.js';
import { runPipeline } from './pipeline.js';
import { routeOf } from './route.js';

/**
 * One request in, one response out, without a socket: the admin API, or the AWS APIs through the
 * one pipeline with the protocol the request speaks. The Node listener is a thin adapter around
 * this (start.ts); tests and embedders call it directly (`app.handle`).
 */
export function handleRequest(app: App, request: ApiRequest, admin: AdminHooks): Promise<ApiResponse> {
  switch (routeOf(request, app.config.s3VirtualHostDomain)) {
    case 'issuer':
      return handleIssuerRequest(app, request);
    case 'credentials':
      return runPipeline(app, request, CREDENTIALS_API);
    case 'admin':
      return handleAdminRequest(app, request, admin).then((response) => {
        // Health probes arrive every few seconds: debug only, and never the Authorization header.
        app.logger.debug('admin request', { method: request.method, path: request.rawPath, status: response.status });
        return response;
      });
    case 's3':
      return runPipeline(app, request, S3_API);
    case 'json':
      return runPipeline(app, request, JSON_API);
    case 'query':
      return runPipeline(app, request, QUERY_API);
  }
}
