import {
  type APIInteractionResponse,
  type APIMessage,
  type APIMessageInteractionMetadata,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
} from 'discord-api-types/v10';
import type { FakeInteraction } from './fake-interaction.js';
import { errors, FormErrors, NO_CONTENT, ok, type Reply } from './http.js';
import { recordMessage } from './messages.js';
import { type Route, type RouteContext, route } from './router.js';
import type { FakeState } from './state.js';
import type { MessageBody, MessageSource, UploadedFile } from './types.js';
import { validateMessage } from './validation.js';

/** Interaction callbacks and the interaction webhook (follow-ups, `@original`). Both authenticate by token. */
export function interactionRoutes(state: FakeState): Route[] {
  const open = { auth: false };
  return [
    route('POST', '/interactions/:interactionId/:token/callback', (c) => callback(state, c), open),
    route('POST', '/webhooks/:applicationId/:token', (c) => followUp(state, c), open),
    route(
      'GET',
      '/webhooks/:applicationId/:token/messages/:messageId',
      (c) => withWebhookMessage(state, c, ok),
      open,
    ),
    route(
      'PATCH',
      '/webhooks/:applicationId/:token/messages/:messageId',
      (c) => editWebhookMessage(state, c),
      open,
    ),
    route(
      'DELETE',
      '/webhooks/:applicationId/:token/messages/:messageId',
      (c) =>
        withWebhookMessage(state, c, (message) => {
          state.messages.delete(message.id);
          return NO_CONTENT;
        }),
      open,
    ),
  ];
}

// ---------------------------------------------------------------- callback

function callback(state: FakeState, { params, body, files, query }: RouteContext): Reply {
  const interaction = state.findInteraction(params.interactionId ?? '', params.token ?? '');
  if (!interaction) return errors.unknownInteraction();
  if (interaction.acknowledged) {
    interaction.noteRefusal('40060 Interaction has already been acknowledged');
    return errors.alreadyAcknowledged();
  }
  const elapsed = Date.now() - interaction.createdAt;
  if (elapsed > state.callbackDeadlineMs) {
    interaction.noteRefusal(
      `10062 Unknown interaction: answered after ${elapsed} ms, the limit is ${state.callbackDeadlineMs} ms`,
    );
    return errors.unknownInteraction();
  }
  const response = body as APIInteractionResponse | undefined;
  const refusal = response ? interaction.refusal(response.type) : 'A callback type is required';
  if (!response || refusal) {
    interaction.noteRefusal(`50035 ${refusal}`);
    const formErrors = new FormErrors();
    formErrors.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', refusal ?? 'invalid');
    return formErrors.toReply();
  }
  const data = ('data' in response ? (response.data ?? {}) : {}) as MessageBody;
  const result = applyCallback(state, interaction, response.type, data, files);
  if ('status' in result) {
    interaction.noteRefusal(`${result.status} ${JSON.stringify(result.body)}`);
    return result;
  }
  interaction.recordCallback({ ...response, files });
  if (query.get('with_response') !== 'true') return NO_CONTENT;
  return ok(callbackResponse(interaction, response.type, result.message));
}

type CallbackResult = { message: APIMessage | undefined } | Reply;

function applyCallback(
  state: FakeState,
  interaction: FakeInteraction,
  type: InteractionResponseType,
  data: MessageBody,
  files: UploadedFile[],
): CallbackResult {
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource: {
      const invalid = validateMessage(data, files, { isEdit: false });
      if (invalid) return invalid;
      const message = createInteractionMessage(state, interaction, data, files, 0);
      interaction.originalMessageId = message.id;
      interaction.recordMessage(recordMessage('reply', message, data, files));
      return { message };
    }
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const ephemeral = (data.flags ?? 0) & MessageFlags.Ephemeral;
      const message = createInteractionMessage(state, interaction, {}, [], MessageFlags.Loading | ephemeral);
      interaction.originalMessageId = message.id;
      return { message };
    }
    case InteractionResponseType.Modal:
      state.rememberModal(String((data as { custom_id?: unknown }).custom_id), interaction);
      return { message: undefined };
    case InteractionResponseType.DeferredMessageUpdate:
      interaction.originalMessageId = interaction.sourceMessageId;
      return { message: undefined };
    case InteractionResponseType.UpdateMessage: {
      const invalid = validateMessage(data, files, { isEdit: true });
      if (invalid) return invalid;
      const message = state.messages.edit(interaction.sourceMessageId ?? '', data, files);
      interaction.originalMessageId = message.id;
      interaction.recordMessage(recordMessage('update', message, data, files));
      return { message };
    }
    default:
      return { message: undefined };
  }
}

function createInteractionMessage(
  state: FakeState,
  interaction: FakeInteraction,
  body: MessageBody,
  files: UploadedFile[],
  flags: number,
): APIMessage {
  const { payload } = interaction;
  const user = payload.member?.user ?? payload.user;
  return state.messages.create({
    channelId: payload.channel?.id ?? '',
    author: state.botUser,
    body,
    files,
    flags,
    type:
      payload.type === InteractionType.ApplicationCommand
        ? MessageType.ChatInputCommand
        : MessageType.Default,
    applicationId: state.applicationId,
    webhookId: state.applicationId,
    interactionMetadata: {
      id: payload.id,
      type: payload.type,
      user,
      authorizing_integration_owners: payload.authorizing_integration_owners,
    } as APIMessageInteractionMetadata,
  });
}

/** The body Discord returns for `?with_response=true`. */
function callbackResponse(
  interaction: FakeInteraction,
  type: InteractionResponseType,
  message: APIMessage | undefined,
) {
  const flags = message?.flags ?? 0;
  return {
    interaction: {
      id: interaction.id,
      type: interaction.payload.type,
      ...(message
        ? {
            response_message_id: message.id,
            response_message_loading: (flags & MessageFlags.Loading) !== 0,
            response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
          }
        : {}),
    },
    resource: { type, ...(message ? { message } : {}) },
  };
}

// ---------------------------------------------------------------- webhook

function webhookInteraction(state: FakeState, params: Record<string, string>): FakeInteraction | undefined {
  if (params.applicationId !== state.applicationId) return undefined;
  const interaction = state.findInteractionByToken(params.token ?? '');
  // Until the interaction is acknowledged, its webhook does not exist yet.
  return interaction?.acknowledged ? interaction : undefined;
}

/**
 * POST /webhooks/:app/:token. The first follow-up after a deferred reply replaces the "thinking…"
 * message, as on Discord; later ones are new messages.
 */
function followUp(state: FakeState, { params, body, files, query }: RouteContext): Reply {
  const interaction = webhookInteraction(state, params);
  if (!interaction) return errors.unknownWebhook();
  const data = (body ?? {}) as MessageBody;
  const invalid = validateMessage(data, files, { isEdit: false });
  if (invalid) return invalid;
  const original = interaction.originalMessageId
    ? state.messages.get(interaction.originalMessageId)
    : undefined;
  const message =
    original && (original.flags ?? 0) & MessageFlags.Loading
      ? state.messages.edit(original.id, data, files)
      : createInteractionMessage(state, interaction, data, files, 0);
  record(interaction, 'follow-up', message, data, files);
  return query.get('wait') === 'true' ? ok(message) : NO_CONTENT;
}

function editWebhookMessage(state: FakeState, context: RouteContext): Reply {
  return withWebhookMessage(state, context, (message, interaction) => {
    const data = (context.body ?? {}) as MessageBody;
    const invalid = validateMessage(data, context.files, { isEdit: true });
    if (invalid) return invalid;
    const edited = state.messages.edit(message.id, data, context.files);
    record(interaction, 'edit', edited, data, context.files);
    return ok(edited);
  });
}

function withWebhookMessage(
  state: FakeState,
  { params }: RouteContext,
  use: (message: APIMessage, interaction: FakeInteraction) => Reply,
): Reply {
  const interaction = webhookInteraction(state, params);
  if (!interaction) return errors.unknownWebhook();
  const id = params.messageId === '@original' ? interaction.originalMessageId : params.messageId;
  const message = id ? state.messages.get(id) : undefined;
  return message ? use(message, interaction) : errors.unknownMessage();
}

function record(
  interaction: FakeInteraction,
  source: MessageSource,
  message: APIMessage,
  body: MessageBody,
  files: UploadedFile[],
): void {
  interaction.recordMessage(recordMessage(source, message, body, files));
}
