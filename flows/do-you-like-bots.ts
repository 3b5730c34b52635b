import { flow, matchesAnyOf, sendAndWaitForReply, sendMessage, splitBasedOn } from "studiokit";

// Twilio's tutorial flow, "do you like bots?", with the widget names of its console export.
const ask = sendAndWaitForReply("send_and_reply_1", { body: "Hi, do you like bots?", timeout: 3600 });
const ghost = sendMessage("send_message_1", { body: "👻" });
const robot = sendMessage("send_message_2", { body: "🤖" });
const alien = sendMessage("send_message_3", { body: "👽" });

ask.on(
  "incomingMessage",
  splitBasedOn("split_1", { input: ask.inbound.Body })
    .when(matchesAnyOf("yes", "Yes"), robot)
    .when(matchesAnyOf("no", "No"), alien)
    .otherwise(ghost),
);

export default flow({ description: "A New Flow", on: { incomingConversationMessage: ask } });
