/**
 * Who takes part in `studiokit demo`: Twilio's documentation numbers. The account is the demo
 * emulator's own, made up and fixed so `studiokit chat` can be pointed at a kept demo; its token
 * guards nothing but a local emulator and is not a Twilio credential.
 */
export const cast = {
  accountSid: "AC" + "de".repeat(16),
  authToken: "studiokit-demo",
  /**
   * The Twilio number the tutorial runs on (wiring 1's address, wiring 2's proxy address); its
   * voice webhook runs the IVR.
   */
  number: "+15017122661",
  /** Contacts: two new ones for wiring 1, the hand-made conversation's participant, a silent one. */
  likesBots: "+15558675310",
  dislikesBots: "+15558675311",
  manual: "+15558675312",
  silent: "+15558675313",
  /** Who `studiokit chat` talks as, after the demo. */
  you: "+15558675399",
  /** Who calls the number, for the voice IVR. */
  caller: "+15558675314",
  flowName: "Do you like bots?",
  conversationName: "Do you like bots? (manual wiring)",
  ivrName: "Front desk",
} as const;
