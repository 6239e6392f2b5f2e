import {
  type APIModalInteractionResponseCallbackData,
  AttachmentBuilder,
  type ChatInputCommandInteraction,
  ComponentType,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type MessageComponentInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import type { Modal, Reply, Response } from '../commands/types';
import { noMentions } from './client';

/** Interactions that are answered with a message, a modal or an update (autocomplete is answered apart). */
export type RepliableCommandInteraction =
  | ChatInputCommandInteraction
  | ModalSubmitInteraction
  | MessageComponentInteraction;

/** How the router acknowledged an interaction before its answer was ready (see the defer policy in router.ts). */
export type Deferral = 'none' | 'reply' | 'ephemeral-reply' | 'update';

const files = (reply: Reply) =>
  (reply.files ?? []).map(
    (file) =>
      new AttachmentBuilder(file.data, {
        name: file.name,
        ...(file.description ? { description: file.description } : {}),
      }),
  );

/** A new message: what the reply holds, never a mention, and the ephemeral flag when asked. */
export function newMessage(reply: Reply): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    ...(reply.content !== undefined ? { content: reply.content } : {}),
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    files: files(reply),
    allowedMentions: noMentions(),
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** An edit replaces the whole message: what the reply leaves out is cleared. */
export function editedMessage(reply: Reply): InteractionEditReplyOptions {
  return {
    content: reply.content ?? '',
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    ...(reply.files?.length ? { files: files(reply) } : {}),
    allowedMentions: noMentions(),
  };
}

/**
 * The modal as Discord's classic layout: one action row per text input, each input with its own label. Every
 * Discord client, and every tool that speaks the API, understands this shape.
 */
export function toModal(modal: Modal): APIModalInteractionResponseCallbackData {
  return {
    custom_id: modal.customId,
    title: modal.title,
    components: modal.fields.map((field) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: field.id,
          label: field.label,
          style: field.style === 'short' ? TextInputStyle.Short : TextInputStyle.Paragraph,
          required: field.required,
          max_length: field.maxLength,
          ...(field.minLength !== undefined ? { min_length: field.minLength } : {}),
          ...(field.placeholder ? { placeholder: field.placeholder } : {}),
          ...(field.value ? { value: field.value } : {}),
        },
      ],
    })),
  };
}

/**
 * Sends a command's Response as the answer to its interaction. After a deferral the answer goes where the
 * deferral points: a deferred reply is edited (or, for an ephemeral answer, removed and replaced by an
 * ephemeral follow-up, since a public "thinking…" message cannot become ephemeral); after a deferred
 * update, the message the button is on is edited, and a reply becomes a follow-up.
 */
export async function respond(
  interaction: RepliableCommandInteraction,
  response: Response,
  deferral: Deferral = 'none',
): Promise<void> {
  switch (response.type) {
    case 'modal': {
      if (deferral !== 'none' || interaction.isModalSubmit()) {
        throw new Error(`cannot open modal ${response.modal.customId}: the interaction was already answered`);
      }
      await interaction.showModal(toModal(response.modal));
      return;
    }
    case 'update': {
      if (interaction.isMessageComponent()) {
        if (deferral === 'update') await interaction.editReply(editedMessage(response.reply));
        else if (deferral === 'none') await interaction.update(editedMessage(response.reply));
        else await sendReply(interaction, response.reply, deferral);
        return;
      }
      if (interaction.isModalSubmit() && interaction.isFromMessage() && deferral === 'none') {
        await interaction.update(editedMessage(response.reply));
        return;
      }
      // A chat command has no message of its own to update: the update is a new reply.
      await sendReply(interaction, response.reply, deferral);
      return;
    }
    case 'reply':
      await sendReply(interaction, response.reply, deferral);
  }
}

async function sendReply(
  interaction: RepliableCommandInteraction,
  reply: Reply,
  deferral: Deferral,
): Promise<void> {
  if (deferral === 'none') {
    await interaction.reply(newMessage(reply));
    return;
  }
  // An ephemeral deferral is answered in place: only the member saw "thinking…", and only they see this.
  if ((deferral === 'reply' && !reply.ephemeral) || deferral === 'ephemeral-reply') {
    await interaction.editReply(editedMessage(reply));
    return;
  }
  if (deferral === 'reply') await interaction.deleteReply();
  await interaction.followUp(newMessage(reply));
}
