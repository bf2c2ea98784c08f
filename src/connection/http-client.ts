import {
  DefaultHttpClient,
  HttpError,
  type HttpRequest,
  type HttpResponse,
  type ILogger,
} from '@microsoft/signalr';

/**
 * SignalR's HTTP client, plus a callback when the hub answers 401. SignalR does not retry a 401 on
 * negotiate with a new token; it just fails the attempt, and with a cached token every later attempt
 * would fail the same way. Seeing the 401 lets the token cache be dropped before the next attempt.
 */
export class UnauthorizedAwareHttpClient extends DefaultHttpClient {
  readonly #onUnauthorized: () => void;

  constructor(logger: ILogger, onUnauthorized: () => void) {
    super(logger);
    this.#onUnauthorized = onUnauthorized;
  }

  override async send(request: HttpRequest): Promise<HttpResponse> {
    try {
      const response = await super.send(request);
      if (response.statusCode === 401) this.#onUnauthorized();
      return response;
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 401) this.#onUnauthorized();
      throw error;
    }
  }
}
