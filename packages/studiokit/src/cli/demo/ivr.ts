import { connectCallTo, equalTo, flow, gatherInputOnCall, sayPlay, splitBasedOn } from "../../builder";

// The kit's own copy of the example voice IVR (a project keeps its copy in flows/front-desk.ts):
// what `studiokit demo` puts on its number, whatever the project's flows/ holds.
const menu = gatherInputOnCall("menu", {
  say: "Thanks for calling the front desk. For our opening hours, press 1. To speak to someone, press 2.",
  numberOfDigits: 1,
  timeout: 5,
});
const hours = sayPlay("hours", { say: "We are open nine to five, Monday to Friday. Goodbye." });
const person = connectCallTo("front_desk", { noun: "number", to: "+15558675320" });
const goodbye = sayPlay("goodbye", { say: "Sorry, that is not an option. Goodbye." });

menu.on(
  "keypress",
  splitBasedOn("choice", { input: menu.Digits })
    .when(equalTo(1), hours)
    .when(equalTo(2), person)
    .otherwise(goodbye),
);
menu.on("timeout", goodbye);

export default flow({ description: "Front desk phone menu", on: { incomingCall: menu } });
