import {
  connectCallTo,
  equalTo,
  flow,
  gatherInputOnCall,
  recordVoicemail,
  sayPlay,
  splitBasedOn,
  contains,
} from "studiokit";

// The front desk's phone menu: a voice IVR on a number (the numbers: entry of Pulumi.dev.yaml
// points the number's voice webhook at it). Callers press a key or say what they want.
const menu = gatherInputOnCall("menu", {
  say: "Thanks for calling the front desk. For our opening hours, press 1 or say hours. To speak to someone, press 2. To leave a message, press 3.",
  numberOfDigits: 1,
  timeout: 5,
});
const hours = sayPlay("hours", { say: "We are open nine to five, Monday to Friday. Goodbye." });
const person = connectCallTo("front_desk", { noun: "number", to: "+15558675320" });
const thanks = sayPlay("thanks", { say: "Thank you, we will call you back. Goodbye." });
const message = recordVoicemail("message", { timeout: 5, maxLength: 120 });
const goodbye = sayPlay("goodbye", { say: "Sorry, that is not an option. Goodbye." });
message.on("recordingComplete", thanks);

menu.on(
  "keypress",
  splitBasedOn("key", { input: menu.Digits })
    .when(equalTo(1), hours)
    .when(equalTo(2), person)
    .when(equalTo(3), message)
    .otherwise(goodbye),
);
menu.on(
  "speech",
  splitBasedOn("words", { input: menu.SpeechResult }).when(contains("hour"), hours).otherwise(goodbye),
);
menu.on("timeout", goodbye);

export default flow({ description: "Front desk phone menu", on: { incomingCall: menu } });
