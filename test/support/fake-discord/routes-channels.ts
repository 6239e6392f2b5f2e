import { type APIMessage, ChannelType } from 'discord-api-types/v10';
import { isTextChannel } from './fixtures.js';
import { discordError, errors, NO_CONTENT, ok, type Reply } from './http.js';
import { recordMessage } from './messages.js';
import { type Route, type RouteContext, route } from './router.js';
import type { FakeState } from './state.js';
import type { MessageBody } from './types.js';
import { validateMessage } from './validation.js';

export function channelRoutes(state: FakeState): Route[] {
  return [
    route('GET', '/channels/:channelId', ({ params }) => {
      const found = state.channel(params.channelId ?? '');
      return found ? ok(found.channel) : errors.unknownChannel();
    }),
    route('POST', '/channels/:channelId/messages', (context) => createMessage(state, context)),
    route('GET', '/channels/:channelId/messages', ({ params, query }) =>
      listMessages(state, params.channelId ?? '', query),
    ),
    route('GET', '/channels/:channelId/messages/:messageId', ({ params }) => {
      const message = channelMessage(state, params);
      return message ? ok(message) : errors.unknownMessage();
    }),
    route('PATCH', '/channels/:channelId/messages/:messageId', (context) => editMessage(state, context)),
    route('DELETE', '/channels/:channelId/messages/:messageId', ({ params }) => {
      const message = channelMessage(state, params);
      if (!message) return errors.unknownMessage();
      state.messages.delete(message.id);
      return NO_CONTENT;
    }),
    route('POST', '/channels/:channelId/typing', ({ params }) =>
      state.channel(params.channelId ?? '') ? NO_CONTENT : errors.unknownChannel(),
    ),
  ];
}

function channelMessage(state: FakeState, params: Record<string, string>): APIMessage | undefined {
  const message = state.messages.get(params.messageId ?? '');
  return message?.channel_id === params.channelId ? message : undefined;
}

/**
 * POST /channels/:id/messages. With `enforce_nonce`, a nonce seen in the last few minutes returns the
 * message it created instead of posting again: this is how Discord dedupes retried sends.
 */
function createMessage(state: FakeState, { params, body, files, request }: RouteContext): Reply {
  const channelId = params.channelId ?? '';
  const found = state.channel(channelId);
  if (!found) return errors.unknownChannel();
  if (!isTextChannel(found.channel) && found.channel.type !== ChannelType.GuildVoice) {
    return discordError(400, 50008, 'Cannot send messages in a non-text channel');
  }
  const messageBody = (body ?? {}) as MessageBody;
  const invalid = validateMessage(messageBody, files, { isEdit: false });
  if (invalid) return invalid;
  const { nonce } = messageBody;
  if (nonce !== undefined && messageBody.enforce_nonce) {
    const earlier = state.messageForNonce(channelId, nonce);
    const message = earlier ? state.messages.get(earlier) : undefined;
    if (message) {
      request.deduplicatedNonce = true;
      return ok(message);
    }
  }
  const message = state.messages.create({ channelId, author: state.botUser, body: messageBody, files });
  if (nonce !== undefined) state.rememberNonce(channelId, nonce, message.id);
  state.channelFeed(channelId).push(recordMessage('channel', message, messageBody, files));
  return ok(message);
}

function editMessage(state: FakeState, { params, body, files }: RouteContext): Reply {
  const message = channelMessage(state, params);
  if (!message) return errors.unknownMessage();
  if (message.author.id !== state.botUser.id)
    return discordError(403, 50005, 'Cannot edit a message authored by another user');
  const messageBody = (body ?? {}) as MessageBody;
  const invalid = validateMessage(messageBody, files, { isEdit: true });
  if (invalid) return invalid;
  return ok(state.messages.edit(message.id, messageBody, files));
}

function listMessages(state: FakeState, channelId: string, query: URLSearchParams): Reply {
  if (!state.channel(channelId)) return errors.unknownChannel();
  const limit = Math.min(Number(query.get('limit') ?? 50), 100);
  const newestFirst = state.messages.inChannel(channelId).reverse();
  return ok(newestFirst.slice(0, limit));
}
