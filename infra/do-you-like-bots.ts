import { type FlowDefinition } from "../src/definition";

/**
 * The tutorial flow ("Connecting Twilio Studio to Conversations"): an Incoming Conversation
 * trigger, a Send & Wait For Reply asking "Hi, do you like bots?", a Split Based On the reply and
 * three Send Message widgets. Studio's JSON, kept here until the builder version
 * (flows/do-you-like-bots.ts) is merged; infra/program.ts then imports that one instead.
 */
export const tutorialFlow: FlowDefinition = {
  description: "A New Flow",
  states: [
    {
      name: "Trigger",
      type: "trigger",
      transitions: [
        {
          event: "incomingMessage",
        },
        {
          event: "incomingCall",
        },
        {
          next: "send_and_reply_1",
          event: "incomingConversationMessage",
        },
        {
          event: "incomingRequest",
        },
        {
          event: "incomingParent",
        },
      ],
      properties: {
        offset: {
          x: 0,
          y: 0,
        },
      },
    },
    {
      name: "send_and_reply_1",
      type: "send-and-wait-for-reply",
      transitions: [
        {
          next: "split_1",
          event: "incomingMessage",
        },
        {
          event: "timeout",
        },
        {
          event: "deliveryFailure",
        },
      ],
      properties: {
        offset: {
          x: 70,
          y: 170,
        },
        service: "{{trigger.message.InstanceSid}}",
        channel: "{{trigger.message.ChannelSid}}",
        from: "{{flow.channel.address}}",
        body: "Hi, do you like bots?",
        timeout: "3600",
      },
    },
    {
      name: "send_message_1",
      type: "send-message",
      transitions: [
        {
          event: "sent",
        },
        {
          event: "failed",
        },
      ],
      properties: {
        offset: {
          x: -280,
          y: 600,
        },
        service: "{{trigger.message.InstanceSid}}",
        channel: "{{trigger.message.ChannelSid}}",
        from: "{{flow.channel.address}}",
        to: "{{contact.channel.address}}",
        body: "👻",
      },
    },
    {
      name: "send_message_2",
      type: "send-message",
      transitions: [
        {
          event: "sent",
        },
        {
          event: "failed",
        },
      ],
      properties: {
        offset: {
          x: 30,
          y: 600,
        },
        service: "{{trigger.message.InstanceSid}}",
        channel: "{{trigger.message.ChannelSid}}",
        from: "{{flow.channel.address}}",
        to: "{{contact.channel.address}}",
        body: "🤖",
      },
    },
    {
      name: "send_message_3",
      type: "send-message",
      transitions: [
        {
          event: "sent",
        },
        {
          event: "failed",
        },
      ],
      properties: {
        offset: {
          x: 340,
          y: 590,
        },
        service: "{{trigger.message.InstanceSid}}",
        channel: "{{trigger.message.ChannelSid}}",
        from: "{{flow.channel.address}}",
        to: "{{contact.channel.address}}",
        body: "👽",
      },
    },
    {
      name: "split_1",
      type: "split-based-on",
      transitions: [
        {
          next: "send_message_1",
          event: "noMatch",
        },
        {
          next: "send_message_2",
          event: "match",
          conditions: [
            {
              friendly_name: "If value matches_any_of yes,Yes",
              arguments: ["{{widgets.send_and_reply_1.inbound.Body}}"],
              type: "matches_any_of",
              value: "yes,Yes",
            },
          ],
        },
        {
          next: "send_message_3",
          event: "match",
          conditions: [
            {
              friendly_name: "If value matches_any_of no,No",
              arguments: ["{{widgets.send_and_reply_1.inbound.Body}}"],
              type: "matches_any_of",
              value: "no,No",
            },
          ],
        },
      ],
      properties: {
        input: "{{widgets.send_and_reply_1.inbound.Body}}",
        offset: {
          x: -100,
          y: 370,
        },
      },
    },
  ],
  initial_state: "Trigger",
  flags: {
    allow_concurrent_calls: true,
  },
};
